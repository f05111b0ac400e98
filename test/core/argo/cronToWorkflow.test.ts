// CronWorkflow → Workflow (spec argo-triggers.md §2.4): name <cron>-<unix seconds>, labels, annotations, owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { join } from 'node:path';
import { cronWorkflowToWorkflow } from '../../../core/argo';
import { EXAMPLES, read } from './helpers';

test('scheduled child: deterministic name, scheduled-time in the schedule zone (spec example), labels merged', () => {
  const cron = parse(read(join(EXAMPLES, 'e2e-testdata/cron-workflow-with-labels.yaml')));
  cron.metadata.labels['workflows.argoproj.io/creator'] = 'me';
  cron.metadata.uid = 'u-1';
  cron.spec.workflowMetadata.annotations = { note: 'n' };
  cron.spec.workflowMetadata.finalizers = ['f1'];
  const at = Date.UTC(2024, 5, 10, 8, 0, 0); // 2024-06-10T01:00:00-07:00 in America/Los_Angeles
  const wf = cronWorkflowToWorkflow(cron, at) as any;
  assert.equal(wf.metadata.name, `test-cwf-with-labels-${at / 1000}`);
  assert.equal(wf.metadata.generateName, undefined);
  assert.equal(wf.metadata.annotations['workflows.argoproj.io/scheduled-time'], '2024-06-10T01:00:00-07:00');
  assert.equal(wf.metadata.annotations.note, 'n');
  assert.deepEqual(wf.metadata.labels, {
    'workflows.argoproj.io/cron-workflow': 'test-cwf-with-labels', 'workflows.argoproj.io/creator': 'me', 'workflows.argoproj.io/test': 'true',
  });
  assert.equal(wf.metadata.labels.client, undefined, 'only creator/instance-id labels of the CronWorkflow are copied');
  assert.deepEqual(wf.metadata.finalizers, ['f1']);
  assert.deepEqual(wf.metadata.ownerReferences, [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', name: 'test-cwf-with-labels', uid: 'u-1', controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(wf.spec, cron.spec.workflowSpec);
  assert.notEqual(wf.spec, cron.spec.workflowSpec, 'spec is a copy');
});

test('no timezone: the controller zone decides the annotation offset; manual submit uses generateName', () => {
  const cron = parse(read(join(EXAMPLES, 'e2e-testdata/basic.yaml')));
  const at = Date.UTC(2026, 0, 1, 12, 0, 0);
  assert.equal((cronWorkflowToWorkflow(cron, at) as any).metadata.annotations['workflows.argoproj.io/scheduled-time'], '2026-01-01T12:00:00Z');
  assert.equal((cronWorkflowToWorkflow(cron, at, { controllerZone: 'Asia/Kolkata' }) as any).metadata.annotations['workflows.argoproj.io/scheduled-time'], '2026-01-01T17:30:00+05:30');
  const manual = cronWorkflowToWorkflow(cron, at, { manual: true }) as any;
  assert.equal(manual.metadata.generateName, 'test-cron-wf-basic-');
  assert.equal(manual.metadata.name, undefined);
});
