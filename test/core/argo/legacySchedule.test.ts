// v3.6/v3.7 legacy `schedule` next to an empty `schedules` (case 44, which Argo v3.7.18's lint accepts per
// test/fixtures/argo-lint/golden-v3.7.json): the deprecation quick fix must not leave two `schedules` keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../../core/argo';
import { lint, one, applyFix } from './helpers';

const ROOT = join(__dirname, '../../..');
const CASE = 'test/fixtures/argo-lint/cases/44-legacy-schedule-empty-schedules.yaml';

test('schedule + empty schedules: the v3.7 fix moves the schedule into schedules and deletes the schedule line', () => {
  const golden = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/argo-lint/golden-v3.7.json'), 'utf8')) as { files: Record<string, { errors: string[] }> };
  assert.deepEqual(golden.files[CASE].errors, [], 'Argo v3.7.18 accepts the file');
  const text = readFileSync(join(ROOT, CASE), 'utf8');
  const fs = lint(text, 'v3.7');
  assert.deepEqual(fs.filter((f) => f.severity === 'error'), [], 'no error in our v3.7 view either');
  const f = one(fs, 'cron.schedule.deprecated');
  assert.equal(f.fixes?.length, 1);
  const fixed = applyFix(text, f.fixes![0]);
  assert.equal(parseFile(fixed).problems?.length ?? 0, 0, 'fixed text parses');
  assert.equal(fixed.match(/^\s*schedules:/gm)?.length, 1, 'exactly one schedules key');
  assert.doesNotMatch(fixed, /^\s*schedule:/m);
  assert.match(fixed, /schedules: \["0 1 \* \* \*"\]/);
  for (const v of ['v3.7', 'v4.0', 'v4.1'] as const) assert.deepEqual(lint(fixed, v).filter((x) => x.severity !== 'information'), [], `clean in ${v}`);
});

test('schedule + empty schedules on one flow-style line: no fix rather than a broken one', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: flow}
spec: {schedule: "0 1 * * *", schedules: [], workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: busybox}}]}}
`;
  const f = one(lint(text, 'v3.7'), 'cron.schedule.deprecated');
  assert.deepEqual(f.fixes, []);
});
