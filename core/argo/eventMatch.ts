// Binding + event → which bindings match, clause by clause, the parameters, and the Workflow argo-server
// would create (argo-triggers.md §4.5, `Operation.dispatch`).
import { type Scalar } from 'yaml';
import { isMap, isScalar } from './yamlGuards';
import * as expr from '../expr';
import type { Range } from './findings';
import { parseFile, getPair, getValue, scalarString, seqItems, isNullNode, type ArgoDocument } from './documents';
import type { ArgoVersion } from './versions';
import { features } from './versions';
import type { TemplateLookup } from './templateIndex';
import { overlayLookup, templateInfoOf, type TemplateInfo } from './templateIndex';
import { exprProfile } from './exprRules';

export interface BindingMatch {
  binding: { name?: string; namespace?: string; range: Range };
  matched: boolean;
  clauses: expr.Clause[];
  selectorError?: expr.ExprError;
  parameters: { name: string; value?: string; error?: expr.ExprError }[];
  /** the Workflow object argo-server would create (when matched and the binding has submit) */
  workflow?: unknown;
  /** why the binding was not considered (other namespace), or what else happened (no submit, metadata errors) */
  notes?: string[];
  /** the dispatch error argo-server would report for this binding (HTTP 500 in sync mode), Argo's wording */
  dispatchError?: string;
}

export interface MatchOptions {
  argoVersion: ArgoVersion;
  index?: TemplateLookup;
  /** name = generateName + this suffix instead of a random one (tests / reproducible previews) */
  nameSuffix?: string;
}

export function matchEvent(bindingsText: string, ev: expr.ArgoEvent, opts: MatchOptions): BindingMatch[] {
  const parsed = parseFile(bindingsText);
  const local = parsed.docs.map((d) => templateInfoOf(d, '')).filter((x): x is TemplateInfo => !!x);
  const lookup = overlayLookup(local, opts.index);
  const out: BindingMatch[] = [];
  for (const d of parsed.docs) {
    if (!d.isArgo || d.kind !== 'WorkflowEventBinding' || d.doc.errors.length) continue;
    out.push(matchOne(d, ev, opts, lookup));
  }
  return out;
}

function exprErr(message: string, stage: expr.ExprError['stage'] = 'compile'): expr.ExprError {
  return { message, stage };
}

