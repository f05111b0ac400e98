// Findings → LSP diagnostics, chunk by chunk, cached per chunk text + settings + template-index version.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../coreApi';
import type { ServiceContext } from '../context';
import { chunkSource, Yielder } from '../context';
import type { ChunkState, DocState } from '../documentCache';
import { referencedNames } from '../workspaceIndex';
import type { ArgoTriggersSettings } from '../protocol';
import { diagnosticsKey } from '../settings';

export const SOURCE = 'argo-triggers';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Findings depend on the clock (next fires, DST in the next year): results are re-computed every hour. */
export function lintKey(ctx: ServiceContext, settings: ArgoTriggersSettings): string {
  return `${diagnosticsKey(settings)}|i${ctx.index.version}|h${Math.floor(ctx.now() / 3_600_000)}`;
}

/** Per YAML document: the same, but the index part covers only the templates the document may reference.
 *  `base` = the settings and hour part (the same for every chunk of one pass). */
function chunkKey(ctx: ServiceContext, base: string, state: ChunkState): string {
  if (state.refs === undefined) state.refs = referencedNames(state.text);
  const v = ctx.index.version;
  if (state.deps?.version !== v) state.deps = { version: v, sig: ctx.index.dependencySignature(state.refs) };
  return `${base}|${state.deps.sig}`;
}


export interface DiagnosticsOutcome {
  items: Diagnostic[];
  resultId: string;
  /** chunks linted now (the rest came from the cache) */
  linted: number;
  chunks: number;
  cancelled?: boolean;
}

/** Brings every chunk's cached findings up to date (lints only chunks whose cache entry is stale). */
async function refreshChunks(ctx: ServiceContext, st: DocState, settings: ArgoTriggersSettings,
  isCancelled: () => boolean): Promise<{ linted: number; cancelled?: boolean }> {
  const y = new Yielder();
  let linted = 0;
  const now = ctx.now();
  const base = `${diagnosticsKey(settings)}|h${Math.floor(now / 3_600_000)}`;
  for (const c of st.chunks) {
    const key = chunkKey(ctx, base, c.state);
    if (c.state.findings?.key === key) continue;
    if (y.due()) await y.yield();
    if (isCancelled()) return { linted, cancelled: true };
    let list: Finding[] = [];
    try {
      // a parse the chunk already has (the template index's, hover's, lenses') is reused; otherwise lint parses and the
      // tree is not kept: kept trees outlive the young generation and cost more in GC than parsing again (measured)
      const parsed = c.state.parsed ?? undefined;
      // no `uri`: the core would then ignore this file's index entry, but the index holds this very text (fed just
      // before) and it is how the other YAML documents of the same file see this file's templates
      list = ctx.core.lintText(c.text, { argoVersion: settings.argoVersion, controllerZone: settings.controllerTimezone, now, index: ctx.index.templates, parsed });
      if (!Array.isArray(list)) list = [];
    } catch (e) {
      ctx.log.error(`lint failed in ${st.uri} at offset ${c.start}: ${(e as Error).stack ?? e}`);
    }
    c.state.findings = { key, list };
    linted++;
  }
  return { linted };
}

/** Findings of one document, each with absolute offsets. Lints only chunks whose cache entry is stale. */
export async function documentFindings(ctx: ServiceContext, st: DocState, settings: ArgoTriggersSettings,
  isCancelled: () => boolean = () => false): Promise<{ findings: Finding[]; linted: number; cancelled?: boolean }> {
  const r = await refreshChunks(ctx, st, settings, isCancelled);
  if (r.cancelled) return { findings: [], linted: r.linted, cancelled: true };
  const out: Finding[] = [];
  for (const c of st.chunks) for (const f of c.state.findings!.list) out.push(shift(f, c.start, c.text.length));
  return { findings: out, linted: r.linted };
}

function clampRange(r: { start: number; end: number } | undefined, len: number): { start: number; end: number } {
  const s = Math.max(0, Math.min(len, Number.isFinite(r?.start) ? r!.start : 0));
  const e = Math.max(s, Math.min(len, Number.isFinite(r?.end) ? r!.end : s));
  return { start: s, end: e };
}

function shift(f: Finding, by: number, len: number): Finding {
  const r = clampRange(f.range, len);
  return {
    ...f,
    range: { start: r.start + by, end: r.end + by },
    related: f.related?.map((x) => ({ ...x, range: ((q) => ({ start: q.start + by, end: q.end + by }))(clampRange(x.range, len)) })),
    fixes: f.fixes?.map((fx) => ({ ...fx, edits: (fx.edits ?? []).map((ed) => ({ ...ed, range: ((q) => ({ start: q.start + by, end: q.end + by }))(clampRange(ed.range, len)) })) })),
  };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return toDiagnosticAt(doc, f, 0, Infinity);
}

