// The parts of Go's time package that expr's date()/now()/duration() results expose: parsing with Go layouts,
// the common methods (Year(), Month(), Format(), …) and zone handling through Intl (IANA names).
import { goTimeQuote as goQuote } from '../go/strings';
import { GoDuration, GoLocation, GoNamedInt, GoTime, rtErr, formatDuration } from './values';
export { GoLocation, GoNamedInt };

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const zoneCache = new Map<string, Intl.DateTimeFormat | null>();
function zoneFormatter(name: string): Intl.DateTimeFormat | null {
  if (zoneCache.has(name)) return zoneCache.get(name)!;
  let f: Intl.DateTimeFormat | null = null;
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short' });
  } catch { f = null; }
  zoneCache.set(name, f);
  return f;
}
/** Offset (seconds east of UTC) and abbreviation of an IANA zone at an instant. */
export function zoneOffset(name: string, ms: number): { offset: number; abbr: string } | undefined {
  if (name === 'UTC' || name === '') return { offset: 0, abbr: 'UTC' };
  const f = zoneFormatter(name);
  if (!f) return undefined;
  const parts = f.formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 1000);
  let abbr = parts.find((p) => p.type === 'timeZoneName')?.value ?? name;
  if (/^GMT[+-]/.test(abbr) || abbr === 'GMT') {
    const o = Math.abs(offset);
    abbr = (offset < 0 ? '-' : '+') + String(Math.floor(o / 3600)).padStart(2, '0') + (o % 3600 ? String(Math.floor((o % 3600) / 60)).padStart(2, '0') : '');
    if (offset === 0) abbr = name === 'UTC' ? 'UTC' : 'GMT';
  }
  return { offset, abbr };
}

export function timeIn(ns: bigint, zone: string): GoTime {
  const z = zoneOffset(zone, Number(ns / 1000000n));
  if (!z) return new GoTime(ns, 'UTC', 0);
  return new GoTime(ns, z.abbr, z.offset);
}

/** Civil fields of a time in its own zone. */
export function fields(t: GoTime): { y: number; mo: number; d: number; h: number; mi: number; s: number; ns: number; wd: number; yd: number } {
  const ms = Number((t.ns - (((t.ns % 1000000000n) + 1000000000n) % 1000000000n)) / 1000000n) + t.offset * 1000;
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  const start = Date.UTC(y, 0, 1);
  return {
    y, mo: dt.getUTCMonth() + 1, d: dt.getUTCDate(), h: dt.getUTCHours(), mi: dt.getUTCMinutes(), s: dt.getUTCSeconds(),
    ns: Number(((t.ns % 1000000000n) + 1000000000n) % 1000000000n), wd: dt.getUTCDay(), yd: Math.floor((ms - start) / 86400000) + 1,
  };
}

// ---------------------------------------------------------------- layouts

type Tok = { lit: string } | { f: string };
const TOKENS = ['January', 'Monday', '2006', 'Jan', 'Mon', 'MST', '002', '_2', '01', '02', '03', '04', '05', '06', '15',
  'Z07:00:00', '-07:00:00', 'Z07:00', '-07:00', 'Z0700', '-0700', 'Z07', '-07', 'PM', 'pm', '1', '2', '3', '4', '5'];
function tokenize(layout: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let lit = '';
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac && (i === 0 || true)) {
      if (lit) { out.push({ lit }); lit = ''; }
      out.push({ f: frac[0] });
      i += frac[0].length;
      continue;
    }
    const t = TOKENS.find((x) => layout.startsWith(x, i));
    if (t) {
      if (lit) { out.push({ lit }); lit = ''; }
      out.push({ f: t });
      i += t.length;
      continue;
    }
    lit += layout[i++];
  }
  if (lit) out.push({ lit });
  return out;
}

