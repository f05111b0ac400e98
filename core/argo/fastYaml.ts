// A fast path for the YAML that trigger files are made of: block maps and sequences, single-line plain and quoted
// scalars, single-line flow collections, literal/folded block scalars, comments, `---` / `...` markers.
//
// Why: the `yaml` package (lexer → CST → composer, built on generators) costs ≈ 0.2 ms per Argo document, which alone
// is more than the whole per-document budget of the language server. This scanner builds the SAME node objects
// (`Document`, `YAMLMap`, `YAMLSeq`, `Pair`, `Scalar` of the `yaml` package, with the same values, ranges and types,
// YAML 1.1 scalar resolution through the `yaml` package's own schema), so every rule reads it unchanged.
//
// The contract is "same result or decline": anything outside the subset above, and anything that `yaml` would report
// as an error or warning (duplicate keys, bad indentation, tabs, anchors, tags, multi-line plain or quoted scalars,
// directives, CR line ends, control characters), makes `fastParseAll` return undefined and the caller uses
// `parseAllDocuments`. test/core/argo/fastYaml.test.ts compares both on the corpus, the test fixtures and
// tens of thousands of mutated inputs; `comment`, `commentBefore` and `spaceBefore` (never read by the rules) are the
// only fields not reproduced.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yamlGuards';

type Node = Scalar | YAMLMap | YAMLSeq;
type Schema = Document['schema'];
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
}

// ---------------------------------------------------------------- node construction
// The `yaml` node constructors mark each node with Object.defineProperty, which costs more than the whole scan. These
// factories make objects with the same prototype and the same type mark (the `yaml` package's registered symbols) as
// ordinary properties; `isScalar`/`isMap`/… and every method work on them. A self-check at load falls back to the
// constructors if a future `yaml` changes how nodes are marked.
const NODE_TYPE = Symbol.for('yaml.node.type');
const T_SCALAR = Symbol.for('yaml.scalar'), T_MAP = Symbol.for('yaml.map'), T_SEQ = Symbol.for('yaml.seq'), T_PAIR = Symbol.for('yaml.pair');

/* eslint-disable @typescript-eslint/no-explicit-any */
function FastScalar(this: any, value: unknown) {
  this[NODE_TYPE] = T_SCALAR;
  this.value = value;
  this.range = undefined;
  this.source = undefined;
  this.type = undefined;
}
FastScalar.prototype = Scalar.prototype;
function FastMap(this: any, schema: unknown) {
  this[NODE_TYPE] = T_MAP;
  this.schema = schema;
  this.items = [];
  this.range = undefined;
}
FastMap.prototype = YAMLMap.prototype;
function FastSeq(this: any, schema: unknown) {
  this[NODE_TYPE] = T_SEQ;
  this.schema = schema;
  this.items = [];
  this.range = undefined;
}
FastSeq.prototype = YAMLSeq.prototype;
function FastPair(this: any, key: unknown, value: unknown) {
  this[NODE_TYPE] = T_PAIR;
  this.key = key;
  this.value = value;
}
FastPair.prototype = Pair.prototype;
/* eslint-enable @typescript-eslint/no-explicit-any */

type Ctor<T> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any
const fastNodesWork = ((): boolean => {
  try {
    const s = new (FastScalar as unknown as Ctor<Scalar>)(1);
    const m = new (FastMap as unknown as Ctor<YAMLMap>)(undefined);
    const q = new (FastSeq as unknown as Ctor<YAMLSeq>)(undefined);
    const p = new (FastPair as unknown as Ctor<Pair>)(s, q);
    m.items.push(p);
    return isScalar(s) && isMap(m) && isSeq(q) && isPair(p) && s instanceof Scalar && JSON.stringify(m.toJSON()) === '{"1":[]}';
  } catch {
    return false;
  }
})();
const mkScalar = (fastNodesWork ? FastScalar : Scalar) as unknown as Ctor<Scalar>;
const mkMap = (fastNodesWork ? FastMap : YAMLMap) as unknown as Ctor<YAMLMap>;
const mkSeq = (fastNodesWork ? FastSeq : YAMLSeq) as unknown as Ctor<YAMLSeq>;
const mkPair = (fastNodesWork ? FastPair : Pair) as unknown as Ctor<Pair>;

/** Thrown (never escapes this module) when the input leaves the subset. */
const DECLINE = { decline: true };

const DOC_OPTIONS = { version: '1.1' as const, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false };

