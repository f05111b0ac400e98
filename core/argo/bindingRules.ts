// WorkflowEventBinding rules. argo lint skips bindings entirely; argo-server only finds problems when an event
// arrives (HTTP 500 + a WorkflowEventBindingError event). We compile every expression the way argo-server does.
import { type Pair, type Scalar } from 'yaml';
import { isMap, isScalar } from './yamlGuards';
import * as expr from '../expr';
import type { Finding, Fix, Range } from './findings';
import { getPair, getValue, keyRange, nodeRange, scalarString, seqItems, isNullNode, pairRange, type ArgoDocument } from './documents';
import { mapScalar } from './scalarMap';
import { exprProfile, rangeOf, safe, widen, type EmbeddedSource } from './exprRules';
import { scanTokens, headerAccesses, stringComparisons, eventVariableUses } from './exprScan';
import type { ArgoVersion } from './versions';
import type { TemplateLookup } from './templateIndex';

export interface BindingRuleContext { text: string; doc: ArgoDocument; v: ArgoVersion; lookup: TemplateLookup }

/** The environment used to type-check selectors: the shape argo-server builds, with an empty object payload. */
export function sampleEnvironment(): Record<string, unknown> {
  return expr.buildEnvironment({ payload: {}, headers: [], discriminator: '', namespace: '' });
}

/** The environment's natures for lintCompile, prepared once (sampleEnvironment() always has the same shape). */
const LINT_ENV = expr.lintEnvironment(sampleEnvironment());

/** Checks one selector / parameter expression (a parameter: test/core/argo/bindingLintDiff.test.ts passes the
 *  previous implementation to compare findings). */
export type ExpressionCheck = (c: BindingRuleContext, node: Scalar, what: 'selector' | 'parameter', pname?: string) => Finding[];

