// Runtime semantics of expr's VM helpers (equality, ordering, arithmetic, fetch, in, slice) over our Go value model.
import { GoBytes, GoDuration, GoTime, GoUint8, U8, goType, isNilSlice, rtErr, tagged, unU8, wrap } from './values';

const isNum = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
const f64 = (v: number | bigint): number => (typeof v === 'number' ? v : Number(v));

export function equal(a: unknown, b: unknown): boolean {
  if (a instanceof GoUint8 || b instanceof GoUint8) return equal(unU8(a), unU8(b));
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const ta = typeof a, tb = typeof b;
  if (ta === 'number' || ta === 'bigint') {
    if (tb === 'number' || tb === 'bigint') {
      if (ta === 'bigint' && tb === 'bigint') return a === b;
      return f64(a as number) === f64(b as number);
    }
    return false;
  }
  if (ta === 'string' || ta === 'boolean') return false;
  if (a === null || b === null) return (a === null && isNilSlice(b)) || (b === null && isNilSlice(a));
  if (Array.isArray(a) && Array.isArray(b)) {
    const ga = goType(a), gb = goType(b);
    if (ga === '[]interface {}' || gb === '[]interface {}') {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
      return true;
    }
    return deepEqual(a, b);
  }
  if (a instanceof GoTime && b instanceof GoTime) return a.ns === b.ns;
  if (a instanceof GoDuration && b instanceof GoDuration) return a.ns === b.ns;
  return deepEqual(a, b);
}