/** toDiagnostic(doc, shift(f, by, len)) without the intermediate finding: ranges clamped to [0, len], moved by `by`. */
function toDiagnosticAt(doc: TextDocument, f: Finding, by: number, len: number): Diagnostic {
  const r = len === Infinity ? f.range : clampRange(f.range, len);
  const d: Diagnostic = {
    range: { start: doc.positionAt(r.start + by), end: doc.positionAt(r.end + by) },
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.code,
    source: SOURCE,
    message: String(f.message),
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((x): DiagnosticRelatedInformation => {
      const q = len === Infinity ? x.range : clampRange(x.range, len);
      return { location: { uri: doc.uri, range: { start: doc.positionAt(q.start + by), end: doc.positionAt(q.end + by) } }, message: x.message };
    });
  }
  return d;
}

/** The diagnostics of one chunk. Cached on the chunk with its findings list and start line: a chunk that starts a
 *  line (always, except after a U+2028/U+2029 separator, which JS `^` treats as a line start and LSP does not) and
 *  whose text and findings are unchanged has the same positions, moved by as many lines as its start moved. */
function chunkDiagnostics(doc: TextDocument, c: DocState['chunks'][number]): Diagnostic[] {
  const list = c.state.findings!.list;
  const start = doc.positionAt(c.start);
  const cached = c.state.diags;
  if (cached && cached.list === list && cached.uri === doc.uri && start.character === 0) {
    if (cached.line === start.line) return cached.items;
    const items = cached.items.map((x) => moveLines(x, start.line - cached.line));
    c.state.diags = { list, uri: doc.uri, line: start.line, items };
    return items;
  }
  const items = list.map((f) => toDiagnosticAt(doc, f, c.start, c.text.length));
  c.state.diags = start.character === 0 ? { list, uri: doc.uri, line: start.line, items } : undefined;
  return items;
}

function moveLines(d: Diagnostic, by: number): Diagnostic {
  const mv = (r: Diagnostic['range']) => ({ start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } });
  const out: Diagnostic = { ...d, range: mv(d.range) };
  if (d.relatedInformation) out.relatedInformation = d.relatedInformation.map((x) => ({ location: { uri: x.location.uri, range: mv(x.location.range) }, message: x.message }));
  return out;
}

export async function computeDiagnostics(ctx: ServiceContext, doc: TextDocument, settings: ArgoTriggersSettings,
  isCancelled: () => boolean = () => false): Promise<DiagnosticsOutcome> {
  const maxChars = settings.maxFileSizeKb * 1024;
  const st = ctx.cache.get(doc);
  const key = lintKey(ctx, settings);
  if (st.lastResult?.key === key) {
    return { items: st.lastResult.items as Diagnostic[], resultId: st.lastResult.resultId, linted: 0, chunks: st.chunks.length };
  }
  let items: Diagnostic[];
  let linted = 0;
  if (st.text.length > maxChars) {
    items = [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information, code: 'server.fileTooLarge', source: SOURCE,
      message: `This file has ${st.text.length} characters, more than argoTriggers.maxFileSizeKb (${settings.maxFileSizeKb} KB); it was not validated.`,
    }];
  } else {
    // keep the template index in step with the open document before linting references against it
    ctx.index.setYaml(doc.uri, st.text, chunkSource(ctx, st));
    const keyAfter = lintKey(ctx, settings);
    const r = await refreshChunks(ctx, st, settings, isCancelled);
    if (r.cancelled) return { items: [], resultId: '', linted: r.linted, chunks: st.chunks.length, cancelled: true };
    linted = r.linted;
    items = [];
    for (const c of st.chunks) for (const d of chunkDiagnostics(doc, c)) items.push(d);
    if (keyAfter !== key) return finish(st, keyAfter, items, linted);
  }
  return finish(st, key, items, linted);
}

/** Result ids are unique per server process; a result equal to the previous one (this version's or the previous
 *  version's) keeps its id, so a re-validation that finds the same problems answers `unchanged`. */
const ID_PREFIX = Math.floor(Math.random() * 36 ** 6).toString(36);
let idSeq = 0;

function finish(st: DocState, key: string, items: Diagnostic[], linted: number): DiagnosticsOutcome {
  const prev = st.lastResult ?? st.previousResult;
  const resultId = prev && sameItems(prev.items as Diagnostic[], items) ? prev.resultId : `${ID_PREFIX}.${++idSeq}:${items.length}`;
  st.lastResult = { key, resultId, items };
  return { items, resultId, linted, chunks: st.chunks.length };
}

function sameItems(a: Diagnostic[], b: Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameDiagnostic(a[i], b[i])) return false;
  return true;
}

const samePos = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line === q.line && p.character === q.character;
const sameRange = (r: Diagnostic['range'], q: Diagnostic['range']) => samePos(r.start, q.start) && samePos(r.end, q.end);

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (!sameRange(a.range, b.range) || a.severity !== b.severity || a.code !== b.code || a.source !== b.source || a.message !== b.message) return false;
  const x = a.relatedInformation ?? [], y = b.relatedInformation ?? [];
  if (x.length !== y.length || !!a.relatedInformation !== !!b.relatedInformation) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i].message !== y[i].message || x[i].location.uri !== y[i].location.uri || !sameRange(x[i].location.range, y[i].location.range)) return false;
  }
  return true;
}
