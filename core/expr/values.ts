// Go value model used by the evaluator.
//   nil → null, bool → boolean, string → string, float64 → number, int → bigint (int64, wrapping),
//   []interface{} → Array, map[string]interface{} → Map<string, unknown>.
// Arrays/maps of other Go types carry their Go type name under the GOTYPE symbol ([]int from `..`, []string …).
// Plain JS objects are never used for Go maps, so no prototype key can ever be reached.

export const GOTYPE = Symbol('goType');
export const NILSLICE = Symbol('nilSlice');
/** A typed nil slice ([]interface {}(nil)): prints as [] with %v, marshals to null, equals nil. */
export function nilSlice(): unknown[] {
  const a: unknown[] = [];
  Object.defineProperty(a, NILSLICE, { value: true, enumerable: false });
  return a;
}
export function isNilSlice(v: unknown): boolean { return Array.isArray(v) && (v as { [NILSLICE]?: boolean })[NILSLICE] === true; }
type Tagged = { [GOTYPE]?: string };

export class GoDuration { constructor(readonly ns: bigint) {} }
export class GoTime {
  // epoch nanoseconds (bigint) + zone name + zone offset (seconds) used for formatting
  constructor(readonly ns: bigint, readonly zone: string = 'UTC', readonly offset: number = 0) {}
}
export class GoFunc { constructor(readonly name: string, readonly typeName: string) {} }
export class GoBytes { constructor(readonly bytes: Uint8Array) {} }
/** uint8: a byte of a string or []byte, as indexing or iterating them yields (`%T` uint8, `type()` "uint"). */
export class GoUint8 { constructor(readonly v: bigint) {} }
/** The 256 uint8 values, one instance each, so equal bytes are the same Map key (groupBy, fromPairs). */
export const U8: readonly GoUint8[] = Array.from({ length: 256 }, (_, i) => new GoUint8(BigInt(i)));
/** A uint8 as the int it converts to in arithmetic and comparisons; other values unchanged. */
export const unU8 = (v: unknown): unknown => (v instanceof GoUint8 ? v.v : v);
/** time.Month / time.Weekday (an int printed as its name). */
export class GoNamedInt {
  constructor(readonly v: bigint, readonly type: 'time.Month' | 'time.Weekday') {}
  get name(): string {
    const M = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const W = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    return this.type === 'time.Month' ? M[Number(this.v) - 1] ?? `%!Month(${this.v})` : W[Number(this.v)] ?? `%!Weekday(${this.v})`;
  }
}
export class GoLocation { constructor(readonly name: string) {} }

export class RuntimeError extends Error {}
export const rtErr = (msg: string): never => { throw new RuntimeError(msg); };

export function tagged<T extends object>(v: T, t: string): T {
  Object.defineProperty(v, GOTYPE, { value: t, enumerable: false });
  return v;
}

export function isArray(v: unknown): v is unknown[] { return Array.isArray(v); }
export function isMap(v: unknown): v is Map<unknown, unknown> { return v instanceof Map; }

/** Go %T of a value. */
export function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'string': return 'string';
    case 'number': return 'float64';
    case 'bigint': return 'int';
    default: break;
  }
  if (Array.isArray(v)) return (v as Tagged)[GOTYPE] ?? '[]interface {}';
  if (v instanceof Map) return (v as Tagged)[GOTYPE] ?? 'map[string]interface {}';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDuration) return 'time.Duration';
  if (v instanceof GoBytes) return '[]uint8';
  if (v instanceof GoUint8) return 'uint8';
  if (v instanceof GoFunc) return v.typeName;
  if (v instanceof GoNamedInt) return v.type;
  if (v instanceof GoLocation) return '*time.Location';
  return 'interface {}';
}

export function elemTypeOf(v: unknown[]): string {
  const t = goType(v);
  return t.startsWith('[]') ? t.slice(2) : 'interface {}';
}

// ---------------------------------------------------------------- number formatting

function floatParts(x: number): [string, string, number] {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential())!; // shortest round-trip digits
  return [m[1], m[2] + (m[3] ?? ''), parseInt(m[4], 10)];
}
function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return undefined;
}
/** strconv.FormatFloat(x, 'g', -1, 64) = fmt %v of a float64 (exponent form when exp < -4 || exp >= 6... of the
 *  shortest representation: Go uses eprec = 6 for the shortest form, so 1234567.0 → 1.234567e+06). */
