// The CronWorkflow rules' fast paths against the code they replaced (kept below as the reference, copied from
// core/argo/cronRules.ts and core/cron/argo.ts as they were before):
//  - collisions() (day-by-day count between offset transitions) vs the plain walk of Next / firesAt;
//  - dstNotes() (skipped minutes by integer calendar math) vs the Date-per-minute version;
//  - the findings of checkCronWorkflow with the new search vs the same rule with the reference search injected
//    (code, message, range, severity of every finding), over generated CronWorkflows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dstNotes, loadZone, nextTimes, parseSchedule, zoneTransitions, type CronSchedule, type Zone } from '../../../core/cron';
import { collisions } from '../../../core/argo/cronCollisions';
import { checkCronWorkflow } from '../../../core/argo/cronRules';
import { parseFile } from '../../../core/argo/documents';
import { overlayLookup } from '../../../core/argo/templateIndex';
import type { ArgoVersion } from '../../../core/argo/versions';
import { rng } from '../../helpers/rng';
import { dstNotesReference } from '../../helpers/dstNotesReference';

// ---------- reference: the collision search as it was in cronRules.ts ----------
const YEAR_MS = 365 * 24 * 3600 * 1000;
const COLLISION_SCAN = 400;
function collisionsReference(a: CronSchedule, b: CronSchedule, from: number, until: number): { first: number; count: number; capped: boolean } | undefined {
  const density = (s: CronSchedule) => {
    const r = nextTimes(s, from, 50);
    const span = r.times.length < 50 ? 5 * YEAR_MS : Math.max(1, r.times[49] - from);
    return r.times.length / span;
  };
  const [sparse, dense] = density(a) <= density(b) ? [a, b] : [b, a];
  let t: number | null = from;
  let first: number | undefined;
  let count = 0;
  for (let k = 0; k < COLLISION_SCAN; k++) {
    t = sparse.next(t);
    if (t === null || t >= until) return first === undefined ? undefined : { first, count, capped: false };
    if (fires(dense, t)) {
      if (first === undefined) first = t;
      count++;
    }
  }
  return first === undefined ? undefined : { first, count, capped: true };
}
function fires(s: CronSchedule, t: number): boolean {
  const spec = s as CronSchedule & { firesAt?: (t: number) => boolean };
  return spec.firesAt ? spec.firesAt(t) : s.next(t - 1000) === t;
}

// ---------- reference: dstNotes as it was in core/cron/argo.ts ----------
/** dstNotes as it was before the integer calendar math: the zone's transitions, fires by next(). */
const dstNotesOld = (s: CronSchedule, from: number, until: number) =>
  dstNotesReference(s, from, until, zoneTransitions, (spec, t) => spec.next(t));

// ---------- generators ----------
// with DST (north and south, half-hour DST in Lord_Howe, 45-minute offsets in Chatham, odd rules), and without
const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'America/New_York', 'UTC', 'Asia/Tokyo', 'Australia/Sydney', 'America/Santiago',
  'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Africa/Casablanca', 'America/Havana',
  'Europe/London', 'Pacific/Auckland', 'Asia/Tehran', 'Etc/GMT+5', 'America/Asuncion', 'Antarctica/Troll'];
const MINUTES = ['0', '30', '*/15', '*/2', '*/5', '5,35', '0-59/7', '*', '59', '0,30', '15', '*/20', '1-10'];
const HOURS = ['*', '2', '1-3', '9-17', '*/6', '0', '23', '2,14', '1', '3', '*/2', '0-23/5', '12'];
const DOMS = ['*', '1', '15', '29-31', '1-7', '?', '*/2', '31', '13', '8-14', '29'];
const MONTHS = ['*', '*', '*', '3', '10,11', '*/3', '2', '4-9', '1-12', '11', '3,4,10'];
const DOWS = ['*', '*', '1-5', '0', '6', 'sun', '?', '5', '1-5/2', '0,6'];
const DESCRIPTORS = ['@daily', '@hourly', '@weekly', '@monthly', '@yearly', '@midnight', '@every 1h', '@every 90m', '@every 24h'];

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function randomSpec(r: () => number): string {
  if (r() < 0.08) return pick(r, DESCRIPTORS);
  if (r() < 0.02) return pick(r, ['0 0 29 2 *', '0 0 30 2 *', '0 2 31 4 *', '30 2 * 3 0', '0 2 8-14 3 0']);
  return `${pick(r, MINUTES)} ${pick(r, HOURS)} ${pick(r, DOMS)} ${pick(r, MONTHS)} ${pick(r, DOWS)}`;
}

