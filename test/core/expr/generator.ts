// Grammar-driven generator of expr expressions over the sample events (deterministic for a given seed).
// It walks expr's grammar (spec expr.md §2.1–2.3) choosing typed productions, with leaves taken from the concrete
// event (payload paths in all access syntaxes, metadata headers, discriminator, namespace), and deliberately
// injects wrong types, nil paths, unknown names and syntax damage so every error class of issue 3 shows up.
// Every production records a construct tag; CONSTRUCTS lists the ones the fixture batch must cover.
import type { OracleEvent } from './oracle';
import type { FixtureCase } from './pinned';
import { EVENTS } from './events';
import { rng } from '../../helpers/rng';

/** Constructs of expr's grammar the generated batch must cover (checked by scripts/expr-fixtures.ts and the test). */
export const CONSTRUCTS = [
  // literals
  'lit:int', 'lit:hex', 'lit:octal', 'lit:binary', 'lit:underscore', 'lit:leading-zero', 'lit:float', 'lit:float-dot',
  'lit:exponent', 'lit:string-double', 'lit:string-single', 'lit:raw-string', 'lit:escape', 'lit:unicode-escape',
  'lit:bool', 'lit:nil', 'lit:array', 'lit:map', 'lit:map-dynamic-key', 'lit:trailing-comma',
  // access
  'member', 'member-optional', 'index-string', 'index-optional', 'index-int', 'index-negative', 'slice',
  'metadata', 'discriminator', 'namespace', '$env', 'missing-path',
  // operators
  'op:not', 'op:!', 'op:neg', 'op:pos', 'op:**', 'op:^', 'op:*', 'op:/', 'op:%', 'op:+', 'op:-', 'op:..',
  'op:==', 'op:!=', 'op:<', 'op:>', 'op:<=', 'op:>=', 'op:in', 'op:not in', 'op:matches', 'op:not matches',
  'op:contains', 'op:not contains', 'op:startsWith', 'op:not startsWith', 'op:endsWith', 'op:not endsWith',
  'op:and', 'op:&&', 'op:or', 'op:||', 'op:??', 'ternary', 'elvis', 'pipe', 'chained-comparison', 'parens',
  // statements
  'let', 'if-else', 'sequence', 'comment',
  // closures
  'closure-braces', 'closure-bare', 'closure-#', 'closure-.field', 'closure-#index', 'closure-#acc',
  // builtins
  ...['all', 'any', 'none', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast', 'findLastIndex',
    'groupBy', 'sortBy', 'reduce', 'len', 'type', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'trim',
    'trimPrefix', 'trimSuffix', 'upper', 'lower', 'split', 'splitAfter', 'replace', 'repeat', 'join', 'indexOf',
    'lastIndexOf', 'hasPrefix', 'hasSuffix', 'max', 'min', 'mean', 'median', 'toJSON', 'fromJSON', 'toBase64',
    'fromBase64', 'duration', 'first', 'last', 'get', 'take', 'keys', 'values', 'toPairs', 'fromPairs', 'reverse',
    'uniq', 'concat', 'flatten', 'sort', 'bitand', 'bitor', 'bitxor', 'bitnot', 'bitshl', 'bitshr', 'date'].map((b) => `fn:${b}`),
  // deliberate faults
  'fault:type', 'fault:unknown-name', 'fault:unknown-function', 'fault:nil-member', 'fault:syntax', 'fault:token-soup',
  // modes
  'mode:selector', 'mode:parameter',
] as const;

type T = 'bool' | 'num' | 'str' | 'arr' | 'map' | 'any';

class Rng {
  readonly next: () => number;
  constructor(seed: number) { this.next = rng(seed >>> 0 || 1); }
  int(n: number): number { return Math.floor(this.next() * n); }
  chance(p: number): boolean { return this.next() < p; }
  pick<X>(xs: readonly X[]): X { return xs[this.int(xs.length)]; }
}

