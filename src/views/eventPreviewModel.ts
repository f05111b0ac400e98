// Event match preview: from the server's argoTriggers/matchEvent answer (plus what the extension reads from the
// workspace: each binding's template reference, the templates present) to what the webview shows: per binding the
// verdict, the clauses, the parameters and the Workflow (YAML), and a binding → template graph like the Argo UI's.
// Pure (no vscode import): unit-tested in test/src/views/eventPreviewHtml.test.ts.
import { isMap, isScalar, parseAllDocuments, stringify, type Document } from 'yaml';
import type { ArgoEvent, MatchEventResult, Range, WireClause, WireExprError } from '../../server/protocol';

/** What the extension reads from a binding's own YAML (the server's answer has no template ref for non-matches). */
export interface BindingSource {
  selector?: string;
  templateRef?: { name: string; clusterScope: boolean };
  hasSubmit: boolean;
}

export interface TemplateSource {
  kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate';
  name: string;
  namespace?: string;
  uri: string;
  line: number;
}

export type Verdict = 'matched' | 'not matched' | 'error' | 'not evaluated';

export interface ClauseView {
  text: string;
  op?: 'and' | 'or';
  result: 'true' | 'false' | 'error' | 'value';
  /** true / false / the JSON of a non-bool value / the error message. */
  detail: string;
  line?: number;
}

export interface BindingView {
  key: string;
  name: string;
  namespace?: string;
  uri: string;
  line: number;
  verdict: Verdict;
  selector?: string;
  selectorError?: string;
  clauses: ClauseView[];
  parameters: { name: string; value?: string; error?: string }[];
  workflowYaml?: string;
  notes: string[];
  dispatchError?: string;
  template?: { kind: string; name: string; key: string };
}

export interface TemplateNode {
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Where it is defined in the workspace, if found. */
  uri?: string;
  line?: number;
}

export interface EventPreviewView {
  sourceLabel: string;
  event?: ArgoEvent;
  bindings: BindingView[];
  templates: TemplateNode[];
  errors: string[];
  counts: { total: number; matched: number; error: number };
}

// ---------------------------------------------------------------------------------------------------------------
// reading the workspace's YAML (bindings and templates)
// ---------------------------------------------------------------------------------------------------------------

/** Offset of an LSP position in a text (UTF-16, like VS Code). */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const end = text.indexOf('\n', i);
  return Math.min(i + pos.character, end < 0 ? text.length : end + 1);
}

function get(node: unknown, ...path: string[]): unknown {
  let n = node;
  for (const k of path) {
    if (!isMap(n)) return undefined;
    n = n.get(k, true);
  }
  return n;
}
const str = (n: unknown): string | undefined => (isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined);

/** The selector, template reference and submit presence of the binding document at `range` in `text`. */
export function bindingSourceAt(text: string, range: Range): BindingSource {
  const slice = text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
  const docs = safeParse(slice);
  const d = docs.find((x) => str(get(x.contents, 'kind')) === 'WorkflowEventBinding') ?? docs[0];
  if (!d) return { hasSubmit: false };
  const spec = get(d.contents, 'spec');
  const submit = get(spec, 'submit');
  const ref = get(submit, 'workflowTemplateRef');
  const name = str(get(ref, 'name'));
  const cluster = get(ref, 'clusterScope');
  return {
    selector: str(get(spec, 'event', 'selector')),
    hasSubmit: isMap(submit),
    templateRef: name ? { name, clusterScope: isScalar(cluster) && cluster.value === true } : undefined,
  };
}

