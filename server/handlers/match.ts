// argoTriggers/matchEvent and argoTriggers/sampleEvents: evaluate an event (or a sample event file) against every
// WorkflowEventBinding in the workspace; results carry LSP ranges, per clause outcomes and parameters.
import { isScalar } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArgoEvent, BindingMatch, ExprError, Span } from '../coreApi';
import type { ServiceContext } from '../context';
import { Yielder } from '../context';
import type { DocState } from '../documentCache';
import type { ArgoTriggersSettings, MatchEventParams, MatchEventResult, SampleEventsResult, WireBindingMatch, WireExprError } from '../protocol';
import { chunkAt } from '../text';
import { parseSampleEvent } from '../workspaceIndex';

export interface FileSource {
  /** Editor text for open documents, else the file on disk (bounded); undefined when unreadable. */
  text(uri: string): Promise<{ text: string; state: DocState; doc: TextDocument } | undefined>;
  settings(uri: string): Promise<ArgoTriggersSettings>;
  /** URIs of every open document and indexed file that holds the kind. */
  urisWithKind(kind: string): string[];
}

function isEvent(v: unknown): v is ArgoEvent {
  return !!v && typeof v === 'object' && 'payload' in (v as object);
}

export async function resolveEvent(ctx: ServiceContext, files: FileSource, ev: MatchEventParams['event']): Promise<{ event?: ArgoEvent; error?: string }> {
  if (ev && typeof ev === 'object' && 'uri' in ev && typeof ev.uri === 'string' && !isEvent(ev)) {
    const f = await files.text(ev.uri);
    if (!f) return { error: `cannot read ${ev.uri}` };
    const r = parseSampleEvent(f.text);
    return 'event' in r ? { event: r.event } : { error: `${ev.uri}: ${r.error}` };
  }
  if (!isEvent(ev)) return { error: 'event must be {payload, headers, discriminator, namespace} or {uri}' };
  const headers = Array.isArray(ev.headers) ? ev.headers.filter((h) => Array.isArray(h) && h.length === 2).map(([k, v]) => [String(k), String(v)] as [string, string]) : [];
  return { event: { payload: ev.payload, headers, discriminator: typeof ev.discriminator === 'string' ? ev.discriminator : '', namespace: typeof ev.namespace === 'string' ? ev.namespace : '' } };
}

export async function computeMatch(ctx: ServiceContext, files: FileSource, params: MatchEventParams, isCancelled: () => boolean = () => false): Promise<MatchEventResult> {
  const res: MatchEventResult = { matches: [], errors: [] };
  const { event, error } = await resolveEvent(ctx, files, params?.event);
  if (!event) {
    res.errors.push(error ?? 'no event');
    return res;
  }
  res.event = event;
  const uris = Array.isArray(params.uris) ? params.uris.filter((u) => typeof u === 'string') : files.urisWithKind('WorkflowEventBinding');
  const y = new Yielder();
  for (const uri of uris) {
    await y.maybe();
    if (isCancelled()) break;
    const f = await files.text(uri);
    if (!f) {
      res.errors.push(`cannot read ${uri}`);
      continue;
    }
    const settings = await files.settings(uri);
    for (const c of f.state.chunks) {
      if (!/^kind:[ \t]*["']?WorkflowEventBinding\b/m.test(c.text)) continue;
      let matches: BindingMatch[] = [];
      try {
        matches = ctx.core.matchEvent(c.text, event, { argoVersion: settings.argoVersion, index: ctx.index.templates });
      } catch (e) {
        ctx.log.error(`matchEvent failed for ${uri}: ${(e as Error).stack ?? e}`);
        res.errors.push(`${uri}: internal error while matching (see the server log)`);
        continue;
      }
      for (const m of matches) res.matches.push(toWire(ctx, f.doc, f.state, c.start, m));
    }
  }
  return res;
}

function toWire(ctx: ServiceContext, doc: TextDocument, st: DocState, base: number, m: BindingMatch): WireBindingMatch {
  const rng = (s: number, e: number) => ({ start: doc.positionAt(base + s), end: doc.positionAt(base + e) });
  const selectorAt = selectorLocator(ctx, st, base, m.binding.range.start);
  const wireErr = (e: ExprError | undefined, at?: (s: Span) => { start: number; end: number } | undefined): WireExprError | undefined => {
    if (!e) return undefined;
    const r = e.span && at ? at(e.span) : undefined;
    return { message: e.message, stage: e.stage, range: r ? rng(r.start, r.end) : undefined };
  };
  return {
    uri: doc.uri,
    binding: { name: m.binding.name, namespace: m.binding.namespace, range: rng(m.binding.range.start, m.binding.range.end) },
    matched: !!m.matched,
    clauses: (m.clauses ?? []).map((c) => {
      const r = selectorAt(c.span);
      return {
        text: c.text, op: c.op, range: r ? rng(r.start, r.end) : undefined,
        outcome: 'error' in c.outcome ? { error: wireErr(c.outcome.error)! } : { value: c.outcome.value },
      };
    }),
    selectorError: wireErr(m.selectorError, selectorAt),
    parameters: (m.parameters ?? []).map((p) => ({ name: p.name, value: p.value, error: wireErr(p.error) })),
    workflow: m.workflow,
    notes: m.notes,
    dispatchError: m.dispatchError,
  };
}

/** Maps a span of the binding's selector source to chunk-relative offsets (when the scalar maps exactly). */
function selectorLocator(ctx: ServiceContext, st: DocState, base: number, bindingStart: number): (s: Span) => { start: number; end: number } | undefined {
  const chunk = chunkAt(st.chunks, base + bindingStart) as DocState['chunks'][number] | undefined;
  if (!chunk || !ctx.core.scalarSpanToRange) return () => undefined;
  const d = ctx.parsed(chunk.state).find((x) => bindingStart >= x.range.start && bindingStart <= x.range.end);
  const node = d?.doc.getIn(['spec', 'event', 'selector'], true);
  if (!isScalar(node)) return () => undefined;
  return (s) => {
    try {
      return ctx.core.scalarSpanToRange!(chunk.text, node, s);
    } catch {
      return undefined;
    }
  };
}

export function listSamples(ctx: ServiceContext): SampleEventsResult {
  return { samples: [...ctx.index.samples.values()].sort((a, b) => a.uri.localeCompare(b.uri)) };
}