/** 1–4 schedules, often overlapping: a copy of another, or one sharing some of its fields. */
function randomSchedules(r: () => number): string[] {
  const n = 1 + Math.floor(r() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (out.length && r() < 0.5) {
      const base = pick(r, out);
      const f = base.split(' ');
      if (f.length === 5) {
        // vary one or two fields of an earlier schedule
        const gens = [MINUTES, HOURS, DOMS, MONTHS, DOWS];
        for (let k = 0; k < 1 + Math.floor(r() * 2); k++) {
          const i2 = Math.floor(r() * 5);
          f[i2] = pick(r, gens[i2]);
        }
        out.push(f.join(' '));
        continue;
      }
    }
    out.push(randomSpec(r));
  }
  return out;
}

const transitionCache = new Map<string, number[]>();
/** An instant near one of the zone's offset transitions (from 40 days before to 3 days after), or anywhere in 2025–2030. */
function randomNow(r: () => number, zoneName: string): number {
  const lo = Date.UTC(2025, 0, 1);
  const hi = Date.UTC(2030, 0, 1);
  let trs = transitionCache.get(zoneName);
  if (!trs) {
    const z = loadZone(zoneName);
    trs = z.ok ? zoneTransitions(z.zone, lo, hi).map((t) => t.at) : [];
    transitionCache.set(zoneName, trs);
  }
  if (r() < 0.08) {
    // offsets with seconds (local mean time before ~1900), old rules, far future
    const eras = [Date.UTC(1880, 0, 1), Date.UTC(1916, 0, 1), Date.UTC(1945, 0, 1), Date.UTC(2100, 0, 1), Date.UTC(2400, 0, 1)];
    return pick(r, eras) + Math.floor(r() * 3 * 365 * 86_400) * 1000;
  }
  if (trs.length && r() < 0.6) {
    const x = pick(r, trs);
    const ms = x + Math.floor((r() * 43 - 40) * 86_400) * 1000;
    return r() < 0.3 ? ms + Math.floor(r() * 1000) : Math.floor(ms / 60_000) * 60_000 + (r() < 0.5 ? 0 : -1000);
  }
  return lo + Math.floor(r() * (hi - lo) / 1000) * 1000;
}

test('collisions(): the same first instant, count and cap as the walk, for random schedule pairs in one zone', () => {
  const r = rng(4242);
  let cases = 0, hits = 0, capped = 0;
  for (let i = 0; i < 2500; i++) {
    const zone = pick(r, ZONES);
    const now = randomNow(r, zone);
    const [x, ...rest] = randomSchedules(r);
    const y = rest.length && r() < 0.5 ? rest[0] : randomSpec(r);
    const pa = parseSchedule(`CRON_TZ=${zone} ${x}`);
    const pb = parseSchedule(`CRON_TZ=${zone} ${y}`);
    assert.ok(pa.ok && pb.ok, `${x} / ${y}`);
    if (pa.schedule.kind !== 'spec' || pb.schedule.kind !== 'spec') continue;
    const got = collisions(pa.schedule, pb.schedule, now, now + YEAR_MS);
    const want = collisionsReference(pa.schedule, pb.schedule, now, now + YEAR_MS);
    assert.deepEqual(got, want, `${zone} now=${new Date(now).toISOString()} "${x}" vs "${y}"`);
    cases++;
    if (want) hits++;
    if (want?.capped) capped++;
  }
  console.log(`collisions(): ${cases} schedule pairs compared, ${hits} collide (${capped} capped at ${COLLISION_SCAN})`);
  assert.ok(cases > 2000 && hits > 300 && capped > 20, `too few interesting cases: ${cases} / ${hits} / ${capped}`);
});

