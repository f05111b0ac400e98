// Lexer for expr-lang/expr's grammar (written from the language definition and observed behaviour).
// Positions are counted in runes (Unicode code points) like expr; `runeToUtf16` maps them back for spans.
import { goQuote } from '../go/strings';
import type { Features } from './profile';

export type TokKind = 'Identifier' | 'Number' | 'String' | 'Bytes' | 'Operator' | 'Bracket' | 'EOF';
export interface Token { kind: TokKind; value: string; from: number; to: number }

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly from: number, readonly to: number) { super(message); }
}

const SPACE_RE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{Nd}$/u;

export function isSpace(c: string): boolean {
  if (c.length === 0) return false;
  const x = c.charCodeAt(0);
  if (x < 128) return x === 32 || (x >= 9 && x <= 13);
  return SPACE_RE.test(c);
}
export function isAlphabetic(c: string): boolean {
  if (c === '_' || c === '$') return true;
  const code = c.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  if (code < 128) return false;
  return LETTER_RE.test(c);
}
export function isAlphaNumeric(c: string): boolean {
  if (c === '') return false;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return true;
  if (isAlphabetic(c)) return true;
  return code >= 128 && DIGIT_RE.test(c);
}
export function isValidIdentifier(s: string): boolean {
  const r = Array.from(s);
  if (r.length === 0 || !isAlphabetic(r[0])) return false;
  return r.every(isAlphaNumeric);
}

export function toRunes(src: string): string[] {
  // Array.from splits by code point; lone surrogates stay single elements (Go would see U+FFFD).
  return Array.from(src);
}

const OCT = '01234567';
function hexVal(c: string): number {
  if (c.length !== 1) return 16;
  const x = c.charCodeAt(0);
  if (x >= 48 && x <= 57) return x - 48;
  const l = x | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return 16;
}

export interface LexResult { tokens: Token[]; error?: ExprSyntaxError }
/** Lexes the whole source; on a lexing error returns the tokens before it plus the error (the parser raises it
 *  only when it reaches that point, as expr's on-demand lexer does). */
export function lex(src: string, f: Features): LexResult {
  const out: Token[] = [];
  try {
    lexInto(src, f, out);
  } catch (e) {
    if (e instanceof ExprSyntaxError) return { tokens: out, error: e };
    throw e;
  }
  return { tokens: out };
}

const ASCII_RE = /^[\x00-\x7f]*$/;

