// Go encoding/json Marshal / MarshalIndent over our value model (HTML-escaping on, sorted map keys).
import { GoUint8, GoBytes, GoDuration, GoLocation, GoNamedInt, GoTime, goType, isNilSlice, jsonFloat, rtErr, sortedKeys } from './values';
import { compareUtf8 } from './runtime';

const HEX = '0123456789abcdef';
export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c < 0x7f) { out += s[i]; continue; }
    switch (c) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x08: out += '\\b'; continue;   // Go ≥ 1.22
      case 0x0c: out += '\\f'; continue;   // Go ≥ 1.22
      default: break;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) { out += '\\u00' + HEX[c >> 4] + HEX[c & 15]; continue; }
    if (c === 0x2028 || c === 0x2029) { out += '\\u202' + HEX[c & 15]; continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { out += s[i] + s[i + 1]; i++; continue; }
    }
    if (c >= 0xd800 && c <= 0xdfff) { out += '\\ufffd'; continue; }
    out += s[i];
  }
  return out + '"';
}

export function marshal(v: unknown, indent = ''): string {
  return enc(v, indent, '');
}

function enc(v: unknown, indent: string, cur: string): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean': return v ? 'true' : 'false';
    case 'string': return jsonString(v);
    case 'bigint': return v.toString();
    case 'object': if (v instanceof GoUint8) return v.v.toString(); break;
    case 'number':
      if (!Number.isFinite(v)) return rtErr(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
      return jsonFloat(v);
    default: break;
  }
  const nl = indent ? '\n' : '';
  const inner = cur + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return isNilSlice(v) ? 'null' : '[]';
    const parts = v.map((x) => (indent ? inner : '') + enc(x, indent, inner));
    return '[' + nl + parts.join(',' + nl) + nl + (indent ? cur : '') + ']';
  }
  if (v instanceof Map) {
    const t = goType(v);
    if (!t.startsWith('map[string]')) return rtErr(`json: unsupported type: ${t}`);
    if (v.size === 0) return '{}';
    const keys = (sortedKeys(v) as string[]).sort(compareUtf8);
    const sep = indent ? ': ' : ':';
    const parts = keys.map((k) => (indent ? inner : '') + jsonString(k) + sep + enc(v.get(k), indent, inner));
    return '{' + nl + parts.join(',' + nl) + nl + (indent ? cur : '') + '}';
  }
  if (v instanceof GoDuration) return v.ns.toString();
  if (v instanceof GoNamedInt) return v.v.toString();
  if (v instanceof GoLocation) return '{}';
  if (v instanceof GoTime) return jsonString(rfc3339Nano(v));
  if (v instanceof GoBytes) return jsonString(Buffer.from(v.bytes).toString('base64'));
  return rtErr(`json: unsupported type: ${goType(v)}`);
}

export function rfc3339Nano(t: GoTime): string {
  const ms = Number(t.ns / 1000000n);
  const d = new Date(ms + t.offset * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  let frac = (((t.ns % 1000000000n) + 1000000000n) % 1000000000n).toString().padStart(9, '0').replace(/0+$/, '');
  if (frac) frac = '.' + frac;
  let z = 'Z';
  if (t.offset !== 0) {
    const ao = Math.abs(t.offset);
    z = (t.offset < 0 ? '-' : '+') + p(Math.floor(ao / 3600)) + ':' + p(Math.floor((ao % 3600) / 60));
  }
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${frac}${z}`;
}

/** Validates JSON text like Go's encoding/json scanner; returns Go's error text or undefined when valid. */
export function goJsonSyntaxError(src: string): string | undefined {
  const s = Array.from(src);
  let i = 0;
  const END = 'unexpected end of JSON input';
  const q = (c: string): string => {
    if (c === '\'') return '\'\\\'\'';
    if (c === '"') return '\'"\'';
    const cp0 = c.codePointAt(0)!;
    if (cp0 >= 0x80) c = String.fromCharCode(new TextEncoder().encode(c)[0]); // Go reports the first byte
    const j = JSON.stringify(c);
    const cp = c.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) return `'\\x${cp.toString(16).padStart(2, '0')}'`.replace("'\\x0a'", "'\\n'").replace("'\\x09'", "'\\t'").replace("'\\x0d'", "'\\r'");
    return `'${j.slice(1, -1)}'`;
  };
  const bad = (ctx: string): string => `invalid character ${q(s[i])} ${ctx}`;
  const ws = (): void => { while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++; };
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  function value(): string | undefined {
    ws();
    if (i >= s.length) return END;
    const c = s[i];
    if (c === '{') {
      i++; ws();
      if (i >= s.length) return END;
      if (s[i] === '}') { i++; return undefined; }
      for (;;) {
        ws();
        if (i >= s.length) return END;
        if (s[i] !== '"') return bad('looking for beginning of object key string');
        const e = str(); if (e) return e;
        ws();
        if (i >= s.length) return END;
        if (s[i] !== ':') return bad('after object key');
        i++;
        const v = value(); if (v) return v;
        ws();
        if (i >= s.length) return END;
        if (s[i] === ',') { i++; continue; }
        if (s[i] === '}') { i++; return undefined; }
        return bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++; ws();
      if (i >= s.length) return END;
      if (s[i] === ']') { i++; return undefined; }
      for (;;) {
        const v = value(); if (v) return v;
        ws();
        if (i >= s.length) return END;
        if (s[i] === ',') { i++; continue; }
        if (s[i] === ']') { i++; return undefined; }
        return bad('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || isDigit(c)) {
      if (c === '-') { i++; if (i >= s.length) return END; if (!isDigit(s[i])) return bad('in numeric literal'); }
      if (s[i] === '0') i++; else while (isDigit(s[i])) i++;
      if (s[i] === '.') { i++; if (i >= s.length) return END; if (!isDigit(s[i])) return bad('after decimal point in numeric literal'); while (isDigit(s[i])) i++; }
      if (s[i] === 'e' || s[i] === 'E') {
        i++;
        if (s[i] === '+' || s[i] === '-') i++;
        if (i >= s.length) return END;
        if (!isDigit(s[i])) return bad('in exponent of numeric literal');
        while (isDigit(s[i])) i++;
      }
      return undefined;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (c === lit[0]) {
        i++;
        for (let k = 1; k < lit.length; k++, i++) {
          if (i >= s.length) return END;
          if (s[i] !== lit[k]) return bad(`in literal ${lit} (expecting ${q(lit[k])})`);
        }
        return undefined;
      }
    }
    return bad('looking for beginning of value');
  }
  function str(): string | undefined {
    i++;
    for (;;) {
      if (i >= s.length) return END;
      const c = s[i];
      if (c === '"') { i++; return undefined; }
      if (c === '\\') {
        i++;
        if (i >= s.length) return END;
        const e = s[i];
        if ('"\\/bfnrt'.includes(e)) { i++; continue; }
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= s.length) return END;
            if (!/[0-9a-fA-F]/.test(s[i])) return bad('in \\u hexadecimal character escape');
          }
          continue;
        }
        return bad('in string escape code');
      }
      if (c.codePointAt(0)! < 0x20) return bad('in string literal');
      i++;
    }
  }
  const e = value();
  if (e) return e;
  ws();
  if (i < s.length) return bad('after top-level value');
  return undefined;
}