test('collisions() in the same zone from different Zone objects and across zones falls back to the walk', () => {
  const a = parseSchedule('CRON_TZ=Europe/Berlin 0 2 * * *');
  const b = parseSchedule('CRON_TZ=UTC 0 1 * * *');
  const c = parseSchedule('CRON_TZ=Europe/Berlin 0 2 * * *');
  assert.ok(a.ok && b.ok && c.ok);
  for (const now of [Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 28), Date.UTC(2026, 9, 24, 12)]) {
    assert.deepEqual(collisions(a.schedule, b.schedule, now, now + YEAR_MS), collisionsReference(a.schedule, b.schedule, now, now + YEAR_MS));
    assert.deepEqual(collisions(a.schedule, c.schedule, now, now + YEAR_MS), collisionsReference(a.schedule, c.schedule, now, now + YEAR_MS));
  }
  // Berlin 02:00 and UTC 01:00 are the same instant in winter only
  const got = collisions(a.schedule, b.schedule, Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 1) + YEAR_MS);
  assert.ok(got && got.count > 100 && got.count < 200, JSON.stringify(got));
});

test('dstNotes(): the same notes as the Date-per-minute version, for random schedules near transitions', () => {
  const r = rng(77);
  let cases = 0, skipped = 0, doubled = 0;
  for (let i = 0; i < 4000; i++) {
    const zone = pick(r, ZONES);
    const now = randomNow(r, zone);
    const text = randomSpec(r);
    const p = parseSchedule(`CRON_TZ=${zone} ${text}`);
    assert.ok(p.ok, text);
    const until = now + (r() < 0.8 ? YEAR_MS : Math.floor(r() * 3 * YEAR_MS));
    const want = dstNotesOld(p.schedule, now, until);
    assert.deepEqual(dstNotes(p.schedule, now, until), want, `${zone} now=${new Date(now).toISOString()} "${text}"`);
    cases++;
    skipped += want.filter((n) => n.kind === 'skipped').length;
    doubled += want.filter((n) => n.kind === 'doubled').length;
  }
  console.log(`dstNotes(): ${cases} schedules compared, ${skipped} skipped and ${doubled} doubled notes`);
  assert.ok(skipped > 1000 && doubled > 1000, `too few notes: ${skipped} / ${doubled}`);
});

const VERSIONS: ArgoVersion[] = ['v4.1', 'v4.0', 'v3.7', 'v3.6', 'v3.5'];
const CONTROLLER = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];

function cronDoc(r: () => number, i: number): { text: string; zone: string } {
  const schedules = randomSchedules(r);
  const zone = pick(r, ZONES);
  const lines = schedules.map((s) => {
    const p = r() < 0.1 ? `${pick(r, ['CRON_TZ', 'TZ'])}=${pick(r, ZONES)} ` : '';
    return `    - "${p}${s}"`;
  });
  const tz = r() < 0.8 ? `  timezone: ${zone}\n` : '';
  const sd = r() < 0.3 ? `  startingDeadlineSeconds: ${pick(r, [10, 60, 300])}\n` : '';
  const text = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: cron-${i}
  namespace: argo
spec:
  schedules:
${lines.join('\n')}
${tz}${sd}  workflowSpec:
    entrypoint: main
    templates:
      - name: main
        container:
          image: busybox
`;
  return { text, zone };
}

test('checkCronWorkflow: the same findings with the new collision search as with the walk, over generated CronWorkflows', () => {
  const r = rng(20261126);
  const lookup = overlayLookup([], undefined, '');
  let docs = 0, findings = 0, collide = 0, dst = 0;
  for (let i = 0; i < 3000; i++) {
    const { text, zone } = cronDoc(r, i);
    const d = parseFile(text).docs[0];
    const ctx = {
      text, doc: d, v: pick(r, VERSIONS), controllerZone: pick(r, CONTROLLER), now: randomNow(r, zone), lookup, missingRefIsError: false,
    };
    const pick4 = (fs: ReturnType<typeof checkCronWorkflow>) => fs.map((f) => ({ code: f.code, message: f.message, range: f.range, severity: f.severity }));
    const got = pick4(checkCronWorkflow(ctx));
    const want = pick4(checkCronWorkflow({ ...ctx, collisions: collisionsReference }));
    assert.deepEqual(got, want, `${text}\nnow=${new Date(ctx.now).toISOString()} controller=${ctx.controllerZone} ${ctx.v}`);
    docs++;
    findings += want.length;
    collide += want.filter((f) => f.code === 'cron.schedules.collide').length;
    dst += want.filter((f) => f.code === 'cron.schedule.dst').length;
  }
  console.log(`checkCronWorkflow: ${docs} CronWorkflows compared, ${findings} findings (${collide} collisions, ${dst} DST notes)`);
  assert.ok(collide > 300 && dst > 300, `too few interesting cases: ${collide} collisions, ${dst} DST notes`);
});

export type { Zone };
