// The engine's fast paths against the straightforward code they replace (kept here as the reference):
//  - SpecSchedule.next (wall-clock arithmetic where the offset is constant) vs robfigNext (robfig's loop);
//  - SpecSchedule.firesAt(t) vs robfigNext(t - 1000) === t;
//  - zoneTransitions from the zone's transition tables vs stepping hour by hour and bisecting (the old code);
//  - dstNotes built on the table transitions vs dstNotes built on the hour walk (the old code, copied below).
// robfigNext itself is checked against Go by fixtures.test.ts / oracle.test.ts; next() is too, since nextTimes uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dstNotes, loadZone, parseSchedule, zoneTransitions, type Zone } from '../../../core/cron';
import type { CronSchedule, SpecSchedule } from '../../../core/cron/schedule';
import { CONTROLLER_ZONES, TRICKY_ZONES, randomSchedule, rng } from './cases';
import { dstNotesReference } from '../../helpers/dstNotesReference';

const ZONES = [...new Set([...TRICKY_ZONES, ...CONTROLLER_ZONES])];
const NICE = ['0 2 * * *', '30 1 * * *', '59 1 * * *', '0 * * * *', '*/15 * * * *', '0 0 * * *', '0 3 * * 0', '30 2 * * *',
  '0 1 * * *', '0 0 1 * *', '* 2 * * *', '15,45 0-3 * * *', '0 12 * * 1-5', '0 */2 * * *', '5 4 * * sun', '0 0 29 2 *',
  '0 0 30 2 *', '@daily', '@hourly', '0 0 * * 7', '0 9-17 * * 1-5', '*/30 * * * *', '0 0 1 1 *', '30 0 * 3,10 *', '0 23 * * *'];

// ---------- reference: the code these fast paths replaced ----------
function transitionsByHourWalk(zone: Zone, from: number, until: number): { at: number; before: number; after: number }[] {
  const out: { at: number; before: number; after: number }[] = [];
  const STEP = 3_600_000;
  let t = from;
  let o = zone.offsetAt(t);
  while (t < until) {
    const t2 = Math.min(t + STEP, until);
    const o2 = zone.offsetAt(t2);
    if (o2 !== o) {
      let a = t;
      let b = t2;
      while (b - a > 1000) {
        const mid = Math.floor((a + b) / 2000) * 1000;
        if (zone.offsetAt(mid) === o) a = mid;
        else b = mid;
      }
      if (b < until) out.push({ at: b, before: o, after: zone.offsetAt(b) });
    }
    t = t2;
    o = o2;
  }
  return out;
}

/** dstNotes as it was: transitions by the hour walk, fires by robfig's loop. */
const dstNotesOld = (s: CronSchedule, from: number, until: number) =>
  dstNotesReference(s, from, until, transitionsByHourWalk, (spec, t) => spec.robfigNext(t));

function spec(text: string, zone: string): SpecSchedule | undefined {
  const z = loadZone(zone);
  if (!z.ok) return undefined;
  const p = parseSchedule(text, z.zone);
  return p.ok && p.schedule.kind === 'spec' ? (p.schedule as SpecSchedule) : undefined;
}

const CASES = Number(process.env.CRON_FAST_CASES ?? 1500);

test('next (fast path) equals robfig\'s loop, chained, over random schedules × tricky zones × 2024–2032', () => {
  const r = rng(Number(process.env.CRON_FAST_SEED ?? 20261126));
  let steps = 0;
  const diffs: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const s = spec(r() < 0.4 ? NICE[Math.floor(r() * NICE.length)] : randomSchedule(r), ZONES[Math.floor(r() * ZONES.length)]);
    if (!s) continue;
    let t = Date.UTC(2024, 0, 1) + Math.floor(r() * 9 * 365 * 86400) * 1000 + (r() < 0.2 ? Math.floor(r() * 1000) : 0);
    for (let k = 0; k < 25; k++) {
      const a = s.next(t);
      const b = s.robfigNext(t);
      steps++;
      if (a !== b) diffs.push(`${s.source} ${s.zone.name} after ${new Date(t).toISOString()}: fast ${a} robfig ${b}`);
      if (b === null) break;
      t = b + (r() < 0.15 ? Math.floor(r() * 3 * 86_400_000) : 0);
    }
  }
  console.log(`# ${steps} next() steps, ${diffs.length} differences`);
  assert.ok(steps > 10_000);
  assert.deepEqual(diffs.slice(0, 10), []);
});

