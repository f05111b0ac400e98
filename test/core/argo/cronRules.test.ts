// CronWorkflow rules: Argo's validate.CronWorkflow messages (texts quoted in spec argo-triggers.md §3.1 / Argo's
// validate.go) and our own warnings. Each rule has a positive case here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, one, only, codes, cron, slice, applyFix, firstArgoError } from './helpers';
import { TemplateIndex } from '../../../core/argo';

test('valid CronWorkflow: no errors', () => {
  const fs = lint(cron('  schedules: ["0 3 * * *"]\n  timezone: UTC'));
  assert.deepEqual(fs.filter((f) => f.severity === 'error'), []);
});

test('name longer than 52 characters (Argo wording, range on the name)', () => {
  const name = 'a'.repeat(53);
  const text = cron('  schedules: ["0 3 * * *"]', name);
  const f = one(lint(text), 'cron.name.tooLong');
  assert.equal(f.message, `cron workflow name "${name}" must not be more than 52 characters long (currently 53)`);
  assert.equal(slice(text, f), name);
  assert.deepEqual(only(lint(cron('  schedules: ["0 3 * * *"]', 'a'.repeat(52))), 'cron.name.tooLong'), []);
});

test('malformed schedule: robfig message wrapped as Argo wraps it, per version', () => {
  const text = cron('  schedules: ["10 * * 12737123 *"]');
  const f = one(lint(text), 'cron.schedule.invalid');
  assert.equal(f.message, 'cron schedule 10 * * 12737123 * is malformed: end of range (12737123) above maximum (12): 12737123');
  assert.equal(slice(text, f), '"10 * * 12737123 *"');
  const legacy = one(lint(cron('  schedule: "10 * * 12737123 *"'), 'v3.5'), 'cron.schedule.invalid');
  assert.equal(legacy.message, 'cron schedule is malformed: end of range (12737123) above maximum (12): 12737123');
});

test('missing schedules: v4 "at least one", v3.5 "empty spec string", v3.6/3.7 accept', () => {
  const text = cron('  suspend: false');
  assert.equal(one(lint(text, 'v4.1'), 'cron.schedules.missing').message, 'cron workflow must have at least one schedule');
  assert.equal(one(lint(text, 'v4.0'), 'cron.schedules.missing').message, 'cron workflow must have at least one schedule');
  assert.equal(one(lint(text, 'v3.5'), 'cron.schedules.missing').message, 'cron schedule is malformed: empty spec string');
  assert.deepEqual(only(lint(text, 'v3.7'), 'cron.schedules.missing'), []);
  assert.deepEqual(only(lint(text, 'v3.6'), 'cron.schedules.missing'), []);
});

test('timezone: Go LoadLocation message from v3.7; a warning before', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  timezone: Not/A_Real_Timezone');
  const f = one(lint(text, 'v4.1'), 'cron.timezone.invalid');
  assert.equal(f.message, 'invalid timezone "Not/A_Real_Timezone": unknown time zone Not/A_Real_Timezone');
  assert.equal(f.severity, 'error');
  assert.equal(slice(text, f), 'Not/A_Real_Timezone');
  assert.equal(one(lint(text, 'v3.7'), 'cron.timezone.invalid').severity, 'error');
  assert.equal(one(lint(text, 'v3.6'), 'cron.timezone.invalid').severity, 'warning');
  // zone names are case-sensitive
  assert.equal(one(lint(cron('  schedules: ["0 3 * * *"]\n  timezone: europe/berlin')), 'cron.timezone.invalid').severity, 'error');
});

test('concurrencyPolicy with a case fix', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  concurrencyPolicy: forbid');
  const f = one(lint(text), 'cron.concurrencyPolicy.invalid');
  assert.equal(f.message, "'forbid' is not a valid concurrencyPolicy");
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /concurrencyPolicy: Forbid/);
  assert.deepEqual(only(lint(fixed), 'cron.concurrencyPolicy.invalid'), []);
});

test('negative startingDeadlineSeconds', () => {
  const f = one(lint(cron('  schedules: ["0 3 * * *"]\n  startingDeadlineSeconds: -5')), 'cron.startingDeadlineSeconds.negative');
  assert.equal(f.message, 'startingDeadlineSeconds must be positive');
});

test('v3.6/v3.7: both schedule and schedules (checked before the name), with a fix', () => {
  const text = cron('  schedule: "0 1 * * *"\n  schedules: ["0 3 * * *"]', 'x'.repeat(60));
  for (const v of ['v3.6', 'v3.7'] as const) {
    const fs = lint(text, v);
    const f = one(fs, 'cron.schedule.both');
    assert.equal(f.message, 'cron workflow cant be configured with both Spec.Schedule and Spec.Schedules');
    assert.equal(firstArgoError(fs), f, 'the "both" check comes first in v3.6/3.7');
    const fixed = applyFix(text, f.fixes![0]);
    assert.deepEqual(only(lint(fixed, v), 'cron.schedule.both'), []);
  }
  // v4: name length is the first validation error (and schedule is an unknown field)
  const fs4 = lint(cron('  schedules: ["0 3 * * *"]', 'x'.repeat(60)), 'v4.1');
  assert.equal(firstArgoError(fs4)?.code, 'cron.name.tooLong');
});