export function goFloatV(x: number): string {
  const sp = special(x);
  if (sp !== undefined) return sp;
  const [sign, digits, exp] = floatParts(x);
  if (exp < -4 || exp >= 6) return expForm(sign, digits, exp);
  return plainForm(sign, digits, exp);
}
/** encoding/json float64 format (ES-like: exponent when |x| < 1e-6 or >= 1e21; e-07 → e-7). */
export function jsonFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [sign, digits, exp] = floatParts(x);
  if (exp < -6 || exp >= 21) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  return plainForm(sign, digits, exp);
}
function expForm(sign: string, digits: string, exp: number): string {
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const es = exp < 0 ? '-' : '+';
  const a = Math.abs(exp);
  return `${sign}${mant}e${es}${a < 10 ? '0' + a : a}`;
}
function plainForm(sign: string, digits: string, exp: number): string {
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return sign + digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

// ---------------------------------------------------------------- %v formatting

export function formatV(v: unknown, top = true): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean': return v ? 'true' : 'false';
    case 'string': return v;
    case 'number': return goFloatV(v);
    case 'bigint': return v.toString();
    default: break;
  }
  if (Array.isArray(v)) return '[' + v.map((x) => formatV(x, false)).join(' ') + ']';
  if (v instanceof Map) {
    const keys = sortedKeys(v);
    return 'map[' + keys.map((k) => `${formatV(k, false)}:${formatV(v.get(k), false)}`).join(' ') + ']';
  }
  if (v instanceof GoDuration) return formatDuration(v.ns);
  if (v instanceof GoTime) return formatTimeV(v);
  if (v instanceof GoBytes) return '[' + Array.from(v.bytes).join(' ') + ']';
  if (v instanceof GoFunc) return '0x0';
  if (v instanceof GoUint8) return v.v.toString();
  if (v instanceof GoNamedInt) return v.name;
  if (v instanceof GoLocation) return v.name;
  void top;
  return String(v);
}

export function sortedKeys(m: Map<unknown, unknown>): unknown[] {
  const keys = Array.from(m.keys());
  return keys.sort(compareKeys);
}
function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const ta = goType(a), tb = goType(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

// ---------------------------------------------------------------- durations / times

export function formatDuration(ns: bigint): string {
  // time.Duration.String()
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1000000000n) {
    let unit: string; let div: bigint;
    if (u < 1000n) return (neg ? '-' : '') + u.toString() + 'ns';
    if (u < 1000000n) { unit = 'µs'; div = 1000n; } else { unit = 'ms'; div = 1000000n; }
    out = fracStr(u, div) + unit;
  } else {
    const h = u / 3600000000000n; u -= h * 3600000000000n;
    const m = u / 60000000000n; u -= m * 60000000000n;
    out = '';
    if (h > 0n) out += h.toString() + 'h';
    if (h > 0n || m > 0n) out += m.toString() + 'm';
    out += fracStr(u, 1000000000n) + 's';
  }
  return (neg ? '-' : '') + out;
}
function fracStr(v: bigint, div: bigint): string {
  const ip = v / div;
  let fp = (v % div).toString().padStart(div.toString().length - 1, '0').replace(/0+$/, '');
  if (fp === '') return ip.toString();
  return ip.toString() + '.' + fp;
}

export function formatTimeV(t: GoTime): string {
  // time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST"
  const ms = Number(t.ns / 1000000n);
  const d = new Date(ms + t.offset * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  let frac = (((t.ns % 1000000000n) + 1000000000n) % 1000000000n).toString().padStart(9, '0').replace(/0+$/, '');
  if (frac) frac = '.' + frac;
  const off = t.offset;
  const sign = off < 0 ? '-' : '+';
  const ao = Math.abs(off);
  const num = `${sign}${p(Math.floor(ao / 3600))}${p(Math.floor((ao % 3600) / 60))}`;
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac} ${num} ${t.zone || num}`;
}

// ---------------------------------------------------------------- int64 helpers

export const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

/** Go fmt %s of a value (used by argo-server's cast error). */
export function formatS(v: unknown, nested = false): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return nested ? '<nil>' : '%!s(<nil>)';
  if (typeof v === 'boolean') return `%!s(bool=${v})`;
  if (typeof v === 'bigint') return `%!s(int=${v})`;
  if (v instanceof GoUint8) return `%!s(uint8=${v.v})`;
  if (typeof v === 'number') return `%!s(float64=${goFloatV(v)})`;
  if (Array.isArray(v)) return '[' + v.map((x) => formatS(x, true)).join(' ') + ']';
  if (v instanceof Map) {
    const keys = Array.from(v.keys()).sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    return 'map[' + keys.map((k) => `${formatS(k, true)}:${formatS(v.get(k), true)}`).join(' ') + ']';
  }
  if (v instanceof GoDuration) return formatDurationS(v);
  if (v instanceof GoTime) return formatV(v);
  if (v instanceof GoBytes) return new TextDecoder().decode(v.bytes);
  if (v instanceof GoNamedInt || v instanceof GoLocation) return formatV(v);
  return `%!s(${goType(v)})`;
}
function formatDurationS(d: GoDuration): string {
  return formatV(d);
}
