// robfig/cron v3.0.1 ParseStandard: 5 fields (minute hour dom month dow), descriptors, @every, the
// CRON_TZ=/TZ= prefix; error messages byte-identical to robfig's.
import { parseGoDuration } from './duration';
import { goAtoi, goFields, goToLower, goTrimSpace } from '../go/strings';
import { EverySchedule, SpecSchedule, type CronSchedule, type FieldSet, type SpecFields } from './schedule';
import type { Zone } from './types';
import { loadZone, UTC } from './zone';

export type ParseResult =
  | { ok: true; schedule: CronSchedule }
  | { ok: false; error: string; timezoneError?: boolean; panic?: boolean };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

class ParseError {
  constructor(readonly message: string) {}
}

// Values are numbers when they are safe integers, bigints beyond (only ever reported in error text);
// JS compares number with bigint exactly.
type Int = number | bigint;

function parseIntOrName(expr: string, r: Bounds): Int {
  if (r.names) {
    const key = goToLower(expr);
    if (Object.prototype.hasOwnProperty.call(r.names, key)) return r.names[key];
  }
  return mustParseInt(expr);
}

function mustParseInt(expr: string): Int {
  const n = goAtoi(expr);
  if (!n.ok) throw new ParseError(`failed to parse int from ${expr}: ${n.error}`);
  if (n.value < 0) throw new ParseError(`negative number (${n.value}) not allowed: ${expr}`);
  return n.value;
}

/** robfig getRange: one list item → bits set into `bits`; returns whether it sets the star bit. */
function getRange(expr: string, r: Bounds, bits: Uint8Array): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: Int;
  let end: Int;
  let step: Int;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new ParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step == 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  const s = Number(start);
  const e = Number(end);
  const st = step > 64 ? 64 : Number(step);
  for (let i = s; i <= e; i += st) bits[i] = 1;
  return star;
}

/** robfig getField: comma list (empty items dropped, as strings.FieldsFunc does). */
function getField(field: string, r: Bounds): FieldSet {
  const bits = new Uint8Array(r.max + 1);
  let star = false;
  for (const item of field.split(',')) {
    if (item === '') continue;
    if (getRange(item, r, bits)) star = true;
  }
  return { bits, star };
}

function all(r: Bounds): FieldSet {
  const bits = new Uint8Array(r.max + 1);
  for (let i = r.min; i <= r.max; i++) bits[i] = 1;
  return { bits, star: true };
}

function one(r: Bounds, v: number): FieldSet {
  const bits = new Uint8Array(r.max + 1);
  bits[v] = 1;
  return { bits, star: false };
}

function descriptor(source: string, spec: string, zone: Zone): CronSchedule {
  let f: SpecFields | undefined;
  switch (spec) {
    case '@yearly':
    case '@annually':
      f = { minute: one(MINUTES, 0), hour: one(HOURS, 0), dom: one(DOM, 1), month: one(MONTHS, 1), dow: all(DOW) };
      break;
    case '@monthly':
      f = { minute: one(MINUTES, 0), hour: one(HOURS, 0), dom: one(DOM, 1), month: all(MONTHS), dow: all(DOW) };
      break;
    case '@weekly':
      f = { minute: one(MINUTES, 0), hour: one(HOURS, 0), dom: all(DOM), month: all(MONTHS), dow: one(DOW, 0) };
      break;
    case '@daily':
    case '@midnight':
      f = { minute: one(MINUTES, 0), hour: one(HOURS, 0), dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
      break;
    case '@hourly':
      f = { minute: one(MINUTES, 0), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW) };
      break;
  }
  if (f) return new SpecSchedule(source, zone, f);
  const every = '@every ';
  if (spec.startsWith(every)) {
    const d = parseGoDuration(spec.slice(every.length));
    if (!d.ok) throw new ParseError(`failed to parse duration ${spec}: ${d.error}`);
    let ns = d.ns;
    if (ns < 1_000_000_000n) ns = 1_000_000_000n;
    const secs = ns / 1_000_000_000n;
    return new EverySchedule(source, zone, Number(secs) * 1000);
  }
  throw new ParseError(`unrecognized descriptor: ${spec}`);
}

/** Result of the zone-prefix step, exposed for tooling (e.g. to find where the fields start). */
export function splitZonePrefix(spec: string): { zoneName?: string; rest: string; panic?: boolean } {
  if (!(spec.startsWith('TZ=') || spec.startsWith('CRON_TZ='))) return { rest: spec };
  const i = spec.indexOf(' ');
  if (i < 0) return { rest: spec, panic: true };
  const eq = spec.indexOf('=');
  return { zoneName: spec.slice(eq + 1, i), rest: goTrimSpace(spec.slice(i)) };
}

/**
 * robfig ParseStandard. `defaultZone` plays the role of Go's time.Local (the controller's zone): it is the
 * zone of a schedule without a CRON_TZ=/TZ= prefix and what CRON_TZ=Local means. Never throws.
 */
export function parseSchedule(text: string, defaultZone: Zone = UTC): ParseResult {
  try {
    if (typeof text !== 'string') return { ok: false, error: 'empty spec string' };
    if (text.length === 0) return { ok: false, error: 'empty spec string' };
    let spec = text;
    let zone = defaultZone;
    const pre = splitZonePrefix(spec);
    if (pre.panic) return { ok: false, error: 'panic: runtime error: slice bounds out of range [:-1]', panic: true };
    if (pre.zoneName !== undefined) {
      const name = pre.zoneName;
      if (name === 'Local') zone = defaultZone;
      else {
        const z = loadZone(name);
        if (!z.ok) return { ok: false, error: `provided bad location ${name}: ${z.error}`, timezoneError: true };
        zone = z.zone;
      }
      spec = pre.rest;
    }
    if (spec.startsWith('@')) return { ok: true, schedule: descriptor(text, spec, zone) };
    const fields = goFields(spec);
    if (fields.length !== 5) {
      return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
    }
    const f: SpecFields = {
      minute: getField(fields[0], MINUTES),
      hour: getField(fields[1], HOURS),
      dom: getField(fields[2], DOM),
      month: getField(fields[3], MONTHS),
      dow: getField(fields[4], DOW),
    };
    return { ok: true, schedule: new SpecSchedule(text, zone, f) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    return { ok: false, error: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