export function checkBinding(c: BindingRuleContext, checkExpr: ExpressionCheck = checkExpression): Finding[] {
  const out: Finding[] = [];
  const root = c.doc.doc.contents;
  const specPair = getPair(root, 'spec');
  const spec = specPair?.value;
  const anchor: Range = specPair ? keyRange(specPair) : { start: c.doc.range.start, end: Math.min(c.doc.range.start + 1, c.doc.range.end) };
  const eventPair = getPair(spec, 'event');
  const selPair = getPair(eventPair?.value, 'selector');
  if (!selPair || isNullNode(selPair.value)) {
    out.push({ code: 'web.selector.missing', severity: 'error', range: selPair ? keyRange(selPair) : eventPair ? keyRange(eventPair) : anchor,
      message: 'spec.event.selector is required (the CRD rejects the binding without it)' });
  } else if (isScalar(selPair.value) && typeof (selPair.value as Scalar).value === 'string') {
    out.push(...checkExpr(c, selPair.value as Scalar, 'selector'));
  }

  const submitPair = getPair(spec, 'submit');
  const submit = submitPair?.value;
  if (!submitPair || !isMap(submit)) return out;
  const refPair = getPair(submit, 'workflowTemplateRef');
  const ref = refPair?.value;
  const tname = scalarString(getValue(ref, 'name'));
  if (!refPair || !tname) {
    out.push({ code: 'web.submit.templateRefMissing', severity: 'error', range: refPair ? keyRange(refPair) : keyRange(submitPair),
      message: 'spec.submit.workflowTemplateRef.name is required (the CRD requires workflowTemplateRef; dispatch fails without a template)' });
  }

  // submit.arguments.parameters
  const supplied = new Set<string>();
  const params = seqItems(getValue(getValue(submit, 'arguments'), 'parameters'));
  for (const p of params) {
    const pname = scalarString(getValue(p, 'name')) ?? '';
    if (pname) supplied.add(pname);
    const vfPair = getPair(p, 'valueFrom');
    const evPair = getPair(vfPair?.value, 'event');
    if (!vfPair || isNullNode(vfPair.value)) {
      const valuePair = getPair(p, 'value');
      const fixes: Fix[] = [];
      if (valuePair && isScalar(valuePair.value)) {
        const literal = scalarString(valuePair.value) ?? '';
        fixes.push({ title: 'Use valueFrom.event with a quoted literal', preferred: true,
          edits: [{ range: pairRange(valuePair as Pair), newText: `valueFrom: {event: ${JSON.stringify(JSON.stringify(literal))}}` }] });
      }
      out.push({ code: 'web.param.valueRequired', severity: 'error', range: valuePair ? keyRange(valuePair as Pair) : nodeRange(p), argo: true,
        message: `malformed workflow template parameter ${JSON.stringify(pname)}: valueFrom is nil`, ...(fixes.length ? { fixes } : {}) });
      continue;
    }
    if (!evPair || isNullNode(evPair.value)) {
      out.push({ code: 'web.param.eventMissing', severity: 'error', range: keyRange(vfPair as Pair),
        message: `parameter "${pname}": valueFrom.event is required in a WorkflowEventBinding (argo-server compiles it as an expression; an empty one fails)` });
      continue;
    }
    if (isScalar(evPair.value) && typeof (evPair.value as Scalar).value === 'string') {
      out.push(...checkExpr(c, evPair.value as Scalar, 'parameter', pname));
    }
  }

  // submit.metadata expressions (name, generateName, labels, annotations): syntax only (they also see sprig etc.)
  const md = getValue(submit, 'metadata');
  const exprNodes: Scalar[] = [];
  for (const k of ['name', 'generateName']) {
    const n = getValue(md, k);
    if (isScalar(n) && typeof n.value === 'string') exprNodes.push(n as Scalar);
  }
  for (const k of ['labels', 'annotations']) {
    const m = getValue(md, k);
    if (isMap(m)) for (const it of m.items) if (isScalar(it.value) && typeof (it.value as Scalar).value === 'string') exprNodes.push(it.value as Scalar);
  }
  for (const n of exprNodes) {
    const src = String(n.value);
    const r = safe(() => expr.parse(src, exprProfile(c.v)));
    const e: EmbeddedSource = { node: n, map: mapScalar(c.text, n), base: 0 };
    if (r && !r.ok) {
      out.push({ code: 'web.metadata.invalid', severity: 'error', range: widen(rangeOf(e, r.error.span, src.length), c.text.length),
        message: `submit.metadata values are expressions, not templates (quote literals: '"text"'): ${r.error.message}` });
    }
  }

  // referenced template in the workspace
  if (tname) {
    const cluster = (getValue(ref, 'clusterScope') as { value?: unknown } | undefined)?.value === true;
    const kind = cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    const info = c.lookup.find(kind, tname, c.doc.namespace);
    const nameRange = nodeRange(getValue(ref, 'name'));
    if (!info) {
      out.push({ code: 'web.template.notInWorkspace', severity: 'information', range: nameRange,
        message: `${kind} "${tname}" is not in the workspace; it may exist only in the cluster (dispatch fails with "failed to get workflow template" if it does not)` });
    } else {
      for (const tp of info.parameters) {
        if (!tp.hasDefault && !supplied.has(tp.name)) {
          out.push({ code: 'web.param.missing', severity: 'warning', range: nameRange,
            message: `${kind} "${tname}" declares parameter "${tp.name}" without a value and this binding does not supply it: the created Workflow fails` });
        }
      }
    }
  }
  return out;
}

/** Where an expression's findings go: the scalar map is only needed to place a finding, so it is built on first use. */
interface Placement { text: string; node: Scalar; len: number; e?: EmbeddedSource }
function placeAt(p: Placement, span: { start: number; end: number }): Range {
  return widen(rangeOf(p.e ??= { node: p.node, map: mapScalar(p.text, p.node), base: 0 }, span, p.len), p.text.length);
}
function listFix(p: Placement, start: number, end: number, lit: string): Fix {
  const r = placeAt(p, { start, end });
  return { title: `Compare with the list [${JSON.stringify(lit)}]`, preferred: true,
    edits: [{ range: { start: r.start, end: r.start }, newText: '[' }, { range: { start: r.end, end: r.end }, newText: ']' }] };
}
/** lintCompile: compile()'s exact outcome without building the program (memoized per source and profile);
 *  undefined when the engine fails internally (like safe()). */
