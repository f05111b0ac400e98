// Findings → LSP diagnostics, chunk by chunk, cached per chunk text + settings + template-index version.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../coreApi';
import type { ServiceContext } from '../context';
import { Yielder } from '../context';
import type { ChunkState, DocState } from '../documentCache';
import { referencedNames } from '../workspaceIndex';
import type { ArgoTriggersSettings } from '../protocol';
import { diagnosticsKey } from '../settings';
import { hash } from '../text';

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

/** Per YAML document: the same, but the index part covers only the templates the document may reference. */
function chunkKey(ctx: ServiceContext, settings: ArgoTriggersSettings, state: ChunkState): string {
  if (state.refs === undefined) state.refs = referencedNames(state.text);
  return `${diagnosticsKey(settings)}|h${Math.floor(ctx.now() / 3_600_000)}|${ctx.index.dependencySignature(state.refs)}`;
}

export interface DiagnosticsOutcome {
  items: Diagnostic[];
  resultId: string;
  /** chunks linted now (the rest came from the cache) */
  linted: number;
  chunks: number;
  cancelled?: boolean;
}

/** Findings of one document, each with absolute offsets. Lints only chunks whose cache entry is stale. */
export async function documentFindings(ctx: ServiceContext, st: DocState, settings: ArgoTriggersSettings,
  isCancelled: () => boolean = () => false): Promise<{ findings: Finding[]; linted: number; cancelled?: boolean }> {
  const out: Finding[] = [];
  const y = new Yielder();
  let linted = 0;
  for (const c of st.chunks) {
    const key = chunkKey(ctx, settings, c.state);
    if (c.state.findings?.key !== key) {
      await y.maybe();
      if (isCancelled()) return { findings: [], linted, cancelled: true };
      let list: Finding[] = [];
      try {
        // no `uri`: the core would then ignore this file's index entry, but the index holds this very text (fed just
        // before) and it is how the other YAML documents of the same file see this file's templates
        list = ctx.core.lintText(c.text, { argoVersion: settings.argoVersion, controllerZone: settings.controllerTimezone, now: ctx.now(), index: ctx.index.templates });
        if (!Array.isArray(list)) list = [];
      } catch (e) {
        ctx.log.error(`lint failed in ${st.uri} at offset ${c.start}: ${(e as Error).stack ?? e}`);
      }
      c.state.findings = { key, list };
      linted++;
    }
    for (const f of c.state.findings.list) out.push(shift(f, c.start, c.text.length));
  }
  return { findings: out, linted };
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
  const d: Diagnostic = {
    range: { start: doc.positionAt(f.range.start), end: doc.positionAt(f.range.end) },
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.code,
    source: SOURCE,
    message: String(f.message),
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri: doc.uri, range: { start: doc.positionAt(r.range.start), end: doc.positionAt(r.range.end) } },
      message: r.message,
    }));
  }
  return d;
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
    ctx.index.setYaml(doc.uri, st.text);
    const keyAfter = lintKey(ctx, settings);
    const r = await documentFindings(ctx, st, settings, isCancelled);
    if (r.cancelled) return { items: [], resultId: '', linted: r.linted, chunks: st.chunks.length, cancelled: true };
    linted = r.linted;
    items = r.findings.map((f) => toDiagnostic(doc, f));
    if (keyAfter !== key) return finish(st, keyAfter, items, linted);
  }
  return finish(st, key, items, linted);
}

function finish(st: DocState, key: string, items: Diagnostic[], linted: number): DiagnosticsOutcome {
  // the id names the content: a re-validation that finds the same problems answers `unchanged`
  const resultId = `${hash(JSON.stringify(items))}:${items.length}`;
  st.lastResult = { key, resultId, items };
  return { items, resultId, linted, chunks: st.chunks.length };
}
