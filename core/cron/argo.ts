// How Argo's cron controller composes and runs schedules: CRON_TZ=<timezone> prefixing, the controller's
// own zone for schedules without a timezone, several schedules merged (same second = one run, because the
// child Workflow is named <cron>-<unix seconds>), and DST notes (runs skipped or doubled by a transition).
import { civilFromLocalMs, civilIn, newCivil } from './gotime';
import { parseSchedule } from './parser';
import type { CronSchedule, SpecSchedule } from './schedule';
import type { Millis, Zone } from './types';
import { loadZone } from './zone';

export interface ArgoCronSpec {
  schedule?: string;
  schedules?: string[];
  timezone?: string;
}

export interface MergedFire {
  at: Millis;
  schedules: number[];
}

export interface DstNote {
  kind: 'skipped' | 'doubled';
  wallTime: string;
  at?: Millis[];
}

/** robfig-style chain of Next from `after`: stops at the zero time (exhausted). */
export function nextTimes(s: CronSchedule, after: Millis, count: number): { times: Millis[]; exhausted: boolean } {
  const times: Millis[] = [];
  let t: Millis | null = after;
  const n = Math.max(0, Math.min(Math.floor(count), 100_000));
  for (let i = 0; i < n; i++) {
    t = s.next(t);
    if (t === null) return { times, exhausted: true };
    times.push(t);
  }
  return { times, exhausted: false };
}

/** The raw schedule list of a CronWorkflow spec (a legacy singular `schedule` wins, as Argo's conversion does). */
export function rawSchedules(spec: ArgoCronSpec): string[] {
  if (typeof spec.schedule === 'string' && spec.schedule !== '') return [spec.schedule];
  return Array.isArray(spec.schedules) ? spec.schedules.filter((s): s is string => typeof s === 'string') : [];
}

/** The schedule strings the controller hands to robfig: "CRON_TZ=<tz> <s>" when timezone is set. */
export function argoScheduleStrings(spec: ArgoCronSpec): string[] {
  const tz = typeof spec.timezone === 'string' ? spec.timezone : '';
  return rawSchedules(spec).map((s) => (tz !== '' ? `CRON_TZ=${tz} ${s}` : s));
}

/**
 * Parses one schedule the way Argo validates and then schedules it: the raw text with ParseStandard, the
 * timezone with LoadLocation, then the composed CRON_TZ text (which can still fail, e.g. a double prefix).
 * Errors use Argo's validation wording where Argo has one.
 */
export function argoParse(raw: string, timezone: string | undefined, controllerZone: Zone):
  { ok: true; schedule: CronSchedule } | { ok: false; error: string; kind: 'schedule' | 'timezone' | 'composed' } {
  const r = parseSchedule(raw, controllerZone);
  if (!r.ok) return { ok: false, error: `cron schedule ${raw} is malformed: ${r.error}`, kind: 'schedule' };
  if (!timezone) return r;
  const z = loadZone(timezone);
  if (!z.ok) return { ok: false, error: `invalid timezone "${timezone}": ${z.error}`, kind: 'timezone' };
  const c = parseSchedule(`CRON_TZ=${timezone} ${raw}`, controllerZone);
  if (!c.ok) return { ok: false, error: `the controller cannot schedule "CRON_TZ=${timezone} ${raw}": ${c.error}`, kind: 'composed' };
  return c;
}

