// Command "Argo: Preview Event Match": takes a sample event (the active *.event.json editor, a file given by the
// explorer / code lens, or one picked), asks the server which WorkflowEventBindings match (argoTriggers/matchEvent),
// and shows clause-by-clause results, parameters, the Workflows that would be created and a binding → template graph.
// Model and HTML: eventPreviewModel.ts / eventPreviewHtml.ts (pure).
import * as vscode from 'vscode';
import { MatchEventRequest, SampleEventsRequest, type ArgoEvent } from '../../server/protocol';
import type { ArgoClient } from '../client';
import type { BindingSource, TemplateSource } from './eventPreviewModel';
import { messagePage } from './html';
import { isYaml, LivePanel } from './panel';

export const EVENT_PREVIEW_TITLE = 'Event match preview';

/** The model and HTML modules (and the YAML parser they use) load on first use, not at activation. */
const lazy = async () => {
  const [model, html, ws] = await Promise.all([import('./eventPreviewModel'), import('./eventPreviewHtml'), import('../../server/workspaceIndex')]);
  return { ...model, ...html, parseSampleEvent: ws.parseSampleEvent };
};

export const PREVIEW_EVENT_COMMAND = 'argoTriggers.previewEventMatch';
/** Used by the server's code lenses on bindings: [bindingUri, sampleUri, bindingName]. */
export const SHOW_MATCH_COMMAND = 'argoTriggers.showMatch';

const MAX_TEMPLATE_FILES = 2000;
const MAX_FILE_BYTES = 2 << 20;

