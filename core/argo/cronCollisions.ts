// Identical fire instants of two schedules of one CronWorkflow (the child Workflow is named <cron>-<unix seconds>,
// so two schedules firing in the same second create one run). The answer is defined by a walk: take the sparser
// schedule (by the span of its first 50 fires), follow its chain of Next over [from, until) for at most
// COLLISION_SCAN fires, and count the fires at which the other schedule fires too (collisionsByWalk).
//
// collisions() gives exactly that answer without calling Next for every fire. Where a zone's offset is constant
// over the whole stretch robfig's loop can visit (from the start minus 2 days — 33 when the month does not match
// — to 2 days past the answer; see SpecSchedule.next), Next is "the first whole second at or after the start
// whose wall clock matches every field", and firesAt(t) is "t's wall clock matches every field"
// (SpecSchedule.firesAt), provided the offset is a whole number of minutes. So between offset transitions the
// chain is the schedule's wall-clock matches, and the common fires are the wall-clock minutes both schedules name:
// these are counted day by day from the field tables (month by month when the day fields depend on the weekday
// only). Near a transition (and whenever the schedules are not two spec schedules in one zone with transition
// tables) the real Next / firesAt run, fire by fire. test/core/argo/cronCollisions.test.ts compares the two.
import type { CronSchedule, Millis } from '../cron';
import { nextTimes } from '../cron/argo';
import { civilFromLocalMs, newCivil } from '../cron/gotime';
import { SpecSchedule } from '../cron/schedule';

export interface Collision {
  first: Millis;
  count: number;
  capped: boolean;
}

