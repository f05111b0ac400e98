// Differential test of the WorkflowEventBinding expression checks: the current path (expr.lintCompile with a memo,
// the scalar map built on demand, the char-code token scan) against the previous path, kept here verbatim as the
// reference (expr.compile on a fresh sample environment, the scalar map built first, the regex token scan).
// Every finding must be identical: code, message, range, severity, fixes, argo flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scalar } from 'yaml';
import * as expr from '../../../core/expr';
import { checkBinding, sampleEnvironment, type BindingRuleContext } from '../../../core/argo/bindingRules';
import { parseFile, nodeRange } from '../../../core/argo/documents';
import { overlayLookup, templateInfoOf, TemplateIndex, type TemplateInfo, type TemplateLookup } from '../../../core/argo/templateIndex';
import { mapScalar } from '../../../core/argo/scalarMap';
import { exprProfile, rangeOf, safe, widen, type EmbeddedSource } from '../../../core/argo/exprRules';
import { scanTokens, headerAccesses, stringComparisons, eventVariableUses, type STok } from '../../../core/argo/exprScan';
import type { Finding, Fix } from '../../../core/argo/findings';
import type { ArgoVersion } from '../../../core/argo/versions';
import { generateCases, generateTokenSoup } from '../expr/generator';
import { rng } from '../../helpers/rng';
import { EXAMPLES } from './helpers';

// ---------------------------------------------------------------- the previous implementation (reference)

