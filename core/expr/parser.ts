// Precedence-climbing (Pratt) parser for expr-lang's grammar, producing our own AST.
import { goQuote } from '../go/strings';
import { isValidIdentifier, lex, type LexResult, type Token, type TokKind } from './lexer';
import type { Features } from './profile';

export interface Loc { from: number; to: number }                 // rune offsets (expr's positions)
export interface ANode { kind: string; loc: Loc; [k: string]: any } // eslint-disable-line @typescript-eslint/no-explicit-any

export const MAX_NODES = 10000;        // expr's conf.DefaultMaxNodes
export const MAX_DEPTH = 1200;         // our own bound on syntactic nesting (JS stack safety)

/** Lookup tables never inherit Object.prototype (so `constructor`, `toString` are not table entries). */
function nullProto<T extends object>(o: T): T { return Object.assign(Object.create(null), o); }

const UNARY: Record<string, number> = nullProto({ not: 50, '!': 50, '-': 90, '+': 90 });
const BINARY: Record<string, [number, 'L' | 'R']> = nullProto({
  '|': [0, 'L'], or: [10, 'L'], '||': [10, 'L'], and: [15, 'L'], '&&': [15, 'L'],
  '==': [20, 'L'], '!=': [20, 'L'], '<': [20, 'L'], '>': [20, 'L'], '>=': [20, 'L'], '<=': [20, 'L'],
  in: [20, 'L'], matches: [20, 'L'], contains: [20, 'L'], startsWith: [20, 'L'], endsWith: [20, 'L'],
  '..': [25, 'L'], '+': [30, 'L'], '-': [30, 'L'], '*': [60, 'L'], '/': [60, 'L'], '%': [60, 'L'],
  '**': [100, 'R'], '^': [100, 'R'], '??': [500, 'L'],
});
const NEGATE_SUFFIX = new Set(['contains', 'matches', 'startsWith', 'endsWith', 'in']);
const isComparison = (op: string): boolean => op === '<' || op === '>' || op === '>=' || op === '<=';

const E = 1, P = 2, OPT = 128;
export const PREDICATES: Record<string, number[]> = nullProto({
  all: [E, P], none: [E, P], any: [E, P], one: [E, P], filter: [E, P], map: [E, P],
  count: [E, P | OPT], sum: [E, P | OPT], find: [E, P], findIndex: [E, P], findLast: [E, P], findLastIndex: [E, P],
  groupBy: [E, P], sortBy: [E, P, E | OPT], reduce: [E, P, E | OPT],
});
export const BUILTIN_NAMES = new Set([
  'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count', 'sum',
  'groupBy', 'sortBy', 'reduce', 'len', 'type', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'trim',
  'trimPrefix', 'trimSuffix', 'upper', 'lower', 'split', 'splitAfter', 'replace', 'repeat', 'join', 'indexOf',
  'lastIndexOf', 'hasPrefix', 'hasSuffix', 'max', 'min', 'mean', 'median', 'toJSON', 'fromJSON', 'toBase64', 'fromBase64', 'now', 'duration',
  'date', 'timezone', 'first', 'last', 'get', 'take', 'keys', 'values', 'toPairs', 'fromPairs', 'reverse', 'uniq',
  'concat', 'flatten', 'sort', 'bitnot', 'bitand', 'bitor', 'bitxor', 'bitnand', 'bitshl', 'bitshr', 'bitushr',
]);

export function tokenString(t: Token): string {
  if (t.value === '') return t.kind;
  return `${t.kind}(${goQuote(t.value)})`;
}

class ParseFail extends Error { constructor(readonly msg: string, readonly loc: Loc) { super(msg); } }

/** Parses an expression (the parser's state and functions are made once: parsing is never re-entrant, and
 *  creating its two dozen inner functions per call cost more than parsing a short expression). */
