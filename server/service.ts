// The language service: everything the server does, as plain async functions over TextDocuments — no connection.
// server/main.ts translates LSP messages to these calls; tests call them directly.
// Every public method is guarded: an exception is logged and becomes an empty result (the server never crashes).
import { promises as fs } from 'node:fs';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, Hover, Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CoreApi, ParsedFileLike, Zone } from './coreApi';
import { chunkSource, type Logger, type ServiceContext } from './context';
import { DocumentCache, type ChunkState, type DocState } from './documentCache';
import { computeCodeActions } from './handlers/codeActions';
import { computeCodeLenses } from './handlers/codeLens';
import { computeCompletion } from './handlers/completion';
import { computeDiagnostics, type DiagnosticsOutcome } from './handlers/diagnostics';
import { computeHover } from './handlers/hover';
import { computeMatch, listSamples, type FileSource } from './handlers/match';
import { computeTimeline } from './handlers/timeline';
import type { ArgoTriggersSettings, MatchEventParams, MatchEventResult, SampleEventsResult, TimelineParams, TimelineResult } from './protocol';
import { DEFAULT_SETTINGS } from './settings';
import { globToRegExp } from './text';
import { uriToPath, WorkspaceIndex, type ScanResult } from './workspaceIndex';

export interface ServiceOptions {
  core: CoreApi;
  /** The user's IANA zone for hover (default: this process's zone). */
  userTimeZone?: string;
  now?: () => number;
  log?: Logger;
  /** Settings per resource (default: the defaults). */
  settings?: (uri: string) => Promise<ArgoTriggersSettings>;
}

const DISK_CACHE_MAX = 256;

export class ArgoTriggersService {
  readonly ctx: ServiceContext;
  readonly index: WorkspaceIndex;
  private readonly open = new Map<string, TextDocument>();
  private readonly diskCache = new DocumentCache();
  private readonly zones = new Map<string, Zone | undefined>();
  private readonly memoMap = new Map<string, unknown>();
  private readonly log: Logger;
  private userZoneValue: Zone | undefined;
  settingsFor: (uri: string) => Promise<ArgoTriggersSettings>;
  /** Called after a handler failed (for the status item). */
  onError?: (where: string, e: unknown) => void;

  constructor(private readonly opts: ServiceOptions) {
    this.log = opts.log ?? { error: () => {}, info: () => {} };
    this.settingsFor = opts.settings ?? (async () => DEFAULT_SETTINGS);
    let templates;
    try {
      templates = opts.core.newTemplateIndex();
    } catch (e) {
      this.log.error(`cannot create the template index: ${(e as Error).message}`);
      templates = { update() {}, remove() {}, find: () => undefined, all: () => [] };
    }
    this.index = new WorkspaceIndex(templates, (m) => this.log.error(m));
    const self = this;
    this.ctx = {
      core: opts.core,
      cache: new DocumentCache(),
      index: this.index,
      now: opts.now ?? (() => Date.now()),
      userZone: () => self.userZone(),
      zone: (name) => self.zone(name),
      parsed: (st) => self.parsedFile(st)?.docs ?? [],
      parsedFile: (st) => self.parsedFile(st),
      log: this.log,
      memo: <T>(key: string, fn: () => T): T => {
        if (self.memoMap.has(key)) return self.memoMap.get(key) as T;
        const v = fn();
        if (self.memoMap.size >= 4000) self.memoMap.clear();
        self.memoMap.set(key, v);
        return v;
      },
    };
  }

  // ------------------------------------------------------------------ documents

  didOpen(doc: TextDocument): void {
    this.open.set(doc.uri, doc);
    this.index.setOpen(doc.uri, true);
    this.feed(doc);
  }

  /** Returns true when the template index changed (the caller should refresh diagnostics of other documents). */
  didChange(doc: TextDocument): boolean {
    this.open.set(doc.uri, doc);
    return this.feed(doc);
  }

  /** Resolves to true when the template index changed (the closed text had unsaved template edits, or the file is
   *  gone): the caller should refresh diagnostics of other documents. */
  async didClose(uri: string): Promise<boolean> {
    this.open.delete(uri);
    // at once, not after the settings: watched-file events count again, and the index lets go of the chunk states
    this.index.setOpen(uri, false);
    this.ctx.cache.delete(uri);
    const settings = await this.settingsFor(uri);
    // reopened meanwhile: the open text is what counts
    if (this.open.has(uri)) return false;
    return this.guard('close', false, () => this.index.closed(uri, settings.maxFileSizeKb * 1024));
  }

  private feed(doc: TextDocument): boolean {
    return this.guardSync('index', false, () => {
      if (/\.json$/i.test(doc.uri)) {
        if (this.index.isSample(doc.uri)) this.index.setSample(doc.uri, doc.getText());
        return false;
      }
      // the index parses template documents through the chunk cache, so lint and hover reuse those parses
      return this.index.setYaml(doc.uri, doc.getText(), chunkSource(this.ctx, this.ctx.cache.get(doc)));
    });
  }

  // ------------------------------------------------------------------ language features

  async diagnostics(doc: TextDocument, isCancelled?: () => boolean): Promise<DiagnosticsOutcome> {
    const empty: DiagnosticsOutcome = { items: [], resultId: '', linted: 0, chunks: 0 };
    if (!this.isYaml(doc)) return empty;
    const settings = await this.settingsFor(doc.uri);
    return this.guard('diagnostics', empty, () => computeDiagnostics(this.ctx, doc, settings, isCancelled));
  }

  async hover(doc: TextDocument, pos: Position): Promise<Hover | null> {
    if (!this.isYaml(doc)) return null;
    const settings = await this.settingsFor(doc.uri);
    return this.guardSync('hover', null, () => computeHover(this.ctx, doc, pos, settings));
  }

