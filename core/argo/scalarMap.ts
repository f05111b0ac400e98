// Maps positions inside a YAML scalar's *value* back to offsets in the file text, for every scalar style
// (plain, single- and double-quoted with escapes and line folding, literal and folded block scalars).
// The reconstruction is checked against the yaml package's own value; when they differ we return undefined
// and callers fall back to the whole scalar's range (never a wrong column).
import { Scalar } from 'yaml';
import type { Range } from './findings';

export interface ScalarMap {
  value: string;
  /** offsets[i] = file offset of value[i]; offsets[value.length] = offset just past the last character. */
  offsets: number[];
  /** ends[i] = file offset just past the source text that produced value[i] (escapes span several chars). */
  ends?: number[];
}

export function mapScalar(text: string, node: Scalar): ScalarMap | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  const [r0, r1] = node.range;
  const src = text.slice(r0, r1);
  const want = node.value;
  let m: ScalarMap | undefined;
  switch (node.type) {
    case Scalar.PLAIN:
      m = foldFlow(src, r0, 'plain');
      break;
    case Scalar.QUOTE_SINGLE:
      if (src.length >= 2) m = foldFlow(src.slice(1, src.endsWith("'") ? -1 : undefined), r0 + 1, 'single');
      break;
    case Scalar.QUOTE_DOUBLE:
      if (src.length >= 2) m = foldFlow(src.slice(1, src.endsWith('"') ? -1 : undefined), r0 + 1, 'double');
      break;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      return mapBlock(src, r0, node.type === Scalar.BLOCK_FOLDED, want);
    default:
      return undefined;
  }
  if (m && m.value === want) return m;
  return undefined;
}