/** reflect.DeepEqual over our value model (type-sensitive: int ≠ float64). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b; // NaN != NaN
  if (typeof a !== 'object') return a === b;
  if (goType(a) !== goType(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    const bm = b as Map<unknown, unknown>;
    if (a.size !== bm.size) return false;
    for (const [k, v] of a) {
      if (!bm.has(k)) return false;
      if (!deepEqual(v, bm.get(k))) return false;
    }
    return true;
  }
  if (a instanceof GoTime) return a.ns === (b as GoTime).ns && a.zone === (b as GoTime).zone;
  if (a instanceof GoDuration) return a.ns === (b as GoDuration).ns;
  if (a instanceof GoUint8) return a.v === (b as GoUint8).v;
  if (a instanceof GoBytes) {
    const x = a.bytes, y = (b as GoBytes).bytes;
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

function cmpFail(op: string, a: unknown, b: unknown): never {
  return rtErr(`invalid operation: ${goType(a)} ${op} ${goType(b)}`);
}

export function compare(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  if (a instanceof GoUint8 || b instanceof GoUint8) {
    const x = unU8(a), y = unU8(b);
    return isNum(x) && isNum(y) ? compare(op, x, y) : cmpFail(op, a, b);
  }
  if (isNum(a) && isNum(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') {
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
    const x = f64(a), y = f64(b);
    return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    // Go compares bytes (UTF-8); JS compares UTF-16 units — identical order except for astral vs U+E000–U+FFFF.
    const c = compareUtf8(a, b);
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  }
  if (a instanceof GoTime && b instanceof GoTime) {
    return op === '<' ? a.ns < b.ns : op === '>' ? a.ns > b.ns : op === '<=' ? a.ns <= b.ns : a.ns >= b.ns;
  }
  if (a instanceof GoDuration && b instanceof GoDuration) {
    return op === '<' ? a.ns < b.ns : op === '>' ? a.ns > b.ns : op === '<=' ? a.ns <= b.ns : a.ns >= b.ns;
  }
  return cmpFail(op, a, b);
}

export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff, sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? (y >= 0xe000 ? 1 : 1) : (x >= 0xe000 ? -1 : -1);
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// a uint8 operand (a string's byte) computes as an int; the result is an int (observed: 97 * 97 = 9409)
function u8Op(op: string, a: unknown, b: unknown, f: (x: unknown, y: unknown) => unknown): unknown {
  const x = unU8(a), y = unU8(b);
  return isNum(x) && isNum(y) ? f(x, y) : cmpFail(op, a, b);
}
export function add(a: unknown, b: unknown): unknown {
  if (a instanceof GoUint8 || b instanceof GoUint8) return u8Op('+', a, b, add);
  if (typeof a === 'bigint' && typeof b === 'bigint') return wrap(a + b);
  if (isNum(a) && isNum(b)) return f64(a) + f64(b);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof GoTime && b instanceof GoDuration) return new GoTime(a.ns + b.ns, a.zone, a.offset);
  if (a instanceof GoDuration && b instanceof GoTime) return new GoTime(b.ns + a.ns, b.zone, b.offset);
  if (a instanceof GoDuration && b instanceof GoDuration) return new GoDuration(wrap(a.ns + b.ns));
  return cmpFail('+', a, b);
}
export function sub(a: unknown, b: unknown): unknown {
  if (a instanceof GoUint8 || b instanceof GoUint8) return u8Op('-', a, b, sub);
  if (typeof a === 'bigint' && typeof b === 'bigint') return wrap(a - b);
  if (isNum(a) && isNum(b)) return f64(a) - f64(b);
  if (a instanceof GoTime && b instanceof GoTime) return new GoDuration(wrap(a.ns - b.ns));
  if (a instanceof GoTime && b instanceof GoDuration) return new GoTime(a.ns - b.ns, a.zone, a.offset);
  if (a instanceof GoDuration && b instanceof GoDuration) return new GoDuration(wrap(a.ns - b.ns));
  return cmpFail('-', a, b);
}
export function mul(a: unknown, b: unknown): unknown {
  if (a instanceof GoUint8 || b instanceof GoUint8) return u8Op('*', a, b, mul);
  if (typeof a === 'bigint' && typeof b === 'bigint') return wrap(a * b);
  if (isNum(a) && isNum(b)) return f64(a) * f64(b);
  if (a instanceof GoDuration && typeof b === 'bigint') return new GoDuration(wrap(a.ns * b));
  if (typeof a === 'bigint' && b instanceof GoDuration) return new GoDuration(wrap(a * b.ns));
  if (a instanceof GoDuration && typeof b === 'number') return new GoDuration(BigInt.asIntN(64, BigInt(Math.trunc(Number(a.ns) * b))));
  if (typeof a === 'number' && b instanceof GoDuration) return new GoDuration(BigInt.asIntN(64, BigInt(Math.trunc(a * Number(b.ns)))));
  if (a instanceof GoDuration && b instanceof GoDuration) return new GoDuration(wrap(a.ns * b.ns));
  return cmpFail('*', a, b);
}
export function div(a: unknown, b: unknown): number {
  if (a instanceof GoUint8 || b instanceof GoUint8) return u8Op('/', a, b, div) as number;
  if (isNum(a) && isNum(b)) return f64(a) / f64(b);
  return cmpFail('/', a, b);
}
export function mod(a: unknown, b: unknown): bigint {
  if (a instanceof GoUint8 || b instanceof GoUint8) {
    const x = unU8(a), y = unU8(b);
    return typeof x === 'bigint' && typeof y === 'bigint' ? mod(x, y) : cmpFail('%', a, b);
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) rtErr('runtime error: integer divide by zero');
    if (b === -1n) return 0n;
    return a % b;
  }
  return cmpFail('%', a, b);
}
export function pow(a: unknown, b: unknown): number {
  return goPow(toFloat64(a), toFloat64(b));
}
/** Go math.Pow special cases that differ from JS Math.pow. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(y) || !Number.isFinite(x)) {
    if (x === -1 && !Number.isFinite(y)) return 1;
    return Math.pow(x, y);
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  // Go's math.Pow: x**y = x**yf * x**yi, the integer part by repeated squaring on the mantissa (its rounding
  // differs from Math.pow in the last bit)
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === (y > 0) ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) { yf--; yi++; }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || (1 << 12) < xe) { ae += xe; break; }
    if ((i & 1n) === 1n) { a1 *= x1; ae += xe; }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) { x1 += x1; xe--; }
  }
  if (y < 0) { a1 = 1 / a1; ae = -ae; }
  return ldexp(a1, ae);
}
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let f = x * 2 ** -e;
  while (Math.abs(f) < 0.5) { f *= 2; e--; }
  while (Math.abs(f) >= 1) { f /= 2; e++; }
  return [f, e];
}
function ldexp(f: number, e: number): number {
  if (f === 0 || !Number.isFinite(f)) return f;
  if (e > 1023) { f *= 2 ** 1023; e -= 1023; if (e > 1023) return f * Infinity; return f * 2 ** e; }
  if (e < -1022) { f *= 2 ** (e + 53 > -1022 ? e + 53 : -1022); const rest = e + 53 > -1022 ? -53 : e + 1022; return f * 2 ** rest; }
  return f * 2 ** e;
}
export function toFloat64(a: unknown): number {
  if (a instanceof GoUint8) return Number(a.v);
  if (typeof a === 'number') return a;
  if (typeof a === 'bigint') return Number(a);
  return rtErr(`invalid operation: float(${goType(a)})`);
}
export function toInt(a: unknown): bigint {
  if (a instanceof GoUint8) return a.v;
  if (typeof a === 'bigint') return a;
  if (typeof a === 'number') return goFloatToInt(a);
  return rtErr(`invalid operation: int(${goType(a)})`);
}
export function goFloatToInt(x: number): bigint {
  if (Number.isNaN(x) || !Number.isFinite(x)) return -0x8000000000000000n;
  const t = Math.trunc(x);
  if (t >= 9223372036854775807 || t < -9223372036854775808) return -0x8000000000000000n;
  return BigInt(t);
}

/** runtime.Fetch */
export function fetch(from: unknown, i: unknown): unknown {
  if (from === null || from === undefined) return rtErr(`cannot fetch ${fmtKey(i)} from <nil>`);
  if (from instanceof Map) {
    const k = i === null ? mapZeroKey(from) : i;
    if (typeof k === 'string' || typeof k !== 'object') {
      if (from.has(k)) return from.get(k);
      if (typeof k !== 'string' && goType(from).startsWith('map[string]')) {
        return rtErr(`reflect.Value.MapIndex: value of type ${goType(i)} is not assignable to type string`);
      }
      return null;
    }
    return null;
  }
  if (Array.isArray(from)) {
    let idx = Number(toInt(i));
    const l = from.length;
    if (idx < 0) idx = l + idx;
    if (idx < 0 || idx >= l) return rtErr(`index out of range: ${idx} (array length is ${l})`);
    return from[idx];
  }
  if (typeof from === 'string') {
    const bytes = utf8(from);
    let idx = Number(toInt(i));
    const l = bytes.length;
    if (idx < 0) idx = l + idx;
    if (idx < 0 || idx >= l) return rtErr(`index out of range: ${idx} (array length is ${l})`);
    return U8[bytes[idx]];
  }
  if (from instanceof GoBytes) {
    let idx = Number(toInt(i));
    const l = from.bytes.length;
    if (idx < 0) idx = l + idx;
    if (idx < 0 || idx >= l) return rtErr(`index out of range: ${idx} (array length is ${l})`);
    return U8[from.bytes[idx]];
  }
  return rtErr(`cannot fetch ${fmtKey(i)} from ${goType(from)}`);
}
function mapZeroKey(m: Map<unknown, unknown>): unknown {
  return goType(m).startsWith('map[string]') ? '' : null;
}
function fmtKey(i: unknown): string {
  // %v of the key
  if (i === null) return '<nil>';
  if (typeof i === 'string') return i;
  if (typeof i === 'number') return String(i);
  return String(i);
}