// The lexer's state and helpers are made once (lexing is never re-entrant): creating a dozen helper closures per
// call cost more than lexing a short expression.
const lexInto = ((): ((src: string, f: Features, out: Token[]) => void) => {
  let src = '';
  let f: Features;
  let out: Token[] = [];
  // the runes; for an all-ASCII source the string itself (rune i = UTF-16 unit i, one-character strings alike)
  let r: string | string[] = '';
  let n = 0;
  // UTF-16 offset of each rune (for cheap word extraction); undefined when the source is all ASCII (offset = index)
  let offs: number[] | undefined;
  let start = 0;
  let end = 0;
  let eof = false;
  // expr ≤ 1.17.5 advances its position even when reading past the end (visible in EOF positions)
  let legacy = false;
  const off = (i: number): number => (offs ? offs[i] : i);
  const peek = (): string => (end < n ? r[end] : '');
  const next = (): string => { if (end >= n) { if (legacy) end++; else eof = true; return ''; } return r[end++]; };
  const backup = (): void => { if (legacy) { if (end > 0) end--; } else if (eof) eof = false; else if (end > 0) end--; };
  const word = (): string => src.slice(off(Math.min(start, n)), off(Math.min(end, n)));
  const emit = (kind: TokKind, value = word()): void => { out.push({ kind, value, from: start, to: end }); start = end; };
  const accept = (valid: string): boolean => { const c = peek(); if (c !== '' && valid.includes(c)) { end++; return true; } return false; };
  const acceptRun = (valid: string): void => { while (accept(valid)) { /* */ } };
  const fail = (msg: string): never => { let e = end; if (eof) e++; throw new ExprSyntaxError(msg, e - 1, e); };

  const scanDigits = (ch: string, base: number, count: number): string => {
    while (count > 0 && hexVal(ch) < base) { ch = next(); count--; }
    if (count > 0) fail('invalid char escape');
    return ch;
  };
  const scanEscape = (quote: string): string => {
    let ch = next();
    switch (ch) {
      case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
        return next();
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        return scanDigits(ch, 8, 3);
      case 'x': return scanDigits(next(), 16, 2);
      case 'u':
        if (f.unicodeBraceEscape && peek() === '{') {
          next();
          let digits = 0;
          for (;;) {
            const p = peek();
            if (p === '}') break;
            if (hexVal(p) >= 16) fail('invalid char escape');
            if (digits >= 6) fail('invalid char escape');
            next(); digits++;
          }
          if (peek() !== '}' || digits === 0) fail('invalid char escape');
          next();
          return next();
        }
        return scanDigits(next(), 16, 4);
      case 'U': return scanDigits(next(), 16, 8);
      default:
        if (ch === quote && ch !== '') return next();
        return fail('invalid char escape');
    }
  };
  const scanString = (quote: string): void => {
    let ch = next();
    while (ch !== quote) {
      if (ch === '\n' || ch === '') fail('literal not terminated');
      if (ch === '\\') ch = scanEscape(quote); else ch = next();
    }
  };
  const scanNumber = (): boolean => {
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO') && f.octBinLiterals) digits = '01234567_';
      else if (accept('bB') && f.octBinLiterals) digits = '01_';
    }
    acceptRun(digits);
    const e = end;
    if (accept('.')) {
      if (peek() === '.') { end = e; return true; }
      acceptRun(digits);
    }
    if (accept('eE')) { accept('+-'); acceptRun(digits); }
    if (isAlphaNumeric(peek())) { next(); return false; }
    return true;
  };

  const unescapeAt = (w: string, bytes: boolean): string => {
    try { return unescape(w, bytes); } catch (e) { return fail((e as Error).message); }
  };
  return (src0: string, f0: Features, out0: Token[]): void => {
    src = src0; f = f0; out = out0;
    if (ASCII_RE.test(src)) { r = src; offs = undefined; } else {
      r = toRunes(src);
      offs = new Array(r.length + 1);
      { let o = 0; for (let i = 0; i < r.length; i++) { offs[i] = o; o += r[i].length; } offs[r.length] = o; }
    }
    n = r.length;
    start = 0; end = 0; eof = false; legacy = f.eagerLexer;
    try {
      scan();
    } finally {
      // keep nothing of this source alive until the next call
      src = ''; r = ''; offs = undefined; out = [];
    }
  };
  function scan(): void {
    for (;;) {
      const c = next();
      if (c === '') {
        const from = legacy ? Math.max(0, end - 2) : Math.max(0, end - 1);
        out.push({ kind: 'EOF', value: '', from, to: legacy ? Math.max(0, end - 1) : end });
        return;
      }
      if (isSpace(c)) { start = end; continue; }
      if (c === '\'' || c === '"') {
        scanString(c);
        emit('String', unescapeAt(word(), false));
        continue;
      }
      if (c === '`' && f.rawStrings) {
        let escaped = 0;
        for (;;) {
          let ch = next();
          while (f.doubledBacktick && ch === '`' && peek() === '`') { next(); ch = next(); escaped++; }
          if (ch === '`') break;
          if (ch === '') fail('literal not terminated');
        }
        let s = src.slice(off(start + 1), off(end - 1));
        if (escaped > 0) s = s.replace(/``/g, '`');
        emit('String', s);
        continue;
      }
      if (f.bytesLiterals && (c === 'b' || c === 'B') && (peek() === '\'' || peek() === '"')) {
        const q = next();
        scanString(q);
        emit('Bytes', unescapeAt(word().slice(1), true));
        continue;
      }
      if (c >= '0' && c <= '9') {
        backup();
        if (!scanNumber()) fail(`bad number syntax: ${goQuote(word())}`);
        emit('Number');
        continue;
      }
      if (c === '?') { accept('.?'); emit('Operator'); continue; }
      if (c === '/') {
        if (f.comments && accept('/')) {
          for (;;) { const x = next(); if (x === '' || x === '\n') break; }
          start = end; continue;
        }
        if (f.comments && accept('*')) {
          for (;;) {
            const x = next();
            if (x === '') fail('unclosed comment');
            if (x === '*' && accept('/')) break;
          }
          start = end; continue;
        }
        emit('Operator'); continue;
      }
      if (c === '#') {
        accept('#');
        emit('Operator');
        for (;;) {
          const x = next();
          if (!isAlphaNumeric(x)) { backup(); if (end > start) emit('Identifier'); break; }
        }
        continue;
      }
      if (c === '|') { accept('|'); emit('Operator'); continue; }
      if (c === ':') { accept(':'); emit('Operator'); continue; }
      if ('([{)]}'.includes(c)) { emit('Bracket'); continue; }
      if (',;%+-^'.includes(c)) { emit('Operator'); continue; }
      if ('&!=*<>'.includes(c)) { accept('&=*'); emit('Operator'); continue; }
      if (c === '.') {
        if (accept('0123456789')) {
          backup();
          if (!scanNumber()) fail(`bad number syntax: ${goQuote(word())}`);
          emit('Number');
          continue;
        }
        accept('.');
        emit('Operator');
        continue;
      }
      if (isAlphaNumeric(c)) {
        for (;;) { const x = next(); if (!isAlphaNumeric(x)) { backup(); break; } }
        const w = word();
        if (w === 'not') {
          emit('Operator');
          // skip spaces (only ' ')
          while (peek() === ' ') end++;
          start = end;
          const save = end;
          for (;;) { const x = next(); if (!isAlphaNumeric(x)) { backup(); break; } }
          const w2 = word();
          if (w2 === 'in' || w2 === 'matches' || w2 === 'contains' || w2 === 'startsWith' || w2 === 'endsWith') emit('Operator');
          else end = save;
          continue;
        }
        if (w === 'in' || w === 'or' || w === 'and' || w === 'matches' || w === 'contains' || w === 'startsWith' || w === 'endsWith' || (w === 'let' && f.let)) emit('Operator');
        else if ((w === 'if' || w === 'else') && f.ifElse) emit('Operator');
        else emit('Identifier');
        continue;
      }
      fail(`unrecognized character: ${goRuneU(c)}`);
    }
  }
})();