/** File range of a span of the scalar's value; the whole scalar when no exact map exists. */
export function spanToRange(m: ScalarMap | undefined, node: Scalar, span: { start: number; end: number }): Range {
  const whole = { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
  if (!m) return whole;
  const n = m.value.length;
  const s = Math.max(0, Math.min(span.start, n));
  const e = Math.max(s, Math.min(span.end, n));
  const start = m.offsets[s];
  let end = start;
  if (e > s) end = m.ends ? m.ends[e - 1] : m.offsets[e - 1] + 1;
  return { start, end: Math.max(start, end) };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

function foldFlow(src: string, base: number, kind: 'plain' | 'single' | 'double'): ScalarMap {
  const out: string[] = [];
  const offs: number[] = [];
  const literalWs: boolean[] = [];
  const ends: number[] = [];
  let i = 0;
  const push = (s: string, off: number, ws = false, end = off + 1) => {
    for (const ch of s) {
      // a code point may be 2 UTF-16 units
      for (let k = 0; k < ch.length; k++) {
        out.push(ch[k]);
        offs.push(off);
        ends.push(end);
        literalWs.push(ws);
      }
    }
  };
  while (i < src.length) {
    const ch = src[i];
    if (kind === 'double' && ch === '\\') {
      const nx = src[i + 1];
      if (nx === '\n' || nx === '\r') {
        i += nx === '\r' && src[i + 2] === '\n' ? 3 : 2;
        while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
        continue;
      }
      if (nx !== undefined && nx in SIMPLE_ESCAPES) {
        push(SIMPLE_ESCAPES[nx], base + i, false, base + i + 2);
        i += 2;
        continue;
      }
      const len = nx === 'x' ? 2 : nx === 'u' ? 4 : nx === 'U' ? 8 : 0;
      if (len) {
        const hex = src.slice(i + 2, i + 2 + len);
        const cp = parseInt(hex, 16);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len && cp <= 0x10ffff) {
          push(String.fromCodePoint(cp), base + i, false, base + i + 2 + len);
          i += 2 + len;
          continue;
        }
      }
      push(ch, base + i);
      i++;
      continue;
    }
    if (kind === 'single' && ch === "'" && src[i + 1] === "'") {
      push("'", base + i, false, base + i + 2);
      i += 2;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      // trim literal trailing whitespace of the line just ended
      while (out.length && literalWs[literalWs.length - 1]) {
        out.pop();
        offs.pop();
        ends.pop();
        literalWs.pop();
      }
      const lb = base + i;
      let j = i;
      let breaks = 0;
      for (;;) {
        if (src[j] === '\r' && src[j + 1] === '\n') j += 2;
        else if (src[j] === '\n' || src[j] === '\r') j += 1;
        else break;
        breaks++;
        while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
      }
      if (breaks === 1) push(' ', lb);
      else for (let k = 1; k < breaks; k++) push('\n', lb);
      i = j;
      continue;
    }
    push(ch, base + i, ch === ' ' || ch === '\t');
    i++;
  }
  offs.push(base + src.length);
  return { value: out.join(''), offsets: offs, ends };
}

function mapBlock(src: string, base: number, folded: boolean, want: string): ScalarMap | undefined {
  const nl = src.search(/\r?\n/);
  if (nl < 0) return want === '' ? { value: '', offsets: [base + src.length] } : undefined;
  const header = src.slice(0, nl);
  const bodyStart = nl + (src[nl] === '\r' ? 2 : 1);
  // split body into lines with their offsets
  const lines: { text: string; off: number; brk: number }[] = [];
  let p = bodyStart;
  while (p <= src.length) {
    const m = /\r?\n/g;
    m.lastIndex = p;
    const r = m.exec(src);
    const end = r ? r.index : src.length;
    lines.push({ text: src.slice(p, end), off: base + p, brk: base + end });
    if (!r) break;
    p = r.index + r[0].length;
  }
  const explicit = /[1-9]/.exec(header.slice(1, 3));
  const auto = (() => {
    for (const l of lines) if (l.text.trim() !== '') return l.text.length - l.text.trimStart().length;
    return 0;
  })();
  const candidates = [auto];
  if (explicit) for (let k = 0; k <= 40; k++) if (k !== auto) candidates.push(k);
  const wantCore = want.replace(/\n+$/, '');
  for (const n of candidates) {
    const m = folded ? buildFolded(lines, n) : buildLiteral(lines, n);
    if (!m) continue;
    const core = m.value.replace(/\n+$/, '');
    if (core === wantCore) {
      // extend/trim the tail to the wanted value's trailing newlines
      const value = want;
      const offsets = m.offsets.slice(0, core.length);
      const tailOff = core.length < m.offsets.length ? m.offsets[core.length] : base + src.length;
      while (offsets.length < value.length) offsets.push(tailOff);
      offsets.push(offsets.length ? Math.max(offsets[offsets.length - 1] + 1, tailOff) : base + src.length);
      return { value, offsets };
    }
  }
  return undefined;
}

type Line = { text: string; off: number; brk: number };

function buildLiteral(lines: Line[], n: number): ScalarMap | undefined {
  const out: string[] = [];
  const offs: number[] = [];
  lines.forEach((l, idx) => {
    const content = l.text.length > n ? l.text.slice(n) : '';
    const start = l.off + Math.min(n, l.text.length);
    for (let k = 0; k < content.length; k++) {
      out.push(content[k]);
      offs.push(start + k);
    }
    if (idx < lines.length - 1) {
      out.push('\n');
      offs.push(l.brk);
    }
  });
  offs.push(lines.length ? lines[lines.length - 1].brk : 0);
  return { value: out.join(''), offsets: offs };
}

function buildFolded(lines: Line[], n: number): ScalarMap | undefined {
  const out: string[] = [];
  const offs: number[] = [];
  const content = lines.map((l) => ({ ...l, c: l.text.length > n ? l.text.slice(n) : '', s: l.off + Math.min(n, l.text.length) }));
  let prevNonEmpty: { c: string } | undefined;
  let pendingBreaks: number[] = []; // offsets of line breaks seen since the last non-empty line
  for (let idx = 0; idx < content.length; idx++) {
    const l = content[idx];
    const empty = l.c.trim() === '' && !/^[ \t]/.test(l.c.length ? l.c : 'x');
    const isEmpty = l.c === '' || (empty && l.c.trim() === '');
    if (isEmpty) {
      if (idx > 0) pendingBreaks.push(content[idx - 1].brk);
      continue;
    }
    if (prevNonEmpty) {
      const breaksBefore = [...pendingBreaks, content[idx - 1].brk];
      const moreIndented = /^[ \t]/.test(l.c) || /^[ \t]/.test(prevNonEmpty.c);
      if (moreIndented) {
        for (const b of breaksBefore) {
          out.push('\n');
          offs.push(b);
        }
      } else if (breaksBefore.length === 1) {
        out.push(' ');
        offs.push(breaksBefore[0]);
      } else {
        for (const b of breaksBefore.slice(1)) {
          out.push('\n');
          offs.push(b);
        }
      }
    } else {
      for (const b of pendingBreaks) {
        out.push('\n');
        offs.push(b);
      }
    }
    pendingBreaks = [];
    for (let k = 0; k < l.c.length; k++) {
      out.push(l.c[k]);
      offs.push(l.s + k);
    }
    prevNonEmpty = l;
  }
  offs.push(content.length ? content[content.length - 1].brk : 0);
  return { value: out.join(''), offsets: offs };
}
