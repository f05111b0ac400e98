// Go time.ParseDuration, exact (grammar, overflow rules and error text), on BigInt nanoseconds.
import { goTimeQuote } from '../go/strings';

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // U+00B5 micro sign
  '\u03bcs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const P63 = 1n << 63n;

export type DurationResult = { ok: true; ns: bigint } | { ok: false; error: string };

const isDigit = (c: string) => c >= '0' && c <= '9';

export function parseGoDuration(orig: string): DurationResult {
  const invalid = (): DurationResult => ({ ok: false, error: 'time: invalid duration ' + goTimeQuote(orig) });
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0n };
  if (s === '') return invalid();
  while (s !== '') {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
    // leadingInt
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > P63 / 10n) return invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > P63) return invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (P63 - 1n) / 10n) { overflow = true; continue; }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > P63) { overflow = true; continue; }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let k = 0;
    for (; k < s.length; k++) {
      const c = s[k];
      if (c === '.' || isDigit(c)) break;
    }
    if (k === 0) return { ok: false, error: 'time: missing unit in duration ' + goTimeQuote(orig) };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = Object.prototype.hasOwnProperty.call(UNITS, u) ? UNITS[u] : undefined;
    if (unit === undefined) return { ok: false, error: 'time: unknown unit ' + goTimeQuote(u) + ' in duration ' + goTimeQuote(orig) };
    if (v > P63 / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      const add = Number(f) * (Number(unit) / scale);
      v += BigInt(Math.trunc(add));
      if (v > P63) return invalid();
    }
    d += v;
    if (d > P63) return invalid();
  }
  if (neg) return { ok: true, ns: -d };
  if (d > P63 - 1n) return invalid();
  return { ok: true, ns: d };
}