// Go strings are bytes and may hold invalid UTF-8. The engine keeps each invalid byte b as the lone surrogate
// U+DC00+b (b ≥ 0x80), so slicing and re-encoding round-trip, and JSON/error output shows U+FFFD like Go.
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
export function utf8(s: string): Uint8Array {
  if (!/[\ud800-\udfff]/.test(s)) return enc.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { out.push(...enc.encode(s[i] + s[i + 1])); i++; continue; }
    }
    if (c >= 0xdc80 && c <= 0xdcff) { out.push(c - 0xdc00); continue; }
    out.push(...enc.encode(s[i]));
  }
  return Uint8Array.from(out);
}
export function fromUtf8(b: Uint8Array): string {
  try { return dec.decode(b); } catch { /* invalid: decode byte by byte below */ }
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0, cp = 0, min = 0;
    if (c < 0x80) { out += String.fromCharCode(c); i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; min = 0x10000; }
    let ok = n > 0 && i + n < b.length + 0 && i + n <= b.length - 0;
    if (ok) {
      for (let k = 1; k <= n; k++) { const x = b[i + k]; if (x === undefined || (x & 0xc0) !== 0x80) { ok = false; break; } cp = (cp << 6) | (x & 0x3f); }
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) { out += String.fromCodePoint(cp); i += n + 1; continue; }
    out += String.fromCharCode(0xdc00 + c);
    i++;
  }
  return out;
}
/** Text as Go's JSON output of it shows: invalid bytes become U+FFFD. */
export function displayString(s: string): string {
  return s.replace(/[\udc80-\udcff]/g, (m, off: number) => {
    const prev = off > 0 ? s.charCodeAt(off - 1) : 0;
    return prev >= 0xd800 && prev <= 0xdbff ? m : '\ufffd';
  });
}
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** runtime.In */
export function inOp(needle: unknown, hay: unknown): boolean {
  if (hay === null || hay === undefined) return false;
  if (Array.isArray(hay)) {
    for (const v of hay) if (equal(v, needle)) return true;
    return false;
  }
  if (hay instanceof Map) {
    const k = needle === null ? mapZeroKey(hay) : needle;
    if (goType(hay).startsWith('map[string]') && typeof k !== 'string') {
      return rtErr(`reflect.Value.MapIndex: value of type ${goType(needle)} is not assignable to type string`);
    }
    if (Array.isArray(needle) || needle instanceof Map || needle instanceof GoBytes) return rtErr(`runtime error: hash of unhashable type ${goType(needle)}`);
    return hay.has(k);
  }
  return rtErr(`operator "in" not defined on ${goType(hay)}`);
}

