// concurrencyPolicy planning (spec argo-triggers.md §2.6): Allow overlaps, Forbid skips, Replace terminates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePolicy, planRuns, summarizePlan } from '../../../core/argo/concurrency';

const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
// A fire every 10 minutes for an hour.
const every10 = Array.from({ length: 6 }, (_, i) => t0 + i * 10 * MIN);

test('normalizePolicy: empty and undefined mean Allow; the three names are case-sensitive', () => {
  assert.deepEqual(normalizePolicy(undefined), { ok: true, policy: 'Allow' });
  assert.deepEqual(normalizePolicy(''), { ok: true, policy: 'Allow' });
  assert.deepEqual(normalizePolicy('Forbid'), { ok: true, policy: 'Forbid' });
  assert.deepEqual(normalizePolicy('forbid'), { ok: false, error: 'run policy error: invalid ConcurrencyPolicy: forbid' });
});

test('runs shorter than the interval never overlap under any policy', () => {
  for (const p of ['Allow', 'Forbid', 'Replace']) {
    const plan = planRuns(every10, 5 * MIN, p, { activeLagMs: 0 });
    assert.deepEqual(plan.runs.map((r) => r.outcome), ['run', 'run', 'run', 'run', 'run', 'run'], p);
    assert.ok(plan.runs.every((r) => r.end === r.at + 5 * MIN));
  }
});

test('Allow: a 25-minute run overlaps the next two fires', () => {
  const plan = planRuns(every10, 25 * MIN, 'Allow');
  assert.deepEqual(plan.runs.map((r) => r.outcome), ['run', 'overlap', 'overlap', 'overlap', 'overlap', 'overlap']);
  assert.deepEqual(plan.runs[1].active, [0]);
  assert.deepEqual(plan.runs[2].active, [0, 1]);
  assert.deepEqual(plan.runs[3].active, [1, 2]); // run 0 ended at 25 min, before the 30 min fire
  assert.equal(plan.policy, 'Allow');
});

test('Forbid: fires while a run is active are skipped and start nothing', () => {
  const plan = planRuns(every10, 25 * MIN, 'Forbid', { activeLagMs: 0 });
  // 0: run (ends 25) · 10, 20: skipped · 30: run (ends 55) · 40, 50: skipped
  assert.deepEqual(plan.runs.map((r) => r.outcome), ['run', 'skipped', 'skipped', 'run', 'skipped', 'skipped']);
  assert.equal(plan.runs[1].end, plan.runs[1].at);
  assert.deepEqual(plan.runs[3].active, []);
  const s = summarizePlan(plan);
  assert.equal(s.run, 2);
  assert.equal(s.skipped, 4);
});

test('Replace: each fire terminates the active run and starts a new one', () => {
  const plan = planRuns(every10, 25 * MIN, 'Replace');
  assert.deepEqual(plan.runs.map((r) => r.outcome), ['run', 'replace', 'replace', 'replace', 'replace', 'replace']);
  assert.deepEqual(plan.runs[1].terminates, [0]);
  assert.equal(plan.runs[0].terminatedAt, t0 + 10 * MIN);
  assert.equal(plan.runs[0].end, t0 + 10 * MIN);
  assert.equal(plan.runs[5].terminatedAt, undefined);
  assert.equal(plan.runs[5].end, t0 + 75 * MIN);
  assert.equal(summarizePlan(plan).terminated, 5);
});

test('a run that ends exactly at the next fire is not active', () => {
  const plan = planRuns(every10, 10 * MIN, 'Forbid', { activeLagMs: 0 });
  assert.ok(plan.runs.every((r) => r.outcome === 'run'));
});

test('Forbid: a run that ended within the active-list lag makes the next fire borderline', () => {
  const plan = planRuns(every10, 9.9 * MIN, 'Forbid'); // ends 6 s before each next fire; default lag 10 s
  assert.deepEqual(plan.runs.map((r) => r.outcome), ['run', 'run', 'run', 'run', 'run', 'run']);
  assert.deepEqual(plan.runs.map((r) => !!r.borderline), [false, true, true, true, true, true]);
  const noLag = planRuns(every10, 9.9 * MIN, 'Forbid', { activeLagMs: 0 });
  assert.ok(noLag.runs.every((r) => !r.borderline));
  assert.ok(planRuns(every10, 9.9 * MIN, 'Allow').runs.every((r) => !r.borderline));
});

test('an invalid policy is an error on every fire and nothing runs', () => {
  const plan = planRuns(every10, 25 * MIN, 'Sometimes');
  assert.equal(plan.policy, 'invalid');
  assert.equal(plan.error, 'run policy error: invalid ConcurrencyPolicy: Sometimes');
  assert.ok(plan.runs.every((r) => r.outcome === 'error' && r.end === r.at));
});

test('duplicate and unsorted fire times collapse into one ordered fire each; zero duration never overlaps', () => {
  const plan = planRuns([every10[2], every10[0], every10[0], NaN, every10[1]], 0, 'Forbid');
  assert.deepEqual(plan.runs.map((r) => r.at), [every10[0], every10[1], every10[2]]);
  assert.ok(plan.runs.every((r) => r.outcome === 'run' && !r.borderline));
  assert.deepEqual(planRuns([], 5 * MIN, 'Allow').runs, []);
});

test('large plans stay linear-ish: 10k fires plan quickly and consistently', () => {
  const fires = Array.from({ length: 10_000 }, (_, i) => t0 + i * MIN);
  const plan = planRuns(fires, 2.5 * MIN, 'Forbid');
  // pattern repeats every 3 minutes: run, skipped, skipped
  assert.deepEqual(plan.runs.slice(0, 6).map((r) => r.outcome), ['run', 'skipped', 'skipped', 'run', 'skipped', 'skipped']);
  assert.equal(summarizePlan(plan).run, Math.ceil(10_000 / 3));
});
