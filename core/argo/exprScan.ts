// A small token scan of expr-lang source for pattern rules that do not need the full AST:
// header keys in metadata[...] / metadata.x, string-vs-list header comparisons, and `event.` used as a variable.
// Strings and comments are skipped, so text inside them never matches.

export interface STok { t: 'id' | 'str' | 'op' | 'num'; v: string; start: number; end: number; value?: string }

export function scanTokens(src: string): STok[] {
  const out: STok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < n) {
          const e = src[j + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
          continue;
        }
        if (src[j] === '\n') break;
        value += src[j];
        j++;
      }
      j = Math.min(j + 1, n);
      out.push({ t: 'str', v: src.slice(start, j), start, end: j, value });
      i = j;
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      const j = e < 0 ? n : e + 1;
      out.push({ t: 'str', v: src.slice(i, j), start: i, end: j, value: src.slice(i + 1, e < 0 ? n : e) });
      i = j;
      continue;
    }
    const cc = src.charCodeAt(i);
    if (isIdStart(cc)) {
      let j = i + 1;
      while (j < n && isIdPart(src.charCodeAt(j))) j++;
      out.push({ t: 'id', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (cc >= 48 && cc <= 57) {
      let j = i + 1;
      while (j < n && isNumPart(src.charCodeAt(j)) && !(src[j] === '.' && src[j + 1] === '.')) j++;
      out.push({ t: 'num', v: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const two = i + 1 < n ? TWO_CHAR_OPS.get(src.slice(i, i + 2)) : undefined;
    if (two !== undefined) {
      out.push({ t: 'op', v: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    out.push({ t: 'op', v: c, start: i, end: i + 1 });
    i++;
  }
  return out;
}

// character classes of the scan (UTF-16 code units; every unit above 127 counts as an identifier character)
const isIdStart = (x: number): boolean => (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95 || x === 36 || x === 35 || x > 127; // A-Z a-z _ $ #
const isIdPart = (x: number): boolean => (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || (x >= 48 && x <= 57) || x === 95 || x === 36 || x > 127; // A-Z a-z 0-9 _ $
const isNumPart = (x: number): boolean => (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || (x >= 48 && x <= 57) || x === 95 || x === 46; // A-Z a-z 0-9 _ .
const TWO_CHAR_OPS = new Map(['==', '!=', '?.', '??', '&&', '||', '<=', '>=', '..'].map((o) => [o, o]));

export interface HeaderAccess {
  key: string;
  /** span of the key text (the string literal with its quotes, or the identifier) */
  keySpan: { start: number; end: number };
  quoted: boolean;
  /** span of the whole access `metadata[...]` */
  span: { start: number; end: number };
  /** token index just after the access */
  next: number;
  first: number;
}

function isMemberPosition(toks: STok[], i: number): boolean {
  const p = toks[i - 1];
  return !!p && p.t === 'op' && (p.v === '.' || p.v === '?.');
}

export function headerAccesses(toks: STok[]): HeaderAccess[] {
  const out: HeaderAccess[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t !== 'id' || t.v !== 'metadata' || isMemberPosition(toks, i)) continue;
    let j = i + 1;
    if (toks[j]?.t === 'op' && toks[j].v === '?.' && toks[j + 1]?.v === '[') j++;
    if (toks[j]?.v === '[' && toks[j + 1]?.t === 'str' && toks[j + 2]?.v === ']') {
      const k = toks[j + 1];
      out.push({ key: k.value ?? '', keySpan: { start: k.start, end: k.end }, quoted: true, span: { start: t.start, end: toks[j + 2].end }, next: j + 3, first: i });
    } else if ((toks[j]?.v === '.' || toks[j]?.v === '?.') && toks[j + 1]?.t === 'id') {
      const k = toks[j + 1];
      out.push({ key: k.v, keySpan: { start: k.start, end: k.end }, quoted: false, span: { start: t.start, end: k.end }, next: j + 2, first: i });
    }
  }
  return out;
}

export interface StringCompare { op: '==' | '!='; str: STok; access: HeaderAccess }

/** `metadata["x-a"] == "v"` or `"v" == metadata["x-a"]`: a list compared with a string (always false / always true). */
export function stringComparisons(toks: STok[], accesses: HeaderAccess[]): StringCompare[] {
  const out: StringCompare[] = [];
  for (const a of accesses) {
    const op = toks[a.next];
    const rhs = toks[a.next + 1];
    const after = toks[a.next + 2];
    if (op && (op.v === '==' || op.v === '!=') && rhs?.t === 'str' && !(after && (after.v === '.' || after.v === '[' || after.v === '+' || after.v === '?.'))) {
      out.push({ op: op.v as '==' | '!=', str: rhs, access: a });
      continue;
    }
    const lop = toks[a.first - 1];
    const lhs = toks[a.first - 2];
    const before = toks[a.first - 3];
    if (lop && (lop.v === '==' || lop.v === '!=') && lhs?.t === 'str' && !(before && (before.v === '+' || before.v === '.'))) {
      out.push({ op: lop.v as '==' | '!=', str: lhs, access: a });
    }
  }
  return out;
}

/** `event.payload…`, `event["x"]`: there is no `event` variable in argo-server's env. */
export function eventVariableUses(toks: STok[]): { span: { start: number; end: number }; dot: STok }[] {
  const out: { span: { start: number; end: number }; dot: STok }[] = [];
  const declared = new Set<string>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].t === 'id' && toks[i].v === 'let' && toks[i + 1]?.t === 'id') declared.add(toks[i + 1].v);
  }
  if (declared.has('event')) return out;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t !== 'id' || t.v !== 'event' || isMemberPosition(toks, i)) continue;
    const nx = toks[i + 1];
    if (nx && nx.t === 'op' && (nx.v === '.' || nx.v === '?.')) out.push({ span: { start: t.start, end: t.end }, dot: nx });
  }
  return out;
}