interface Leaf { text: string; type: T; elem?: T; fields?: string[]; tags: string[] }

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['in', 'not', 'and', 'or', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else', 'true', 'false', 'nil']);

function jsonType(v: unknown): T {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'num';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'arr';
  if (v && typeof v === 'object') return 'map';
  return 'any';
}

/** All access paths into an event's payload (depth ≤ 4), each in one randomly chosen syntax. */
function leavesOf(ev: OracleEvent, rng: Rng): Leaf[] {
  const out: Leaf[] = [];
  const visit = (v: unknown, text: string, depth: number, tags: string[]) => {
    const t = jsonType(v);
    const leaf: Leaf = { text, type: t, tags };
    if (Array.isArray(v) && v.length) {
      leaf.elem = jsonType(v[0]);
      if (v[0] && typeof v[0] === 'object' && !Array.isArray(v[0])) leaf.fields = Object.keys(v[0] as object);
    }
    out.push(leaf);
    if (depth >= 4) return;
    if (Array.isArray(v)) {
      v.slice(0, 3).forEach((x, i) => {
        const neg = rng.chance(0.25);
        const idx = neg ? i - v.length : i;
        const opt = rng.chance(0.15);
        visit(x, `${text}${opt ? '?.' : ''}[${idx}]`, depth + 1, [...tags, neg ? 'index-negative' : 'index-int', ...(opt ? ['index-optional'] : [])]);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v as object)) {
        const r = rng.next();
        let acc: string; let tag: string;
        if (IDENT.test(k) && r < 0.6) { acc = `.${k}`; tag = 'member'; }
        else if (IDENT.test(k) && r < 0.75 && !KEYWORDS.has(k)) { acc = `?.${k}`; tag = 'member-optional'; }
        else if (r < 0.9) { acc = `[${JSON.stringify(k)}]`; tag = 'index-string'; }
        else { acc = `?.[${JSON.stringify(k)}]`; tag = 'index-optional'; }
        visit((v as Record<string, unknown>)[k], text + acc, depth + 1, [...tags, tag]);
      }
    }
  };
  if ('payload' in ev && ev.payload !== undefined) visit(ev.payload, 'payload', 0, []);
  else out.push({ text: 'payload', type: 'any', tags: [] });
  const headerKeys = [...new Set((ev.headers ?? []).map(([k]) => k.toLowerCase()).filter((k) => k.startsWith('x-')))];
  for (const k of headerKeys) {
    out.push({ text: `metadata[${JSON.stringify(k)}]`, type: 'arr', elem: 'str', tags: ['metadata'] });
    out.push({ text: `metadata[${JSON.stringify(k)}][0]`, type: 'str', tags: ['metadata', 'index-int'] });
  }
  out.push({ text: 'metadata', type: 'map', tags: ['metadata'] });
  out.push({ text: 'discriminator', type: 'str', tags: ['discriminator'] });
  out.push({ text: 'namespace', type: 'str', tags: ['namespace'] });
  out.push({ text: '$env["namespace"]', type: 'str', tags: ['$env'] });
  out.push({ text: '$env?.discriminator', type: 'str', tags: ['$env'] });
  for (const l of out.filter((x) => x.text.startsWith('payload') && rng.chance(0.08))) {
    out.push({ ...l, text: `$env${rng.chance(0.5) ? '.payload' : '["payload"]'}${l.text.slice('payload'.length)}`, tags: [...l.tags, '$env'] });
  }
  return out;
}

// expr string literals holding RE2 patterns (one invalid).
const REGEXES = ['"^refs/heads/"', '"(?i)^fix"', '"main$"', '"^v[0-9]+\\\\.[0-9]+"', '"[[:alpha:]]+"', '"\\\\d{2,}"',
  '"^(feat|fix):"', '".*"', "'a|b'", '`\\pL`', '"(unclosed"'];
const WORDS = ['main', 'refs/heads/main', 'push', 'opened', 'a', 'b', '', 'acme/app', 'feature/', 'fix', 'x', 'argo', 'github', 'Push Hook', 'true', 'v1', 'é', '北京'];
const UNKNOWN_NAMES = ['foo', 'event', 'Payload', 'headers', 'body', 'meta', 'null', 'undefined', 'this', 'data'];
const UNKNOWN_FUNCS = ['toJson', 'asInt', 'jsonpath', 'sprig.trim', 'contains', 'size', 'exists', 'has', 'Now'];

class Gen {
  tags = new Set<string>();
  private scopes: { name: string; type: T; fields?: string[] }[][] = [];
  constructor(private rng: Rng, private leaves: Leaf[], private faultRate: number) {}

  private tag(...t: string[]) { for (const x of t) this.tags.add(x); }

  private leaf(type: T): string | undefined {
    const scope = this.scopes[this.scopes.length - 1];
    const hash = scope?.find((v) => v.name === '#' && v.fields?.length);
    if (hash && type !== 'map' && this.rng.chance(0.3)) {
      const f = this.rng.pick(hash.fields!);
      if (this.rng.chance(0.5)) { this.tag('closure-.field'); return `.${f}`; }
      this.tag('closure-#'); return `#.${f}`;
    }
    if (scope && this.rng.chance(0.6)) {
      const vars = scope.filter((v) => type === 'any' || v.type === type || v.type === 'any');
      if (vars.length) {
        const v = this.rng.pick(vars);
        if (v.name === '#' && v.fields?.length && this.rng.chance(0.5)) {
          const f = this.rng.pick(v.fields);
          if (this.rng.chance(0.5)) { this.tag('closure-.field'); return `.${f}`; }
          this.tag('closure-#'); return `#.${f}`;
        }
        if (v.name === '#') this.tag('closure-#');
        if (v.name === '#index') this.tag('closure-#index');
        if (v.name === '#acc') this.tag('closure-#acc');
        return v.name;
      }
    }
    const ls = this.leaves.filter((l) => type === 'any' || l.type === type);
    if (!ls.length) return undefined;
    const l = this.rng.pick(ls);
    this.tag(...l.tags);
    return l.text;
  }

  private arrLeaf(): Leaf | undefined {
    const ls = this.leaves.filter((l) => l.type === 'arr');
    return ls.length ? this.rng.pick(ls) : undefined;
  }

  private strLit(): string {
    const w = this.rng.pick(WORDS);
    const r = this.rng.next();
    if (r < 0.55) { this.tag('lit:string-double'); return JSON.stringify(w); }
    if (r < 0.8) { this.tag('lit:string-single'); return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`; }
    if (r < 0.9) { this.tag('lit:raw-string'); return '`' + w + '`'; }
    if (r < 0.96) { this.tag('lit:escape', 'lit:string-double'); return this.rng.pick(['"a\\tb"', '"line\\n"', '"q\\"q"', '"\\x41"', '"\\101"', '"back\\\\slash"']); }
    this.tag('lit:unicode-escape'); return this.rng.pick(['"\\u00e9"', '"\\U0001F600"', '"\\u{1F600}"', "'\\u4eac'"]);
  }

  private numLit(): string {
    const r = this.rng.next();
    if (r < 0.45) { this.tag('lit:int'); return String(this.rng.int(this.rng.chance(0.8) ? 10 : 2000)); }
    if (r < 0.55) { this.tag('lit:float'); return this.rng.pick(['0.5', '1.5', '2.0', '3.25', '100.0', '0.1']); }
    if (r < 0.6) { this.tag('lit:float-dot'); return this.rng.pick(['.5', '1.', '.25']); }
    if (r < 0.65) { this.tag('lit:exponent'); return this.rng.pick(['1e3', '1.5e-3', '2E2', '1e0']); }
    if (r < 0.72) { this.tag('lit:hex'); return this.rng.pick(['0x2A', '0X10', '0xff']); }
    if (r < 0.77) { this.tag('lit:octal'); return this.rng.pick(['0o17', '0O7']); }
    if (r < 0.82) { this.tag('lit:binary'); return this.rng.pick(['0b101', '0B11']); }
    if (r < 0.87) { this.tag('lit:underscore'); return this.rng.pick(['1_000', '10_0']); }
    if (r < 0.9) { this.tag('lit:leading-zero'); return this.rng.pick(['017', '007']); }
    if (r < 0.93) { this.tag('lit:int'); return String(this.rng.int(5)); }
    this.tag('lit:int'); return this.rng.pick(['9223372036854775807', '4611686018427387904', '2147483648', '1000000007', '1e15', '1e-9']);
  }

  private withScope<X>(vars: { name: string; type: T; fields?: string[] }[], f: () => X): X {
    this.scopes.push(vars);
    try { return f(); } finally { this.scopes.pop(); }
  }

  /** A predicate/closure argument over elements of `elem` type. */
  private closure(elem: T, fields: string[] | undefined, body: T, d: number, extra: { name: string; type: T }[] = []): string {
    const inner = this.withScope([{ name: '#', type: elem, fields }, { name: '#index', type: 'num' }, ...extra], () => this.gen(body, d + 1));
    if (this.rng.chance(0.5)) { this.tag('closure-braces'); return `{${inner}}`; }
    this.tag('closure-bare');
    return inner;
  }

  private arrSource(d: number): { text: string; elem: T; fields?: string[] } {
    const r = this.rng.next();
    const l = this.arrLeaf();
    if (l && r < 0.6) { this.tag(...l.tags); return { text: l.text, elem: l.elem ?? 'any', fields: l.fields }; }
    if (r < 0.75) { this.tag('op:..'); const a = this.rng.int(4); return { text: `${a}..${a + this.rng.int(6)}`, elem: 'num' }; }
    if (r < 0.9) {
      this.tag('lit:array');
      const elem: T = this.rng.pick(['num', 'str'] as const);
      const xs = Array.from({ length: this.rng.int(4) }, () => (elem === 'num' ? this.numLit() : this.strLit()));
      return { text: `[${xs.join(', ')}${this.rng.chance(0.1) ? (this.tag('lit:trailing-comma'), ',') : ''}]`, elem };
    }
    return { text: this.gen('arr', d + 1), elem: 'any' };
  }

  private call(name: string, ...args: string[]): string {
    this.tag(`fn:${name}`);
    if (args.length && this.rng.chance(0.12) && !/[;]/.test(args[0])) {
      this.tag('pipe');
      return `${this.paren(args[0])} | ${name}(${args.slice(1).join(', ')})`;
    }
    return `${name}(${args.join(', ')})`;
  }

  private paren(s: string): string {
    return /^[\w.$\[\]"'?#]+$/.test(s) ? s : `(${s})`;
  }

  private fault(d: number): string {
    const r = this.rng.next();
    if (r < 0.3) { this.tag('fault:unknown-name'); const n = this.rng.pick(UNKNOWN_NAMES); return this.rng.chance(0.5) ? n : `${n}.${this.rng.pick(['x', 'payload', 'message'])}`; }
    if (r < 0.45) { this.tag('fault:unknown-function'); return `${this.rng.pick(UNKNOWN_FUNCS)}(${this.gen('any', d + 1)})`; }
    if (r < 0.75) { this.tag('fault:nil-member', 'missing-path'); return `${this.leaf('map') ?? 'payload'}.${this.rng.pick(['missing', 'nope', 'zzz'])}.${this.rng.pick(['x', 'name', 'id'])}`; }
    this.tag('fault:type');
    return this.gen(this.rng.pick(['bool', 'num', 'str', 'arr', 'map'] as const), d + 1);
  }

  gen(type: T, d = 0): string {
    if (d > 0 && this.rng.chance(this.faultRate)) return this.fault(d);
    const deep = d >= 3 || this.rng.chance(0.15 + d * 0.2);
    if (deep) return this.atom(type);
    switch (type) {
      case 'bool': return this.genBool(d);
      case 'num': return this.genNum(d);
      case 'str': return this.genStr(d);
      case 'arr': return this.genArr(d);
      case 'map': return this.genMap(d);
      default: return this.gen(this.rng.pick(['bool', 'num', 'str', 'arr', 'map', 'bool', 'str'] as const), d);
    }
  }

  private atom(type: T): string {
    const l = this.rng.chance(0.7) ? this.leaf(type) : undefined;
    if (l) return l;
    switch (type) {
      case 'bool': this.tag('lit:bool'); return this.rng.pick(['true', 'false']);
      case 'num': return this.numLit();
      case 'str': return this.strLit();
      case 'arr': this.tag('lit:array'); return this.rng.pick(['[]', '[1, 2, 3]', '["a", "b"]', '[1, "a", nil]']);
      case 'map': this.tag('lit:map'); return this.rng.pick(['{}', '{a: 1}', '{"k": "v", n: 2}']);
      default:
        if (this.rng.chance(0.3)) { this.tag('lit:nil'); return 'nil'; }
        if (this.rng.chance(0.5)) { this.tag('missing-path'); return `payload.${this.rng.pick(['missing', 'nothing', 'absent'])}`; }
        return this.atom(this.rng.pick(['bool', 'num', 'str'] as const));
    }
  }

  private genBool(d: number): string {
    const r = this.rng.int(26);
    switch (r) {
      case 0: case 1: {
        const op = this.rng.pick(['==', '!=', '<', '>', '<=', '>=']);
        this.tag(`op:${op}`);
        if (this.rng.chance(0.1) && op !== '==' && op !== '!=') {
          this.tag('chained-comparison');
          return `${this.gen('num', d + 1)} ${op} ${this.gen('num', d + 1)} ${this.rng.pick(['<', '<='])} ${this.gen('num', d + 1)}`;
        }
        return `${this.gen('num', d + 1)} ${op} ${this.gen('num', d + 1)}`;
      }
      case 2: case 3: {
        const op = this.rng.pick(['==', '!=']);
        this.tag(`op:${op}`);
        const t = this.rng.pick(['str', 'str', 'arr', 'map', 'any'] as const);
        return `${this.gen(t, d + 1)} ${op} ${this.gen(t === 'any' ? 'any' : t, d + 1)}`;
      }
      case 4: { const n = this.rng.chance(0.2); this.tag(n ? 'op:not matches' : 'op:matches'); return `${this.gen('str', d + 1)} ${n ? 'not ' : ''}matches ${this.rng.chance(0.85) ? this.rng.pick(REGEXES) : this.gen('str', d + 1)}`; }
      case 5: case 6: {
        const op = this.rng.pick(['contains', 'startsWith', 'endsWith']);
        const n = this.rng.chance(0.2);
        this.tag(`op:${n ? 'not ' : ''}${op}`);
        return `${this.gen('str', d + 1)} ${n ? 'not ' : ''}${op} ${this.gen('str', d + 1)}`;
      }
      case 7: case 8: {
        const n = this.rng.chance(0.25);
        this.tag(n ? 'op:not in' : 'op:in');
        const src = this.rng.chance(0.75) ? this.arrSource(d).text : this.gen('map', d + 1);
        return `${this.gen(this.rng.pick(['str', 'num', 'any'] as const), d + 1)} ${n ? 'not in' : 'in'} ${this.paren(src)}`;
      }
      case 9: { const op = this.rng.pick(['not ', '!']); this.tag(op === '!' ? 'op:!' : 'op:not'); return `${op}${this.paren(this.gen('bool', d + 1))}`; }
      case 10: case 11: case 12: {
        const op = this.rng.pick(['and', '&&', 'or', '||']);
        this.tag(`op:${op}`);
        return `${this.gen('bool', d + 1)} ${op} ${this.gen('bool', d + 1)}`;
      }
      case 13: {
        const fn = this.rng.pick(['all', 'any', 'none', 'one']);
        const a = this.arrSource(d);
        return this.call(fn, a.text, this.closure(a.elem, a.fields, 'bool', d));
      }
      case 14: { const fn = this.rng.pick(['hasPrefix', 'hasSuffix']); return this.call(fn, this.gen('str', d + 1), this.gen('str', d + 1)); }
      case 15: this.tag('op:==', 'lit:nil'); return `${this.gen('any', d + 1)} ${this.rng.pick(['==', '!='])} nil`;
      case 16: this.tag('ternary'); return `${this.gen('bool', d + 1)} ? ${this.gen('bool', d + 1)} : ${this.gen('bool', d + 1)}`;
      case 17: this.tag('op:??'); return `${this.gen('any', d + 1)} ?? ${this.gen('bool', d + 1)}`;
      case 18: this.tag('parens'); return `(${this.gen('bool', d + 1)})`;
      case 19: { this.tag('let'); const v = this.rng.pick(['x', 'v', 'ref', 'p']); const t = this.rng.pick(['str', 'num', 'arr'] as const);
        const val = this.gen(t, d + 1); return `let ${v} = ${val}; ${this.withScope([{ name: v, type: t }], () => this.gen('bool', d + 1))}`; }
      case 20: this.tag('if-else'); return `if ${this.gen('bool', d + 1)} { ${this.gen('bool', d + 1)} } else { ${this.gen('bool', d + 1)} }`;
      case 21: this.tag('op:in', 'op:..'); return `${this.gen('num', d + 1)} in ${this.rng.int(3)}..${this.rng.int(50)}`;
      case 22: { this.tag('op:=='); const a = this.arrSource(d); return `${a.text} == ${this.gen('arr', d + 1)}`; }
      case 24: { this.tag('fn:date', 'fn:duration');
        const t = () => this.rng.pick([`date(${this.rng.pick(['"2023-10-01T12:00:00Z"', '"2024-02-29T23:59:59+02:00"', 'payload.date ?? "2023-10-01T12:00:00Z"', '"2023-10-01"', '"not a date"'])})`,
          'date("2023-10-01 12:00", "2006-01-02 15:04", "Europe/Berlin")', 'date("01/02/2024", "01/02/2006")']);
        return this.rng.pick([
          `${t()} ${this.rng.pick(['<', '>', '==', '>=', '!='])} ${t()}`,
          `${t()} + duration(${this.rng.pick(['"1h"', '"-30m"', '"36h"'])}) > ${t()}`,
          `(${t()} - ${t()}).Hours() ${this.rng.pick(['>', '<', '=='])} ${this.numLit()}`,
          `${t()}.Format("2006-01-02") == ${this.strLit()}`,
          `${t()}.Year() ${this.rng.pick(['==', '>'])} 2023`,
          `duration(${this.rng.pick(['"90m"', '"1h30m"', '"250ms"'])}).Minutes() ${this.rng.pick(['>', '=='])} ${this.numLit()}`,
        ]); }
      case 23: this.tag('fn:duration'); return `duration(${this.rng.pick(['"1h"', '"90m"', '"1h30m"', '"2s"', '"bad"', this.gen('str', d + 1)])}) ${this.rng.pick(['>', '<', '==', '>='])} duration(${this.rng.pick(['"30m"', '"1h"', '"5400s"'])})`;
      default: return this.atom('bool');
    }
  }

  private genNum(d: number): string {
    const r = this.rng.int(20);
    switch (r) {
      case 0: case 1: case 2: {
        const op = this.rng.pick(['+', '-', '*', '/', '%', '**', '^', '+', '*']);
        this.tag(`op:${op}`);
        return `${this.gen('num', d + 1)} ${op} ${this.gen('num', d + 1)}`;
      }
      case 3: { const op = this.rng.pick(['-', '+', '-']); this.tag(op === '-' ? 'op:neg' : 'op:pos'); return `${op}${this.paren(this.gen('num', d + 1))}`; }
      case 4: return this.call('len', this.gen(this.rng.pick(['str', 'arr', 'map'] as const), d + 1));
      case 5: { const a = this.arrSource(d); return this.call('count', a.text, this.closure(a.elem, a.fields, 'bool', d)); }
      case 6: { const a = this.arrSource(d); return this.rng.chance(0.5) ? this.call('sum', a.text) : this.call('sum', a.text, this.closure(a.elem, a.fields, 'num', d)); }
      case 7: return this.call(this.rng.pick(['int', 'float', 'abs', 'ceil', 'floor', 'round']), this.gen(this.rng.chance(0.8) ? 'num' : 'str', d + 1));
      case 8: return this.call(this.rng.pick(['max', 'min']), this.gen('num', d + 1), this.gen('num', d + 1));
      case 9: return this.call(this.rng.pick(['mean', 'median', 'max', 'min']), this.arrSource(d).text);
      case 10: return this.call(this.rng.pick(['indexOf', 'lastIndexOf']), this.gen('str', d + 1), this.gen('str', d + 1));
      case 11: { const a = this.arrSource(d); return this.call(this.rng.pick(['findIndex', 'findLastIndex']), a.text, this.closure(a.elem, a.fields, 'bool', d)); }
      case 12: { const fn = this.rng.pick(['bitand', 'bitor', 'bitxor', 'bitshl', 'bitshr']); return this.call(fn, `int(${this.gen('num', d + 1)})`, String(this.rng.int(5))); }
      case 13: this.tag('fn:bitnot'); return `bitnot(${this.numLit()})`;
      case 14: { const a = this.arrSource(d); this.tag('fn:reduce'); return `reduce(${a.text}, ${this.closure(a.elem, a.fields, 'num', d, [{ name: '#acc', type: 'num' }])}, 0)`; }
      case 15: { this.tag('ternary'); return `${this.gen('bool', d + 1)} ? ${this.gen('num', d + 1)} : ${this.gen('num', d + 1)}`; }
      case 16: { this.tag('op:??'); return `${this.gen('any', d + 1)} ?? ${this.gen('num', d + 1)}`; }
      case 17: { this.tag('parens'); return `(${this.gen('num', d + 1)})`; }
      case 18: { const a = this.arrSource(d); this.tag('index-int'); return `${this.paren(a.text)}[${this.rng.int(4) - 1}]`; }
      default: return this.atom('num');
    }
  }

  private genStr(d: number): string {
    const r = this.rng.int(23);
    switch (r) {
      case 0: case 1: this.tag('op:+'); return `${this.gen('str', d + 1)} + ${this.gen('str', d + 1)}`;
      case 2: return this.call(this.rng.pick(['upper', 'lower', 'trim']), this.gen('str', d + 1));
      case 3: return this.call(this.rng.pick(['trimPrefix', 'trimSuffix']), this.gen('str', d + 1), this.gen('str', d + 1));
      case 4: return this.call('replace', this.gen('str', d + 1), this.strLit(), this.strLit());
      case 5: return this.call('repeat', this.gen('str', d + 1), String(this.rng.int(4)));
      case 6: return this.call('join', this.arrSource(d).text, this.strLit());
      case 7: return this.call('string', this.gen('any', d + 1));
      case 8: { this.tag('slice'); const s = this.gen('str', d + 1); const a = this.rng.int(4) - 1; const b = this.rng.int(8) - 2;
        return `${this.paren(s)}[${this.rng.pick([`${a}:${b}`, `:${b}`, `${a}:`, ':'])}]`; }
      case 9: return this.call('toJSON', this.gen('any', d + 1));
      case 10: return this.call('type', this.gen('any', d + 1));
      case 11: return this.call(this.rng.pick(['toBase64']), this.gen('str', d + 1));
      case 12: { this.tag('fn:split', 'index-int'); return `${this.call(this.rng.pick(['split', 'splitAfter']), this.gen('str', d + 1), this.rng.pick(['"/"', '","', '" "', '"-"']))}[${this.rng.int(3) - 1}]`; }
      case 13: this.tag('ternary'); return `${this.gen('bool', d + 1)} ? ${this.gen('str', d + 1)} : ${this.gen('str', d + 1)}`;
      case 14: this.tag('op:??'); return `${this.gen('any', d + 1)} ?? ${this.gen('str', d + 1)}`;
      case 15: { const a = this.arrSource(d); return this.call(this.rng.pick(['first', 'last']), a.text); }
      case 16: { const a = this.arrSource(d); const fn = this.rng.pick(['find', 'findLast']); return this.call(fn, a.text, this.closure(a.elem, a.fields, 'bool', d)); }
      case 17: this.tag('if-else'); return `if ${this.gen('bool', d + 1)} { ${this.gen('str', d + 1)} } else { ${this.gen('str', d + 1)} }`;
      case 18: return this.call('fromBase64', this.rng.pick(['"aGVsbG8="', '"YQ=="', '"!!"', this.gen('str', d + 1)]));
      case 19: return this.call('get', this.gen(this.rng.pick(['map', 'arr'] as const), d + 1), this.rng.chance(0.5) ? this.strLit() : this.numLit());
      case 20: { this.tag('elvis'); return `${this.gen('bool', d + 1)} ?: ${this.gen('str', d + 1)}`; }
      case 21: this.tag('fn:date', 'fn:string'); return this.rng.pick([
        `date(${this.rng.pick(['"2023-10-01T12:00:00Z"', 'payload.date ?? "2023-10-01T12:00:00Z"'])}).Format(${this.rng.pick(['"2006-01-02"', '"Jan 2, 2006 at 3:04pm (MST)"', 'time.RFC3339'])})`,
        `string(duration(${this.rng.pick(['"90m"', '"1h0m1s"', '"-2s"', '"1.5h"'])}))`,
        `string(date("2023-10-01T12:00:00Z"))`,
        `toJSON(date("2023-10-01T12:00:00+02:00"))`]);
      default: return this.atom('str');
    }
  }

  private genArr(d: number): string {
    const r = this.rng.int(20);
    switch (r) {
      case 0: case 1: { const a = this.arrSource(d); return this.call('filter', a.text, this.closure(a.elem, a.fields, 'bool', d)); }
      case 2: case 3: { const a = this.arrSource(d); return this.call('map', a.text, this.closure(a.elem, a.fields, this.rng.pick(['str', 'num', 'any'] as const), d)); }
      case 4: this.tag('op:..'); return `${this.gen('num', d + 1)}..${this.numLit()}`;
      case 5: return this.call(this.rng.pick(['sort', 'reverse', 'uniq', 'flatten']), this.arrSource(d).text);
      case 6: return this.call('concat', this.arrSource(d).text, this.arrSource(d).text);
      case 7: return this.call('take', this.arrSource(d).text, String(this.rng.int(4)));
      case 8: return this.call(this.rng.pick(['split', 'splitAfter']), this.gen('str', d + 1), this.rng.pick(['"/"', '","', '""']));
      case 9: { this.tag('slice'); const a = this.arrSource(d); const x = this.rng.int(4) - 1; const y = this.rng.int(5) - 1;
        return `${this.paren(a.text)}[${this.rng.pick([`${x}:${y}`, `:${y}`, `${x}:`, ':'])}]`; }
      case 10: { this.tag('lit:array'); const xs = Array.from({ length: 1 + this.rng.int(3) }, () => this.gen('any', d + 1)); return `[${xs.join(', ')}]`; }
      // keys() order is Go's random map order: only sorted keys (always strings) are deterministic.
      case 11: this.tag('fn:keys', 'fn:sort'); return `sort(keys(${this.gen('map', d + 1)}))`;
      case 12: { const a = this.arrSource(d); this.tag('fn:sortBy'); return `sortBy(${a.text}, ${this.closure(a.elem, a.fields, this.rng.pick(['num', 'str'] as const), d)}${this.rng.chance(0.3) ? ', "desc"' : ''})`; }
      case 13: this.tag('fn:toPairs', 'fn:values', 'fn:len'); return `${this.rng.pick(['len(toPairs(', 'len(values('])}${this.gen('map', d + 1)}))`;
      case 14: { this.tag('fn:reduce', 'closure-#acc'); const a = this.arrSource(d); return `reduce(${a.text}, ${this.withScope([{ name: '#', type: a.elem, fields: a.fields }, { name: '#acc', type: 'arr' }], () => `concat(#acc, [${this.gen('any', d + 1)}])`)}, [])`; }
      case 15: this.tag('ternary'); return `${this.gen('bool', d + 1)} ? ${this.gen('arr', d + 1)} : ${this.gen('arr', d + 1)}`;
      case 16: this.tag('op:??'); return `${this.gen('any', d + 1)} ?? ${this.gen('arr', d + 1)}`;
      default: return this.atom('arr');
    }
  }

  private genMap(d: number): string {
    const r = this.rng.int(10);
    switch (r) {
      case 0: case 1: {
        this.tag('lit:map');
        const n = 1 + this.rng.int(3);
        const entries = Array.from({ length: n }, (_, i) => {
          const k = this.rng.next();
          let key: string;
          if (k < 0.4) key = this.rng.pick(['a', 'b', 'name', 'ref', 'in']) + (i || '');
          else if (k < 0.7) key = JSON.stringify(this.rng.pick(['x', 'y', 'a b', '']) + i);
          else if (k < 0.85) key = String(i + this.rng.int(3));
          else { this.tag('lit:map-dynamic-key'); key = `(${this.gen('str', d + 1)})`; }
          return `${key}: ${this.gen('any', d + 1)}`;
        });
        return `{${entries.join(', ')}${this.rng.chance(0.15) ? (this.tag('lit:trailing-comma'), ',') : ''}}`;
      }
      case 2: return this.call('fromJSON', this.rng.pick(["'{\"a\": 1}'", "'{\"b\": [1, \"x\"]}'", "'{}'", this.gen('str', d + 1)]));
      case 3: { const a = this.arrSource(d); return this.call('groupBy', a.text, this.closure(a.elem, a.fields, this.rng.pick(['str', 'bool', 'num'] as const), d)); }
      case 4: return this.call('fromPairs', `[[${this.strLit()}, ${this.gen('any', d + 1)}]]`);
      case 5: this.tag('op:??'); return `${this.gen('any', d + 1)} ?? ${this.gen('map', d + 1)}`;
      default: return this.atom('map');
    }
  }
}

/** Damages a well-formed expression so it (very likely) becomes a syntax error. */
function damage(src: string, rng: Rng): string {
  const r = rng.int(7);
  const at = rng.int(src.length + 1);
  switch (r) {
    case 0: return src.slice(0, Math.max(1, at)); // truncated
    case 1: return src.slice(0, at) + rng.pick([')', '(', ',', ']', '}', '!', '?', ':', '.', '#', '@', '=', ';', '|', '&', "'", '"']) + src.slice(at);
    case 2: return src.slice(0, at) + src.slice(at + 1);
    case 3: return `${src} ${rng.pick(['and', 'or', '+', '==', 'in', 'not', '??', '|'])}`;
    case 4: return `${rng.pick(['*', '/', 'and ', ')', '==', '.'])}${src}`;
    case 5: return src.replace(/ (==|and|or|\+|&&|\|\|) /, ' $1 $1 ');
    default: return `(${src}`;
  }
}

/** Selectors and parameters as people write them in WorkflowEventBindings (mixed into the generated batch). */
const REALISTIC_SELECTORS = [
  'metadata["x-github-event"] == ["push"] && payload.ref == "refs/heads/main"',
  '"push" in metadata["x-github-event"] && payload.repository.full_name == "acme/app"',
  'metadata["x-github-event"] == ["push"] && payload.ref startsWith "refs/tags/v"',
  'payload.ref matches "^refs/heads/(main|release/.*)$" && !payload.deleted',
  'metadata["x-github-event"] == ["pull_request"] && payload.action in ["opened", "synchronize", "reopened"]',
  'payload.action == "closed" && payload.pull_request.merged == true && payload.pull_request.base.ref == "main"',
  'any(payload.pull_request.labels, .name == "deploy") && not payload.pull_request.draft',
  'payload.pull_request?.labels ?? [] | any(.name == "ci")',
  'any(payload.commits ?? [], any(#.modified, hasPrefix(#, "subpath/A/")))',
  'len(payload.commits) > 0 and payload.head_commit.message not contains "[skip ci]"',
  'payload.object_kind == "push" && payload.ref == "refs/heads/" + payload.project.default_branch',
  '"Merge Request Hook" in metadata["x-gitlab-event"] && payload.object_attributes.action in ["open", "update"]',
  'metadata["x-gitlab-token"] == ["s3cr3t"] && payload.object_attributes.target_branch == "master"',
  'payload.object_attributes?.labels ?? [] | any(.title == "API")',
  'metadata["x-event-key"] == ["repo:push"] && payload.push.changes[0].new.name == "main"',
  'any(payload.push?.changes ?? [], .new?.type == "branch" && .new?.name startsWith "release/")',
  'discriminator == "github" && namespace == "argo"',
  'payload.appellation != ""',
  'payload.message matches "(?i)hello" || payload.flag',
  'metadata["x-argo-e2e"] == ["true"]',
];
const REALISTIC_PARAMETERS = [
  'payload.ref', 'split(payload.ref, "/")[-1]', 'trimPrefix(payload.ref, "refs/heads/")', 'payload.after[:7]',
  'payload.head_commit?.message ?? ""', 'payload.pull_request.head.ref', 'payload.pull_request.head.sha[0:8]',
  'payload.repository.full_name', 'payload.commits | map(.id[:7]) | join(",")', 'toJSON(payload.commits)',
  'payload.object_attributes.source_branch', 'payload.project.path_with_namespace', 'payload.user_username ?? payload.user?.username',
  'payload.push.changes[0].new.target.hash', 'payload.actor.display_name', 'string(payload.number)', 'payload.number',
  'payload.pull_request.labels | map(.name)', 'metadata["x-github-delivery"][0]', 'upper(discriminator) + "-" + namespace',
  'reduce(payload.commits ?? [], concat(#acc, #.added, #.modified), [])', 'payload.appellation', 'payload.items | sortBy(.price) | map(.name)',
];

const COMMENTS = [(s: string) => `${s} // trailing comment`, (s: string) => `/* leading */ ${s}`, (s: string) => `${s}\n// note`];

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Event names to draw from (default: every sample event except the spec-only "mock"). */
  events?: string[];
  /** Extra events (e.g. the corpus push) that get a small share of the cases. */
  extraEvents?: Record<string, OracleEvent>;
  profile?: string;
  idPrefix?: string;
}

/** Generates `count` cases; the same options always give the same cases. */
export function generateCases(opts: GenerateOptions): FixtureCase[] {
  const rng = new Rng(opts.seed);
  const names = opts.events ?? Object.keys(EVENTS).filter((n) => n !== 'mock');
  const all: Record<string, OracleEvent> = { ...EVENTS, ...(opts.extraEvents ?? {}) };
  const extra = Object.keys(opts.extraEvents ?? {});
  // Weight realistic webhook events higher than the scalar edge cases.
  const weighted = names.flatMap((n) => (/^(github|gitlab|bitbucket|custom|spec)/.test(n) ? [n, n, n, n] : [n]));
  const out: FixtureCase[] = [];
  const seen = new Set<string>();
  let attempts = 0;
  while (out.length < opts.count && attempts < opts.count * 20) {
    attempts++;
    const evName = extra.length && rng.chance(0.03) ? rng.pick(extra) : rng.pick(weighted);
    const ev = all[evName];
    const mode = rng.chance(0.6) ? 'selector' : 'parameter';
    const g = new Gen(rng, leavesOf(ev, rng), rng.chance(0.5) ? 0.06 : 0.0);
    let src: string;
    if (rng.chance(0.15)) {
      // A realistic binding expression (it may not fit this event: that is realistic too), sometimes combined.
      g.tags.add('realistic');
      src = rng.pick(mode === 'selector' ? REALISTIC_SELECTORS : REALISTIC_PARAMETERS);
      if (mode === 'selector' && rng.chance(0.3)) src = `${src} ${rng.pick(['&&', '||', 'and', 'or'])} ${g.gen('bool', 1)}`;
    } else {
      src = mode === 'selector' ? g.gen(rng.chance(0.93) ? 'bool' : 'any') : g.gen(rng.pick(['str', 'str', 'num', 'any', 'arr', 'map', 'bool'] as const));
    }
    if (rng.chance(0.04)) { g.tags.add('comment'); src = rng.pick(COMMENTS)(src); }
    if (rng.chance(0.03)) { g.tags.add('sequence'); src = `${g.gen('any', 2)}; ${src}`; }
    if (rng.chance(0.08)) { g.tags.add('fault:syntax'); src = damage(src, rng); }
    if (src.length > 400 || src.trim() === '') continue;
    const key = `${mode}\0${evName}\0${src}`;
    if (seen.has(key)) continue;
    seen.add(key);
    g.tags.add(`mode:${mode}`);
    out.push({
      id: `${opts.idPrefix ?? 'gen'}-${opts.seed}-${out.length + 1}`,
      tags: [`event:${evName}`, ...[...g.tags].sort()],
      request: { mode, expression: src, event: ev, ...(opts.profile ? { profile: opts.profile } : {}) },
    });
  }
  return out;
}

/** Constructs of CONSTRUCTS that no case covers. */
export function missingConstructs(cases: FixtureCase[]): string[] {
  const seen = new Set(cases.flatMap((c) => c.tags));
  return CONSTRUCTS.filter((c) => !seen.has(c));
}

const SOUP_TOKENS = [
  'payload', 'metadata', 'discriminator', 'namespace', '$env', 'foo', '#', '#index', '#acc', '.', '?.', ',', ':', ';',
  '(', ')', '[', ']', '{', '}', '+', '-', '*', '/', '%', '**', '^', '==', '!=', '<', '>', '<=', '>=', '!', '?', '??',
  '&&', '||', '|', '..', '...', '=', '&', '@', '~', '\\', 'and', 'or', 'not', 'in', 'matches', 'contains', 'startsWith',
  'endsWith', 'let', 'if', 'else', 'true', 'false', 'nil', 'null', '0', '1', '42', '1.5', '.5', '1e3', '0x1F', '0b12',
  '0o8', '1_', '"s"', "'t'", '`r`', '"unterminated', "'\\q'", '"\\u{110000}"', '"\\x4"', 'len', 'filter', 'map', 'all',
  'upper', 'split', 'toJSON', '::', 'é', '北京', '\n', '\t', ' ', '//c\n', '/*c*/', '/*',
];

/** Random token sequences (parser fuzzing, compared with the oracle like every other case). */
export function generateTokenSoup(opts: { seed: number; count: number; profile?: string; idPrefix?: string }): FixtureCase[] {
  const rng = new Rng(opts.seed);
  const names = ['custom', 'github-push', 'null-payload', 'array-payload'];
  const out: FixtureCase[] = [];
  for (let i = 0; i < opts.count; i++) {
    const n = 1 + rng.int(rng.chance(0.7) ? 6 : 16);
    let src = '';
    for (let k = 0; k < n; k++) src += (rng.chance(0.5) ? ' ' : '') + rng.pick(SOUP_TOKENS);
    const evName = rng.pick(names);
    const mode = rng.chance(0.5) ? 'selector' : 'parameter';
    out.push({
      id: `${opts.idPrefix ?? 'soup'}-${opts.seed}-${i + 1}`,
      tags: [`event:${evName}`, 'fault:token-soup', `mode:${mode}`],
      request: { mode, expression: src, event: EVENTS[evName], ...(opts.profile ? { profile: opts.profile } : {}) },
    });
  }
  return out;
}
