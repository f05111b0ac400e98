// WorkflowEventBinding rules: expressions compiled with the expr engine, errors mapped to the exact YAML columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, one, only, slice, applyFix, read, EXAMPLES } from './helpers';
import { join } from 'node:path';
import { TemplateIndex } from '../../../core/argo';
import * as expr from '../../../core/expr';

const web = (selectorYaml: string, rest = '') => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata:
  name: b
spec:
  event:
    selector: ${selectorYaml}
${rest}`;

function compileError(src: string) {
  const r = expr.compile(src, expr.buildEnvironment({ payload: {}, headers: [], discriminator: '', namespace: '' }), 'v4.1');
  assert.ok(!r.ok, `expected ${src} not to compile`);
  return r.error;
}

test('corpus bindings have no errors', () => {
  for (const f of ['event-consumer-workfloweventbinding.yaml', 'github-path-filter-workfloweventbinding.yaml']) {
    const fs = lint(read(join(EXAMPLES, f)));
    assert.deepEqual(fs.filter((x) => x.severity === 'error' || x.severity === 'warning'), [], f);
  }
});

test('selector compile error at the right column: plain, single-, double-quoted and block scalars', () => {
  const bad = 'payload.a == 1 && discriminator = "x"';
  const e = compileError(bad);
  assert.ok(e.span, 'the expr engine reports a span');
  const want = bad.slice(e.span!.start, Math.max(e.span!.end, e.span!.start + 1));
  for (const yamlForm of [bad, `'${bad}'`, JSON.stringify(bad), `|\n      ${bad}\n`, `>-\n      ${bad}\n`]) {
    const text = web(yamlForm);
    const f = one(lint(text), 'web.selector.invalid');
    assert.equal(f.message, `failed to evaluate workflow template expression: ${e.message}`);
    assert.equal(slice(text, f), want, yamlForm);
  }
});

test('selector error inside an escaped double-quoted scalar maps past the escapes', () => {
  const src = 'payload.s == "a\\"b" && discriminator = 1';
  const e = compileError(src);
  const text = web(JSON.stringify(src));
  const f = one(lint(text), 'web.selector.invalid');
  const wantChar = src[e.span!.start];
  assert.equal(text[f.range.start], wantChar);
});

test('header name not lower-case: warning with a fix that lower-cases it', () => {
  const text = web(`'"push" in metadata["X-GitHub-Event"]'`);
  const f = one(lint(text), 'web.header.case');
  assert.equal(slice(text, f), '"X-GitHub-Event"');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /metadata\["x-github-event"\]/);
  assert.deepEqual(only(lint(fixed), 'web.header.case'), []);
});

test('header name without x- is never in metadata', () => {
  const f = one(lint(web(`'"a" in metadata["authorization"]'`)), 'web.header.notX');
  assert.equal(f.severity, 'warning');
});

test('header compared with a string instead of a list: fix wraps it in a list', () => {
  for (const sel of [`'metadata["x-github-event"] == "push"'`, `'"push" == metadata["x-github-event"]'`, `"metadata[\\"x-github-event\\"] == \\"push\\""`]) {
    const text = web(sel);
    const f = one(lint(text), 'web.header.stringCompare');
    const fixed = applyFix(text, f.fixes![0]);
    assert.deepEqual(only(lint(fixed), 'web.header.stringCompare'), [], fixed);
    assert.deepEqual(lint(fixed).filter((x) => x.severity === 'error'), [], fixed);
  }
  assert.deepEqual(only(lint(web(`'metadata["x-github-event"] == ["push"]'`)), 'web.header.stringCompare'), []);
});

test('`event.` used as a variable: error with a fix', () => {
  const text = web('event.payload.action == "opened"');
  const fs = lint(text);
  const f = one(fs, 'web.event.variable');
  assert.equal(slice(text, f), 'event.');
  assert.deepEqual(only(fs, 'web.selector.invalid'), [], 'the generic unknown-name error is folded into this one');
  const fixed = applyFix(text, f.fixes![0]);
  assert.deepEqual(lint(fixed).filter((x) => x.severity === 'error'), []);
});

test('plain value: where valueFrom is required (Argo dispatch message) with a fix', () => {
  const text = web('"true"', `  submit:
    workflowTemplateRef:
      name: t
    arguments:
      parameters:
        - name: p
          value: hello
`);
  const f = one(lint(text), 'web.param.valueRequired');
  assert.equal(f.message, 'malformed workflow template parameter "p": valueFrom is nil');
  const fixed = applyFix(text, f.fixes![0]);
  assert.deepEqual(lint(fixed).filter((x) => x.severity === 'error'), [], fixed);
  // and the fixed parameter evaluates to the literal
  assert.deepEqual(expr.evalParameter('"hello"', { payload: null, headers: [], discriminator: '', namespace: '' }), { ok: true, value: 'hello' });
});

test('valueFrom.event compile error at the right column', () => {
  const src = 'payload.x +';
  const e = compileError(src);
  const text = web('"true"', `  submit:
    workflowTemplateRef: {name: t}
    arguments:
      parameters:
        - name: p
          valueFrom:
            event: ${src}
`);
  const f = one(lint(text), 'web.param.invalid');
  assert.equal(f.message, `failed to compile workflow template parameter p expression: ${e.message}`);
  assert.ok(f.range.start >= text.indexOf(src) && f.range.end <= text.indexOf(src) + src.length + 1);
});

test('referenced template: information when not in the index; missing required parameters when it is', () => {
  const text = web('"true"', `  submit:
    workflowTemplateRef:
      name: event-consumer
    arguments:
      parameters:
        - name: salutation
          valueFrom: {event: '"hi"'}
`);
  assert.equal(one(lint(text), 'web.template.notInWorkspace').severity, 'information');
  const index = new TemplateIndex();
  index.update('file:///wt.yaml', `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: event-consumer}
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: salutation
      - name: appellation
      - name: greeting
        value: hello
  templates: [{name: main, container: {image: busybox}}]
`);
  const fs = lint(text, 'v4.1', { index });
  assert.deepEqual(only(fs, 'web.template.notInWorkspace'), []);
  const m = one(fs, 'web.param.missing');
  assert.match(m.message, /parameter "appellation"/);
});

test('submit.metadata expressions that do not parse', () => {
  const text = web('"true"', `  submit:
    workflowTemplateRef: {name: t}
    metadata:
      generateName: my-wf-
`);
  assert.equal(one(lint(text), 'web.metadata.invalid').severity, 'error');
});