// characters this scanner never handles: CR (line ends), tabs, BOM, C0/C1 controls, NEL and the Unicode line/paragraph
// separators (each is treated specially by YAML or by `yaml`)
const UNSUPPORTED_CHARS = /[\x00-\x08\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;

// char codes
const NL = 10, SP = 32, HASH = 35, COLON = 58, DASH = 45, DQ = 34, SQ = 39, LBRACK = 91, RBRACK = 93, LBRACE = 123,
  RBRACE = 125, COMMA = 44, DOT = 46, PIPE = 124, GT = 62, BSLASH = 92;

/** First characters of plain scalars that YAML 1.1 may resolve to something other than a string. */
export const MAY_BE_TYPED_CHARS = '-+0123456789.~nNyYtTfFoOeE<';
const MAY_BE_TYPED: boolean[] = [];
for (const ch of MAY_BE_TYPED_CHARS) MAY_BE_TYPED[ch.charCodeAt(0)] = true;

/** Characters that cannot start a plain scalar in block context (YAML 1.2 §7.3.3; `-?:` are handled separately). */
function isIndicatorStart(c: number): boolean {
  return c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE || c === HASH || c === 38 /* & */ ||
    c === 42 /* * */ || c === 33 /* ! */ || c === PIPE || c === GT || c === SQ || c === DQ || c === 37 /* % */ ||
    c === 64 /* @ */ || c === 96 /* ` */;
}

/**
 * Parses every document of `text` like `parseAllDocuments(text, { version: '1.1', uniqueKeys: true, … })`, or returns
 * undefined when the text leaves the supported subset (then nothing was decided; use the `yaml` package).
 */
export function fastParseAll(text: string, opts: { rethrow?: boolean } = {}): Document.Parsed[] | undefined {
  // CRLF files (Windows): YAML reads CR LF as one line break and scalar values do not change, so the text is scanned
  // with LF breaks and every offset is mapped back afterwards. A lone CR is left to `yaml`.
  let crlf: number[] | undefined;
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) return undefined;
    crlf = [];
    for (let i = text.indexOf('\r\n'), k = 0; i >= 0; i = text.indexOf('\r\n', i + 2), k++) crlf.push(i - k); // LF offsets after removal
    text = text.replace(/\r\n/g, '\n');
  }
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    const docs = new Scanner(text).documents();
    if (crlf) remapOffsets(docs, crlf);
    return docs;
  } catch (e) {
    // a bug here must never become a false YAML error for the user: anything unexpected also falls back to `yaml`
    // (tests pass `rethrow` so that such a bug fails them instead)
    if (e === DECLINE || !opts.rethrow) return undefined;
    throw e;
  }
}