test('v4: spec.schedule is an unknown field, with a fix to schedules', () => {
  const text = cron('  schedule: "0 1 * * *"');
  const fs = lint(text, 'v4.1');
  const f = one(fs, 'cron.schedule.removed');
  assert.equal(f.message, 'strict decoding error: unknown field "spec.schedule"');
  assert.equal(firstArgoError(fs), f);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /schedules: \["0 1 \* \* \*"\]/);
  assert.deepEqual(lint(fixed, 'v4.1').filter((x) => x.severity === 'error'), []);
});

test('v3.6/v3.7: schedule is deprecated (warning + fix); v3.5: schedules does not exist', () => {
  const text = cron('  schedule: "0 1 * * *"');
  const f = one(lint(text, 'v3.7'), 'cron.schedule.deprecated');
  assert.equal(f.severity, 'warning');
  assert.match(applyFix(text, f.fixes![0]), /schedules: \["0 1 \* \* \*"\]/);
  const g = one(lint(cron('  schedules: ["0 1 * * *"]'), 'v3.5'), 'cron.schedules.unsupported');
  assert.equal(g.message, 'strict decoding error: unknown field "spec.schedules"');
});

test('workflowSpec: entrypoint, templates and arguments as Argo validates the child Workflow', () => {
  const noEntry = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: c}
spec:
  schedules: ["0 3 * * *"]
  workflowSpec:
    arguments:
      parameters:
        - name: p
    templates:
      - name: main
        container: {image: busybox}
`;
  const fs = lint(noEntry);
  assert.equal(one(fs, 'workflow.entrypoint.missing').message, 'cannot validate Workflow: spec.entrypoint is required');
  assert.equal(one(fs, 'workflow.arguments.valueRequired').message, 'cannot validate Workflow: spec.arguments.p.value or spec.arguments.p.valueFrom is required');
  const undef = lint(noEntry.replace('    arguments:', '    entrypoint: nope\n    arguments:'));
  assert.equal(one(undef, 'workflow.entrypoint.undefined').message, "cannot validate Workflow: template name 'nope' undefined");
  const steps = lint(cron('  schedules: ["0 3 * * *"]').replace('        container:\n          image: busybox\n',
    '        steps:\n          - - name: a\n              template: missing\n'));
  assert.equal(one(steps, 'workflow.step.templateUndefined').message, "cannot validate Workflow: templates.main.steps[0].a template name 'missing' undefined");
});

test('workflowTemplateRef: offline lint error vs editor information, resolved through the index', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: c}
spec:
  schedules: ["0 3 * * *"]
  workflowSpec:
    workflowTemplateRef: {name: job}
`;
  assert.equal(one(lint(text, 'v4.1', { offline: true }), 'workflow.templateRef.notFound').message,
    'cannot validate Workflow: couldn\'t find workflow template "job" in namespace ""');
  assert.equal(one(lint(text), 'workflow.templateRef.notInWorkspace').severity, 'information');
  const index = new TemplateIndex();
  index.update('file:///t.yaml', `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: job}
spec:
  entrypoint: main
  arguments:
    parameters: [{name: date}]
  templates: [{name: main, container: {image: busybox}}]
`);
  const fs = lint(text, 'v4.1', { offline: true, index });
  assert.deepEqual(only(fs, 'workflow.templateRef.notFound'), []);
  // the template declares `date` without a value: the CronWorkflow's child Workflow fails validation
  assert.equal(one(fs, 'workflow.arguments.valueRequired').message, 'cannot validate Workflow: spec.arguments.date.value or spec.arguments.date.valueFrom is required');
});

test('never-firing schedule (robfig 5-year search)', () => {
  const text = cron('  schedules: ["0 0 30 2 *"]');
  const f = one(lint(text), 'cron.schedule.neverFires');
  assert.equal(f.severity, 'warning');
  assert.equal(slice(text, f), '"0 0 30 2 *"');
});