const p2 = (n: number): string => String(n).padStart(2, '0');
export function formatTime(t: GoTime, layout: string): string {
  const F = fields(t);
  let out = '';
  for (const tok of tokenize(layout)) {
    if ('lit' in tok) { out += tok.lit; continue; }
    const f = tok.f;
    const off = t.offset, ao = Math.abs(off);
    const sign = off < 0 ? '-' : '+';
    switch (f) {
      case '2006': out += String(F.y).padStart(4, '0'); break;
      case '06': out += p2(F.y % 100); break;
      case 'January': out += MONTHS[F.mo - 1]; break;
      case 'Jan': out += MONTHS[F.mo - 1].slice(0, 3); break;
      case '01': out += p2(F.mo); break;
      case '1': out += String(F.mo); break;
      case 'Monday': out += WEEKDAYS[F.wd]; break;
      case 'Mon': out += WEEKDAYS[F.wd].slice(0, 3); break;
      case '02': out += p2(F.d); break;
      case '_2': out += String(F.d).padStart(2, ' '); break;
      case '2': out += String(F.d); break;
      case '002': out += String(F.yd).padStart(3, '0'); break;
      case '15': out += p2(F.h); break;
      case '03': out += p2(F.h % 12 === 0 ? 12 : F.h % 12); break;
      case '3': out += String(F.h % 12 === 0 ? 12 : F.h % 12); break;
      case '04': out += p2(F.mi); break;
      case '4': out += String(F.mi); break;
      case '05': out += p2(F.s); break;
      case '5': out += String(F.s); break;
      case 'PM': out += F.h >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += F.h >= 12 ? 'pm' : 'am'; break;
      case 'MST': {
        if (t.zone) { out += t.zone; break; }
        const ao = Math.abs(t.offset);
        out += (t.offset < 0 ? '-' : '+') + p2(Math.floor(ao / 3600)) + p2(Math.floor((ao % 3600) / 60));
        break;
      }
      case 'Z07:00': case 'Z0700': case 'Z07': case 'Z07:00:00':
      case '-07:00': case '-0700': case '-07': case '-07:00:00': {
        if (f[0] === 'Z' && off === 0) { out += 'Z'; break; }
        const hh = p2(Math.floor(ao / 3600)), mm = p2(Math.floor((ao % 3600) / 60)), ss = p2(ao % 60);
        if (f.endsWith(':00:00')) out += `${sign}${hh}:${mm}:${ss}`;
        else if (f.endsWith(':00')) out += `${sign}${hh}:${mm}`;
        else if (f.endsWith('0700')) out += `${sign}${hh}${mm}`;
        else out += `${sign}${hh}`;
        break;
      }
      default: {
        // fractional seconds .000 / .999
        const digits = f.length - 1;
        let fr = String(F.ns).padStart(9, '0').slice(0, digits);
        if (f[1] === '9') { fr = fr.replace(/0+$/, ''); if (fr) out += f[0] + fr; }
        else out += f[0] + fr;
      }
    }
  }
  return out;
}

