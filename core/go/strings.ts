// Go string primitives robfig/cron relies on, with Go's exact behaviour: unicode.IsSpace, strings.Fields,
// strings.TrimSpace, strings.ToLower (for name look-up), strconv.Atoi and strconv.Quote / time's quote.

/** Go unicode.IsSpace. */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

/** Go strings.Fields (split on runs of unicode.IsSpace). */
export function goFields(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isGoSpace(cp)) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
    i += w;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Go strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b) {
    const cp = s.codePointAt(a)!;
    if (!isGoSpace(cp)) break;
    a += cp > 0xffff ? 2 : 1;
  }
  while (b > a) {
    const c = s.charCodeAt(b - 1);
    // Spaces are all in the BMP; a trailing low surrogate is never a space.
    if (!isGoSpace(c)) break;
    b--;
  }
  return s.slice(a, b);
}

/** Go strings.ToLower, per rune with unicode.ToLower (U+0130 → "i", unlike JS). */
export function goToLower(s: string): string {
  // ASCII fast path
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) { ascii = false; break; }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    if (ch === '\u0130') out += 'i';
    else {
      const l = ch.toLowerCase();
      out += [...l].length === 1 ? l : ch;
    }
  }
  return out;
}

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789abcdef';
const hex2 = (b: number) => HEX[(b >> 4) & 15] + HEX[b & 15];

/** Go strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') { out += '\\' + ch; continue; }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate: Go would hold U+FFFD
    if (cp === 0x20 || (cp > 0x7e && cp !== 0x7f && PRINT_RE.test(String.fromCodePoint(cp))) || (cp > 0x20 && cp < 0x7f)) {
      out += String.fromCodePoint(cp);
      continue;
    }
    switch (cp) {
      case 7: out += '\\a'; continue;
      case 8: out += '\\b'; continue;
      case 12: out += '\\f'; continue;
      case 10: out += '\\n'; continue;
      case 13: out += '\\r'; continue;
      case 9: out += '\\t'; continue;
      case 11: out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex2(cp);
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

const utf8 = new TextEncoder();

/** Go time package's quote(): ASCII ≥ 0x20 as is ('"' and '\' escaped), everything else as \xNN UTF-8 bytes. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of utf8.encode(cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch)) out += '\\x' + hex2(b);
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

const MAX_U64 = (1n << 64n) - 1n;
const CUTOFF_U64 = MAX_U64 / 10n + 1n;

function atoiError(s: string, why: string): { ok: false; error: string } {
  return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: ${why}` };
}

/**
 * Go strconv.Atoi: the value (a number when it is a safe integer, else a bigint), or the error text
 * ("strconv.Atoi: parsing \"x\": invalid syntax" / "…: value out of range").
 */
export function goAtoi(s: string): { ok: true; value: number | bigint } | { ok: false; error: string } {
  let i = 0;
  let neg = false;
  const len = s.length;
  if (len > 0) {
    const c0 = s.charCodeAt(0);
    if (c0 === 43 || c0 === 45) {
      neg = c0 === 45;
      i = 1;
    }
  }
  if (i >= len) return atoiError(s, 'invalid syntax');
  if (len - i <= 15) {
    // Fast path: no overflow possible.
    let n = 0;
    for (let j = i; j < len; j++) {
      const d = s.charCodeAt(j) - 48;
      if (d < 0 || d > 9) return atoiError(s, 'invalid syntax');
      n = n * 10 + d;
    }
    return { ok: true, value: neg ? -n : n };
  }
  let n = 0n;
  for (let j = i; j < len; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return atoiError(s, 'invalid syntax');
    if (n >= CUTOFF_U64) return atoiError(s, 'value out of range');
    n = n * 10n + BigInt(d);
    if (n > MAX_U64) return atoiError(s, 'value out of range');
  }
  const cutoff = 1n << 63n;
  if (!neg && n >= cutoff) return atoiError(s, 'value out of range');
  if (neg && n > cutoff) return atoiError(s, 'value out of range');
  const v = neg ? -n : n;
  return { ok: true, value: v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v };
}
