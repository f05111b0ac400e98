// Case generator for the cron engine (deterministic per seed): random robfig grammar (valid and invalid)
// × tricky zones × reference times around real DST transitions 2024–2032 × controller zones.
// Answers never come from here: they come from the Go oracle (fixtures) or are compared live with it.
import { existsSync } from 'node:fs';
import { loadZone, zoneNames, zoneTransitions, formatRfc3339, UTC } from '../../../core/cron';
export { rng } from '../../helpers/rng';
import { rng } from '../../helpers/rng';

export interface CronRequest {
  schedule: string;
  timezone?: string;
  local?: string;
  from: string;
  count?: number;
}


export const TRICKY_ZONES = [
  'America/Los_Angeles', 'America/New_York', 'America/Chicago', 'Europe/Berlin', 'Europe/London', 'Europe/Dublin',
  'America/Santiago', 'America/Havana', 'Atlantic/Azores', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham',
  'UTC', 'Asia/Beirut', 'America/Asuncion', 'Africa/Casablanca', 'Asia/Tehran', 'America/St_Johns', 'Australia/Adelaide',
  'Pacific/Auckland', 'America/Godthab', 'America/Nuuk', 'Europe/Moscow', 'America/Sao_Paulo', 'Asia/Gaza', 'Africa/Cairo',
  'Antarctica/Troll', 'America/Scoresbysund', 'Pacific/Apia', 'Asia/Kathmandu', 'Etc/GMT+5', 'Etc/GMT-14', 'EST5EDT',
  'US/Eastern', 'Asia/Calcutta', 'Europe/Lisbon', 'America/Mexico_City', 'Australia/Sydney', 'Pacific/Kiritimati',
];

export const CONTROLLER_ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'];

/** Zone names that must fail in Go; filtered so that none exists as a file or directory on this host. */
export const BAD_ZONES = [
  'Bad/Zone', 'america/new_york', 'AMERICA/NEW_YORK', 'Europe/berlin', 'utc', 'Utc', 'UTC ', ' ', ' UTC', 'America/New York',
  '../x', '/etc/localtime', '\\x', 'a..b', 'Mars/Olympus', 'Asia/Kolkata ', 'CRON_TZ=UTC', 'Local ', 'local', 'GMT+5',
  'Europe/Berlin\t', 'Asia/Tōkyō', 'Etc/GMT+15', 'US/Pacific-New', 'EST5', 'Z',
].filter((z) => z.includes('..') || z.startsWith('/') || z.startsWith('\\') || !existsSync('/usr/share/zoneinfo/' + z));

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const BOUNDS: [number, number, string[] | undefined][] = [[0, 59, undefined], [0, 23, undefined], [1, 31, undefined], [1, 12, MONTH_NAMES], [0, 6, DOW_NAMES]];
const WEIRD_TOKENS = ['L', '5L', '1#2', '15W', 'MON#2', 'H', 'MONDAY', '0x5', '1.5', '', '-1', '5-', '*//2', '1/2/3', '5--5', '1-2-3',
  '99999999999999999999', '9223372036854775807', '-9223372036854775808', '*/-5', '*/5-10', 'JAN-XYZ', 'a', '0\u200b9', 'İ', 'FRİ',
  '\u00e9', '\u{1F600}', '\u0000', '\u007f', '"', '\\', '\u200b', '\ufeff', '\u0130', '1e3', '+', '-', '*-foo-bar', '?-3', '+5', '05', '007'];

function num(r: () => number, lo: number, hi: number): string {
  const x = r();
  let v: number;
  if (x < 0.95) v = int(r, lo, hi);
  else if (x < 0.98) v = pick(r, [lo - 1, hi + 1, hi + 2, 60, 24, 32, 13, 7, 0]);
  else v = int(r, 0, 100);
  const s = String(v);
  const y = r();
  if (y < 0.03) return '+' + s;
  if (y < 0.06) return '0' + s;
  return s;
}

function value(r: () => number, f: number): string {
  const [lo, hi, names] = BOUNDS[f];
  if (names && r() < 0.3) {
    const i = int(r, 0, names.length - 1);
    const n = names[i];
    const c = r();
    return c < 0.33 ? n.toUpperCase() : c < 0.5 ? n[0].toUpperCase() + n.slice(1) : n;
  }
  return num(r, lo, hi);
}

function range(r: () => number, f: number): string {
  const a = value(r, f);
  const b = value(r, f);
  const na = Number(a);
  const nb = Number(b);
  if (r() < 0.85 && Number.isFinite(na) && Number.isFinite(nb) && na > nb) return `${b}-${a}`;
  return `${a}-${b}`;
}

function item(r: () => number, f: number): string {
  const x = r();
  const [lo, hi] = BOUNDS[f];
  if (x < 0.25) return pick(r, ['*', '*', '*', '?']);
  if (x < 0.5) return value(r, f);
  if (x < 0.65) return range(r, f);
  if (x < 0.78) return `${pick(r, ['*', '?', '*'])}/${pick(r, ['1', '2', '3', '5', '10', '15', String(int(r, 0, hi + 5))])}`;
  if (x < 0.86) return `${value(r, f)}/${int(r, r() < 0.05 ? 0 : 1, Math.max(2, hi - lo))}`;
  if (x < 0.92) return `${range(r, f)}/${int(r, 1, 12)}`;
  if (x < 0.985) return pick(r, ['*-7', '*-5', '*,15', '15,*', `${lo}-${hi}`, `${lo}/1`, `*/${hi + 10}`]);
  return pick(r, WEIRD_TOKENS);
}

