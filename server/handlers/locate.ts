// Position → (chunk, YAML document, key path) for hover and completion.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import type { ArgoDocument } from '../coreApi';
import type { ServiceContext } from '../context';
import type { ChunkState } from '../documentCache';
import { chunkAt, nodePathAt, type Chunk, type NodeAt } from '../text';

export interface Located {
  chunk: Chunk & { state: ChunkState };
  /** offset relative to the chunk */
  rel: number;
  argo?: ArgoDocument;
  at?: NodeAt;
}

export function locate(ctx: ServiceContext, doc: TextDocument, pos: Position): Located | undefined {
  const st = ctx.cache.get(doc);
  const offset = doc.offsetAt(pos);
  const chunk = chunkAt(st.chunks, offset) as (Chunk & { state: ChunkState }) | undefined;
  if (!chunk) return undefined;
  const rel = offset - chunk.start;
  const docs = ctx.parsed(chunk.state);
  const argo = docs.find((d) => rel >= d.range.start && rel <= d.range.end) ?? docs[docs.length - 1];
  if (!argo) return { chunk, rel };
  const at = nodePathAt(argo.doc.contents, rel);
  return { chunk, rel, argo, at };
}

/** Plain JS of a YAML node, or undefined when it cannot be converted. */
export function jsOf(node: unknown): unknown {
  try {
    const n = node as { toJSON?: () => unknown };
    return n && typeof n.toJSON === 'function' ? n.toJSON() : undefined;
  } catch {
    return undefined;
  }
}

export function specOf(argo: ArgoDocument): Record<string, unknown> | undefined {
  try {
    // the yaml package warns on process for collection keys; the diagnostics already report those
    if (argo.doc.options && argo.doc.options.logLevel !== 'silent') argo.doc.options.logLevel = 'error';
    const js = argo.doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
    const spec = js && typeof js === 'object' ? js.spec : undefined;
    return spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The fields the cron engine reads, type-filtered (a wrong-typed field is left out; diagnostics report it). */
export function cronSpecOf(spec: Record<string, unknown>): { schedule?: string; schedules?: string[]; timezone?: string } {
  const out: { schedule?: string; schedules?: string[]; timezone?: string } = {};
  if (typeof spec.schedule === 'string') out.schedule = spec.schedule;
  if (Array.isArray(spec.schedules)) out.schedules = spec.schedules.filter((s): s is string => typeof s === 'string');
  if (typeof spec.timezone === 'string') out.timezone = spec.timezone;
  return out;
}
