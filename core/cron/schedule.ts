// robfig/cron v3.0.1 schedules: SpecSchedule.Next (Go time semantics, DST exactly as Go resolves local
// times, 5-year search limit) and ConstantDelaySchedule (@every).
import { civilFromLocalMs, daysFromCivil, goDate, newCivil, type Civil } from './gotime';
import type { Millis, Zone } from './types';

export interface CronSchedule {
  readonly source: string;
  readonly kind: 'spec' | 'every';
  readonly zone: Zone;
  next(after: Millis): Millis | null;
}

/** A parsed field: membership table indexed by value, plus robfig's "star bit". */
export interface FieldSet {
  readonly bits: Uint8Array;
  readonly star: boolean;
}

export interface SpecFields {
  minute: FieldSet;
  hour: FieldSet;
  dom: FieldSet;
  month: FieldSet;
  dow: FieldSet;
}

function nextTable(bits: Uint8Array, size: number): Int8Array {
  const out = new Int8Array(size);
  let nxt = size;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = nxt;
    if (bits[i] === 1) nxt = i;
  }
  return out;
}

/** ge[i] = smallest set value >= i, or size. */
function atOrAfterTable(bits: Uint8Array, size: number): Int8Array {
  const out = new Int8Array(size + 1);
  let nxt = size;
  out[size] = size;
  for (let i = size - 1; i >= 0; i--) {
    if (bits[i] === 1) nxt = i;
    out[i] = nxt;
  }
  return out;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far the wall-clock fast path searches ahead before handing over to robfig's loop (which is quick for sparse
 *  schedules; a longer look-ahead would also read the zone's offsets for months robfig never visits). */
const FAST_SEARCH_DAYS = 35;

export class SpecSchedule implements CronSchedule {
  readonly kind = 'spec' as const;
  private readonly minute: Uint8Array;
  private readonly hour: Uint8Array;
  private readonly dom: Uint8Array;
  private readonly month: Uint8Array;
  private readonly dow: Uint8Array;
  private readonly anyStar: boolean;
  private readonly nextHour: Int8Array; // nextHour[h] = smallest set hour > h, or 24
  private readonly nextMinute: Int8Array; // nextMinute[m] = smallest set minute > m, or 60
  private readonly geMinute: Int8Array; // geMinute[m] = smallest set minute >= m, or 60
  private readonly c: Civil = newCivil();
  private readonly scratch: Civil = newCivil();

  constructor(readonly source: string, readonly zone: Zone, readonly fields: SpecFields) {
    this.minute = fields.minute.bits;
    this.hour = fields.hour.bits;
    this.dom = fields.dom.bits;
    this.month = fields.month.bits;
    this.dow = fields.dow.bits;
    this.anyStar = fields.dom.star || fields.dow.star;
    this.nextHour = nextTable(this.hour, 24);
    this.nextMinute = nextTable(this.minute, 60);
    this.geMinute = atOrAfterTable(this.minute, 60);
  }

  private at(t: Millis): Civil {
    return civilFromLocalMs(t + this.zone.offsetAt(t) * 1000, this.c);
  }

  private dayMatches(c: Civil): boolean {
    const domMatch = this.dom[c.day] === 1;
    const dowMatch = this.dow[c.weekday] === 1;
    return this.anyStar ? domMatch && dowMatch : domMatch || dowMatch;
  }

  /** Whether a wall-clock minute (seconds ignored) is one the schedule names. */
  matchesWall(c: Civil): boolean {
    return this.month[c.month] === 1 && this.dayMatches(c) && this.hour[c.hour] === 1 && this.minute[c.minute] === 1;
  }

  /**
   * robfig SpecSchedule.Next: the first matching whole second strictly after `after`; null = zero time.
   *
   * Same answer as robfigNext, faster. Where the zone's offset is one constant over the whole stretch robfig's loop
   * can visit — back to the start of the day (or of the month, when the month does not match) and on to 2 days past
   * the answer — robfig behaves exactly as in a fixed-offset zone, where Next is "the first whole second at or after
   * the start whose wall clock matches every field". That is found here by walking days and the field tables.
   * Anywhere else (near an offset change, no match within FAST_SEARCH_DAYS, zones without nextChange) robfig's
   * loop runs. test/core/cron/fastpaths.test.ts checks the two against each other.
   */
  next(after: Millis): Millis | null {
    const zone = this.zone;
    if (!zone.nextChange || !Number.isFinite(after)) return this.robfigNext(after);
    const start = Math.floor(after / 1000) * 1000 + 1000;
    const off = zone.offsetAt(start);
    // robfig truncates to the minute in absolute time: with an offset that is not a whole minute (local mean time,
    // Africa/Monrovia until 1972) that is not the wall minute, and Next can pass over a matching wall minute
    if (off % 60 !== 0) return this.robfigNext(after);
    const local = start + off * 1000;
    const c = civilFromLocalMs(local, this.scratch);
    const left = this.month[c.month] === 1 ? 2 * DAY : 33 * DAY;
    const m = this.firstWallMatch(Math.ceil(local / MINUTE), Math.floor((local + FAST_SEARCH_DAYS * DAY) / MINUTE));
    if (m < 0) return this.robfigNext(after);
    const at = m * MINUTE - off * 1000;
    // the offset must be constant on [start - left, at + 2 days]
    if (zone.nextChange(start - left, at + 2 * DAY) !== Infinity) return this.robfigNext(after);
    return at;
  }

  /**
   * Exactly `next(t - 1000) === t` for a whole-second instant t (does the schedule fire at t?), mostly without a
   * search: robfig's Next always returns a wall clock with second 0 and a matching minute (its minute loop runs last
   * and the second loop always starts over), and returns its start unchanged when every field matches there. What is
   * left (minute matches, another field does not) cannot fire at t while the offset is constant around t (see next()).
   */
  firesAt(t: Millis): boolean {
    const zone = this.zone;
    if (!Number.isFinite(t) || t % 1000 !== 0) return this.next(t - 1000) === t;
    const c = civilFromLocalMs(t + zone.offsetAt(t) * 1000, this.scratch);
    if (c.second !== 0 || this.minute[c.minute] !== 1) return false;
    if (this.matchesWall(c)) return true;
    const left = this.month[c.month] === 1 ? 2 * DAY : 33 * DAY;
    if (zone.nextChange && zone.nextChange(t - left, t + 2 * DAY) === Infinity) return false;
    return this.robfigNext(t - 1000) === t;
  }

  /** The first wall minute (local minutes since the epoch) in [lm, last] that matches every field; -1 if none. */
  private firstWallMatch(lm: number, last: number): number {
    const firstMinute = this.geMinute[0];
    if (firstMinute === 60) return -1;
    let day = Math.floor(lm / 1440);
    let mod = lm - day * 1440;
    const c = this.scratch;
    while (day * 1440 <= last) {
      civilFromLocalMs(day * DAY, c);
      if (this.month[c.month] !== 1) {
        // on to the 1st of the next month
        day += daysFromCivil(c.year, c.month + 1, 1) - daysFromCivil(c.year, c.month, c.day);
        mod = 0;
        continue;
      }
      if (this.dayMatches(c)) {
        let h = Math.floor(mod / 60);
        let m = -1;
        if (this.hour[h] === 1) {
          const mi = this.geMinute[mod - h * 60];
          if (mi < 60) m = day * 1440 + h * 60 + mi;
        }
        if (m < 0) {
          h = this.nextHour[h];
          if (h < 24) m = day * 1440 + h * 60 + firstMinute;
        }
        if (m >= 0) return m <= last ? m : -1;
      }
      day++;
      mod = 0;
    }
    return -1;
  }

  /** robfig SpecSchedule.Next, loop for loop: the first matching whole second strictly after `after`; null = zero time. */
  robfigNext(after: Millis): Millis | null {
    if (!Number.isFinite(after)) return null;
    const zone = this.zone;
    let t = Math.floor(after / 1000) * 1000 + 1000;
    let added = false;
    let c = this.at(t);
    const yearLimit = c.year + 5;
    wrap: for (;;) {
      if (c.year > yearLimit) return null;
      while (this.month[c.month] !== 1) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, 1, 0, 0, 0, zone);
          c = this.at(t);
        }
        t = goDate(c.year, c.month + 1, c.day, c.hour, c.minute, c.second, zone);
        c = this.at(t);
        if (c.month === 1) continue wrap;
      }
      while (!this.dayMatches(c)) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, c.day, 0, 0, 0, zone);
          c = this.at(t);
        }
        t = goDate(c.year, c.month, c.day + 1, c.hour, c.minute, c.second, zone);
        c = this.at(t);
        if (c.hour !== 0) {
          t += (c.hour > 12 ? 24 - c.hour : -c.hour) * HOUR;
          c = this.at(t);
        }
        if (c.day === 1) continue wrap;
      }
      // Hour, minute and second loops step in absolute time and re-read the wall clock (robfig). Where the
      // zone's offset is the same at both ends of a stretch, the wall clock advances linearly, so we jump
      // straight to the next candidate value instead of stepping; across a transition we step one by one.
      if (this.hour[c.hour] !== 1) {
        if (!added) {
          added = true;
          t = goDate(c.year, c.month, c.day, c.hour, 0, 0, zone);
          c = this.at(t);
        }
        for (;;) {
          const target = t + (this.nextHour[c.hour] - c.hour) * HOUR;
          if (zone.offsetAt(target) === zone.offsetAt(t)) t = target;
          else t += HOUR;
          c = this.at(t);
          if (c.hour === 0) continue wrap;
          if (this.hour[c.hour] === 1) break;
        }
      }
      if (this.minute[c.minute] !== 1) {
        if (!added) {
          added = true;
          t = Math.floor(t / MINUTE) * MINUTE;
          c = this.at(t);
        }
        for (;;) {
          const target = t + (this.nextMinute[c.minute] - c.minute) * MINUTE;
          if (zone.offsetAt(target) === zone.offsetAt(t)) t = target;
          else t += MINUTE;
          c = this.at(t);
          if (c.minute === 0) continue wrap;
          if (this.minute[c.minute] === 1) break;
        }
      }
      // Seconds: ParseStandard always has second = {0}.
      if (c.second !== 0) {
        added = true;
        for (;;) {
          const target = t + (60 - c.second) * 1000;
          if (zone.offsetAt(target) === zone.offsetAt(t)) t = target;
          else t += 1000;
          c = this.at(t);
          if (c.second === 0) continue wrap;
        }
      }
      return t;
    }
  }
}

/** robfig ConstantDelaySchedule: Next(t) = t + delay - t.Nanosecond(); the delay is whole seconds, ≥ 1 s. */
export class EverySchedule implements CronSchedule {
  readonly kind = 'every' as const;
  constructor(readonly source: string, readonly zone: Zone, readonly delayMs: number) {}
  next(after: Millis): Millis | null {
    if (!Number.isFinite(after)) return null;
    return Math.floor(after / 1000) * 1000 + this.delayMs;
  }
}