/** At most this many fires of the sparser schedule are examined. */
export const COLLISION_SCAN = 400;
const DENSITY_FIRES = 50;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** The plain walk (the definition): the sparser schedule's chain, the other one's firesAt. */
export function collisionsByWalk(a: CronSchedule, b: CronSchedule, from: Millis, until: Millis): Collision | undefined {
  const [sparse, dense] = density(nextTimes(a, from, DENSITY_FIRES).times, from) <= density(nextTimes(b, from, DENSITY_FIRES).times, from) ? [a, b] : [b, a];
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

/** Fires per millisecond over the first 50 fires (5 years when there are fewer). */
function density(times: Millis[], from: Millis): number {
  return density2(times.length, times.length ? times[times.length - 1] : 0, from);
}
function density2(n: number, last: Millis, from: Millis): number {
  const span = n < DENSITY_FIRES ? 5 * YEAR_MS : Math.max(1, last - from);
  return n / span;
}

/** Whether s fires at the whole-second instant t: exactly `s.next(t - 1000) === t`, fast for spec schedules. */
function fires(s: CronSchedule, t: Millis): boolean {
  const spec = s as CronSchedule & { firesAt?: (t: number) => boolean };
  return spec.firesAt ? spec.firesAt(t) : s.next(t - 1000) === t;
}

/** Field tables of a spec schedule, in the shape the day-by-day count wants. */
interface Plan {
  s: SpecSchedule;
  month: Uint8Array;
  /** days[weekday * 32 + day of month] = 1 where the day fields match (robfig: dom AND dow when either has the star bit, else OR) */
  days: Uint8Array;
  /** when the day fields depend on the weekday only (e.g. dom "*"): bit w set = weekday w matches; else -1 */
  weekdays: number;
  /** how far before its start Next's loop may look (2 days, or 33 when the month can fail to match) */
  left: number;
  /** the matching minutes of a day */
  mins: DayMinutes;
}

const plans = new WeakMap<SpecSchedule, Plan>();

function planOf(s: SpecSchedule): Plan {
  let p = plans.get(s);
  if (!p) {
    const f = s.fields;
    let monthAll = true;
    for (let m = 1; m <= 12; m++) if (f.month.bits[m] !== 1) monthAll = false;
    const mins = new DayMinutes(f.hour.bits, f.minute.bits);
    const and = f.dom.star || f.dow.star;
    const days = new Uint8Array(7 * 32);
    for (let wd = 0; wd < 7; wd++) {
      for (let d = 1; d <= 31; d++) {
        const dm = f.dom.bits[d] === 1;
        const wm = f.dow.bits[wd] === 1;
        days[wd * 32 + d] = (and ? dm && wm : dm || wm) ? 1 : 0;
      }
    }
    let weekdays = 0;
    for (let wd = 0; wd < 7 && weekdays >= 0; wd++) {
      const v = days[wd * 32 + 1];
      for (let d = 2; d <= 31; d++) if (days[wd * 32 + d] !== v) weekdays = -1;
      if (weekdays >= 0 && v === 1) weekdays |= 1 << wd;
    }
    p = { s, month: f.month.bits, days, weekdays, left: monthAll ? 2 * DAY : 33 * DAY, mins };
    plans.set(s, p);
  }
  return p;
}

/** The minutes of a day (hour * 60 + minute) whose hour and minute are set in both tables (or in the first pair). */
class DayMinutes {
  private readonly hours: number[] = [];
  private readonly minutes: number[] = [];
  private readonly hourSet = new Uint8Array(24);
  private readonly hoursBelow = new Int8Array(25); // set hours < h
  private readonly minutesBelow = new Int8Array(61); // set minutes < m
  readonly total: number;
  /** the last minute of the day (-1 when none) */
  readonly last: number;

  constructor(hour: Uint8Array, minute: Uint8Array, hour2?: Uint8Array, minute2?: Uint8Array) {
    for (let h = 0; h < 24; h++) {
      this.hoursBelow[h] = this.hours.length;
      if (hour[h] === 1 && (!hour2 || hour2[h] === 1)) {
        this.hours.push(h);
        this.hourSet[h] = 1;
      }
    }
    this.hoursBelow[24] = this.hours.length;
    for (let m = 0; m < 60; m++) {
      this.minutesBelow[m] = this.minutes.length;
      if (minute[m] === 1 && (!minute2 || minute2[m] === 1)) this.minutes.push(m);
    }
    this.minutesBelow[60] = this.minutes.length;
    this.total = this.hours.length * this.minutes.length;
    this.last = this.total ? this.at(this.total - 1) : -1;
  }

  /** How many are < x (0 ≤ x ≤ 1440). */
  below(x: number): number {
    const h = Math.floor(x / 60);
    if (h >= 24) return this.total;
    return this.hoursBelow[h] * this.minutes.length + (this.hourSet[h] === 1 ? this.minutesBelow[x - h * 60] : 0);
  }

  /** The k-th (from 0), ascending. */
  at(k: number): number {
    const n = this.minutes.length;
    const q = Math.floor(k / n);
    return this.hours[q] * 60 + this.minutes[k - q * n];
  }
}

const commons = new WeakMap<Plan, WeakMap<Plan, DayMinutes>>();
/** The minutes of a day that both schedules name (their hour and minute fields). */
function commonMinutes(a: Plan, b: Plan): DayMinutes {
  let m = commons.get(a);
  if (!m) commons.set(a, (m = new WeakMap()));
  let c = m.get(b);
  if (!c) m.set(b, (c = new DayMinutes(a.s.fields.hour.bits, a.s.fields.minute.bits, b.s.fields.hour.bits, b.s.fields.minute.bits)));
  return c;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** State of one walk along a schedule's chain of Next. */
interface Walk {
  fired: number;
  last: Millis; // the last fire (or `from` before the first)
  count: number; // fires at which the other schedule fires too
  first: Millis | undefined;
  capped: boolean;
  done: boolean;
}

/**
 * The wall-clock matches of sp in [start, end) (instants; the offset is `off` seconds throughout), in order, as fires
 * of the chain: counted up to `cap` fires, with the other schedule's matches (dn, common minutes) among them.
 * Returns whether any match was found.
 */
function countWindow(w: Walk, sp: Plan, dn: Plan | undefined, com: DayMinutes | undefined, start: Millis, end: Millis, off: number, cap: number): boolean {
  const lmA = Math.ceil((start + off * 1000) / MINUTE);
  const lmB = Math.ceil((end + off * 1000) / MINUTE); // exclusive
  if (lmB <= lmA) return false;
  const firstDay = Math.floor(lmA / 1440);
  const lastDay = Math.floor((lmB - 1) / 1440);
  const c = civilFromLocalMs(firstDay * DAY, newCivil());
  let y = c.year, mo = c.month, d = c.day, wd = c.weekday;
  let dim = daysInMonth(y, mo);
  const offMs = off * 1000;
  const { month, days, mins } = sp;
  const total = mins.total;
  const dnMonth = dn?.month;
  const dnDays = dn?.days;
  const comTotal = com ? com.total : 0;
  let fired = w.fired;
  let found = false;
  let lastMinute = 0; // local minute of the last fire found here (negative before 1970)
  const bulk = sp.weekdays >= 0 && (dn === undefined || dn.weekdays >= 0);
  for (let day = firstDay; day <= lastDay;) {
    if (month[mo] !== 1) {
      // on to the 1st of the next month
      const n = dim - d + 1;
      day += n;
      wd = (wd + n) % 7;
      d = 1;
      if (++mo > 12) { mo = 1; y++; }
      dim = daysInMonth(y, mo);
      continue;
    }
    if (bulk && day !== firstDay && day < lastDay) {
      // whole days up to the end of the month (or the window's last day, exclusive): counted by weekday
      const n = Math.min(dim - d + 1, lastDay - day);
      const k = countWeekdays(sp.weekdays, wd, n);
      if (fired + k * total < cap) {
        if (k > 0 && total > 0) {
          fired += k * total;
          lastMinute = (day + lastWeekday(sp.weekdays, wd, n)) * 1440 + mins.last;
          found = true;
          if (dn !== undefined && comTotal > 0 && dnMonth![mo] === 1) {
            const mask = sp.weekdays & dn.weekdays;
            const kc = countWeekdays(mask, wd, n);
            if (kc > 0) {
              if (w.first === undefined) w.first = ((day + firstWeekday(mask, wd)) * 1440 + com!.at(0)) * MINUTE - offMs;
              w.count += kc * comTotal;
            }
          }
        }
        day += n;
        wd = (wd + n) % 7;
        d += n;
        if (d > dim) {
          d = 1;
          if (++mo > 12) { mo = 1; y++; }
          dim = daysInMonth(y, mo);
        }
        continue;
      }
    }
    if (days[wd * 32 + d] === 1) {
      const both = dnDays !== undefined && dnMonth![mo] === 1 && dnDays[wd * 32 + d] === 1;
      const base = day * 1440;
      if (day !== firstDay && day !== lastDay && fired + total < cap) {
        // a whole day
        if (total > 0) {
          fired += total;
          lastMinute = base + mins.last;
          found = true;
          if (both && comTotal > 0) {
            if (w.first === undefined) w.first = (base + com!.at(0)) * MINUTE - offMs;
            w.count += comTotal;
          }
        }
      } else {
        const lo = day === firstDay ? lmA - base : 0;
        const hi = day === lastDay ? lmB - base : 1440;
        const i0 = mins.below(lo);
        const k = mins.below(hi) - i0;
        if (k > 0) {
          if (fired + k >= cap) {
            const m = mins.at(i0 + (cap - fired) - 1);
            if (both) addCommon(w, com!, lo, m + 1, base, offMs);
            w.fired = cap;
            w.last = (base + m) * MINUTE - offMs;
            w.capped = true;
            return true;
          }
          if (both) addCommon(w, com!, lo, hi, base, offMs);
          fired += k;
          lastMinute = base + mins.at(i0 + k - 1);
          found = true;
        }
      }
    }
    day++;
    wd = wd === 6 ? 0 : wd + 1;
    if (++d > dim) {
      d = 1;
      if (++mo > 12) { mo = 1; y++; }
      dim = daysInMonth(y, mo);
    }
  }
  if (!found) return false;
  w.fired = fired;
  w.last = lastMinute * MINUTE - offMs;
  return true;
}

/** How many of the n days from weekday wd0 on have their weekday bit set in mask. */
function countWeekdays(mask: number, wd0: number, n: number): number {
  const weeks = Math.floor(n / 7);
  let k = weeks * POPCOUNT7[mask];
  for (let i = weeks * 7, w = (wd0 + i) % 7; i < n; i++, w = w === 6 ? 0 : w + 1) if (mask & (1 << w)) k++;
  return k;
}

/** The first day (from 0) of the days from weekday wd0 on whose weekday bit is set (mask ≠ 0). */
function firstWeekday(mask: number, wd0: number): number {
  for (let i = 0; ; i++) if (mask & (1 << ((wd0 + i) % 7))) return i;
}

/** The last day (from 0) of the n days from weekday wd0 on whose weekday bit is set (at least one is). */
function lastWeekday(mask: number, wd0: number, n: number): number {
  for (let i = n - 1; ; i--) if (mask & (1 << ((wd0 + i) % 7))) return i;
}

const POPCOUNT7 = Array.from({ length: 128 }, (_, m) => {
  let k = 0;
  for (let b = 0; b < 7; b++) if (m & (1 << b)) k++;
  return k;
});

function addCommon(w: Walk, com: DayMinutes, lo: number, hi: number, base: number, offMs: number): void {
  const i0 = com.below(lo);
  const n = com.below(hi) - i0;
  if (n <= 0) return;
  if (w.first === undefined) w.first = (base + com.at(i0)) * MINUTE - offMs;
  w.count += n;
}

/**
 * Follows sp's chain of Next from `from` while the fires are before `until`, for at most `cap` fires; with dn,
 * counts the fires at which dn fires too. `trs` = the zone's transition instants, ascending, covering
 * (from - 34 days, until + 3 days): every one that can be within 33 days before a start or 2 days after a fire.
 */
function walk(sp: Plan, dn: Plan | undefined, from: Millis, until: Millis, cap: number, trs: Millis[]): Walk {
  const w: Walk = { fired: 0, last: from, count: 0, first: undefined, capped: false, done: false };
  const com = dn ? commonMinutes(sp, dn) : undefined;
  const L = dn ? Math.max(sp.left, dn.left) : sp.left;
  const zone = sp.s.zone;
  let xi = 0;
  while (w.fired < cap) {
    const start = Math.floor(w.last / 1000) * 1000 + 1000;
    while (xi < trs.length && trs[xi] <= start - L) xi++;
    // no transition in (start - L, xn): analytic for candidates c with c + 2 days < xn
    const xn = xi < trs.length ? trs[xi] : Infinity;
    const end = Math.min(xn - 2 * DAY, until);
    // (an offset that is not a whole minute — local mean time, Africa/Monrovia until 1972 — makes robfig's minute
    // truncation, which works on absolute time, land off the wall minute: no wall-clock shortcut there)
    const off = zone.offsetAt(start);
    const wallClock = off % 60 === 0;
    if (wallClock && end > start && countWindow(w, sp, dn, com, start, end, off, cap)) {
      if (w.capped) return w;
      if (end === until) return { ...w, done: true };
      // the next fire is near the transition: one real step below
    } else if (wallClock && end === until) return { ...w, done: true };
    // a real step: robfig's loop (what Next runs here: its wall-clock fast path does not apply near a transition) and firesAt
    const t = sp.s.robfigNext(w.last);
    if (t === null || t >= until) return { ...w, done: true };
    w.fired++;
    w.last = t;
    if (dn && dn.s.firesAt(t)) {
      if (w.first === undefined) w.first = t;
      w.count++;
    }
  }
  w.capped = true;
  return w;
}

/** Same answer as collisionsByWalk(a, b, from, until). */
export function collisions(a: CronSchedule, b: CronSchedule, from: Millis, until: Millis): Collision | undefined {
  const zone = a.zone;
  if (!(a instanceof SpecSchedule) || !(b instanceof SpecSchedule) || b.zone !== zone || !zone.transitions || !zone.nextChange ||
    !Number.isFinite(from) || !Number.isFinite(until) || !(until > from) || until - from > 2 * YEAR_MS) {
    return collisionsByWalk(a, b, from, until);
  }
  const pa = planOf(a);
  const pb = planOf(b);
  if (pa.mins.total === 0 || pb.mins.total === 0) return collisionsByWalk(a, b, from, until);
  const trs = zone.transitions(from - 34 * DAY, until + 3 * DAY).map((x) => x.at);
  const dens = (p: Plan): number => {
    const w = walk(p, undefined, from, until, DENSITY_FIRES, trs);
    return w.capped ? density2(w.fired, w.last, from) : density(nextTimes(p.s, from, DENSITY_FIRES).times, from);
  };
  const [sparse, dense] = dens(pa) <= dens(pb) ? [pa, pb] : [pb, pa];
  const w = walk(sparse, dense, from, until, COLLISION_SCAN, trs);
  return w.first === undefined ? undefined : { first: w.first, count: w.count, capped: w.capped };
}