/** Moves every range from LF-only offsets back to the CRLF text: each removed CR before an offset adds one. */
function remapOffsets(docs: Document.Parsed[], lfAt: number[]): void {
  const map = (o: number): number => {
    // number of LFs (that had a CR) strictly before o
    let lo = 0, hi = lfAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lfAt[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    return o + lo;
  };
  const fix = (r: number[] | undefined) => {
    if (r) for (let i = 0; i < r.length; i++) r[i] = map(r[i]);
  };
  const walk = (n: unknown): void => {
    if (isScalar(n)) fix(n.range as number[] | undefined);
    else if (isMap(n) || isSeq(n)) {
      fix(n.range as number[] | undefined);
      for (const it of n.items as unknown[]) {
        if (isPair(it)) {
          walk(it.key);
          walk(it.value);
        } else walk(it);
      }
    }
  };
  for (const d of docs) {
    fix(d.range as unknown as number[]);
    walk(d.contents);
  }
}

type PlainCache = Map<string, { tag: ScalarTag; keyOk: boolean }>;
/** Plain-scalar resolutions by source text, kept across files (see prepareTags); cleared when it reaches 10,000. */
let sharedPlain: { tags: ScalarTag[]; strTag: ScalarTag; cache: PlainCache } | undefined;

class Scanner {
  private readonly len: number;
  private schema!: Schema;
  private tags!: ScalarTag[];
  private strTag!: ScalarTag;
  /** the string tag returns its source unchanged (checked once), so plain strings need no resolve call */
  private strIsIdentity = false;
  private options!: Document['options'];
  /** resolution of plain scalars by source text (keys and common values repeat a lot) */
  /** second results: where a scan stopped (`at`) and the indent found by nextContent (`ind`) */
  private at = 0;
  /** line start of the content position skipBlankLines returned */
  private contentLs = 0;
  private ind = -1;
  /** the last value scanned was an empty (null) scalar that consumed no line break */
  private lastEmpty = false;
  private plainCache!: PlainCache;

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  documents(): Document.Parsed[] {
    const text = this.text;
    const docs: Document.Parsed[] = [];
    let p = 0;
    let pendingStart = -1; // position of a `---` that opened the current document
    for (;;) {
      const q = this.skipBlankLines(p);
      if (q >= this.len) {
        if (pendingStart >= 0) throw DECLINE; // `---` followed by nothing: an empty document
        break;
      }
      const c = text.charCodeAt(q);
      if (c === 37 /* % */) throw DECLINE; // directives
      if (this.isMarker(q, DASH)) {
        if (pendingStart >= 0) throw DECLINE; // empty document between two markers
        const after = this.restOfLineEmpty(q + 3);
        if (after < 0) throw DECLINE; // content on the marker line
        pendingStart = q;
        p = after;
        continue;
      }
      if (this.isMarker(q, DOT)) throw DECLINE; // `...` with no document
      // a document's content
      const doc = new Document(undefined, DOC_OPTIONS) as Document.Parsed;
      this.schema = doc.schema;
      this.options = doc.options;
      this.prepareTags();
      const lineStart = q;
      if (q !== this.lineStartOf(q)) throw DECLINE;
      // the root must be a block map or sequence at column 0
      this.lastEmpty = false;
      let root: Node;
      let end: number;
      if (this.isSeqEntry(lineStart)) { root = this.blockSeq(lineStart, 0); end = this.at; }
      else { root = this.blockMap(lineStart, 0, -1); end = this.at; }
      const contentEnd = (root.range as [number, number, number])[2];
      const endsEmpty = this.lastEmpty;
      // after the root: blank/comment lines, then `---`, `...` or the end
      const r = this.skipBlankLines(end);
      let docEnd: number;
      if (r >= this.len) {
        docEnd = endsEmpty ? contentEnd : this.len;
        p = this.len;
      } else if (this.isMarker(r, DASH)) {
        docEnd = endsEmpty ? contentEnd : r;
        p = r;
      } else if (this.isMarker(r, DOT)) {
        if (endsEmpty) throw DECLINE;
        const after = this.restOfLineEmpty(r + 3);
        if (after < 0) throw DECLINE;
        docEnd = after;
        p = after;
        // what follows a `...` must open a new document with `---` (or be the end)
        const n = this.skipBlankLines(p);
        if (n < this.len && !this.isMarker(n, DASH)) throw DECLINE;
      } else {
        throw DECLINE; // content at a lower indentation than the root, or a second root
      }
      if (pendingStart >= 0) doc.directives.docStart = true;
      doc.contents = root as never;
      doc.range = [pendingStart >= 0 ? pendingStart : lineStart, contentEnd, docEnd];
      docs.push(doc);
      pendingStart = -1;
    }
    return docs;
  }

  private prepareTags(): void {
    if (this.tags) return;
    const all = this.schema.tags as unknown as (ScalarTag & { collection?: string })[];
    this.tags = all.filter((t) => !t.collection && (t.default === true || t.default === 'key') && t.test);
    // the schema's plain-string tag, kept under the `yaml` package's registered symbol
    const str = (this.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
    if (!str || typeof str.resolve !== 'function') throw DECLINE;
    this.strTag = str;
    this.strIsIdentity = str.resolve('a-b', () => {}, this.options) === 'a-b';
    // the resolution of a plain scalar depends only on its text and the tags: shared by every scan whose schema has
    // the very same tag objects (each Document makes a new Schema, but over the `yaml` package's tag constants)
    const shared = sharedPlain;
    if (shared && shared.strTag === str && shared.tags.length === this.tags.length && shared.tags.every((t, i) => t === this.tags[i])) this.plainCache = shared.cache;
    else this.plainCache = (sharedPlain = { tags: this.tags, strTag: str, cache: new Map() }).cache;
  }

  // ------------------------------------------------------------------ lines

  private lineStartOf(p: number): number {
    const i = this.text.lastIndexOf('\n', p - 1);
    return i + 1;
  }

  private lineEnd(p: number): number {
    const i = this.text.indexOf('\n', p);
    return i < 0 ? this.len : i;
  }

  /** Position after the line ending at or after p (the start of the next line, or the end of the text). */
  private nextLine(p: number): number {
    const i = this.text.indexOf('\n', p);
    return i < 0 ? this.len : i + 1;
  }

  /** From a line start, skips lines holding only spaces and/or a comment. Returns the next content line's first non-space. */
  private skipBlankLines(p: number): number {
    const text = this.text;
    for (;;) {
      let i = p;
      while (i < this.len && text.charCodeAt(i) === SP) i++;
      if (i >= this.len) return this.len;
      const c = text.charCodeAt(i);
      if (c === NL) {
        p = i + 1;
        continue;
      }
      if (c === HASH) {
        p = this.nextLine(i);
        continue;
      }
      this.contentLs = p;
      return i;
    }
  }

  /** `---` or `...` at a line start followed by a space, a line end or the end of the text. */
  private isMarker(p: number, ch: number): boolean {
    const text = this.text;
    if (p !== 0 && text.charCodeAt(p - 1) !== NL) return false;
    if (text.charCodeAt(p) !== ch || text.charCodeAt(p + 1) !== ch || text.charCodeAt(p + 2) !== ch) return false;
    const n = text.charCodeAt(p + 3);
    return p + 3 >= this.len || n === SP || n === NL;
  }

  /** When the rest of the line from p is spaces and/or a comment: the start of the next line; else -1. */
  private restOfLineEmpty(p: number): number {
    const text = this.text;
    let i = p;
    while (i < this.len && text.charCodeAt(i) === SP) i++;
    if (i >= this.len) return this.len;
    const c = text.charCodeAt(i);
    if (c === NL) return i + 1;
    if (c === HASH && (i === p ? p > 0 && text.charCodeAt(p - 1) === SP : true)) return this.nextLine(i);
    return -1;
  }

  private isSeqEntry(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const n = this.text.charCodeAt(p + 1);
    return p + 1 >= this.len || n === SP || n === NL;
  }

  /** The next content line after `p` (which is in the middle or at the end of a line): its first non-space; its indent in `ind` (-1: none). */
  private nextContent(p: number): number {
    // asked twice from the same place for most lines (the value's continuation check, then its collection)
    if (p === this.ncFrom) {
      this.ind = this.ncInd;
      return this.ncAt;
    }
    const q = this.skipBlankLines(this.nextLine(p));
    if (q >= this.len) this.ind = -1;
    else {
      const ls = this.contentLs;
      this.ind = this.isMarker(ls, DASH) || this.isMarker(ls, DOT) ? -1 : q - ls;
    }
    this.ncFrom = p;
    this.ncAt = q >= this.len ? this.len : q;
    this.ncInd = this.ind;
    return this.ncAt;
  }
  /** the last nextContent call: from where, and its results */
  private ncFrom = -1;
  private ncAt = 0;
  private ncInd = -1;

  /**
   * `yaml` folds comment lines that follow a collection's last entry, indented at least as far as the collection, into
   * that collection (its range grows). Not reproduced: such files are declined.
   */
  private checkTrailingComments(stop: number, next: number, col: number): void {
    const text = this.text;
    const until = next >= this.len ? this.len : this.lineStartOf(next);
    for (let ls = this.nextLine(stop); ls < until; ls = this.nextLine(ls)) {
      let i = ls;
      while (i < until && text.charCodeAt(i) === SP) i++;
      if (text.charCodeAt(i) === HASH && i - ls >= col) throw DECLINE;
      if (i >= this.len) break;
    }
  }

  // ------------------------------------------------------------------ block collections

  /**
   * A block map whose first key starts at `p` (column `col`); entries continue on lines indented by exactly `col`.
   * Returns the map and the position where scanning stopped (inside the last line of the map).
   */
  private blockMap(p: number, col: number, parentIndent: number): YAMLMap {
    const map = new mkMap(this.schema);
    let pos = p;
    let last = p;
    for (;;) {
      const key = this.mapKey(pos);
      const afterColon = this.at;
      for (const it of map.items) if ((it.key as Scalar).value === key.value) throw DECLINE; // duplicate: yaml errors
      const value = this.blockValue(afterColon, col, true);
      const stop = this.at;
      map.items.push(new mkPair(key, value));
      last = (value.range as number[])[2];
      const q = this.nextContent(stop);
      const ind = this.ind;
      if (ind === col) {
        if (this.isSeqEntry(q)) throw DECLINE; // a `- ` where the next key is expected
        pos = q;
        continue;
      }
      if (ind > col) throw DECLINE; // more indented content that belongs to nothing
      if (ind > parentIndent && ind >= 0 && ind < col) throw DECLINE; // bad dedent: between two levels
      this.checkTrailingComments(stop, q, col);
      map.range = [p, last, last];
      this.at = stop;
    return map;
    }
  }

  /** A block sequence whose first `-` is at `p` (column `col`). */
  private blockSeq(p: number, col: number): YAMLSeq {
    const seq = new mkSeq(this.schema);
    let pos = p;
    let last = p;
    for (;;) {
      const item = this.seqItem(pos, col);
      const stop = this.at;
      seq.items.push(item);
      last = (item.range as number[])[2];
      const q = this.nextContent(stop);
      const ind = this.ind;
      if (ind === col && this.isSeqEntry(q)) {
        pos = q;
        continue;
      }
      if (ind > col) throw DECLINE;
      this.checkTrailingComments(stop, q, col);
      seq.range = [p, last, last];
      this.at = stop;
    return seq;
    }
  }

  /** One `- item` at p (the dash). */
  private seqItem(p: number, col: number): Node {
    const text = this.text;
    let v = p + 1;
    while (v < this.len && text.charCodeAt(v) === SP) v++;
    if (v >= this.len || text.charCodeAt(v) === NL || text.charCodeAt(v) === HASH) {
      if (v < this.len && text.charCodeAt(v) === HASH && v === p + 1) throw DECLINE;
      return this.valueOnNextLines(v, col, false);
    }
    const vcol = v - this.lineStartOf(v);
    const c = text.charCodeAt(v);
    if (this.isSeqEntry(v)) return this.blockSeq(v, vcol); // `- - x`
    if (this.looksLikeKey(v)) return this.blockMap(v, vcol, col); // `- key: value`
    if (c === DASH || c === 63 /* ? */ || c === COLON) {
      const n = text.charCodeAt(v + 1);
      if (v + 1 >= this.len || n === SP || n === NL) throw DECLINE;
    }
    return this.inlineValue(v, col);
  }

  /** After `key:` (position `p` just after the colon) or after `- `: the value, inline or on the following lines. */
  private blockValue(p: number, col: number, inMap: boolean): Node {
    const text = this.text;
    let v = p;
    while (v < this.len && text.charCodeAt(v) === SP) v++;
    if (v >= this.len || text.charCodeAt(v) === NL || text.charCodeAt(v) === HASH) {
      if (v < this.len && text.charCodeAt(v) === HASH && v === p) throw DECLINE; // `key:#` is not a comment
      return this.valueOnNextLines(v, col, inMap);
    }
    const c = text.charCodeAt(v);
    if (c === DASH || c === 63 /* ? */ || c === COLON) {
      const n = text.charCodeAt(v + 1);
      if (v + 1 >= this.len || n === SP || n === NL) throw DECLINE; // `key: - x`, `key: ? x`
    }
    return this.inlineValue(v, col);
  }

  /** Nothing after the indicator on its line: the value is the more indented block below, or an empty (null) scalar. */
  private valueOnNextLines(v: number, col: number, inMap: boolean): Node {
    const q = this.nextContent(v);
      const ind = this.ind;
    if (ind > col) {
      if (this.isSeqEntry(q)) return this.blockSeq(q, ind);
      if (this.looksLikeKey(q)) return this.blockMap(q, ind, col);
      throw DECLINE; // a scalar on its own line(s)
    }
    if (inMap && ind === col && ind >= 0 && this.isSeqEntry(q)) return this.blockSeq(q, ind); // `key:\n- a`
    const hasComment = v < this.len && this.text.charCodeAt(v) === HASH;
    // comment lines after an empty value are folded into the enclosing collection's range by `yaml`: not handled
    if (this.text.indexOf('#', hasComment ? this.nextLine(v) : v) < q && this.text.indexOf('#', hasComment ? this.nextLine(v) : v) >= 0) throw DECLINE;
    this.lastEmpty = !hasComment;
    const s = new mkScalar(null);
    // after a comment, the empty value's node end is where the next content (or the text) starts
    let end = v;
    if (hasComment) {
      const after = this.nextLine(v);
      if (q < this.len && this.lineStartOf(q) !== after) throw DECLINE; // blank lines in between: `yaml` varies
      end = q >= this.len ? this.len : q;
    }
    s.range = [v, v, end];
    s.source = '';
    s.type = 'PLAIN';
    this.applyFormat(s, '');
    this.at = v;
    return s;
  }

  /** Does a plain or quoted mapping key (followed by `:` and a space or line end) start at p? */
  private looksLikeKey(p: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === DQ || c === SQ) {
      const close = this.quoteEnd(p);
      if (close < 0) return false;
      let i = close;
      while (i < this.len && text.charCodeAt(i) === SP) i++;
      return this.isMappingColon(i);
    }
    if (c === LBRACK || c === LBRACE) return false;
    const e = this.lineEnd(p);
    for (let i = p; i < e; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && this.isMappingColon(i)) return true;
      if (ch === HASH && i > p && text.charCodeAt(i - 1) === SP) return false;
    }
    return false;
  }

  private isMappingColon(i: number): boolean {
    if (this.text.charCodeAt(i) !== COLON) return false;
    const n = this.text.charCodeAt(i + 1);
    return i + 1 >= this.len || n === SP || n === NL;
  }

  /** A key at p: returns the key scalar and the position just after its `:`. */
  private mapKey(p: number): Scalar {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === DQ || c === SQ) {
      const s = this.quoted(p);
      const close = this.at;
      s.range = [p, close, close];
      let i = close;
      while (i < this.len && text.charCodeAt(i) === SP) i++;
      if (!this.isMappingColon(i)) throw DECLINE;
      if (close - p > 1024) throw DECLINE;
      this.at = i + 1;
    return s;
    }
    if (isIndicatorStart(c) || c === 63 /* ? */ || c === COLON) throw DECLINE;
    if (c === DASH && (text.charCodeAt(p + 1) === SP || text.charCodeAt(p + 1) === NL)) throw DECLINE;
    const e = this.lineEnd(p);
    let i = p;
    for (; i < e; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && this.isMappingColon(i)) break;
      if (ch === HASH && text.charCodeAt(i - 1) === SP) throw DECLINE;
    }
    if (i >= e) throw DECLINE; // not a key
    let k = i;
    while (k > p && text.charCodeAt(k - 1) === SP) k--;
    if (k - p > 1024) throw DECLINE;
    const src = text.slice(p, k);
    const s = this.plain(src, true);
    s.range = [p, k, k];
    this.at = i + 1;
    return s;
  }

  // ------------------------------------------------------------------ scalars and flow collections

  /** A value that starts on this line at v: block scalar, flow collection, quoted or plain scalar. */
  private inlineValue(v: number, col: number): Node {
    const text = this.text;
    this.lastEmpty = false;
    const c = text.charCodeAt(v);
    if (c === PIPE || c === GT) return this.blockScalar(v, col);
    if (c === LBRACK || c === LBRACE) {
      const node = this.flow(v);
      const close = this.at;
      const after = this.restOfLineEmpty(close);
      if (after < 0) throw DECLINE;
      (node.range as number[])[2] = after;
      this.ensureNoContinuation(close, col);
      this.at = close;
    return node;
    }
    if (c === DQ || c === SQ) {
      const s = this.quoted(v);
      const close = this.at;
      const after = this.restOfLineEmpty(close);
      if (after < 0) throw DECLINE;
      s.range = [v, close, after];
      this.ensureNoContinuation(close, col);
      this.at = close;
    return s;
    }
    if (isIndicatorStart(c)) throw DECLINE;
    // plain: to the end of the line or a ` #` comment
    const e = this.lineEnd(v);
    let i = v;
    for (; i < e; i++) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SP) break;
      if (ch === COLON && this.isMappingColon(i)) throw DECLINE; // `a: b: c`
    }
    let k = i;
    while (k > v && text.charCodeAt(k - 1) === SP) k--;
    const s = this.plain(text.slice(v, k), false);
    const end = e >= this.len ? this.len : e + 1;
    s.range = [v, k, end];
    this.ensureNoContinuation(k, col);
    this.at = k;
    return s;
  }

  /** A single-line value must not continue on more indented lines (a multi-line scalar, not handled here). */
  private ensureNoContinuation(p: number, col: number): void {
    const q = this.nextContent(p);
      const ind = this.ind;
    if (ind > col) throw DECLINE;
    // more indented comment lines after the value stretch its range in `yaml`: not reproduced
    this.checkTrailingComments(p, q, col + 1);
  }

  private plain(src: string, atKey: boolean): Scalar {
    // no YAML 1.1 type but string can start with another character (null ~/n/N/'', bools y/n/t/f/o, numbers, `<<`):
    // skip the tag tests (test/core/argo/fastYaml.test.ts checks this against every tag of the schema)
    const c0 = src.length ? src.charCodeAt(0) : 0;
    if (c0 !== 0 && !MAY_BE_TYPED[c0] && this.strIsIdentity) {
      const s = new mkScalar(src);
      s.source = src;
      s.type = 'PLAIN';
      return s;
    }
    let hit = this.plainCache.get(src);
    if (!hit) {
      let tag: ScalarTag | undefined;
      for (const t of this.tags) if (t.default === true && t.test!.test(src)) {
        tag = t;
        break;
      }
      let keyTag: ScalarTag | undefined;
      for (const t of this.tags) if ((t.default === true || t.default === 'key') && t.test!.test(src)) {
        keyTag = t;
        break;
      }
      hit = { tag: tag ?? this.strTag, keyOk: keyTag === tag };
      // full: start over (flow maps read the entry just made back, so every resolution must be stored)
      if (this.plainCache.size >= 10_000) this.plainCache.clear();
      this.plainCache.set(src, hit);
    }
    if (atKey && !hit.keyOk) throw DECLINE; // `<<` merge keys
    let failed = false;
    const res = hit.tag === this.strTag && this.strIsIdentity ? src : hit.tag.resolve(src, () => (failed = true), this.options);
    if (failed) throw DECLINE;
    const s = res instanceof Scalar ? res : new mkScalar(res);
    s.source = src;
    s.type = 'PLAIN';
    if (hit.tag.format) s.format = hit.tag.format;
    return s;
  }

  private applyFormat(s: Scalar, src: string): void {
    const hit = this.plainCache.get(src);
    if (hit?.tag.format) s.format = hit.tag.format;
  }

  /** Position just after the closing quote of the quoted scalar at p, on the same line; -1 when it does not close. */
  private quoteEnd(p: number): number {
    const text = this.text;
    const q = text.charCodeAt(p);
    const e = this.lineEnd(p);
    for (let i = p + 1; i < e; i++) {
      const ch = text.charCodeAt(i);
      if (q === DQ && ch === BSLASH) {
        i++;
        continue;
      }
      if (ch === q) {
        if (q === SQ && text.charCodeAt(i + 1) === SQ) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  /** A single-line quoted scalar at p. Returns it (without a range) and the position after the closing quote. */
  private quoted(p: number): Scalar {
    const close = this.quoteEnd(p);
    if (close < 0) throw DECLINE; // multi-line or unterminated
    const text = this.text;
    const dq = text.charCodeAt(p) === DQ;
    const raw = text.slice(p + 1, close - 1);
    let value: string;
    if (!dq) value = raw.includes("''") ? raw.replace(/''/g, "'") : raw;
    else value = raw.includes('\\') ? unescapeDouble(raw) : raw;
    const s = new mkScalar(this.strTag.resolve(value, () => {}, this.options));
    s.source = value;
    s.type = dq ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    this.at = close;
    return s;
  }

  /** A flow sequence or map that opens at p and closes on the same line. Returns it and the position after `]`/`}`. */
  private flow(p: number): YAMLMap | YAMLSeq {
    const text = this.text;
    const e = this.lineEnd(p);
    const isMap = text.charCodeAt(p) === LBRACE;
    const closeCh = isMap ? RBRACE : RBRACK;
    const coll = isMap ? new mkMap(this.schema) : new mkSeq(this.schema);
    coll.flow = true;
    let i = p + 1;
    const skip = () => {
      while (i < e && text.charCodeAt(i) === SP) i++;
    };
    skip();
    if (text.charCodeAt(i) === closeCh) {
      coll.range = [p, i + 1, i + 1];
      this.at = i + 1;
    return coll;
    }
    for (;;) {
      skip();
      if (i >= e) throw DECLINE;
      const item = this.flowItem(i, e);
      const after = this.at;
      i = after;
      skip();
      if (isMap) {
        if (!(item instanceof Scalar) || text.charCodeAt(i) !== COLON) throw DECLINE; // `{a}` or a collection key
        const n = text.charCodeAt(i + 1);
        if (!(n === SP || n === COMMA || n === RBRACE)) throw DECLINE;
        if (typeof item.value === 'object' && item.value !== null) throw DECLINE;
        for (const it of (coll as YAMLMap).items) if ((it.key as Scalar).value === item.value) throw DECLINE;
        if (item.type === 'PLAIN' && this.plainCache.get(item.source as string)?.keyOk === false) throw DECLINE; // `<<`
        i++;
        skip();
        const ch = text.charCodeAt(i);
        if (ch === COMMA || ch === RBRACE) throw DECLINE; // `{a: }`: an empty value
        const value = this.flowItem(i, e);
      const va = this.at;
        i = va;
        skip();
        (value.range as number[])[2] = i; // a value's node end takes the spaces before `,` / `}`
        (coll as YAMLMap).items.push(new mkPair(item, value));
      } else {
        if (text.charCodeAt(i) === COLON) throw DECLINE; // `[a: b]`: a single-pair map
        (item.range as number[])[2] = i; // an item's node end takes the spaces before `,` / `]`
        (coll as YAMLSeq).items.push(item);
      }
      skip();
      const ch = text.charCodeAt(i);
      if (ch === COMMA) {
        i++;
        skip();
        if (text.charCodeAt(i) === closeCh || text.charCodeAt(i) === COMMA) throw DECLINE; // trailing or empty entry
        continue;
      }
      if (ch === closeCh) {
        coll.range = [p, i + 1, i + 1];
        this.at = i + 1;
    return coll;
      }
      throw DECLINE;
    }
  }

  private flowItem(i: number, e: number): Node {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === LBRACK || c === LBRACE) return this.flow(i);
    if (c === DQ || c === SQ) {
      const s = this.quoted(i);
      const close = this.at;
      s.range = [i, close, close];
      this.at = close;
    return s;
    }
    if (isIndicatorStart(c) || c === DASH || c === 63 /* ? */ || c === COLON) {
      const n = text.charCodeAt(i + 1);
      if (isIndicatorStart(c) || n === SP || n === COMMA || n === RBRACK || n === RBRACE || i + 1 >= e) throw DECLINE;
    }
    let k = i;
    for (; k < e; k++) {
      const ch = text.charCodeAt(k);
      if (ch === COMMA || ch === RBRACK || ch === RBRACE || ch === LBRACK || ch === LBRACE) break;
      if (ch === HASH && text.charCodeAt(k - 1) === SP) throw DECLINE;
      if (ch === COLON) {
        const n = text.charCodeAt(k + 1);
        if (n === SP || n === COMMA || n === RBRACK || n === RBRACE || k + 1 >= e) break;
      }
    }
    let end = k;
    while (end > i && text.charCodeAt(end - 1) === SP) end--;
    if (end === i) throw DECLINE;
    const ch = text.charCodeAt(k);
    if (ch === LBRACK || ch === LBRACE) throw DECLINE;
    const s = this.plain(text.slice(i, end), false);
    s.range = [i, end, end];
    this.at = end;
    return s;
  }

  /** `|` or `>` at v with optional chomping (`-`/`+`); explicit indentation indicators are declined. */
  private blockScalar(v: number, col: number): Scalar {
    const text = this.text;
    const folded = text.charCodeAt(v) === GT;
    let i = v + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const h = text.charCodeAt(i);
    if (h === DASH) {
      chomp = 'strip';
      i++;
    } else if (h === 43 /* + */) {
      chomp = 'keep';
      i++;
    }
    const body = this.restOfLineEmpty(i);
    if (body < 0) throw DECLINE; // indentation indicator or garbage after the header
    if (text.charCodeAt(i) === HASH) throw DECLINE; // `|#`
    // lines: find the content indentation from the first line with a non-space character
    let p = body;
    let indent = -1;
    let maxLeadingBlank = 0;
    while (p < this.len) {
      const e = this.lineEnd(p);
      let j = p;
      while (j < e && text.charCodeAt(j) === SP) j++;
      if (j < e) {
        indent = j - p;
        break;
      }
      maxLeadingBlank = Math.max(maxLeadingBlank, e - p);
      p = e >= this.len ? this.len : e + 1;
    }
    if (indent <= col || indent < 0) {
      // an empty block scalar (the next line is not more indented)
      if (maxLeadingBlank > 0 || body < this.len && p > body) throw DECLINE; // blank lines: leave them to yaml
      if (chomp === 'keep') throw DECLINE;
      const s = new mkScalar(this.strTag.resolve('', () => {}, this.options));
      s.source = '';
      s.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
      s.range = [v, body, body];
      this.at = body > v ? body - 1 : v;
    return s;
    }
    if (maxLeadingBlank > indent) throw DECLINE; // yaml: a leading blank line more indented than the content
    // collect lines that belong to the scalar: empty (≤ indent spaces) or indented by at least `indent`
    const lines: string[] = [];
    let q = body;
    let lastContentEnd = body; // after the newline of the last line with content
    let lastContentLine = -1;
    while (q < this.len) {
      const e = this.lineEnd(q);
      let j = q;
      while (j < e && text.charCodeAt(j) === SP) j++;
      const isBlank = j === e;
      if (!isBlank && j - q < indent) break; // less indented: the scalar ended
      if (isBlank && e - q > indent) {
        // spaces beyond the indentation are content (kept); fine inside, but leave the edge cases to yaml
        lines.push(text.slice(q + indent, e));
        lastContentLine = lines.length - 1;
        lastContentEnd = e >= this.len ? this.len : e + 1;
      } else if (isBlank) {
        lines.push('');
      } else {
        if (q === this.lineStartOf(q) && (this.isMarker(q, DASH) || this.isMarker(q, DOT))) break;
        lines.push(text.slice(q + indent, e));
        lastContentLine = lines.length - 1;
        lastContentEnd = e >= this.len ? this.len : e + 1;
      }
      q = e >= this.len ? this.len : e + 1;
    }
    if (lastContentLine < 0) throw DECLINE;
    const content = lines.slice(0, lastContentLine + 1);
    const trailing = lines.length - 1 - lastContentLine;
    let value: string;
    if (!folded) value = content.join('\n');
    else value = fold(content);
    let end = lastContentEnd;
    if (chomp === 'clip') value += '\n';
    else if (chomp === 'keep') {
      value += '\n' + '\n'.repeat(trailing);
      end = q;
      if (trailing > 0 && q >= this.len && text.charCodeAt(this.len - 1) !== NL) throw DECLINE;
    }
    if (chomp === 'keep' && lastContentEnd >= this.len && text.charCodeAt(this.len - 1) !== NL) throw DECLINE; // no final line break
    const s = new mkScalar(this.strTag.resolve(value, () => {}, this.options));
    s.source = value;
    s.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    s.range = [v, end, end];
    // comment lines right after the scalar, indented past the collection, are attached oddly by `yaml`: not handled
    this.checkTrailingComments(end - 1, this.nextContent(end - 1), col + 1);
    this.at = end - 1;
    return s;
  }
}

/** Folding of `>` content: single line breaks between plain lines become spaces; each empty line is one `\n`. */
function fold(lines: string[]): string {
  let out = '';
  let prevPlain = false;
  let empties = 0;
  for (const l of lines) {
    if (l === '') {
      empties++;
      continue;
    }
    if (l.charCodeAt(0) === SP) throw DECLINE; // more-indented lines keep their breaks: leave them to yaml
    if (prevPlain) out += empties > 0 ? '\n'.repeat(empties) : ' ';
    else if (empties > 0) out += '\n'.repeat(empties);
    out += l;
    prevPlain = true;
    empties = 0;
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/',
  '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

function unescapeDouble(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = raw[++i];
    if (n === undefined) throw DECLINE;
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const width = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (!width) throw DECLINE; // yaml reports an invalid escape
    const hex = raw.slice(i + 1, i + 1 + width);
    if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw DECLINE;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw DECLINE;
    out += String.fromCodePoint(code);
    i += width;
  }
  return out;
}
