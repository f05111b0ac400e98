// A singleton webview panel that re-renders itself from the language server: debounced refresh on document edits,
// saves, YAML file changes and settings changes (only while visible; a hidden panel refreshes when shown again),
// cancellation of superseded requests, and the few messages the webview may send (validated).
import * as vscode from 'vscode';
import type { ArgoClient } from '../client';
import { makeNonce, messagePage, type PageOptions } from './html';

export interface RenderContext {
  token: vscode.CancellationToken;
  page: PageOptions;
}

export interface PanelSpec {
  viewType: string;
  title: string;
  /** Produces the page (throws → an error page). */
  render(ctx: RenderContext): Promise<string>;
  /** Extra messages from the webview (besides open / refresh / settings). */
  onMessage?(msg: Record<string, string>): void;
  /** Which document changes should trigger a refresh. */
  affects(doc: vscode.TextDocument): boolean;
  settingsQuery?: string;
  debounceMs?: number;
  /** Files whose creation / deletion / change on disk triggers a refresh. */
  watchGlob: string;
}

export class LivePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private cts: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  private readonly subs: vscode.Disposable[] = [];
  /** Set after each render; the id to scroll to once the page is there. */
  pendingFocus: string | undefined;

  constructor(private readonly context: vscode.ExtensionContext, readonly client: ArgoClient, private readonly spec: PanelSpec) {}

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      void this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, this.spec.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'resources', 'icon.png');
    this.panel = panel;
    panel.webview.html = messagePage(this.pageOptions(panel), this.spec.title, 'Computing…');
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.subs);
    panel.onDidChangeViewState(() => {
      if (panel.visible && this.stale) void this.refresh();
    }, undefined, this.subs);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.cts?.cancel();
      clearTimeout(this.timer);
      for (const s of this.subs.splice(0)) s.dispose();
    }, undefined, this.context.subscriptions);
    const later = (): void => this.schedule();
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.spec.affects(e.document)) later();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.spec.affects(d)) later();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('argoTriggers')) later();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(this.spec.watchGlob);
    this.subs.push(watcher, watcher.onDidCreate(later), watcher.onDidDelete(later), watcher.onDidChange(later));
    void this.refresh();
  }

  /** Debounced refresh (or marks the panel stale while hidden). */
  schedule(): void {
    if (!this.panel) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.spec.debounceMs ?? 400);
  }

  async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    this.cts?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.cts = cts;
    const page = this.pageOptions(panel);
    let html: string;
    try {
      html = await this.spec.render({ token: cts.token, page });
    } catch (e) {
      if (cts.token.isCancellationRequested) return;
      const msg = e instanceof Error ? e.message : String(e);
      this.client.log.error(`${this.spec.title}: ${msg}`);
      html = messagePage(page, this.spec.title, `Could not compute the view: ${msg}`, true);
    }
    if (cts.token.isCancellationRequested || this.panel !== panel) return;
    panel.webview.html = html;
    if (this.pendingFocus) {
      const id = this.pendingFocus;
      this.pendingFocus = undefined;
      // the new page needs a moment to load its script
      setTimeout(() => void panel.webview.postMessage({ type: 'focus', id }), 300);
    }
  }

  private pageOptions(panel: vscode.WebviewPanel): PageOptions {
    return { nonce: makeNonce(), cspSource: panel.webview.cspSource, title: this.spec.title };
  }

  private onMessage(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const msg: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') msg[k] = v;
    switch (msg.type) {
      case 'refresh':
        void this.refresh();
        return;
      case 'settings':
        void vscode.commands.executeCommand('workbench.action.openSettings', this.spec.settingsQuery ?? 'argoTriggers');
        return;
      case 'open':
        void openAt(msg.uri, Number(msg.line));
        return;
      default:
        this.spec.onMessage?.(msg);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** Opens a workspace document at a line (in the first editor column). Only file/untitled URIs are accepted. */
export async function openAt(uri: string | undefined, line: number): Promise<void> {
  if (!uri) return;
  let u: vscode.Uri;
  try {
    u = vscode.Uri.parse(uri, true);
  } catch {
    return;
  }
  if (u.scheme !== 'file' && u.scheme !== 'untitled' && u.scheme !== 'vscode-remote') return;
  const l = Number.isInteger(line) && line >= 0 ? line : 0;
  const pos = new vscode.Position(l, 0);
  await vscode.window.showTextDocument(u, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One, preview: true });
}

export const isYaml = (d: vscode.TextDocument): boolean => d.languageId === 'yaml' || /\.ya?ml$/i.test(d.fileName);
