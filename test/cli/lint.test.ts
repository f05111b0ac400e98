// `argo-triggers lint` and `argo-triggers match` through their run() entry points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as lint } from '../../cli/commands/lint';
import { run as match } from '../../cli/commands/match';

const EX = join(__dirname, '../../../shared/corpus/argo-examples');

async function cli(fn: typeof lint, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await fn(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async function* () {} });
  return { code, out, err };
}

test('lint: well-formed files → exit 0 and argo lint\'s success line', async () => {
  const r = await cli(lint, ['--now', '2026-11-26T00:00:00Z', join(EX, 'cron-workflow.yaml'), join(EX, 'cron-backfill.yaml'), join(EX, 'github-path-filter-workfloweventbinding.yaml')]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /✔ no linting errors found!\n/);
});

test('lint: the corpus directory (with its malformed fixtures) → exit 1, pretty layout, argo names', async () => {
  const r = await cli(lint, ['--now', '2026-11-26T00:00:00Z', EX]);
  assert.equal(r.code, 1);
  assert.match(r.out, /e2e-testdata\/malformed-cronworkflow\.yaml:\n {3}✖ in "malformed" \(CronWorkflow\): /);
  assert.match(r.out, /✖ \d+ linting errors found!\n/);
});

test('lint --format simple and json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-lint-'));
  try {
    const f = join(dir, 'c.yaml');
    writeFileSync(f, 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n  schedules: ["61 * * * *"]\n  workflowSpec:\n    entrypoint: main\n    templates: [{name: main, container: {image: x}}]\n');
    const s = await cli(lint, ['--format', 'simple', f]);
    assert.equal(s.code, 1);
    assert.ok(s.out.startsWith(`${f}: in "c" (CronWorkflow): cron schedule 61 * * * * is malformed: `), s.out);
    const ok = await cli(lint, ['--format', 'simple', join(EX, 'cron-workflow.yaml')]);
    assert.equal(ok.out, 'no linting errors found!\n');
    const j = await cli(lint, ['--format', 'json', '--argo-version', 'v3.7', f]);
    const rows = JSON.parse(j.out);
    const e = rows.find((x: { code: string }) => x.code === 'cron.schedule.invalid');
    assert.deepEqual(Object.keys(e), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepEqual([e.line, e.column, e.endLine, e.endColumn, e.severity], [6, 15, 6, 27, 'error']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lint: nothing to lint, usage errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-lint-'));
  try {
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const r = await cli(lint, [dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, /✖ found nothing to lint in the specified paths, failing\.\.\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal((await cli(lint, [])).code, 2);
  assert.equal((await cli(lint, ['--argo-version', 'v9', EX])).code, 2);
  assert.equal((await cli(lint, ['--format', 'xml', EX])).code, 2);
});

test('match: the corpus binding and GitHub payload', async () => {
  const r = await cli(match, ['--event', join(EX, 'e2e-testdata/github-webhook-payload.json'), '--payload', '--header', 'X-Github-Event: push',
    '--discriminator', 'github-path-filter', '--namespace', 'argo', '--format', 'json', EX]);
  const rows = JSON.parse(r.out);
  const names = rows.map((x: { binding: { name: string } }) => x.binding.name).sort();
  assert.deepEqual(names, ['event-consumer', 'github-path-filter']);
  const gpf = rows.find((x: { binding: { name: string } }) => x.binding.name === 'github-path-filter');
  assert.deepEqual(gpf.clauses[0].outcome, { value: true });
  assert.equal(r.code, rows.some((x: { matched: boolean }) => x.matched) ? 0 : 1);
  const pretty = await cli(match, ['--event', join(EX, 'e2e-testdata/github-webhook-payload.json'), '--payload', '--header', 'X-Github-Event: push', join(EX, 'github-path-filter-workfloweventbinding.yaml')]);
  assert.match(pretty.out, /github-path-filter/);
  assert.match(pretty.out, /metadata\["x-github-event"\] == \["push"\] {2}→ {2}true/);
});

test('match: event file with headers, and a created Workflow', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-match-'));
  try {
    const ev = join(dir, 'e.event.json');
    writeFileSync(ev, JSON.stringify({ payload: { appellation: 'Bond' }, headers: { 'X-Foo': 'bar' }, discriminator: '', namespace: 'argo' }));
    const r = await cli(match, ['--event', ev, '--name-suffix', 'xxxxx', join(EX, 'event-consumer-workfloweventbinding.yaml'), join(EX, 'event-consumer-workflowtemplate.yaml')]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /✔ matched {2}event-consumer/);
    assert.match(r.out, /name: event-consumer-xxxxx/);
    assert.match(r.out, /parameter appellation = Bond/);
    assert.equal((await cli(match, ['--event', join(dir, 'missing.json'), EX])).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