/** time.Parse / ParseInLocation for the layout elements above; errors use Go's wording for the common cases. */
export function parseTime(layout: string, value: string, loc: string): GoTime {
  const toks = tokenize(layout);
  let y = 1, mo = 1, d = 1, h = 0, mi = 0, s = 0, ns = 0, pm: boolean | undefined;
  let offset: number | undefined;
  let rest = value;
  const fail = (elem: string, v: string): never =>
    rtErr(`parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(v)} as ${goQuote(elem)}`);
  const num = (elem: string, min: number, max: number, fixed: boolean): number => {
    const m = fixed ? new RegExp(`^\\d{${min}}`).exec(rest) : new RegExp(`^\\d{${min},${max}}`).exec(rest);
    if (!m) fail(elem, rest);
    rest = rest.slice(m![0].length);
    return Number(m![0]);
  };
  for (const tok of toks) {
    if ('lit' in tok) {
      if (!rest.startsWith(tok.lit)) {
        // Go's skip() reports the value after the part of the literal that did match
        let k = 0;
        while (k < tok.lit.length && k < rest.length && tok.lit[k] === rest[k]) k++;
        fail(tok.lit, rest.slice(k));
      }
      rest = rest.slice(tok.lit.length);
      continue;
    }
    const f = tok.f;
    switch (f) {
      case '2006': y = num(f, 4, 4, true); break;
      case '06': { const v = num(f, 2, 2, true); y = v >= 69 ? 1900 + v : 2000 + v; break; }
      case '01': mo = num(f, 2, 2, true); if (mo < 1 || mo > 12) rtErr(`parsing time ${goQuote(value)}: month out of range`); break;
      case '1': mo = num(f, 1, 2, false); break;
      case 'January': case 'Jan': {
        const i = MONTHS.findIndex((m) => rest.toLowerCase().startsWith((f === 'Jan' ? m.slice(0, 3) : m).toLowerCase()));
        if (i < 0) fail(f, rest);
        mo = i + 1; rest = rest.slice(f === 'Jan' ? 3 : MONTHS[i].length); break;
      }
      case 'Monday': case 'Mon': {
        const i = WEEKDAYS.findIndex((w) => rest.toLowerCase().startsWith((f === 'Mon' ? w.slice(0, 3) : w).toLowerCase()));
        if (i < 0) fail(f, rest);
        rest = rest.slice(f === 'Mon' ? 3 : WEEKDAYS[i].length); break;
      }
      case '02': d = num(f, 2, 2, true); break;
      case '_2': if (rest[0] === ' ') rest = rest.slice(1); d = num(f, 1, 2, false); break;
      case '2': d = num(f, 1, 2, false); break;
      case '002': num(f, 3, 3, true); break;
      case '15': h = num(f, 1, 2, false); break;
      case '03': case '3': h = num(f, f === '03' ? 2 : 1, 2, f === '03'); break;
      case '04': mi = num(f, 2, 2, true); break;
      case '4': mi = num(f, 1, 2, false); break;
      case '05': s = num(f, 2, 2, true); break;
      case '5': s = num(f, 1, 2, false); break;
      case 'PM': case 'pm': {
        const v = rest.slice(0, 2).toUpperCase();
        if (v !== 'AM' && v !== 'PM') fail(f, rest);
        pm = v === 'PM'; rest = rest.slice(2); break;
      }
      case 'MST': { const m = /^[A-Z]{3,5}|^[+-]\d+/.exec(rest); if (!m) fail(f, rest); rest = rest.slice(m![0].length); if (m![0] === 'UTC' || m![0] === 'GMT') offset = 0; break; }
      case 'Z07:00': case 'Z0700': case 'Z07': case '-07:00': case '-0700': case '-07': case 'Z07:00:00': case '-07:00:00': {
        if (f[0] === 'Z' && rest[0] === 'Z') { rest = rest.slice(1); offset = 0; break; }
        const re = f.endsWith(':00:00') ? /^([+-])(\d\d):(\d\d):(\d\d)/ : f.endsWith(':00') ? /^([+-])(\d\d):(\d\d)/ : f.endsWith('0700') ? /^([+-])(\d\d)(\d\d)/ : /^([+-])(\d\d)/;
        const m = re.exec(rest);
        if (!m) fail(f, rest);
        offset = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        rest = rest.slice(m![0].length);
        break;
      }
      default: {
        const m = /^[.,](\d+)/.exec(rest);
        if (m) { ns = Number(m[1].slice(0, 9).padEnd(9, '0')); rest = rest.slice(m[0].length); }
        else if (f[1] === '0') fail(f, rest);
      }
    }
  }
  // Go accepts fractional seconds after a seconds field even when the layout has none
  const fr = /^[.,](\d+)/.exec(rest);
  if (fr && toks.some((t) => 'f' in t && (t.f === '05' || t.f === '5'))) { ns = Number(fr[1].slice(0, 9).padEnd(9, '0')); rest = rest.slice(fr[0].length); }
  if (rest !== '') rtErr(`parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`);
  if (pm !== undefined) { if (h === 12) h = 0; if (pm) h += 12; }
  if (d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) rtErr(`parsing time ${goQuote(value)}: ${d < 1 || d > 31 ? 'day' : h > 23 ? 'hour' : mi > 59 ? 'minute' : 'second'} out of range`);
  const civil = Date.UTC(y, mo - 1, d, h, mi, s);
  const fix = new Date(civil);
  if (fix.getUTCDate() !== d) rtErr(`parsing time ${goQuote(value)}: day out of range`);
  if (offset !== undefined) {
    const nsTotal = BigInt(civil - offset * 1000) * 1000000n + BigInt(ns);
    if (loc !== 'UTC') {
      const z = zoneOffset(loc, civil - offset * 1000);
      if (z && z.offset === offset) return new GoTime(nsTotal, z.abbr, offset);
    }
    if (offset === 0) return new GoTime(nsTotal, 'UTC', 0);
    return new GoTime(nsTotal, '', offset);
  }
  // interpret the civil time in loc
  let guess = civil;
  const z1 = zoneOffset(loc, guess);
  if (!z1) return new GoTime(BigInt(civil) * 1000000n + BigInt(ns), 'UTC', 0);
  guess = civil - z1.offset * 1000;
  const z2 = zoneOffset(loc, guess)!;
  if (z2.offset !== z1.offset) guess = civil - z2.offset * 1000;
  const z3 = zoneOffset(loc, guess)!;
  return new GoTime(BigInt(guess) * 1000000n + BigInt(ns), z3.abbr, z3.offset);
}


export const DEFAULT_LAYOUTS = ['2006-01-02', '15:04:05', '2006-01-02 15:04:05', '2006-01-02T15:04:05Z07:00',
  '02 Jan 06 15:04 MST', 'Monday, 02-Jan-06 15:04:05 MST', 'Mon, 02 Jan 2006 15:04:05 MST'];