test('DST: skipped and doubled runs in the next year, with dates', () => {
  const skip = one(lint(cron('  schedules: ["0 2 * * *"]\n  timezone: America/Los_Angeles')), 'cron.schedule.dst');
  assert.match(skip.message, /skipped \(no catch-up\) at 2027-03-14 02:00/);
  assert.equal(skip.severity, 'warning');
  const dbl = one(lint(cron('  schedules: ["30 1 * * *"]\n  timezone: America/Los_Angeles')), 'cron.schedule.dst');
  assert.match(dbl.message, /run twice at 2027-11-07 01:30/);
  assert.deepEqual(only(lint(cron('  schedules: ["0 2 * * *"]\n  timezone: Asia/Tokyo')), 'cron.schedule.dst'), []);
  // no timezone: the controller's zone decides
  assert.deepEqual(only(lint(cron('  schedules: ["0 2 * * *"]')), 'cron.schedule.dst'), []);
  assert.equal(only(lint(cron('  schedules: ["0 2 * * *"]'), 'v4.1', { controllerZone: 'Europe/Berlin' }), 'cron.schedule.dst').length, 1);
});

test('CRON_TZ= inside a schedule together with timezone never schedules (fix removes the prefix)', () => {
  const text = cron('  schedules: ["CRON_TZ=Asia/Tokyo 0 * * * *"]\n  timezone: Asia/Tokyo');
  const fs = lint(text);
  const f = one(fs, 'cron.schedule.crontzWithTimezone');
  assert.equal(fs.filter((x) => x.severity === 'error').length, 0, 'Argo itself accepts it');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /schedules: \["0 \* \* \* \*"\]/);
  assert.deepEqual(only(lint(fixed), 'cron.schedule.crontzWithTimezone'), []);
});

test('no timezone: information that the controller zone applies', () => {
  const f = one(lint(cron('  schedules: ["0 3 * * *"]')), 'cron.timezone.missing');
  assert.equal(f.severity, 'information');
  assert.deepEqual(only(lint(cron('  schedules: ["0 3 * * *"]\n  timezone: UTC')), 'cron.timezone.missing'), []);
});

test('@every caveat', () => {
  assert.equal(one(lint(cron('  schedules: ["@every 90m"]\n  timezone: UTC')), 'cron.schedule.every').severity, 'information');
});

test('when and stopStrategy expressions that do not compile', () => {
  const text = cron('  schedules: ["0 3 * * *"]\n  timezone: UTC\n  when: "{{= cronworkflow.failed >> 2 }}"\n  stopStrategy:\n    expression: "cronworkflow.failed >= (3"');
  const fs = lint(text);
  const w = one(fs, 'cron.when.invalid');
  assert.ok(w.range.start > text.indexOf('when:') && w.range.end <= text.indexOf('}}"'));
  const s = one(fs, 'cron.stopStrategy.invalid');
  assert.ok(s.range.start >= text.indexOf('cronworkflow.failed >= (3'));
  // the corpus example form compiles
  assert.deepEqual(only(lint(cron('  schedules: ["0 3 * * *"]\n  when: "{{= cronworkflow.lastScheduledTime == nil || (now() - cronworkflow.lastScheduledTime).Seconds() > 360 }}"\n  stopStrategy:\n    expression: "cronworkflow.failed >= 3"')), 'cron.when.invalid'), []);
  // plain tags only resolve strings
  assert.equal(one(lint(cron('  schedules: ["0 3 * * *"]\n  when: "{{cronworkflow.failed}} > 2"')), 'cron.when.invalid').severity, 'warning');
  // not in v3.5
  assert.equal(one(lint(cron('  schedule: "0 3 * * *"\n  when: "true"'), 'v3.5'), 'strict.unknownField').message, 'strict decoding error: unknown field "spec.when"');
});

test('startingDeadlineSeconds too short to catch up a missed run', () => {
  assert.equal(one(lint(cron('  schedules: ["0 3 * * *"]\n  startingDeadlineSeconds: 5')), 'cron.startingDeadlineSeconds.tooShort').severity, 'warning');
  assert.deepEqual(only(lint(cron('  schedules: ["0 3 * * *"]\n  startingDeadlineSeconds: 300')), 'cron.startingDeadlineSeconds.tooShort'), []);
});

test('identical instants across schedules collapse into one run', () => {
  const f = one(lint(cron('  schedules: ["0 * * * *", "0 */2 * * *"]\n  timezone: UTC')), 'cron.schedules.collide');
  assert.match(f.message, /schedules 1 and 2 fire at the same instant \(first 2026-11-26T02:00:00Z/);
  assert.deepEqual(only(lint(cron('  schedules: ["0 * * * *", "30 * * * *"]\n  timezone: UTC')), 'cron.schedules.collide'), []);
});

test('every code produced above is catalogued', async () => {
  const { RULES } = await import('../../../core/argo');
  const known = new Set(RULES.map((r) => r.code));
  const all = codes(lint(cron('  schedules: ["0 0 30 2 *", "CRON_TZ=UTC 0 * * * *"]\n  timezone: Bad/Zone\n  concurrencyPolicy: x\n  startingDeadlineSeconds: -1\n  foo: 1', 'y'.repeat(60))));
  for (const c of all) assert.ok(known.has(c), c);
});