const NO_TOKENS: LexResult = { tokens: [] };
const EOF_TOKEN: Token = { kind: 'EOF', value: '', from: 0, to: 0 };
export const parseExpr = ((): ((src: string, f: Features) => ANode) => {
  let f: Features;
  let lr: LexResult = NO_TOKENS;
  let toks: Token[] = NO_TOKENS.tokens;
  let pos = 0;
  let cur: Token = EOF_TOKEN;
  let depth = 0;          // predicate depth
  let nest = 0;           // syntactic nesting
  let nodeCount = 0;
  const lexFail = (): never => { const e = lr.error!; throw new ParseFail(e.message, { from: e.from, to: e.to }); };

  const err = (msg: string, t: Token = cur): never => { throw new ParseFail(msg, { from: t.from, to: t.to }); };
  const is = (t: Token, kind: TokKind, value?: string): boolean =>
    t.kind === kind && (value === undefined || t.value === value);
  const next = (): void => {
    pos++;
    if (pos >= toks.length) {
      if (lr.error) lexFail();
      err('unexpected end of expression');
    }
    cur = toks[pos];
  };
  const expect = (kind: TokKind, value?: string): void => {
    if (is(cur, kind, value)) { next(); return; }
    err(`unexpected token ${tokenString(cur)}`);
  };
  const node = (kind: string, loc: Loc, fields: Record<string, unknown>): ANode => {
    nodeCount++;
    if (nodeCount > MAX_NODES) err('compilation failed: expression exceeds maximum allowed nodes');
    return { kind, loc: { from: loc.from, to: loc.to }, ...fields };
  };
  const enter = (): void => { if (++nest > MAX_DEPTH) err(`compilation failed: expression is nested deeper than ${MAX_DEPTH} levels`); };
  const leave = (): void => { nest--; };

  function parseSequence(): ANode {
    const nodes = [parseExpression(0)];
    while (is(cur, 'Operator', ';')) {
      if (!f.ifElse) break;
      next();
      if (cur.kind === 'EOF') break;
      nodes.push(parseExpression(0));
    }
    if (nodes.length === 1) return nodes[0];
    return node('Sequence', nodes[0].loc, { nodes });
  }

  function parseExpression(precedence: number): ANode {
    enter();
    try {
      if (precedence === 0 && f.let && is(cur, 'Operator', 'let')) return parseLet();
      if (precedence === 0 && f.ifElse && is(cur, 'Operator', 'if')) return parseIf();
      let left = parsePrimary();
      let prevOperator = '';
      let opToken = cur;
      while (opToken.kind === 'Operator') {
        const negate = opToken.value === 'not';
        let notToken: Token | undefined;
        if (negate) {
          const backupPos = pos;
          next();
          if (NEGATE_SUFFIX.has(cur.value)) {
            const op = BINARY[cur.value];
            if (op && op[0] >= precedence) { notToken = cur; opToken = cur; }
            else { pos = backupPos; cur = toks[pos]; break; }
          } else {
            err(`unexpected token ${tokenString(cur)}`);
          }
        }
        const op = BINARY[opToken.value];
        if (op && op[0] >= precedence) {
          next();
          if (opToken.value === '|') {
            const ident = cur;
            expect('Identifier');
            left = parseCall(ident, [left], true);
          } else {
            if (prevOperator === '??' && opToken.value !== '??') {
              err(`Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, opToken);
            }
            if (isComparison(opToken.value)) {
              left = parseComparison(left, opToken, op[0]);
            } else {
              const right = parseExpression(op[1] === 'L' ? op[0] + 1 : op[0]);
              left = node('Binary', opToken, { op: opToken.value, left, right });
              if (negate) left = node('Unary', notToken!, { op: 'not', node: left });
            }
          }
          prevOperator = opToken.value;
          opToken = cur;
          continue;
        }
        break;
      }
      if (precedence === 0) left = parseConditional(left);
      return left;
    } finally { leave(); }
  }

  function parseLet(): ANode {
    expect('Operator', 'let');
    const name = cur;
    expect('Identifier');
    expect('Operator', '=');
    const value = parseExpression(0);
    expect('Operator', ';');
    const expr = parseSequence();
    return node('VariableDeclarator', name, { name: name.value, value, expr });
  }

  function parseIf(): ANode {
    const start = cur;
    next();
    const cond = parseExpression(0);
    expect('Bracket', '{');
    const exp1 = parseSequence();
    expect('Bracket', '}');
    expect('Operator', 'else');
    let exp2: ANode;
    if (f.elseIf && is(cur, 'Operator', 'if')) exp2 = parseIf();
    else {
      expect('Bracket', '{');
      exp2 = parseSequence();
      expect('Bracket', '}');
    }
    // expr does not set a location on if/else nodes (0:0)
    return node('Conditional', { from: 0, to: 0 }, { cond, exp1, exp2, ternary: false, _start: start.from });
  }

  function parseConditional(n: ANode): ANode {
    while (is(cur, 'Operator', '?')) {
      next();
      let e1: ANode, e2: ANode;
      if (!is(cur, 'Operator', ':')) {
        e1 = parseExpression(0);
        expect('Operator', ':');
        e2 = parseExpression(0);
      } else {
        next();
        e1 = n;
        e2 = parseExpression(0);
      }
      n = node('Conditional', cur, { cond: n, exp1: e1, exp2: e2, ternary: true });
    }
    return n;
  }

  function parsePrimary(): ANode {
    const token = cur;
    if (token.kind === 'Operator' && UNARY[token.value] !== undefined) {
      next();
      const e = parseExpression(UNARY[token.value]);
      const n = node('Unary', token, { op: token.value, node: e });
      return parsePostfix(n);
    }
    if (is(token, 'Bracket', '(')) {
      next();
      const e = parseSequence();
      expect('Bracket', ')');
      return parsePostfix(e);
    }
    if (depth > 0 && (is(token, 'Operator', '#') || is(token, 'Operator', '.'))) {
      let name = '';
      if (is(token, 'Operator', '#')) {
        next();
        if (cur.kind === 'Identifier') { name = cur.value; next(); }
      }
      return parsePostfix(node('Pointer', token, { name }));
    }
    if (is(token, 'Operator', '::')) {
      next();
      const t = cur;
      expect('Identifier');
      return parsePostfix(parseCall(t, [], false));
    }
    return parseSecondary();
  }

  function parseSecondary(): ANode {
    const token = cur;
    let n: ANode;
    switch (token.kind) {
      case 'Identifier':
        next();
        if (token.value === 'true') return node('Bool', token, { value: true });
        if (token.value === 'false') return node('Bool', token, { value: false });
        if (token.value === 'nil') return node('Nil', token, {});
        if (is(cur, 'Bracket', '(')) n = parseCall(token, [], true);
        else n = node('Identifier', token, { value: token.value });
        break;
      case 'Number':
        next();
        return numberNode(token); // expr applies no postfix operators to a number literal
      case 'String':
        next();
        n = node('String', token, { value: token.value });
        break;
      case 'Bytes':
        next();
        n = node('Bytes', token, { value: token.value });
        break;
      default:
        if (is(token, 'Bracket', '[')) n = parseArray(token);
        else if (is(token, 'Bracket', '{')) n = parseMap(token);
        else return err(`unexpected token ${tokenString(token)}`);
    }
    return parsePostfix(n);
  }

  function numberNode(token: Token): ANode {
    const value = token.value.replace(/_/g, '');
    const low = value.toLowerCase();
    const intLit = (digits: string, base: number, kind: string): ANode => {
      const v = parseGoInt(digits, base);
      if (v === null) {
        err(`invalid ${kind} literal: strconv.ParseInt: parsing ${goQuote(value)}: ${/^[0-9a-f]*$/i.test(digits) && digits !== '' && validDigits(digits, base) ? 'value out of range' : 'invalid syntax'}`);
      }
      return node('Integer', token, { value: v });
    };
    if (low.startsWith('0x')) return intLit(value.slice(2), 16, 'hex');
    if (low.includes('.') || low.includes('e')) {
      const v = parseGoFloat(value);
      if (typeof v === 'string') err(`invalid float literal: strconv.ParseFloat: parsing ${goQuote(value)}: ${v}`);
      return node('Float', token, { value: v as number });
    }
    if (low.startsWith('0b')) return intLit(value.slice(2), 2, 'binary');
    if (low.startsWith('0o')) return intLit(value.slice(2), 8, 'octal');
    return intLit(value, 10, 'integer');
  }

  function parseCall(token: Token, args: ANode[], _checkOverrides: boolean): ANode {
    const pred = PREDICATES[token.value];
    if (pred) {
      expect('Bracket', '(');
      const rest = pred.slice(args.length);
      for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a & OPT) {
          if (is(cur, 'Bracket', ')')) break;
        } else if (is(cur, 'Bracket', ')')) {
          err(`expected at least ${rest.length} arguments`);
        }
        if (i > 0) expect('Operator', ',');
        args.push(a & E ? parseExpression(0) : parsePredicate());
      }
      if (is(cur, 'Operator', ',')) next();
      expect('Bracket', ')');
      return node('Builtin', token, { name: token.value, args });
    }
    if (BUILTIN_NAMES.has(token.value)) {
      return node('Builtin', token, { name: token.value, args: parseArguments(args) });
    }
    const callee = node('Identifier', token, { value: token.value });
    return node('Call', token, { callee, args: parseArguments(args) });
  }

  function parseArguments(args: ANode[]): ANode[] {
    const offset = args.length;
    expect('Bracket', '(');
    while (!is(cur, 'Bracket', ')')) {
      if (args.length > offset) expect('Operator', ',');
      if (is(cur, 'Bracket', ')')) break;
      args.push(parseExpression(0));
    }
    expect('Bracket', ')');
    return args;
  }

  function parsePredicate(): ANode {
    const start = cur;
    let brackets = false;
    if (is(cur, 'Bracket', '{')) { next(); brackets = true; }
    depth++;
    let n: ANode;
    if (brackets) n = parseSequence();
    else {
      n = parseExpression(0);
      if (is(cur, 'Operator', ';')) err('wrap predicate with brackets { and }');
    }
    depth--;
    if (brackets) expect('Bracket', '}');
    return node('Predicate', start, { node: n });
  }

  function parseArray(token: Token): ANode {
    const nodes: ANode[] = [];
    expect('Bracket', '[');
    while (!is(cur, 'Bracket', ']')) {
      if (nodes.length > 0) {
        expect('Operator', ',');
        if (is(cur, 'Bracket', ']')) break;
      }
      nodes.push(parseExpression(0));
    }
    expect('Bracket', ']');
    return node('Array', token, { nodes });
  }

  function parseMap(token: Token): ANode {
    expect('Bracket', '{');
    const pairs: ANode[] = [];
    while (!is(cur, 'Bracket', '}')) {
      if (pairs.length > 0) {
        expect('Operator', ',');
        if (is(cur, 'Bracket', '}')) break;
        if (is(cur, 'Operator', ',')) err(`unexpected token ${tokenString(cur)}`);
      }
      let key: ANode;
      if (cur.kind === 'Number' || cur.kind === 'String' || cur.kind === 'Identifier') {
        key = node('String', cur, { value: cur.value });
        next();
      } else if (is(cur, 'Bracket', '(')) {
        key = parseExpression(0);
      } else {
        return err(`a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${tokenString(cur)})`);
      }
      expect('Operator', ':');
      const value = parseExpression(0);
      pairs.push(node('Pair', token, { key, value }));
    }
    expect('Bracket', '}');
    return node('Map', token, { pairs });
  }

  function parsePostfix(n: ANode): ANode {
    let pt = cur;
    while (pt.kind === 'Operator' || pt.kind === 'Bracket') {
      const optional = pt.value === '?.';
      let isIndex = pt.value === '[';
      if (pt.value === '.' || pt.value === '?.') {
        next();
        const prop = cur;
        if (optional && is(prop, 'Bracket', '[')) {
          pt = prop;
          isIndex = true;
        } else {
          next();
          if (prop.kind !== 'Identifier' && (prop.kind !== 'Operator' || !isValidIdentifier(prop.value))) err('expected name');
          const property = node('String', prop, { value: prop.value });
          const isChain = n.kind === 'Chain';
          const base = isChain ? n.node : n;
          const member = node('Member', prop, { node: base, property, optional, method: false });
          if (is(cur, 'Bracket', '(')) {
            member.method = true;
            n = node('Call', prop, { callee: member, args: parseArguments([]) });
          } else n = member;
          if (isChain || optional) n = node('Chain', prop, { node: n });
          pt = cur;
          continue;
        }
      }
      if (isIndex) {
        next();
        if (is(cur, 'Operator', ':')) {
          next();
          let to: ANode | undefined;
          if (!is(cur, 'Bracket', ']')) to = parseExpression(0);
          n = node('Slice', pt, { node: n, from: undefined, to });
          expect('Bracket', ']');
        } else {
          const from = parseExpression(0);
          if (is(cur, 'Operator', ':')) {
            next();
            let to: ANode | undefined;
            if (!is(cur, 'Bracket', ']')) to = parseExpression(0);
            n = node('Slice', pt, { node: n, from, to });
            expect('Bracket', ']');
          } else {
            n = node('Member', pt, { node: n, property: from, optional, method: false });
            if (optional) n = node('Chain', pt, { node: n });
            expect('Bracket', ']');
          }
        }
      } else break;
      pt = cur;
    }
    return n;
  }

  function parseComparison(left: ANode, token: Token, precedence: number): ANode {
    let root: ANode | undefined;
    for (;;) {
      const cmp = parseExpression(precedence + 1);
      const c = node('Binary', token, { op: token.value, left, right: cmp });
      root = root ? node('Binary', token, { op: '&&', left: root, right: c }) : c;
      left = cmp;
      token = cur;
      if (!(token.kind === 'Operator' && isComparison(token.value))) break;
      next();
    }
    return root;
  }

  return (src: string, f0: Features): ANode => {
    f = f0;
    lr = lex(src, f);
    toks = lr.tokens;
    pos = 0;
    depth = 0;
    nest = 0;
    nodeCount = 0;
    try {
      if (toks.length === 0 || (lr.error && f.eagerLexer)) lexFail();
      cur = toks[0];
      const tree = parseSequence();
      if (cur.kind !== 'EOF') err(`unexpected token ${tokenString(cur)}`);
      return tree;
    } finally {
      // keep nothing of this source alive until the next call
      lr = NO_TOKENS; toks = NO_TOKENS.tokens; cur = EOF_TOKEN;
    }
  };
})();

function validDigits(d: string, base: number): boolean {
  for (const c of d.toLowerCase()) {
    const v = parseInt(c, 36);
    if (!(v < base)) return false;
  }
  return true;
}

const INT64_MAX = (1n << 63n) - 1n;
function parseGoInt(digits: string, base: number): bigint | null {
  if (digits === '' || !validDigits(digits, base)) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const c of digits.toLowerCase()) v = v * b + BigInt(parseInt(c, 36));
  if (v > INT64_MAX) return null;
  return v;
}

/** Go strconv.ParseFloat (returns the error tail on failure). */
export function parseGoFloat(s: string): number | string {
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return 'invalid syntax';
  const v = Number(s);
  if (!Number.isFinite(v)) return 'value out of range';
  return v;
}

export { ParseFail };
