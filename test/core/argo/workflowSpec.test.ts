// workflowSpec checks (Argo's validate.Workflow as far as offline lint goes) and the remaining structural rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, one, only, slice, cron } from './helpers';
import { MAX_DOCUMENTS } from '../../../core/argo/documents';
import { lintText } from '../../../core/argo';

const wt = (spec: string) => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: t}
spec:
${spec}`;

test('templates with workflowTemplateRef', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: w-}
spec:
  workflowTemplateRef: {name: t}
  templates: [{name: main, container: {image: x}}]
---
${wt('  entrypoint: main\n  templates: [{name: main, container: {image: x}}]\n')}`;
  assert.equal(one(lint(text), 'workflow.templates.withRef').message, 'Templates is invalid field in spec if workflow referred WorkflowTemplate reference');
});

test('template names: required, unique; template types: missing, multiple', () => {
  const fs = lint(wt(`  templates:
    - container: {image: x}
    - name: a
      container: {image: x}
    - name: a
      script: {image: x, source: y}
    - name: b
    - name: c
      container: {image: x}
      script: {image: x, source: y}
`));
  assert.equal(one(fs, 'workflow.template.nameRequired').message, 'spec.templates[0].name is required');
  assert.equal(one(fs, 'workflow.template.nameNotUnique').message, "spec.templates[2].name 'a' is not unique");
  assert.equal(one(fs, 'workflow.template.typeMissing').message, "templates.b template 'b' type is unknown");
  assert.match(one(fs, 'workflow.template.typeMultiple').message, /^templates\.c templates\.c multiple template types specified\./);
});

test('steps: template + templateRef, templateRef without name/template, unknown template of a known WorkflowTemplate', () => {
  const text = `${wt(`  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: main2
            templateRef: {name: other, template: x}
        - - name: b
            templateRef: {template: x}
        - - name: c
            templateRef: {name: other}
        - - name: d
            templateRef: {name: other, template: nope}
    - name: main2
      container: {image: x}
`)}---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: other}
spec:
  templates: [{name: x, container: {image: x}}]
`;
  const fs = lint(text);
  assert.equal(one(fs, 'workflow.step.templateAndRef').message, 'templates.main.steps[0].a template name cannot be specified with templateRef.');
  assert.equal(one(fs, 'workflow.templateRef.nameRequired').message, 'templates.main.steps[1].b resource name is required');
  assert.equal(one(fs, 'workflow.templateRef.templateRequired').message, 'templates.main.steps[2].c template name is required');
  const nf = one(fs, 'workflow.templateRef.templateNotFound');
  assert.equal(nf.message, 'templates.main.steps[3].d template reference other.nope not found');
  assert.equal(slice(text, nf), 'nope');
});

test('dag tasks and templates not reachable from the entrypoint get Argo\'s extra prefix', () => {
  const fs = lint(wt(`  entrypoint: main
  templates:
    - name: main
      container: {image: x}
    - name: lonely
      dag:
        tasks:
          - name: t1
            template: ghost
`));
  assert.equal(one(fs, 'workflow.step.templateUndefined').message, "templates.lonely templates.lonely.tasks.t1 template name 'ghost' undefined");
});

test('argument names required and unique', () => {
  const fs = lint(cron('  schedules: ["0 1 * * *"]\n  timezone: UTC').replace('    entrypoint: main\n', '    entrypoint: main\n    arguments:\n      parameters:\n        - value: "1"\n        - {name: p, value: "1"}\n        - {name: p, value: "2"}\n'));
  assert.equal(one(fs, 'workflow.arguments.nameRequired').message, 'cannot validate Workflow: spec.arguments.parameters[0].name is required');
  assert.equal(one(fs, 'workflow.arguments.nameNotUnique').message, "cannot validate Workflow: spec.arguments.parameters[2].name 'p' is not unique");
});

test('v4 CRD pattern for schedules items', () => {
  const text = cron('  schedules: ["@every 1.5h"]\n  timezone: UTC');
  assert.equal(one(lint(text), 'cron.schedule.crdPattern').severity, 'warning');
  assert.deepEqual(only(lint(text, 'v3.7'), 'cron.schedule.crdPattern'), []);
});

test('binding structure: selector, valueFrom.event and workflowTemplateRef required', () => {
  const fs = lint(`apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata: {name: b}
spec:
  event: {}
  submit:
    arguments:
      parameters:
        - name: p
          valueFrom: {path: /x}
`);
  assert.equal(one(fs, 'web.selector.missing').severity, 'error');
  assert.equal(one(fs, 'web.submit.templateRefMissing').severity, 'error');
  assert.equal(one(fs, 'web.param.eventMissing').severity, 'error');
});

test('YAML warnings and the document cap', () => {
  assert.equal(one(lint(cron('  schedules: !!weird ["0 1 * * *"]')), 'yaml.warning').severity, 'warning');
  const many = Array.from({ length: MAX_DOCUMENTS + 2 }, () => 'a: 1\n').join('---\n');
  const fs = lintText(many, { argoVersion: 'v4.1', controllerZone: 'UTC', now: 0 });
  assert.equal(one(fs, 'file.tooManyDocuments').severity, 'error');
});

test('Workflow / WorkflowTemplate names up to 63 characters; Argo kinds with another apiVersion', () => {
  const long = 'w'.repeat(64);
  const text = wt('  templates: [{name: main, container: {image: x}}]\n').replace('name: t}', `name: ${long}}`);
  assert.equal(one(lint(text), 'workflow.name.tooLong').message, `workflow template name "${long}" must not be more than 63 characters long (currently 64)`);
  const other = cron('  schedules: ["0 1 * * *"]\n  timezone: UTC').replace('argoproj.io/v1alpha1', 'argoproj.io/v1');
  const f = one(lint(other), 'doc.apiVersion');
  assert.equal(slice(other, f), 'argoproj.io/v1');
  assert.deepEqual(lint(other.replace('argoproj.io/v1\n', 'argoproj.io/v1alpha1\n')).filter((x) => x.severity === 'error'), []);
  // another group's "Workflow" kind is not ours
  assert.deepEqual(lint('apiVersion: example.com/v1\nkind: Workflow\nmetadata: {name: x}\nspec: {foo: 1}\n'), []);
});
