// matchEvent: the corpus bindings against the corpus GitHub payload. Selector/parameter values are cross-checked
// with the expr engine (which has its own Go oracle); the Workflow shape follows spec argo-triggers.md §4.5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { matchEvent, TemplateIndex } from '../../../core/argo';
import * as expr from '../../../core/expr';
import { EXAMPLES, read } from './helpers';

const payload = JSON.parse(readFileSync(join(EXAMPLES, 'e2e-testdata/github-webhook-payload.json'), 'utf8'));
const githubEvent = (discriminator: string): expr.ArgoEvent => ({
  payload, headers: [['X-Github-Event', 'push'], ['X-Hub-Signature-256', 'sha256=dd6f6b41f6d0cb9523d6459032e164e220853b683a5e87892145b0eb0b84e0cd']],
  discriminator, namespace: 'argo',
});

test('github-path-filter binding: clauses, result and parameters agree with the expr engine', () => {
  const text = read(join(EXAMPLES, 'github-path-filter-workfloweventbinding.yaml'));
  const selector = 'metadata["x-github-event"] == ["push"]';
  for (const d of ['github-path-filter', 'other']) {
    const ev = githubEvent(d);
    const [m] = matchEvent(text, ev, { argoVersion: 'v4.1' });
    assert.equal(m.binding.name, 'github-path-filter');
    const full = (text.match(/selector: \|\n([\s\S]*?)\n  submit:/)![1]).split('\n').map((l) => l.slice(6)).join('\n') + '\n';
    const sel = expr.evalSelector(full, ev, 'v4.1');
    assert.ok(sel.ok);
    assert.equal(m.matched, sel.result);
    assert.ok(m.clauses.length >= 3, 'top-level && chain split into clauses');
    assert.ok(m.clauses[0].text.includes(selector));
    assert.deepEqual(m.clauses[0].outcome, { value: true }, 'header clause is true: X-Github-Event is lower-cased into a list');
    const disc = m.clauses.find((c) => c.text.includes('discriminator'))!;
    assert.deepEqual(disc.outcome, { value: d === 'github-path-filter' });
  }
});

test('event-consumer binding: a match creates the Workflow argo-server would create', () => {
  const binding = read(join(EXAMPLES, 'event-consumer-workfloweventbinding.yaml'));
  const index = new TemplateIndex();
  index.update('wt', read(join(EXAMPLES, 'event-consumer-workflowtemplate.yaml')));
  const ev: expr.ArgoEvent = { payload: { appellation: 'Mr Bond' }, headers: [], discriminator: '', namespace: 'argo' };
  const [m] = matchEvent(binding, ev, { argoVersion: 'v4.1', index, nameSuffix: 'abcde' });
  assert.equal(m.matched, true);
  const p = expr.evalParameter('payload.appellation', ev, 'v4.1');
  assert.ok(p.ok);
  assert.deepEqual(m.parameters, [{ name: 'appellation', value: p.value }]);
  assert.deepEqual(m.workflow, {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow',
    metadata: {
      generateName: 'event-consumer-', name: 'event-consumer-abcde', namespace: 'argo',
      labels: { 'workflows.argoproj.io/workflow-template': 'event-consumer', 'workflows.argoproj.io/workflow-event-binding': 'event-consumer' },
    },
    spec: { workflowTemplateRef: { name: 'event-consumer' }, arguments: { parameters: [{ name: 'appellation', value: p.value }] } },
  });
});

test('selector errors, other namespaces, submit.metadata, cluster templates and v4.1 template metadata', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {name: bad}
spec:
  event: {selector: payload.a.b.c}
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {name: elsewhere, namespace: other}
spec:
  event: {selector: "true"}
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {name: named}
spec:
  event: {selector: "true"}
  submit:
    workflowTemplateRef: {name: cwt, clusterScope: true}
    metadata:
      name: '"run-" + discriminator'
      labels: {team: '"a"'}
---
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: cwt}
spec:
  workflowMetadata: {labels: {from-template: "yes"}}
  templates: [{name: main, container: {image: x}}]
`;
  const ev: expr.ArgoEvent = { payload: {}, headers: [], discriminator: 'd1', namespace: 'argo' };
  const [bad, elsewhere, named] = matchEvent(text, ev, { argoVersion: 'v4.1' });
  const direct = expr.evalSelector('payload.a.b.c', ev, 'v4.1');
  assert.equal(direct.ok, false);
  assert.equal(bad.matched, false);
  assert.deepEqual(bad.selectorError, (direct as { error: expr.ExprError }).error);
  assert.equal(bad.dispatchError, `failed to evaluate workflow template expression: ${bad.selectorError!.message}`);
  assert.equal(elsewhere.matched, false);
  assert.match(elsewhere.notes![0], /namespace "other"/);
  assert.equal(named.matched, true);
  const wf = named.workflow as { metadata: { name: string; labels: Record<string, string> }; spec: unknown };
  assert.equal(wf.metadata.name, 'run-d1');
  assert.deepEqual(wf.metadata.labels, {
    'workflows.argoproj.io/cluster-workflow-template': 'cwt', 'from-template': 'yes', team: 'a', 'workflows.argoproj.io/workflow-event-binding': 'named',
  });
  assert.deepEqual(wf.spec, { workflowTemplateRef: { name: 'cwt', clusterScope: true } });
  // before v4.1 the template's workflowMetadata is not copied
  const [, , v40] = matchEvent(text, ev, { argoVersion: 'v4.0' });
  assert.equal((v40.workflow as typeof wf).metadata.labels['from-template'], undefined);
});

test('a plain value: parameter is the dispatch error argo-server reports', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {name: b}
spec:
  event: {selector: "true"}
  submit:
    workflowTemplateRef: {name: t}
    arguments: {parameters: [{name: p, value: x}]}
`;
  const [m] = matchEvent(text, { payload: null, headers: [], discriminator: '', namespace: '' }, { argoVersion: 'v4.1' });
  assert.equal(m.matched, true);
  assert.equal(m.dispatchError, 'malformed workflow template parameter "p": valueFrom is nil');
  assert.equal(m.workflow, undefined);
});