export function registerEventPreview(context: vscode.ExtensionContext, client: ArgoClient): void {
  let sample: vscode.Uri | undefined;
  /** A binding to scroll to once the next page is rendered (from the code lens). */
  let focus: { uri: string; name?: string } | undefined;
  const templateCache = new Map<string, { mtime: number; size: number; templates: TemplateSource[] }>();

  const panel = new LivePanel(context, client, {
    viewType: 'argoTriggers.eventPreview',
    title: EVENT_PREVIEW_TITLE,
    settingsQuery: 'argoTriggers.sampleEvents',
    watchGlob: '**/*.{yaml,yml,json}',
    affects: (d) => isYaml(d) || (!!sample && d.uri.toString() === sample.toString()),
    onMessage: (m) => {
      if (m.type === 'pick') void pickSample().then((u) => u && ((sample = u), panel.show()));
    },
    render: async ({ token, page }) => {
      if (!sample) return messagePage(page, EVENT_PREVIEW_TITLE, 'No sample event chosen.');
      const { bindingKey, bindingSourceAt, buildEventPreview, renderEventPreviewHtml, parseSampleEvent } = await lazy();
      const label = vscode.workspace.asRelativePath(sample);
      const t0 = performance.now();
      const text = await readText(sample);
      const parsed = text === undefined ? { error: `cannot read ${label}` } : parseSampleEvent(text);
      if ('error' in parsed) {
        return renderEventPreviewHtml(buildEventPreview({ matches: [], errors: [`${label}: ${parsed.error}`] }, { sourceLabel: label }), page);
      }
      const event: ArgoEvent = parsed.event;
      const result = await client.sendRequest(MatchEventRequest, { event }, token);
      const t1 = performance.now();
      // What the answer lacks for the graph: each binding's template ref (also for non-matches), and the templates.
      const sources = new Map<string, BindingSource>();
      const texts = new Map<string, string | undefined>();
      for (const m of result.matches) {
        if (!texts.has(m.uri)) texts.set(m.uri, await readText(vscode.Uri.parse(m.uri)));
        const t = texts.get(m.uri);
        if (t !== undefined) sources.set(bindingKey(m), bindingSourceAt(t, m.binding.range));
      }
      const templates = await workspaceTemplates(templateCache, token, (await lazy()).templatesInText);
      const t2 = performance.now();
      const view = buildEventPreview(result, { sourceLabel: label, sources, templates });
      if (focus) {
        const f = focus;
        focus = undefined;
        const b = view.bindings.find((x) => x.uri === f.uri && (f.name === undefined || x.name === f.name));
        if (b) panel.pendingFocus = b.key;
      }
      const html = renderEventPreviewHtml(view, { ...page, footer: `Server ${(t1 - t0).toFixed(0)} ms · workspace templates ${(t2 - t1).toFixed(0)} ms · updated ${new Date().toLocaleTimeString()}` });
      client.log.info(`event preview (${label}): ${view.counts.matched}/${view.counts.total} binding(s) matched; request ${(t1 - t0).toFixed(1)} ms, templates ${(t2 - t1).toFixed(1)} ms (${templates.length})`);
      return html;
    },
  });

  const open = async (arg?: unknown): Promise<void> => {
    const u = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? safeUri(arg) : activeSample() ?? (await pickSample());
    if (!u) return;
    sample = u;
    panel.show();
  };

  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(PREVIEW_EVENT_COMMAND, open),
    vscode.commands.registerCommand(SHOW_MATCH_COMMAND, async (bindingUri?: unknown, sampleUri?: unknown, bindingName?: unknown) => {
      focus = typeof bindingUri === 'string' ? { uri: bindingUri, name: typeof bindingName === 'string' ? bindingName : undefined } : undefined;
      await open(typeof sampleUri === 'string' ? sampleUri : undefined);
    }),
  );

  async function pickSample(): Promise<vscode.Uri | undefined> {
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri; browse?: boolean };
    const items: Item[] = [];
    try {
      const r = await client.sendRequest(SampleEventsRequest, {});
      for (const s of r.samples) {
        const u = safeUri(s.uri);
        if (!u) continue;
        items.push({ label: vscode.workspace.asRelativePath(u), description: s.error ? `invalid: ${s.error}` : s.event ? `namespace ${s.event.namespace || '(empty)'}` : undefined, uri: u });
      }
    } catch (e) {
      client.log.warn(`sample events: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!items.length) {
      const glob = vscode.workspace.getConfiguration('argoTriggers').get<string>('sampleEvents.glob', '**/*.event.json');
      for (const u of await vscode.workspace.findFiles(glob, '**/node_modules/**', 200)) items.push({ label: vscode.workspace.asRelativePath(u), uri: u });
    }
    items.push({ label: '$(folder-opened) Browse…', description: 'pick a JSON file with {payload, headers, discriminator, namespace}', browse: true });
    const choice = await vscode.window.showQuickPick(items, { title: 'Preview Event Match: choose a sample event', placeHolder: 'a *.event.json file' });
    if (!choice) return undefined;
    if (!choice.browse) return choice.uri;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Sample event': ['json'] }, openLabel: 'Preview match' });
    return picked?.[0];
  }
}

function activeSample(): vscode.Uri | undefined {
  const d = vscode.window.activeTextEditor?.document;
  return d && /\.json$/i.test(d.fileName) && /\.event\.json$/i.test(d.fileName) ? d.uri : undefined;
}

function safeUri(s: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(s, true);
  } catch {
    return undefined;
  }
}

/** Editor text for open documents (unsaved edits count), else the file (bounded). */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.size > MAX_FILE_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** (Cluster)WorkflowTemplates in the workspace's YAML files (bounded; cached by mtime and size). */
async function workspaceTemplates(
  cache: Map<string, { mtime: number; size: number; templates: TemplateSource[] }>,
  token: vscode.CancellationToken,
  templatesInText: (text: string, uri: string) => TemplateSource[],
): Promise<TemplateSource[]> {
  const uris = await vscode.workspace.findFiles('**/*.{yaml,yml}', '{**/node_modules/**,**/.git/**}', MAX_TEMPLATE_FILES, token);
  const out: TemplateSource[] = [];
  const seen = new Set<string>();
  for (const u of uris) {
    if (token.isCancellationRequested) break;
    const key = u.toString();
    seen.add(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open) {
      out.push(...templatesInText(open.getText(), key));
      continue;
    }
    try {
      const st = await vscode.workspace.fs.stat(u);
      const c = cache.get(key);
      if (c && c.mtime === st.mtime && c.size === st.size) {
        out.push(...c.templates);
        continue;
      }
      const templates = st.size > MAX_FILE_BYTES ? [] : templatesInText(new TextDecoder().decode(await vscode.workspace.fs.readFile(u)), key);
      cache.set(key, { mtime: st.mtime, size: st.size, templates });
      out.push(...templates);
    } catch {
      // unreadable: skip
    }
  }
  for (const k of [...cache.keys()]) if (!seen.has(k)) cache.delete(k);
  return out;
}