const TEMPLATE_KIND_RE = /^kind:[ \t]*["']?(?:Cluster)?WorkflowTemplate["']?[ \t]*(?:#.*)?$/m;

/** (Cluster)WorkflowTemplates defined in a YAML file (cheap regex gate first; capped parse). */
export function templatesInText(text: string, uri: string, maxBytes = 2 << 20): TemplateSource[] {
  if (text.length > maxBytes || !TEMPLATE_KIND_RE.test(text)) return [];
  const out: TemplateSource[] = [];
  for (const d of safeParse(text)) {
    const kind = str(get(d.contents, 'kind'));
    if (kind !== 'WorkflowTemplate' && kind !== 'ClusterWorkflowTemplate') continue;
    if (!String(str(get(d.contents, 'apiVersion')) ?? '').startsWith('argoproj.io/')) continue;
    const name = str(get(d.contents, 'metadata', 'name'));
    if (!name) continue;
    const start = (d.contents as { range?: number[] } | null)?.range?.[0] ?? d.range?.[0] ?? 0;
    out.push({ kind, name, namespace: str(get(d.contents, 'metadata', 'namespace')), uri, line: lineOf(text, start) });
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function safeParse(text: string): Document.Parsed[] {
  try {
    return parseAllDocuments(text, { prettyErrors: false }) as Document.Parsed[];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the view
// ---------------------------------------------------------------------------------------------------------------

export const bindingKey = (m: { uri: string; binding: { range: Range } }): string => `${m.uri}#${m.binding.range.start.line}`;
const templateKey = (kind: string, name: string, ns?: string): string => `${kind}/${kind === 'ClusterWorkflowTemplate' ? '' : (ns ?? '')}/${name}`;

function clauseView(c: WireClause): ClauseView {
  const base = { text: c.text, op: c.op, line: c.range?.start.line };
  if ('error' in c.outcome) return { ...base, result: 'error', detail: c.outcome.error.message };
  const v = c.outcome.value;
  if (v === true) return { ...base, result: 'true', detail: 'true' };
  if (v === false) return { ...base, result: 'false', detail: 'false' };
  return { ...base, result: 'value', detail: jsonText(v) };
}

function jsonText(v: unknown): string {
  try {
    return v === undefined ? 'nil' : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const errText = (e: WireExprError | undefined): string | undefined => (e ? e.message : undefined);

/** The Workflow argo-server would create, as YAML. */
export function workflowYaml(wf: unknown): string | undefined {
  if (wf === undefined || wf === null) return undefined;
  try {
    return stringify(wf, { lineWidth: 0 });
  } catch {
    return jsonText(wf);
  }
}

export function buildEventPreview(
  result: MatchEventResult,
  opts: { sourceLabel: string; sources?: Map<string, BindingSource>; templates?: TemplateSource[] },
): EventPreviewView {
  const sources = opts.sources ?? new Map<string, BindingSource>();
  const known = new Map<string, TemplateSource>();
  for (const t of opts.templates ?? []) {
    known.set(templateKey(t.kind, t.name, t.namespace), t);
    if (t.kind === 'WorkflowTemplate' && !t.namespace) known.set(templateKey(t.kind, t.name, '*'), t);
  }
  const templates = new Map<string, TemplateNode>();
  const bindings = result.matches.map((m): BindingView => {
    const key = bindingKey(m);
    const src = sources.get(key);
    const selectorError = errText(m.selectorError);
    const verdict: Verdict = selectorError ? 'error' : m.matched ? 'matched' : m.clauses.length || src?.selector !== undefined ? 'not matched' : 'not evaluated';
    const ref = src?.templateRef ?? refFromWorkflow(m.workflow);
    let template: BindingView['template'];
    if (ref) {
      const kind = ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
      const ns = ref.clusterScope ? undefined : m.binding.namespace ?? result.event?.namespace;
      const tkey = templateKey(kind, ref.name, ns);
      const found = known.get(tkey) ?? (kind === 'WorkflowTemplate' ? known.get(templateKey(kind, ref.name, '*')) ?? findByName(opts.templates, kind, ref.name) : undefined);
      if (!templates.has(tkey)) templates.set(tkey, { key: tkey, kind, name: ref.name, namespace: ns, uri: found?.uri, line: found?.line });
      template = { kind, name: ref.name, key: tkey };
    }
    return {
      key,
      name: m.binding.name ?? '(unnamed binding)',
      namespace: m.binding.namespace,
      uri: m.uri,
      line: m.binding.range.start.line,
      verdict,
      selector: src?.selector,
      selectorError,
      clauses: m.clauses.map(clauseView),
      parameters: m.parameters.map((p) => ({ name: p.name, value: p.value, error: errText(p.error) })),
      workflowYaml: m.matched ? workflowYaml(m.workflow) : undefined,
      notes: m.notes ?? [],
      dispatchError: m.dispatchError,
      template,
    };
  });
  const order: Record<Verdict, number> = { matched: 0, error: 1, 'not matched': 2, 'not evaluated': 3 };
  bindings.sort((a, b) => order[a.verdict] - order[b.verdict] || a.name.localeCompare(b.name));
  return {
    sourceLabel: opts.sourceLabel,
    event: result.event,
    bindings,
    templates: [...templates.values()].sort((a, b) => a.name.localeCompare(b.name)),
    errors: result.errors,
    counts: {
      total: bindings.length,
      matched: bindings.filter((b) => b.verdict === 'matched').length,
      error: bindings.filter((b) => b.verdict === 'error' || b.dispatchError).length,
    },
  };
}

function findByName(all: TemplateSource[] | undefined, kind: string, name: string): TemplateSource | undefined {
  return all?.find((t) => t.kind === kind && t.name === name);
}

function refFromWorkflow(wf: unknown): { name: string; clusterScope: boolean } | undefined {
  const ref = (wf as { spec?: { workflowTemplateRef?: { name?: unknown; clusterScope?: unknown } } } | undefined)?.spec?.workflowTemplateRef;
  return ref && typeof ref.name === 'string' ? { name: ref.name, clusterScope: ref.clusterScope === true } : undefined;
}

/** What `metadata` looks like to selectors: only x- headers, names lower-cased, each value a list (argo-triggers.md §4.3). */
export function selectorMetadata(ev: ArgoEvent): Record<string, string[]> {
  const md: Record<string, string[]> = {};
  for (const [k, v] of ev.headers ?? []) {
    const n = k.toLowerCase();
    if (!n.startsWith('x-')) continue;
    (md[n] ??= []).push(v);
  }
  return md;
}
