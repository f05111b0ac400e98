import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../helpers/rng';
import { parseFile, lintText, positionAt, computeLineStarts, MAX_FILE_CHARS, TemplateIndex } from '../../../core/argo';
import { lint, one, cron } from './helpers';

test('multi-document files: kinds, names, namespaces, ranges', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: a, namespace: ns1}
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {generateName: web-}
`;
  const { docs, lineStarts } = parseFile(text);
  assert.deepEqual(docs.map((d) => [d.kind, d.name ?? d.generateName, d.namespace, d.isArgo]), [
    ['CronWorkflow', 'a', 'ns1', true], ['ConfigMap', 'cm', undefined, false], ['WorkflowEventBinding', 'web-', undefined, true]]);
  assert.equal(text.slice(docs[2].range.start, docs[2].range.start + 10), 'apiVersion');
  assert.deepEqual(positionAt(lineStarts, text.indexOf('kind: ConfigMap')), { line: 6, character: 0 });
});

test('a YAML syntax error is reported at its position and the other documents are still checked', () => {
  const bad = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: x\nspec: [\n';
  const good = cron('  schedules: ["0 0 30 2 *"]');
  const text = `${good}---\n${bad}---\n${good}`;
  const fs = lintText(text, { argoVersion: 'v4.1', controllerZone: 'UTC', now: 0 });
  const syntax = fs.filter((f) => f.code === 'yaml.syntax');
  assert.ok(syntax.length >= 1);
  const second = text.indexOf(bad);
  assert.ok(syntax.every((f) => f.range.start >= second && f.range.start <= second + bad.length + 4));
  assert.equal(fs.filter((f) => f.code === 'cron.schedule.neverFires').length, 2, 'both good documents still linted');
});

test('duplicate keys are errors (strict YAML)', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  schedules: ["0 4 * * *"]');
  assert.equal(one(lint(text), 'yaml.duplicateKey').severity, 'error');
});

test('size cap: text above 5 MB is refused with one clear finding', () => {
  const big = '#'.repeat(MAX_FILE_CHARS + 1);
  const fs = lintText(big, { argoVersion: 'v4.1', controllerZone: 'UTC', now: 0 });
  assert.deepEqual(fs.map((f) => f.code), ['file.tooLarge']);
});

test('line starts handle \\r\\n and \\r', () => {
  assert.deepEqual(computeLineStarts('a\r\nb\rc\nd'), [0, 3, 5, 7]);
});

test('line starts of LF-only text (indexOf path) equal a character-by-character count', () => {
  const r = rng(7);
  for (const text of ['', '\n', '\n\n', 'a', 'a\n', '\na', 'a\nb\n\nc']) {
    const want = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') want.push(i + 1);
    assert.deepEqual(computeLineStarts(text), want, JSON.stringify(text));
  }
  for (let k = 0; k < 500; k++) {
    const text = Array.from({ length: Math.floor(r() * 60) }, () => 'a \n'[Math.floor(r() * 3)]).join('');
    const want = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') want.push(i + 1);
    assert.deepEqual(computeLineStarts(text), want, JSON.stringify(text));
  }
});

test('TemplateIndex: update, find by kind/name/namespace, remove', () => {
  const idx = new TemplateIndex();
  idx.update('u1', 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t, namespace: a}\nspec:\n  entrypoint: main\n  arguments: {parameters: [{name: p}, {name: q, value: "1"}]}\n  templates: [{name: main}]\n');
  idx.update('u2', 'apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata: {name: c}\nspec: {templates: [{name: x}]}\n');
  const t = idx.find('WorkflowTemplate', 't', 'a');
  assert.ok(t);
  assert.deepEqual(t.parameters, [{ name: 'p', hasDefault: false }, { name: 'q', hasDefault: true, value: '1' }]);
  assert.equal(t.entrypoint, 'main');
  assert.equal(idx.find('WorkflowTemplate', 't', 'b'), undefined);
  assert.ok(idx.find('WorkflowTemplate', 't'));
  assert.ok(idx.find('ClusterWorkflowTemplate', 'c', 'whatever'));
  idx.update('u1', 'kind: Nothing\n');
  assert.equal(idx.find('WorkflowTemplate', 't', 'a'), undefined);
  idx.remove('u2');
  assert.deepEqual(idx.all(), []);
});

test('a stale index entry for the file being linted does not resolve references', () => {
  const idx = new TemplateIndex();
  const uri = 'file:///a.yaml';
  idx.update(uri, 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: gone}\nspec: {templates: [{name: main, container: {image: x}}]}\n');
  const text = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedules: ["0 1 * * *"]\n  workflowSpec:\n    workflowTemplateRef: {name: gone}\n';
  const opts = { argoVersion: 'v4.1' as const, controllerZone: 'UTC', now: 0, index: idx, offline: true };
  assert.equal(lintText(text, { ...opts, uri }).filter((f) => f.code === 'workflow.templateRef.notFound').length, 1);
  assert.equal(lintText(text, { ...opts, uri: 'file:///other.yaml' }).filter((f) => f.code === 'workflow.templateRef.notFound').length, 0);
});
