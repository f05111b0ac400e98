// The engine against the LIVE Go oracle (robfig/cron v3.0.1), when Go is installed (CI has Go):
// a fresh random batch (new seed every run, printed so a failure can be reproduced with CRON_ORACLE_SEED),
// the spec cases re-run (catches drift of Go/tzdata from the committed fixtures), and UTC-offset
// transitions of the test zones, 2024–2032, Intl (ICU) vs Go's tzdata.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerLine, loadZone, zoneTransitions } from '../../../core/cron';
import { CONTROLLER_ZONES, generateCases, TRICKY_ZONES } from './cases';
import { ensureOracle, goAvailable, runOracle } from './oracle';
import { hostPathCases, specCases } from './spec-cases';
import { existsSync } from 'node:fs';

const SKIP = goAvailable() ? false : 'SKIPPED LOUDLY: `go` is not on PATH, so the live robfig oracle cannot run (the golden fixtures are still checked by fixtures.test.ts)';

function compareLive(bin: string, reqs: object[]): { n: number; times: number; errors: number; diffs: string[] } {
  const lines = reqs.map((r) => JSON.stringify(r));
  const oracle = runOracle(bin, lines);
  assert.equal(oracle.length, lines.length);
  const diffs: string[] = [];
  let times = 0;
  let errors = 0;
  lines.forEach((l, i) => {
    const ours = answerLine(l);
    if (ours !== oracle[i]) diffs.push(`${l}\n   oracle: ${oracle[i]}\n   engine: ${ours}`);
    else if (ours.startsWith('{"times"')) times++;
    else errors++;
  });
  return { n: lines.length, times, errors, diffs };
}

test('fresh random batch: engine answers byte-identical to the live oracle', { skip: SKIP }, () => {
  const bin = ensureOracle()!;
  const seed = process.env.CRON_ORACLE_SEED ? Number(process.env.CRON_ORACLE_SEED) : Date.now() % 2 ** 31;
  const n = Number(process.env.CRON_ORACLE_CASES ?? 3000);
  const r = compareLive(bin, generateCases(seed, n));
  console.log(`# live oracle, seed ${seed}: ${r.n} cases (${r.times} with times, ${r.errors} errors), ${r.diffs.length} differences`);
  assert.equal(r.diffs.length, 0, `seed ${seed}: ${r.diffs.length} differences:\n${r.diffs.slice(0, 10).join('\n')}`);
});

test('spec cases: engine answers byte-identical to the live oracle', { skip: SKIP }, () => {
  const bin = ensureOracle()!;
  const r = compareLive(bin, specCases());
  console.log(`# live oracle, spec cases: ${r.n} cases, ${r.diffs.length} differences`);
  assert.equal(r.diffs.length, 0, r.diffs.slice(0, 10).join('\n'));
});

test('Intl (ICU) and Go tzdata agree on the offset transitions of the test zones, 2024–2032', { skip: SKIP }, () => {
  const bin = ensureOracle()!;
  const zones = [...new Set([...TRICKY_ZONES, ...CONTROLLER_ZONES])];
  const from = '2024-01-01T00:00:00Z';
  const until = '2033-01-01T00:00:00Z';
  const answers = runOracle(bin, zones.map((zone) => JSON.stringify({ zone, from, until })), ['transitions']);
  const diffs: string[] = [];
  let count = 0;
  zones.forEach((name, i) => {
    const go = (JSON.parse(answers[i]) as { transitions: number[][] }).transitions;
    const z = loadZone(name);
    assert.ok(z.ok, name);
    const ours = zoneTransitions(z.zone, Date.parse(from), Date.parse(until)).map((t) => [t.at / 1000, t.before, t.after]);
    count += go.length;
    if (JSON.stringify(go) !== JSON.stringify(ours)) diffs.push(`${name}: go ${JSON.stringify(go)} intl ${JSON.stringify(ours)}`);
  });
  console.log(`# ${zones.length} zones, ${count} transitions, ${diffs.length} zones differ`);
  assert.equal(diffs.length, 0, diffs.join('\n'));
});

const NO_HOST_TZ = SKIP || (existsSync('/usr/share/zoneinfo/America/New_York') ? false
  : 'SKIPPED LOUDLY: this host has no /usr/share/zoneinfo tree, so Go answers "unknown time zone" for names the engine resolves like a Linux host with tzdata (the committed host-paths fixture is still checked)');
test('zone names resolved through the host zoneinfo tree: engine answers byte-identical to the live oracle', { skip: NO_HOST_TZ }, () => {
  const bin = ensureOracle()!;
  const r = compareLive(bin, hostPathCases());
  console.log(`# live oracle, host-path zone names: ${r.n} cases, ${r.diffs.length} differences`);
  assert.equal(r.diffs.length, 0, r.diffs.slice(0, 10).join('\n'));
});