export function mergedNextTimes(spec: ArgoCronSpec, controllerZone: Zone, after: Millis, count: number):
  { fires: MergedFire[]; errors: { index: number; error: string }[]; exhausted: boolean } {
  const raws = rawSchedules(spec);
  const errors: { index: number; error: string }[] = [];
  const bySecond = new Map<number, MergedFire>();
  const n = Math.max(0, Math.min(Math.floor(count), 100_000));
  raws.forEach((raw, index) => {
    const p = argoParse(raw, spec.timezone, controllerZone);
    if (!p.ok) {
      errors.push({ index, error: p.error });
      return;
    }
    for (const at of nextTimes(p.schedule, after, n).times) {
      const key = Math.floor(at / 1000);
      const f = bySecond.get(key);
      if (f) {
        if (!f.schedules.includes(index)) f.schedules.push(index);
      } else bySecond.set(key, { at, schedules: [index] });
    }
  });
  const fires = [...bySecond.values()].sort((a, b) => a.at - b.at).slice(0, n);
  return { fires, errors, exhausted: fires.length < n };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function wall(ms: Millis, zone: Zone): string {
  const c = civilIn(ms, zone);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}`;
}

/** Longest range read from a zone's transition tables in one call; longer or non-finite ranges step hourly. */
const MAX_TABLE_RANGE_MS = 200 * 366 * 86_400_000;

/**
 * Offset transitions of a zone in (from, until): instants and the offsets before/after. Zones from loadZone answer
 * from their transition tables (exact: every change of offsetAt); any other Zone is stepped hourly and bisected.
 */
export function zoneTransitions(zone: Zone, from: Millis, until: Millis): { at: Millis; before: number; after: number }[] {
  if (zone.transitions && Number.isFinite(from) && Number.isFinite(until) && until - from <= MAX_TABLE_RANGE_MS) {
    return zone.transitions(from, until);
  }
  return zoneTransitionsByStepping(zone, from, until);
}

function zoneTransitionsByStepping(zone: Zone, from: Millis, until: Millis): { at: Millis; before: number; after: number }[] {
  const out: { at: Millis; before: number; after: number }[] = [];
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
        if (mid <= a || mid >= b) break; // not a whole second strictly inside: this used to loop forever
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

/** The largest |ms| a JavaScript Date holds. */
const MAX_DATE_MS = 8.64e15;

/**
 * Runs skipped or doubled by DST in [from, until): "skipped" = a wall time the schedule names that does not
 * exist on a spring-forward day (robfig never fires it); "doubled" = a wall time that fires twice because the
 * fall-back hour repeats. @every schedules are DST-blind and get no notes.
 */
export function dstNotes(s: CronSchedule, from: Millis, until: Millis): DstNote[] {
  if (s.kind !== 'spec' || !(until > from)) return [];
  const spec = s as SpecSchedule;
  const zone = s.zone;
  const span = Math.min(until, from + 6 * 366 * 86_400_000);
  const notes: DstNote[] = [];
  // Skipped: wall minutes inside each gap that match the schedule's fields.
  for (const tr of zoneTransitions(zone, from, span)) {
    if (tr.after <= tr.before) continue;
    const startLocal = tr.at + tr.before * 1000; // first missing wall time (as local ms)
    const endLocal = tr.at + tr.after * 1000;
    const c = newCivil();
    const hourBits = spec.fields.hour.bits;
    const minuteBits = spec.fields.minute.bits;
    for (let l = Math.ceil(startLocal / 60_000) * 60_000; l < endLocal; l += 60_000) {
      const days = Math.floor(l / 86_400_000);
      const mod = (l - days * 86_400_000) / 60_000; // minute of the day
      if (hourBits[Math.floor(mod / 60)] !== 1 || minuteBits[mod % 60] !== 1) continue;
      // integer calendar math (the fields a Date at that UTC day gives, without a Date per minute); a Date outside
      // its range was NaN and matched nothing
      if (!(Math.abs(days * 86_400_000) <= MAX_DATE_MS)) continue;
      civilFromLocalMs(l, c);
      if (spec.matchesWall(c)) {
        notes.push({ kind: 'skipped', wallTime: `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}` });
      }
    }
  }
  // Doubled: in each fall-back overlap, fires whose wall time repeats (one per offset).
  for (const tr of zoneTransitions(zone, from - 86_400_000, span)) {
    if (tr.after >= tr.before) continue;
    const delta = (tr.before - tr.after) * 1000;
    const seen = new Map<string, Millis>();
    let t: Millis | null = Math.max(from, tr.at - delta) - 1000;
    for (let i = 0; i < 10_000; i++) {
      t = s.next(t);
      if (t === null || t >= tr.at + delta || t >= span) break;
      const w = wall(t, zone);
      const prev = seen.get(w);
      if (prev !== undefined) notes.push({ kind: 'doubled', wallTime: w, at: [prev, t] });
      else seen.set(w, t);
    }
  }
  return notes.sort((a, b) => (a.wallTime < b.wallTime ? -1 : a.wallTime > b.wallTime ? 1 : 0));
}