test('firesAt(t) equals robfigNext(t - 1000) === t, at fires, near fires and near every transition', () => {
  const r = rng(7);
  let checks = 0;
  let fired = 0;
  const diffs: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const zone = ZONES[Math.floor(r() * ZONES.length)];
    const s = spec(r() < 0.5 ? NICE[Math.floor(r() * NICE.length)] : randomSchedule(r), zone);
    if (!s) continue;
    const trs = zoneTransitions(s.zone, Date.UTC(2024, 0, 1), Date.UTC(2033, 0, 1)).map((x) => x.at);
    const base = trs.length && r() < 0.7 ? trs[Math.floor(r() * trs.length)] + Math.floor((r() * 2 - 1) * 40 * 86400) * 1000
      : Date.UTC(2024, 0, 1) + Math.floor(r() * 9 * 365 * 86400) * 1000;
    const probes: number[] = [];
    for (let k = 0; k < 20; k++) probes.push(Math.floor(base / 60_000) * 60_000 + Math.floor((r() * 2 - 1) * 48) * 1_800_000 + (r() < 0.1 ? 1000 : 0));
    let t: number | null = base;
    for (let k = 0; k < 10 && t !== null; k++) {
      t = s.robfigNext(t);
      if (t !== null) probes.push(t, t + 3_600_000, t - 3_600_000, t + 86_400_000);
    }
    for (const q of probes) {
      const a = s.firesAt(q);
      const b = s.robfigNext(q - 1000) === q;
      checks++;
      if (b) fired++;
      if (a !== b) diffs.push(`${s.source} ${zone} at ${new Date(q).toISOString()}: firesAt ${a} robfig ${b}`);
    }
  }
  console.log(`# ${checks} instants (${fired} fires), ${diffs.length} differences`);
  assert.ok(fired > 1000);
  assert.deepEqual(diffs.slice(0, 10), []);
});

test('zoneTransitions from the tables equals the hour walk, every Go zone, 2024–2033 (second-aligned windows)', () => {
  let n = 0;
  const diffs: string[] = [];
  const r = rng(3);
  for (const name of ZONES) {
    const z = loadZone(name);
    assert.ok(z.ok, name);
    for (let k = 0; k < 4; k++) {
      const from = Date.UTC(2024, 0, 1) + Math.floor(r() * 8 * 365 * 86400) * 1000;
      const until = from + Math.floor(r() * 800 * 86400) * 1000;
      const a = JSON.stringify(zoneTransitions(z.zone, from, until));
      const b = JSON.stringify(transitionsByHourWalk(z.zone, from, until));
      n += (JSON.parse(b) as unknown[]).length;
      if (a !== b) diffs.push(`${name} ${from}..${until}: tables ${a} walk ${b}`);
    }
  }
  console.log(`# ${n} transitions, ${diffs.length} differences`);
  assert.ok(n > 100);
  assert.deepEqual(diffs, []);
});

test('dstNotes equals the hour-walk reference over schedules × tricky zones × years', () => {
  const r = rng(11);
  let cases = 0;
  let notes = 0;
  const diffs: string[] = [];
  for (const zone of ZONES) {
    for (const year of [2024, 2025, 2026, 2027, 2028, 2030, 2032]) {
      for (let k = 0; k < 6; k++) {
        const s = spec(k < 4 ? NICE[Math.floor(r() * NICE.length)] : randomSchedule(r), zone);
        if (!s) continue;
        // whole seconds: the hour walk can place a transition up to 1 s late when `from` has a millisecond part
        // (see the next test); here both must agree exactly
        const from = Date.UTC(year, 0, 1) + Math.floor(r() * 365 * 86400) * 1000;
        const until = from + 365 * 86_400_000;
        const a = JSON.stringify(dstNotes(s, from, until));
        const b = JSON.stringify(dstNotesOld(s, from, until));
        cases++;
        notes += (JSON.parse(b) as unknown[]).length;
        if (a !== b) diffs.push(`${s.source} ${zone} from ${new Date(from).toISOString()}:\n new ${a}\n ref ${b}`);
      }
    }
  }
  console.log(`# ${cases} schedule×zone×year cases, ${notes} notes, ${diffs.length} differences`);
  assert.ok(notes > 200);
  assert.deepEqual(diffs.slice(0, 5), []);
});

test('dstNotes with a millisecond part in `from` (the hour walk looped forever there)', () => {
  const s = spec('0 2 * * *', 'America/Los_Angeles')!;
  // the hour walk samples at from + k h; with a transition just before a non-whole-second sample its bisection never
  // narrowed (mid rounded back to the lower end): the old code hung here, so it is not run on this input
  const from = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
  const untilMs = from + 365 * 86_400_000;
  const want = [{ kind: 'skipped', wallTime: '2026-03-08 02:00' }];
  assert.deepEqual(dstNotes(s, from, untilMs), want);
  assert.deepEqual(dstNotes(s, from - 500, untilMs), want);
});