/** Go's %#U of a rune: U+0040 '@'. */
function goRuneU(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
  return printable ? `U+${hex} '${c}'` : `U+${hex}`;
}

/** expr's unescape of a quoted string (quotes included). */
function unescape(value: string, bytes = false): string {
  // nothing to unescape or normalise: the text between the quotes as it is (what the loop below would build)
  if (value.indexOf('\\') < 0 && value.indexOf('\r') < 0) return value.slice(1, -1);
  value = value.replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  let s = value.slice(1, -1);
  let out = '';
  while (s.length > 0) {
    const c = s[0];
    if (c !== '\\') { out += c; s = s.slice(1); continue; }
    if (s.length <= 1) throw new ExprSyntaxError('unable to unescape string, found \'\\\' as last character', 0, 0);
    const e = s[1];
    s = s.slice(2);
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case '`': out += '`'; break;
      case '?': out += '?'; break;
      case 'x': case 'X': case 'u': case 'U': {
        if (e === 'u' && !bytes && s[0] === '{') {
          const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(s);
          if (!m) throw new ExprSyntaxError('unable to unescape string', 0, 0);
          const v = parseInt(m[1], 16);
          if (v > 0x10ffff) throw new ExprSyntaxError('unable to unescape string', 0, 0);
          out += String.fromCodePoint(v >= 0xd800 && v <= 0xdfff ? 0xfffd : v);
          s = s.slice(m[0].length);
          break;
        }
        const cnt = e === 'x' || e === 'X' ? 2 : e === 'u' ? 4 : 8;
        if (s.length < cnt || !/^[0-9a-fA-F]+$/.test(s.slice(0, cnt))) throw new ExprSyntaxError('unable to unescape string', 0, 0);
        const v = parseInt(s.slice(0, cnt), 16);
        s = s.slice(cnt);
        if (v > 0x10ffff) throw new ExprSyntaxError('unable to unescape string', 0, 0);
        if (cnt === 2) {
          // \xHH writes one raw byte; bytes >= 0x80 are not valid UTF-8 on their own (Go later shows U+FFFD)
          out += String.fromCharCode(v);
        } else out += String.fromCodePoint(v >= 0xd800 && v <= 0xdfff ? 0xfffd : v);
        break;
      }
      case '0': case '1': case '2': case '3': {
        if (s.length < 2 || !OCT.includes(s[0]) || !OCT.includes(s[1])) throw new ExprSyntaxError('unable to unescape octal sequence in string', 0, 0);
        const v = (e.charCodeAt(0) - 48) * 64 + (s.charCodeAt(0) - 48) * 8 + (s.charCodeAt(1) - 48);
        out += String.fromCodePoint(v);
        s = s.slice(2);
        break;
      }
      default:
        throw new ExprSyntaxError('unable to unescape string', 0, 0);
    }
  }
  return out;
}