function referenceScanTokens(src: string): STok[] {
  const out: STok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < n) {
          const e = src[j + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
          continue;
        }
        if (src[j] === '\n') break;
        value += src[j];
        j++;
      }
      j = Math.min(j + 1, n);
      out.push({ t: 'str', v: src.slice(start, j), start, end: j, value });
      i = j;
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      const j = e < 0 ? n : e + 1;
      out.push({ t: 'str', v: src.slice(i, j), start: i, end: j, value: src.slice(i + 1, e < 0 ? n : e) });
      i = j;
      continue;
    }
    if (/[A-Za-z_$#]/.test(c) || c.charCodeAt(0) > 127) {
      let j = i + 1;
      while (j < n && (/[A-Za-z0-9_$]/.test(src[j]) || src.charCodeAt(j) > 127)) j++;
      out.push({ t: 'id', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(src[j]) && !(src[j] === '.' && src[j + 1] === '.')) j++;
      out.push({ t: 'num', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '?.', '??', '&&', '||', '<=', '>=', '..'].includes(two)) {
      out.push({ t: 'op', v: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    out.push({ t: 'op', v: c, start: i, end: i + 1 });
    i++;
  }
  return out;
}

function referenceCheckExpression(c: BindingRuleContext, node: Scalar, what: 'selector' | 'parameter', pname = ''): Finding[] {
  const out: Finding[] = [];
  const src = String(node.value);
  const e: EmbeddedSource = { node, map: mapScalar(c.text, node), base: 0 };
  const toks = referenceScanTokens(src);
  const at = (span: { start: number; end: number }) => widen(rangeOf(e, span, src.length), c.text.length);
  const listFix = (start: number, end: number, lit: string): Fix => {
    const r = at({ start, end });
    return { title: `Compare with the list [${JSON.stringify(lit)}]`, preferred: true,
      edits: [{ range: { start: r.start, end: r.start }, newText: '[' }, { range: { start: r.end, end: r.end }, newText: ']' }] };
  };
  const evUses = eventVariableUses(toks);
  for (const u of evUses) {
    const r = at({ start: u.span.start, end: u.dot.end });
    out.push({ code: 'web.event.variable', severity: 'error', range: r,
      message: 'there is no "event" variable: argo-server evaluates against payload, metadata, discriminator and namespace directly (docs/events.md\'s example is wrong)',
      fixes: [{ title: 'Remove "event."', preferred: true, edits: [{ range: r, newText: '' }] }] });
  }
  const profile = exprProfile(c.v);
  const r = safe(() => expr.compile(src, sampleEnvironment(), profile));
  if (r && !r.ok && !(evUses.length && /\bevent\b/.test(r.error.message))) {
    const message = what === 'selector'
      ? `failed to evaluate workflow template expression: ${r.error.message}`
      : `failed to compile workflow template parameter ${pname} expression: ${r.error.message}`;
    out.push({ code: what === 'selector' ? 'web.selector.invalid' : 'web.param.invalid', severity: 'error', range: at(r.error.span ?? { start: 0, end: src.length }), message, argo: true });
  } else if (r === undefined) {
    out.push({ code: what === 'selector' ? 'web.selector.invalid' : 'web.param.invalid', severity: 'warning', range: nodeRange(node),
      message: 'the expression could not be checked (internal error in the expr engine)' });
  }
  const accesses = headerAccesses(toks);
  for (const a of accesses) {
    const lower = a.key.toLowerCase();
    if (!lower.startsWith('x-')) {
      out.push({ code: 'web.header.notX', severity: 'warning', range: at(a.keySpan),
        message: `metadata only contains headers whose name starts with "x-"; metadata[${JSON.stringify(a.key)}] is always nil` });
    } else if (a.key !== lower) {
      const inner = a.quoted ? { start: a.keySpan.start + 1, end: a.keySpan.end - 1 } : a.keySpan;
      const fixes: Fix[] = [];
      const rr = at(inner);
      if (c.text.slice(rr.start, rr.end) === a.key) fixes.push({ title: `Change to ${JSON.stringify(lower)}`, preferred: true, edits: [{ range: rr, newText: lower }] });
      out.push({ code: 'web.header.case', severity: 'warning', range: at(a.keySpan),
        message: `header names in metadata are lower-case: use ${JSON.stringify(lower)}; ${JSON.stringify(a.key)} is never present`,
        ...(fixes.length ? { fixes } : {}) });
    }
  }
  for (const s of stringComparisons(toks, accesses)) {
    const lit = s.str.value ?? '';
    const always = s.op === '==' ? 'false' : 'true';
    out.push({ code: 'web.header.stringCompare', severity: 'warning', range: at({ start: Math.min(s.access.span.start, s.str.start), end: Math.max(s.access.span.end, s.str.end) }),
      message: `header values are lists of strings, so comparing with the string ${s.str.v} is always ${always}; compare with [${JSON.stringify(lit)}] or use ${JSON.stringify(lit)} in metadata[...]`,
      fixes: [listFix(s.str.start, s.str.end, lit)] });
  }
  return out;
}

// ---------------------------------------------------------------- comparison

function compareFile(text: string, v: ArgoVersion): { bindings: number; findings: number; exprFindings: number } {
  const parsed = parseFile(text);
  const local = parsed.docs.map((d) => templateInfoOf(d, '')).filter((x): x is TemplateInfo => !!x);
  const lookup = overlayLookup(local, undefined, undefined);
  let bindings = 0, findings = 0, exprFindings = 0;
  for (const doc of parsed.docs) {
    if (doc.kind !== 'WorkflowEventBinding') continue;
    bindings++;
    const ctx: BindingRuleContext = { text, doc, v, lookup };
    const got = checkBinding(ctx);
    const want = checkBinding(ctx, referenceCheckExpression);
    assert.deepEqual(got, want, `binding ${doc.index} (${v}):\n${text.slice(doc.range.start, doc.range.end)}`);
    findings += got.length;
    exprFindings += got.filter((f) => /^web\.(selector|param)\.invalid$|^web\.(header|event)\./.test(f.code)).length;
  }
  return { bindings, findings, exprFindings };
}

const binding = (i: number, selector: string, parameter: string) => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata:
  name: b-${i}
  namespace: argo
spec:
  event:
    selector: ${selector}
  submit:
    workflowTemplateRef:
      name: t-${i % 3}
    arguments:
      parameters:
        - name: p${i}
          valueFrom:
            event: ${parameter}
`;
const TEMPLATES = [0, 1].map((i) => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: t-${i}
  namespace: argo
spec:
  arguments:
    parameters:
      - name: p${i}
`).join('---\n');

/** The expression as a YAML scalar in one of several styles (the value may differ from src: both paths see the same node). */
function yamlScalar(src: string, style: number, indent: string): string {
  switch (style % 4) {
    case 0: return JSON.stringify(src);
    case 1: return src.includes('\n') ? JSON.stringify(src) : `'${src.replace(/'/g, "''")}'`;
    case 2: return `|-\n${src.split('\n').map((l) => `${indent}${l}`).join('\n')}`;
    default: return /^[\w$]/.test(src) && !/[#:]/.test(src) && !src.includes('\n') ? src : `>-\n${indent}${src.replace(/\n/g, ' ')}`;
  }
}

const HEADER_SNIPPETS = [
  'metadata["X-GitHub-Event"] == "push"', '"push" in metadata["x-github-event"]', 'metadata["authorization"] != nil',
  'metadata.X_Foo == "a"', '"a" == metadata["x-a"]', 'metadata?.["X-B"] != "b"', 'event.payload.ref == "refs/heads/main"',
  'event["payload"] != nil', 'let event = payload; event.ref == "x"', 'metadata["x-a"] == "a" + "b"', 'payload.event.x == 1',
];

test('binding findings: new path = previous path on the corpus bindings', () => {
  let n = 0;
  for (const f of ['event-consumer-workfloweventbinding.yaml', 'github-path-filter-workfloweventbinding.yaml']) {
    const text = readFileSync(join(EXAMPLES, f), 'utf8');
    for (const v of ['v3.5', 'v3.7', 'v4.1'] as ArgoVersion[]) n += compareFile(text, v).bindings;
  }
  assert.ok(n >= 6, `only ${n} corpus bindings compared`);
});

test('binding findings: new path = previous path on generated bindings (every scalar style, every profile)', () => {
  const r = rng(4242);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)];
  const versions: ArgoVersion[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];
  const exprs = [
    ...generateCases({ seed: 4243, count: 900 }).map((c) => c.request.expression),
    ...generateTokenSoup({ seed: 4244, count: 150 }).map((c) => c.request.expression),
  ];
  let bindings = 0, findings = 0, exprFindings = 0;
  const docsPerFile = 25;
  for (let start = 0; start < exprs.length; start += docsPerFile) {
    const docs: string[] = [TEMPLATES];
    for (let i = start; i < Math.min(exprs.length, start + docsPerFile); i++) {
      let sel = exprs[i];
      if (r() < 0.35) sel = `${pick(HEADER_SNIPPETS)} ${pick(['&&', '||', 'and'])} (${sel})`;
      const par = r() < 0.5 ? pick(exprs) : pick(['payload.head_commit.message', 'metadata["X-Event"][0]', 'event.payload.x', 'payload.a +', '"lit"']);
      docs.push(binding(i, yamlScalar(sel, Math.floor(r() * 4), '      '), yamlScalar(par, Math.floor(r() * 4), '              ')));
    }
    const res = compareFile(docs.join('---\n'), pick(versions));
    bindings += res.bindings; findings += res.findings; exprFindings += res.exprFindings;
  }
  assert.ok(bindings >= 1000, `only ${bindings} bindings compared`);
  assert.ok(exprFindings > 300, `only ${exprFindings} expression findings among ${findings}: the comparison must cover errors`);
});

test('token scan: char-code classes = the previous regex classes', () => {
  const r = rng(777);
  const alphabet = ['a', 'Z', '_', '$', '#', '0', '9', '.', '..', ' ', '\t', '\n', '"', "'", '`', '\\', '/', '*', '//', '/*', '*/',
    '=', '==', '!', '!=', '?', '?.', '??', '&', '&&', '|', '||', '<', '<=', '>', '>=', '[', ']', '(', ')', 'é', '日', '😀', '\u00a0', '\r',
    'metadata', 'event', 'let', '1e5', '0x1F', '-', '+', '@', '~'];
  for (let k = 0; k < 4000; k++) {
    const len = Math.floor(r() * 30);
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    assert.deepEqual(scanTokens(s), referenceScanTokens(s), JSON.stringify(s));
  }
  for (const s of ['', 'a', '1', '=', '==', '1..2', '1.5.x', 'x.y?.z', '"unterminated', '`raw']) assert.deepEqual(scanTokens(s), referenceScanTokens(s), s);
});

test('template lookup: the indexed overlayLookup = the previous linear one (order, namespaces, index, excluded uri)', () => {
  // the previous implementation, verbatim apart from names
  const matchesRef = (t: TemplateInfo, kind: string, name: string, namespace?: string): boolean => {
    if (t.kind !== kind || t.name !== name) return false;
    if (kind === 'ClusterWorkflowTemplate') return true;
    return !t.namespace || !namespace || t.namespace === namespace;
  };
  const referenceOverlay = (local: TemplateInfo[], index?: TemplateLookup, excludeUri?: string): TemplateLookup => ({
    find(kind, name, namespace) {
      const exact = local.find((t) => t.kind === kind && t.name === name && (kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')));
      if (exact) return exact;
      const fromIndex = index?.find(kind, name, namespace);
      if (fromIndex && !(excludeUri && fromIndex.uri === excludeUri)) return fromIndex;
      return local.find((t) => matchesRef(t, kind, name, namespace));
    },
  });
  const r = rng(31337);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)];
  const kinds = ['WorkflowTemplate', 'ClusterWorkflowTemplate'] as const;
  const names = ['a', 'b', 'c', 'constructor', '__proto__'];
  const nss = [undefined, 'argo', 'other', ''];
  const mk = (uri: string): TemplateInfo => {
    const ns = pick(nss);
    return { kind: pick(kinds), name: pick(names), uri, parameters: [], templates: [], ...(ns !== undefined ? { namespace: ns } : {}) };
  };
  let found = 0;
  for (let k = 0; k < 300; k++) {
    const local = Array.from({ length: Math.floor(r() * 8) }, () => mk('file:///this.yaml'));
    const index = new TemplateIndex();
    for (const u of ['file:///this.yaml', 'file:///other.yaml']) {
      const infos = Array.from({ length: Math.floor(r() * 4) }, () => mk(u));
      (index as unknown as { setInfos(uri: string, infos: TemplateInfo[]): void }).setInfos(u, infos);
    }
    const idx = r() < 0.3 ? undefined : index;
    const ex = r() < 0.5 ? 'file:///this.yaml' : undefined;
    const got = overlayLookup(local, idx, ex), want = referenceOverlay(local, idx, ex);
    for (let q = 0; q < 20; q++) {
      const kind = pick([...kinds, 'Workflow']), name = pick(names), ns = pick(nss);
      const a = got.find(kind, name, ns), b = want.find(kind, name, ns);
      assert.equal(a, b, `${kind} ${name} ${ns}`);
      if (a) found++;
    }
  }
  assert.ok(found > 1000, `only ${found} lookups found a template`);
});