  async completion(doc: TextDocument, pos: Position): Promise<CompletionItem[]> {
    if (!this.isYaml(doc)) return [];
    const settings = await this.settingsFor(doc.uri);
    return this.guardSync('completion', [], () => computeCompletion(this.ctx, doc, pos, settings));
  }

  async codeActions(doc: TextDocument, range: Range, only?: string[]): Promise<CodeAction[]> {
    if (!this.isYaml(doc)) return [];
    const settings = await this.settingsFor(doc.uri);
    return this.guard('codeActions', [], () => computeCodeActions(this.ctx, doc, range, settings, only));
  }

  async codeLenses(doc: TextDocument): Promise<CodeLens[]> {
    if (!this.isYaml(doc)) return [];
    const settings = await this.settingsFor(doc.uri);
    return this.guardSync('codeLens', [], () => computeCodeLenses(this.ctx, doc, settings));
  }

  async matchEvent(params: MatchEventParams, isCancelled?: () => boolean): Promise<MatchEventResult> {
    return this.guard('matchEvent', { matches: [], errors: ['internal error (see the server log)'] }, () => computeMatch(this.ctx, this.files(), params, isCancelled));
  }

  async timeline(params: TimelineParams, isCancelled?: () => boolean): Promise<TimelineResult> {
    const now = this.ctx.now();
    return this.guard('timeline', { from: params?.from ?? now, until: params?.until ?? now, crons: [] }, () => computeTimeline(this.ctx, this.files(), params, isCancelled));
  }

  sampleEvents(): SampleEventsResult {
    return this.guardSync('sampleEvents', { samples: [] }, () => listSamples(this.ctx));
  }

  // ------------------------------------------------------------------ workspace

  async scanWorkspace(folders: string[], settings: ArgoTriggersSettings, progress?: (done: number, msg: string) => void, isCancelled?: () => boolean): Promise<ScanResult> {
    const empty: ScanResult = { files: 0, templates: 0, samples: 0, truncated: false, cancelled: false };
    return this.guard('scan', empty, () => this.index.scan(folders, {
      maxFiles: settings.index.maxFiles,
      maxBytes: settings.maxFileSizeKb * 1024,
      sampleRe: globToRegExp(settings.sampleEvents.glob),
    }, progress, isCancelled));
  }

  /** didChangeWatchedFiles. Returns true when the template index changed. */
  async fileChanged(uri: string, deleted: boolean, settings: ArgoTriggersSettings): Promise<boolean> {
    this.diskCache.delete(uri);
    return this.guard('watchedFiles', false, async () => (deleted ? this.index.remove(uri) : this.index.refreshFromDisk(uri, settings.maxFileSizeKb * 1024)));
  }

  openDocuments(): TextDocument[] {
    return [...this.open.values()];
  }

  // ------------------------------------------------------------------ internals

  private isYaml(doc: TextDocument): boolean {
    return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri) || doc.languageId === 'argo-yaml';
  }

  private userZone(): Zone {
    if (this.userZoneValue) return this.userZoneValue;
    let name = this.opts.userTimeZone;
    if (!name) {
      try { name = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { name = undefined; }
    }
    this.userZoneValue = (name && this.zone(name)) || this.zone('Local') || this.zone('UTC') || { name: 'UTC', offsetAt: () => 0 };
    return this.userZoneValue;
  }

  private zone(name: string): Zone | undefined {
    if (this.zones.has(name)) return this.zones.get(name);
    let z: Zone | undefined;
    try {
      const r = this.opts.core.loadZone(name);
      z = r.ok ? r.zone : undefined;
    } catch {
      z = undefined;
    }
    if (this.zones.size > 1000) this.zones.clear();
    this.zones.set(name, z);
    return z;
  }

  private parsedFile(st: ChunkState): ParsedFileLike | undefined {
    if (st.parsed === undefined) {
      try {
        const r = this.opts.core.parseFile(st.text);
        st.parsed = r && Array.isArray(r.docs) ? r : { docs: [], lineStarts: [] };
      } catch (e) {
        this.log.error(`parseFile failed: ${(e as Error).message}`);
        st.parsed = null;
      }
    }
    return st.parsed ?? undefined;
  }

  private files(): FileSource {
    return {
      text: async (uri) => {
        const open = this.open.get(uri);
        if (open) return { text: open.getText(), state: this.ctx.cache.get(open), doc: open };
        const p = uriToPath(uri);
        if (!p) return undefined;
        const settings = await this.settingsFor(uri);
        try {
          const st = await fs.stat(p);
          if (!st.isFile() || st.size > settings.maxFileSizeKb * 1024) return undefined;
          const text = await fs.readFile(p, 'utf8');
          if (this.diskCache.size > DISK_CACHE_MAX) this.diskCache.clearAll();
          const state: DocState = this.diskCache.getText(uri, -1, text);
          return { text, state, doc: TextDocument.create(uri, 'yaml', 0, text) };
        } catch {
          return undefined;
        }
      },
      settings: (uri) => this.settingsFor(uri),
      urisWithKind: (kind) => {
        const set = new Set(this.index.filesWithKind(kind));
        for (const [uri, d] of this.open) if (new RegExp(`^kind:[ \\t]*["']?${kind}\\b`, 'm').test(d.getText())) set.add(uri);
        return [...set].sort();
      },
    };
  }

  private async guard<T>(where: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.log.error(`${where} failed: ${(e as Error)?.stack ?? e}`);
      this.onError?.(where, e);
      return fallback;
    }
  }

  private guardSync<T>(where: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.log.error(`${where} failed: ${(e as Error)?.stack ?? e}`);
      this.onError?.(where, e);
      return fallback;
    }
  }
}