/** expr's date(): one argument tries the default layouts; else layout (and zone). */
export function exprDate(args: unknown[]): GoTime {
  let loc = 'UTC';
  let a = args;
  if (a[0] instanceof GoLocation) { loc = a[0].name; a = a.slice(1); }
  const str = asStr(a[0]);
  if (a.length === 2) return parseTime(asStr(a[1]), str, loc);
  if (a.length === 3) {
    const zone = asStr(a[2]);
    if (!zoneFormatter(zone) && zone !== 'UTC' && zone !== 'Local' && zone !== '') rtErr(`unknown time zone ${zone}`);
    return parseTime(asStr(a[1]), str, zone === '' ? 'UTC' : zone);
  }
  for (const l of DEFAULT_LAYOUTS) {
    try { return parseTime(l, str, loc); } catch { /* next layout */ }
  }
  return rtErr(`invalid date ${str}`);
}
function asStr(v: unknown): string {
  if (typeof v === 'string') return v;
  return rtErr(`interface conversion: interface {} is ${v === null ? 'nil' : typeof v === 'number' ? 'float64' : typeof v === 'bigint' ? 'int' : typeof v}, not string`);
}


export function loadLocation(name: string): GoLocation {
  if (name === '' || name === 'UTC') return new GoLocation('UTC');
  if (name === 'Local') return new GoLocation(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (!zoneFormatter(name) || /^[+-]|^\d/.test(name)) rtErr(`unknown time zone ${name}`);
  return new GoLocation(name);
}

// ---------------------------------------------------------------- methods

export const TIME_METHODS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  Year: 'int', Day: 'int', Hour: 'int', Minute: 'int', Second: 'int', Nanosecond: 'int', YearDay: 'int',
  Month: 'time.Month', Weekday: 'time.Weekday', Unix: 'int64', UnixMilli: 'int64', UnixNano: 'int64', UnixMicro: 'int64',
  Format: 'string', String: 'string', IsZero: 'bool', Before: 'bool', After: 'bool', Equal: 'bool',
  Sub: 'time.Duration', Add: 'time.Time', UTC: 'time.Time', Local: 'time.Time', In: 'time.Time', Truncate: 'time.Time',
});
export const DURATION_METHODS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  Hours: 'float64', Minutes: 'float64', Seconds: 'float64', Milliseconds: 'int64', Microseconds: 'int64',
  Nanoseconds: 'int64', String: 'string', Abs: 'time.Duration', Round: 'time.Duration', Truncate: 'time.Duration',
});

export const NAMED_INT_METHODS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { String: 'string' });

export function callTimeMethod(t: GoTime, name: string, args: unknown[]): unknown {
  const F = (): ReturnType<typeof fields> => fields(t);
  switch (name) {
    case 'Year': return BigInt(F().y);
    case 'Month': return new GoNamedInt(BigInt(F().mo), 'time.Month');
    case 'Day': return BigInt(F().d);
    case 'Hour': return BigInt(F().h);
    case 'Minute': return BigInt(F().mi);
    case 'Second': return BigInt(F().s);
    case 'Nanosecond': return BigInt(F().ns);
    case 'YearDay': return BigInt(F().yd);
    case 'Weekday': return new GoNamedInt(BigInt(F().wd), 'time.Weekday');
    case 'Unix': return floorDiv(t.ns, 1000000000n);
    case 'UnixMilli': return floorDiv(t.ns, 1000000n);
    case 'UnixMicro': return floorDiv(t.ns, 1000n);
    case 'UnixNano': return t.ns;
    case 'Format': return formatTime(t, asStr(args[0]));
    case 'String': return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
    case 'IsZero': return t.ns === -62135596800000000000n;
    case 'Before': return t.ns < (args[0] as GoTime).ns;
    case 'After': return t.ns > (args[0] as GoTime).ns;
    case 'Equal': return t.ns === (args[0] as GoTime).ns;
    case 'Sub': return new GoDuration(t.ns - (args[0] as GoTime).ns);
    case 'Add': return new GoTime(t.ns + (args[0] as GoDuration).ns, t.zone, t.offset);
    case 'UTC': return new GoTime(t.ns, 'UTC', 0);
    case 'Local': return timeIn(t.ns, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    case 'In': return timeIn(t.ns, (args[0] as GoLocation).name);
    default: return rtErr(`cannot fetch ${name} from time.Time`);
  }
}
export function callDurationMethod(d: GoDuration, name: string): unknown {
  switch (name) {
    case 'Hours': return Number(d.ns) / 3.6e12;
    case 'Minutes': return Number(d.ns) / 6e10;
    case 'Seconds': return Number(d.ns) / 1e9;
    case 'Milliseconds': return d.ns / 1000000n;
    case 'Microseconds': return d.ns / 1000n;
    case 'Nanoseconds': return d.ns;
    case 'String': return formatDuration(d.ns);
    case 'Abs': return new GoDuration(d.ns < 0n ? -d.ns : d.ns);
    default: return rtErr(`cannot fetch ${name} from time.Duration`);
  }
}
function floorDiv(a: bigint, b: bigint): bigint { const q = a / b; return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q; }