function lintSafely(src: string, v: ArgoVersion): expr.LintResult | undefined {
  try {
    return expr.lintCompile(src, LINT_ENV, exprProfile(v));
  } catch {
    return undefined;
  }
}

function checkExpression(c: BindingRuleContext, node: Scalar, what: 'selector' | 'parameter', pname = ''): Finding[] {
  const out: Finding[] = [];
  const src = String(node.value);
  const p: Placement = { text: c.text, node, len: src.length };
  const toks = scanTokens(src);

  // `event.` used as a variable
  const evUses = eventVariableUses(toks);
  for (const u of evUses) {
    const r = placeAt(p, { start: u.span.start, end: u.dot.end });
    out.push({ code: 'web.event.variable', severity: 'error', range: r,
      message: 'there is no "event" variable: argo-server evaluates against payload, metadata, discriminator and namespace directly (docs/events.md\'s example is wrong)',
      fixes: [{ title: 'Remove "event."', preferred: true, edits: [{ range: r, newText: '' }] }] });
  }

  // compile like argo-server
  const r = lintSafely(src, c.v);
  if (r && !r.ok && !(evUses.length && /\bevent\b/.test(r.error.message))) {
    const message = what === 'selector'
      ? `failed to evaluate workflow template expression: ${r.error.message}`
      : `failed to compile workflow template parameter ${pname} expression: ${r.error.message}`;
    out.push({ code: what === 'selector' ? 'web.selector.invalid' : 'web.param.invalid', severity: 'error', range: placeAt(p, r.error.span ?? { start: 0, end: src.length }), message, argo: true });
  } else if (r === undefined) {
    out.push({ code: what === 'selector' ? 'web.selector.invalid' : 'web.param.invalid', severity: 'warning', range: nodeRange(node),
      message: 'the expression could not be checked (internal error in the expr engine)' });
  }

  // headers
  const accesses = headerAccesses(toks);
  for (const a of accesses) {
    const lower = a.key.toLowerCase();
    if (!lower.startsWith('x-')) {
      out.push({ code: 'web.header.notX', severity: 'warning', range: placeAt(p, a.keySpan),
        message: `metadata only contains headers whose name starts with "x-"; metadata[${JSON.stringify(a.key)}] is always nil` });
    } else if (a.key !== lower) {
      const inner = a.quoted ? { start: a.keySpan.start + 1, end: a.keySpan.end - 1 } : a.keySpan;
      const fixes: Fix[] = [];
      // only when the key's source text is the key itself (no YAML/expr escapes inside it)
      const r = placeAt(p, inner);
      if (c.text.slice(r.start, r.end) === a.key) fixes.push({ title: `Change to ${JSON.stringify(lower)}`, preferred: true, edits: [{ range: r, newText: lower }] });
      out.push({ code: 'web.header.case', severity: 'warning', range: placeAt(p, a.keySpan),
        message: `header names in metadata are lower-case: use ${JSON.stringify(lower)}; ${JSON.stringify(a.key)} is never present`,
        ...(fixes.length ? { fixes } : {}) });
    }
  }
  for (const s of stringComparisons(toks, accesses)) {
    const lit = s.str.value ?? '';
    const always = s.op === '==' ? 'false' : 'true';
    out.push({ code: 'web.header.stringCompare', severity: 'warning', range: placeAt(p, { start: Math.min(s.access.span.start, s.str.start), end: Math.max(s.access.span.end, s.str.end) }),
      message: `header values are lists of strings, so comparing with the string ${s.str.v} is always ${always}; compare with [${JSON.stringify(lit)}] or use ${JSON.stringify(lit)} in metadata[...]`,
      fixes: [listFix(p, s.str.start, s.str.end, lit)] });
  }
  return out;
}