function matchOne(d: ArgoDocument, ev: expr.ArgoEvent, opts: MatchOptions, lookup: TemplateLookup): BindingMatch {
  const profile = exprProfile(opts.argoVersion);
  const res: BindingMatch = { binding: { range: d.range }, matched: false, clauses: [], parameters: [] };
  if (d.name) res.binding.name = d.name;
  if (d.namespace) res.binding.namespace = d.namespace;
  const notes: string[] = [];
  const spec = getValue(d.doc.contents, 'spec');
  const selNode = getValue(getValue(spec, 'event'), 'selector');
  const selector = isScalar(selNode) && typeof (selNode as Scalar).value === 'string' ? String((selNode as Scalar).value) : '';
  if (d.namespace && ev.namespace && d.namespace !== ev.namespace) {
    notes.push(`binding is in namespace "${d.namespace}"; argo-server only evaluates the bindings of the event's namespace "${ev.namespace}"`);
    res.notes = notes;
    return res;
  }
  res.clauses = safeCall(() => expr.explainSelector(selector, ev, profile), []);
  const sel = safeCall(() => expr.evalSelector(selector, ev, profile), { ok: false as const, error: exprErr('internal error evaluating the selector', 'run') });
  if (!sel.ok) {
    res.selectorError = sel.error;
    res.dispatchError = `failed to evaluate workflow template expression: ${sel.error.message}`;
    res.notes = notes;
    return res;
  }
  res.matched = sel.result;
  const submit = getValue(spec, 'submit');
  if (!res.matched) return withNotes(res, notes);
  if (!isMap(submit)) {
    notes.push('the selector matches, but the binding has no submit: nothing is created');
    return withNotes(res, notes);
  }
  const ref = getValue(submit, 'workflowTemplateRef');
  const tname = scalarString(getValue(ref, 'name')) ?? '';
  const cluster = (getValue(ref, 'clusterScope') as { value?: unknown } | undefined)?.value === true;
  const kind = cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
  const info = tname ? lookup.find(kind, tname, d.namespace ?? (ev.namespace || undefined)) : undefined;
  if (tname && !info) notes.push(`${kind} "${tname}" is not in the workspace; argo-server fetches it from the cluster (failed to get workflow template … if it is missing)`);

  // metadata
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  labels[cluster ? 'workflows.argoproj.io/cluster-workflow-template' : 'workflows.argoproj.io/workflow-template'] = tname;
  if (features(opts.argoVersion).webCopiesTemplateMetadata && info?.workflowMetadata) {
    Object.assign(labels, info.workflowMetadata.labels ?? {});
    Object.assign(annotations, info.workflowMetadata.annotations ?? {});
  }
  let name = '';
  let generateName = `${tname}-`;
  const md = getValue(submit, 'metadata');
  const env = safeCall(() => expr.buildEnvironment(ev), {} as Record<string, unknown>);
  const evalString = (what: string, node: unknown): string | undefined => {
    if (!isScalar(node) || typeof (node as Scalar).value !== 'string') return undefined;
    const src = String((node as Scalar).value);
    const c = safeCall(() => expr.compile(src, env, profile), { ok: false as const, error: exprErr('internal error') });
    if (!c.ok) {
      res.dispatchError ??= `failed to evaluate workflow ${what} expression: ${c.error.message}`;
      return undefined;
    }
    const r = safeCall(() => expr.run(c.program, env), { ok: false as const, error: exprErr('internal error', 'run') });
    if (!r.ok) {
      res.dispatchError ??= `failed to evaluate workflow ${what} expression: ${r.error.message}`;
      return undefined;
    }
    if (typeof r.value !== 'string') {
      res.dispatchError ??= `workflow ${what} expression must evaluate to a string, not a ${goTypeName(r.value)}`;
      return undefined;
    }
    return r.value;
  };
  const n = evalString('name', getValue(md, 'name'));
  if (n !== undefined) name = n;
  const g = evalString('generateName', getValue(md, 'generateName'));
  if (g !== undefined) generateName = g;
  for (const [field, target] of [['labels', labels], ['annotations', annotations]] as const) {
    const m = getValue(md, field);
    if (!isMap(m)) continue;
    for (const it of m.items) {
      const k = isScalar(it.key) ? String((it.key as Scalar).value) : '';
      const val = evalString(field === 'labels' ? 'label' : 'annotation', it.value);
      if (k && val !== undefined) target[k] = val;
    }
  }
  labels['workflows.argoproj.io/workflow-event-binding'] = d.name ?? '';

  // parameters, in order
  for (const p of seqItems(getValue(getValue(submit, 'arguments'), 'parameters'))) {
    const pname = scalarString(getValue(p, 'name')) ?? '';
    const vf = getValue(p, 'valueFrom');
    const evNode = getValue(vf, 'event');
    if (isNullNode(vf)) {
      const e = exprErr(`malformed workflow template parameter ${JSON.stringify(pname)}: valueFrom is nil`);
      res.parameters.push({ name: pname, error: e });
      res.dispatchError ??= e.message;
      continue;
    }
    const src = isScalar(evNode) && (evNode as Scalar).value !== null ? String((evNode as Scalar).value) : '';
    const r = safeCall(() => expr.evalParameter(src, ev, profile), { ok: false as const, error: exprErr('internal error', 'run') });
    if (r.ok) res.parameters.push({ name: pname, value: r.value });
    else {
      res.parameters.push({ name: pname, error: r.error });
      res.dispatchError ??= r.error.stage === 'compile'
        ? `failed to compile workflow template parameter ${pname} expression: ${r.error.message}`
        : `failed to evaluate workflow template parameter ${JSON.stringify(pname)} expression: ${r.error.message}`;
    }
  }

  const metadata: Record<string, unknown> = {};
  if (name) metadata.name = name;
  else {
    metadata.generateName = generateName;
    if (opts.nameSuffix !== undefined) metadata.name = generateName + opts.nameSuffix;
    else notes.push(`argo-server names the Workflow ${generateName}<5 random characters [a-z0-9]>`);
  }
  if (ev.namespace) metadata.namespace = ev.namespace;
  metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const wfSpec: Record<string, unknown> = { workflowTemplateRef: cluster ? { name: tname, clusterScope: true } : { name: tname } };
  const okParams = res.parameters.filter((p) => p.value !== undefined).map((p) => ({ name: p.name, value: p.value }));
  if (okParams.length) wfSpec.arguments = { parameters: okParams };
  if (!res.dispatchError) res.workflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata, spec: wfSpec };
  notes.push('argo-server also adds creator labels (workflows.argoproj.io/creator…) from the caller\'s token; WEB-created Workflows skip validation');
  return withNotes(res, notes);
}

function withNotes(r: BindingMatch, notes: string[]): BindingMatch {
  if (notes.length) r.notes = notes;
  return r;
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  return typeof v;
}

function safeCall<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
