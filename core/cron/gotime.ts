// Go `time` semantics needed by robfig/cron, on epoch milliseconds: civil-date arithmetic with Go's
// normalisation, `time.Date` disambiguation in DST gaps and overlaps, RFC3339 formatting and parsing.
import type { Millis, Zone } from './types';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic-Gregorian civil date (month 1..12, day may overflow linearly). */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Normalise the month into 1..12 first, carrying into the year (as Go's norm() does).
  const m0 = m - 1;
  const carry = Math.floor(m0 / 12);
  y += carry;
  m = m0 - carry * 12 + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (d - 1);
}

/** Broken-down wall clock (all fields numbers; month 1..12; weekday 0 = Sunday). */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

// The date part of the last day converted (robfig's loop and the fast paths convert many instants of one day).
let memoDays = NaN;
let memoYear = 0;
let memoMonth = 0;
let memoDay = 0;
let memoWeekday = 0;

/** Civil fields of a "local" millisecond count (instant + offset). */
export function civilFromLocalMs(local: number, out: Civil): Civil {
  const days = Math.floor(local / DAY_MS);
  let secs = Math.floor((local - days * DAY_MS) / 1000);
  out.hour = Math.floor(secs / 3600);
  secs -= out.hour * 3600;
  out.minute = Math.floor(secs / 60);
  out.second = secs - out.minute * 60;
  if (days !== memoDays) {
    memoWeekday = (((days + 4) % 7) + 7) % 7;
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    memoDay = doy - Math.floor((153 * mp + 2) / 5) + 1;
    memoMonth = mp < 10 ? mp + 3 : mp - 9;
    memoYear = yoe + era * 400 + (memoMonth <= 2 ? 1 : 0);
    memoDays = days;
  }
  out.weekday = memoWeekday;
  out.day = memoDay;
  out.month = memoMonth;
  out.year = memoYear;
  return out;
}

export function newCivil(): Civil {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
}

/** Wall-clock fields of an instant in a zone. */
export function civilIn(ms: Millis, zone: Zone, out: Civil = newCivil()): Civil {
  return civilFromLocalMs(ms + zone.offsetAt(ms) * 1000, out);
}

/**
 * Go's time.Date(y, mo, d, h, mi, s, 0, loc): every field may overflow (normalised linearly), then the wall
 * time is resolved like Go: look up the offset at the wall time taken as UTC; if that offset is non-zero,
 * re-check with the offset at (wall - offset) and use that one. In a gap this moves west-of-UTC zones
 * back and east-of-UTC zones forward; in an overlap it picks the first (west) or second (east) occurrence.
 */
export function goDate(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: Zone): Millis {
  const g = daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
  const off1 = zone.offsetAt(g);
  if (off1 === 0) return g;
  return g - zone.offsetAt(g - off1 * 1000) * 1000;
}

function pad(n: number, w: number): string {
  let s = String(n);
  while (s.length < w) s = '0' + s;
  return s;
}

/** Go's t.In(zone).Format(time.RFC3339): "2006-01-02T15:04:05Z07:00" ("Z" when the offset is exactly 0). */
export function formatRfc3339(ms: Millis, zone: Zone): string {
  const t = Math.floor(ms / 1000) * 1000;
  const off = zone.offsetAt(t);
  const c = civilFromLocalMs(t + off * 1000, newCivil());
  const date = `${c.year < 0 ? '-' + pad(-c.year, 4) : pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
  const clock = `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
  if (off === 0) return `${date}T${clock}Z`;
  let z = Math.trunc(off / 60);
  const sign = z < 0 ? '-' : '+';
  z = Math.abs(z);
  return `${date}T${clock}${sign}${pad(Math.floor(z / 60), 2)}:${pad(z % 60, 2)}`;
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC3339 timestamp (as Go's time.RFC3339Nano layout accepts it); fractions kept to the millisecond. */
export function parseRfc3339(text: string): Millis | undefined {
  const m = RFC3339_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const dim = daysFromCivil(y, mo + 1, 1) - daysFromCivil(y, mo, 1);
  if (d > dim) return undefined;
  let off = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    off = (oh * 60 + om) * 60 * (m[9] === '-' ? -1 : 1);
  }
  const frac = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  return (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off) * 1000 + frac;
}