function field(r: () => number, f: number): string {
  const x = r();
  if (x < 0.35) return '*';
  if (x < 0.75) return item(r, f);
  const n = int(r, 2, 4);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(item(r, f));
  let s = items.join(',');
  if (r() < 0.05) s = ',' + s;
  if (r() < 0.05) s = s + ',';
  if (r() < 0.02) s = ',';
  return s;
}

const SEPS = [' ', ' ', ' ', ' ', ' ', '  ', '\t', '\u00a0', '\u2003', '\n', '\u3000', '\u0085', '\u200b', '\ufeff'];

function durationText(r: () => number): string {
  const units = ['h', 'm', 's', 'ms', 'us', '\u00b5s', '\u03bcs', 'ns', 'd', 'H', 'M', ''];
  const n = int(r, 1, 3);
  let s = r() < 0.05 ? pick(r, ['-', '+']) : '';
  for (let i = 0; i < n; i++) {
    const v = r() < 0.15 ? `${int(r, 0, 9)}.${int(r, 0, 99)}` : r() < 0.05 ? `.${int(r, 1, 9)}` : String(int(r, 0, 120));
    s += v + (r() < 0.92 ? pick(r, units.slice(0, 8)) : pick(r, units));
  }
  if (r() < 0.03) s = pick(r, ['0', '', ' 1h', '1h ', '3000000h', '2562047h', '2562048h', '1e3s', 'Xm', '9223372036854775807ns', '9223372036854775808ns', '1.5h']);
  return s;
}

export function randomSchedule(r: () => number): string {
  const x = r();
  let s: string;
  if (x < 0.08) {
    s = pick(r, ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@Daily', '@daily ', '@reboot', '@every', '@', '@weekdays']);
  } else if (x < 0.15) {
    s = (r() < 0.95 ? '@every ' : pick(r, ['@every  ', '@every\t'])) + durationText(r);
  } else {
    const nf = r() < 0.93 ? 5 : pick(r, [0, 1, 4, 6, 7]);
    const parts: string[] = [];
    for (let i = 0; i < nf; i++) parts.push(field(r, Math.min(i, 4)));
    const sep = r() < 0.9 ? ' ' : pick(r, SEPS);
    s = parts.join(sep);
    if (r() < 0.03) s = pick(r, SEPS) + s;
    if (r() < 0.03) s = s + pick(r, SEPS);
  }
  const y = r();
  if (y < 0.12) {
    const pre = r() < 0.8 ? 'CRON_TZ=' : pick(r, ['TZ=', 'cron_tz=', 'CRON_TZ=X CRON_TZ=']);
    const z = r() < 0.8 ? pick(r, TRICKY_ZONES) : pick(r, ['', 'Local', ...BAD_ZONES.filter((b) => !b.includes(' '))]);
    s = pre + z + (r() < 0.95 ? ' ' : pick(r, ['  ', '\t', ''])) + s;
  }
  return s;
}

const transitionsCache = new Map<string, number[]>();
function transitions(zone: string): number[] {
  let t = transitionsCache.get(zone);
  if (!t) {
    const z = loadZone(zone);
    t = z.ok ? zoneTransitions(z.zone, Date.UTC(2024, 0, 1), Date.UTC(2033, 0, 1)).map((x) => x.at) : [];
    transitionsCache.set(zone, t);
  }
  return t;
}

export function randomFrom(r: () => number, zone: string): string {
  const tr = transitions(zone);
  let ms: number;
  if (tr.length && r() < 0.8) {
    ms = pick(r, tr) + Math.floor((r() * 2 - 1) * 50 * 3600) * 1000;
    if (r() < 0.3) ms = Math.floor(ms / 3_600_000) * 3_600_000 + pick(r, [-1000, 0, 1000, 30 * 60_000, -30 * 60_000]);
  } else ms = Date.UTC(2024, 0, 1) + Math.floor(r() * 9 * 365.25 * 86400) * 1000;
  if (r() < 0.1) ms += int(r, 1, 999);
  const local = pick(r, CONTROLLER_ZONES);
  const z = loadZone(local);
  let s = formatRfc3339(ms, z.ok ? z.zone : UTC);
  const frac = ms % 1000;
  if (frac) s = s.replace(/(:\d\d)(Z|[+-])/, `$1.${String(frac).padStart(3, '0')}$2`);
  return s;
}

/** n random requests for the given seed. */
export function generateCases(seed: number, n: number): CronRequest[] {
  const r = rng(seed);
  const out: CronRequest[] = [];
  for (let i = 0; i < n; i++) {
    const req: CronRequest = { schedule: randomSchedule(r), from: '' };
    const tzx = r();
    if (tzx < 0.55) req.timezone = pick(r, TRICKY_ZONES);
    else if (tzx < 0.6) req.timezone = pick(r, [...BAD_ZONES, 'Local', pick(r, zoneNames())]);
    if (r() < 0.7) req.local = pick(r, CONTROLLER_ZONES);
    req.from = randomFrom(r, req.timezone && loadZone(req.timezone).ok ? req.timezone : req.local ?? 'UTC');
    req.count = r() < 0.8 ? 6 : pick(r, [1, 2, 12, 30]);
    out.push(req);
  }
  return out;
}

export { zoneNames };