/** runtime.Slice */
export function slice(arr: unknown, from: unknown, to: unknown): unknown {
  let len: number;
  let bytes: Uint8Array | undefined;
  if (Array.isArray(arr)) len = arr.length;
  else if (typeof arr === 'string') {
    if (isAscii(arr)) len = arr.length; else { bytes = utf8(arr); len = bytes.length; }
  } else return rtErr(`cannot slice ${from === null ? '<nil>' : String(from)}`);
  let a = Number(toInt(from)), b = Number(toInt(to));
  if (a < 0) a = len + a;
  if (a < 0) a = 0;
  if (b < 0) b = len + b;
  if (b < 0) b = 0;
  if (b > len) b = len;
  if (a > b) a = b;
  if (Array.isArray(arr)) {
    const r = arr.slice(a, b);
    const t = goType(arr);
    return t === '[]interface {}' ? r : tagged(r, t);
  }
  if (bytes) return fromUtf8(bytes.subarray(a, b));
  return (arr as string).slice(a, b);
}

export function makeRange(min: bigint, max: bigint): bigint[] {
  const size = max - min + 1n;
  if (size <= 0n) return tagged([] as bigint[], '[]int');
  const out: bigint[] = new Array(Number(size));
  for (let i = 0; i < out.length; i++) out[i] = min + BigInt(i);
  return tagged(out, '[]int');
}

export function negate(v: unknown): unknown {
  if (typeof v === 'number') return -v;
  if (typeof v === 'bigint') return wrap(-v);
  if (v instanceof GoUint8) return U8[Number(BigInt.asUintN(8, -v.v))]; // wraps: -97 is 159
  if (v instanceof GoDuration) return new GoDuration(wrap(-v.ns));
  return rtErr(`invalid operation: - ${goType(v)}`);
}
