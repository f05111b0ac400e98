// Optimizer (the rewrites of expr's optimizer that change visible results) and code generation to closures.
import type { ANode, Loc } from './parser';
import { ARRAY_ANY, BOOL, FLOAT, INT, STRING, isUnknown, type Nat } from './natures';
import { compileRegex, regexFind, type Regex } from './regex';
import {
  add, compare, deepEqual, displayString, div, equal, fetch, fromUtf8, goFloatToInt, goPow, inOp, isAscii, makeRange, mod, mul, negate, pow,
  slice, sub, toFloat64, toInt, utf8, compareUtf8,
} from './runtime';
import { goJsonSyntaxError, marshal } from './gojson';
import { callDurationMethod, callTimeMethod, exprDate, loadLocation } from './gotime';
import {
  GoBytes, GoDuration, GoNamedInt, GoTime, GoUint8, RuntimeError, U8, formatS, formatV, goType, isNilSlice, unU8, nilSlice, rtErr, sortedKeys, tagged, wrap,
} from './values';
import type { Features } from './profile';

export class OptimizeFail extends Error { constructor(readonly msg: string, readonly loc: Loc | undefined) { super(msg); } }
export class LocatedError extends Error { constructor(readonly msg: string, readonly loc: Loc) { super(msg); } }

export const MEMORY_BUDGET = 1e6;           // expr's conf.DefaultMemoryBudget
export const OPERATION_BUDGET = 2e7;        // our own guard against hostile expressions (loop iterations)
export const MAX_STRING = 8 * 1024 * 1024;  // our own cap on produced string sizes

// ---------------------------------------------------------------- optimizer

const lit = (n: ANode, kind: string, value: unknown, t: Nat): ANode => ({ kind, loc: n.loc, value, t });

export function optimize(root: ANode, f?: Features): ANode {
  root = foldingPasses(root);
  root = walk(root, inRange);
  root = walk(root, filterMap);
  root = walk(root, filterLen);
  root = walk(root, filterLast);
  root = walk(root, filterFirst);
  root = walk(root, predicateCombination);
  if (f?.rangeCountOptimizers) root = walk(root, sumRange);
  root = walk(root, sumArray);
  root = walk(root, sumMap);
  if (f?.rangeCountOptimizers) { root = walk(root, countAny); root = walk(root, countThreshold); }
  return root;
}

/** The first optimizer passes: `in [literals]` sets and constant folding (repeated until nothing changes). Folding
 *  can fail (integer divide by zero) and can remove or create subtrees (`false && …`, `"a" + "b"`), so a compile
 *  error can depend on it. The passes after it (inRange … countThreshold) only rearrange nodes that already passed
 *  the checker and never fail; lintGen relies on that (see lintCompile in index.ts). */
export function foldingPasses(root: ANode): ANode {
  root = walk(root, inArray);
  for (let i = 0; i < 1000; i++) {
    foldApplied = false;
    root = walk(root, foldTracked);
    if (!foldApplied) break;
  }
  return root;
}
let foldApplied = false;
function foldTracked(n: ANode): ANode { const r = fold(n); if (r !== n) foldApplied = true; return r; }

// ---- the filter/sum/count rewrites of expr's optimizer (they change error order and early termination)
const ZERO: Loc = { from: 0, to: 0 };
const builtin = (n: ANode, name: string, args: ANode[], extra: Record<string, unknown> = {}): ANode =>
  ({ kind: 'Builtin', loc: n.loc, name, args, t: n.t, ...extra });
const isFilter2 = (x: ANode): boolean => x.kind === 'Builtin' && x.name === 'filter' && x.args.length === 2;

function containsIndexPointer(n: ANode): boolean {
  if (n.kind === 'Pointer' && n.name === 'index') return true;
  return children(n).some(containsIndexPointer);
}
function filterMap(n: ANode): ANode {
  if (n.kind === 'Builtin' && n.name === 'map' && n.args.length === 2 && !containsIndexPointer(n.args[1]) &&
      n.args[1].kind === 'Predicate' && n.args[0].kind === 'Builtin' && n.args[0].name === 'filter' && !n.args[0].map) {
    return builtin(n, 'filter', n.args[0].args, { map: n.args[1].node });
  }
  return n;
}
function filterLen(n: ANode): ANode {
  if (n.kind === 'Builtin' && n.name === 'len' && n.args.length === 1 && isFilter2(n.args[0])) return builtin(n, 'count', n.args[0].args);
  return n;
}
function filterLast(n: ANode): ANode {
  if (n.kind === 'Member' && !n.optional && n.property.kind === 'Integer' && n.property.value === -1n && isFilter2(n.node)) {
    return builtin(n, 'findLast', n.node.args, { throws: true, map: n.node.map });
  }
  if (n.kind === 'Builtin' && n.name === 'last' && n.args.length === 1 && isFilter2(n.args[0])) {
    return builtin(n, 'findLast', n.args[0].args, { throws: false, map: n.args[0].map });
  }
  return n;
}
function filterFirst(n: ANode): ANode {
  if (n.kind === 'Member' && !n.optional && n.property.kind === 'Integer' && n.property.value === 0n && isFilter2(n.node)) {
    return builtin(n, 'find', n.node.args, { throws: true, map: n.node.map });
  }
  if (n.kind === 'Builtin' && n.name === 'first' && n.args.length === 1 && isFilter2(n.args[0])) {
    return builtin(n, 'find', n.args[0].args, { throws: false, map: n.args[0].map });
  }
  return n;
}
function sameTree(a: ANode, b: ANode): boolean {
  if (a.kind !== b.kind) return false;
  for (const k of ['value', 'name', 'op', 'optional', 'method']) if (a[k] !== b[k] && !(typeof a[k] === 'object' && JSON.stringify(a[k], big) === JSON.stringify(b[k], big))) return false;
  const ca = children(a), cb = children(b);
  return ca.length === cb.length && ca.every((x, i) => sameTree(x, cb[i]));
}
const big = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);
function predicateCombination(n: ANode): ANode {
  if (n.kind !== 'Binary' || !['and', '&&', 'or', '||'].includes(n.op)) return n;
  const l = n.left, r = n.right;
  if (l.kind !== 'Builtin' || r.kind !== 'Builtin' || l.name !== r.name || l.args.length < 2 || r.args.length < 2) return n;
  let op: string | undefined;
  if (l.name === 'all' && (n.op === 'and' || n.op === '&&')) op = n.op;
  else if (l.name === 'any' && (n.op === 'or' || n.op === '||')) op = n.op;
  else if (l.name === 'none' && (n.op === 'and' || n.op === '&&')) op = n.op === 'and' ? 'or' : '||';
  if (!op || !sameTree(l.args[0], r.args[0]) || l.args[0].t?.s !== r.args[0].t?.s) return n;
  let pred: ANode = { kind: 'Predicate', loc: ZERO, node: { kind: 'Binary', loc: ZERO, op, left: l.args[1].node, right: r.args[1].node, t: BOOL } };
  pred = { ...pred, node: predicateCombination(pred.node) };
  return builtin(n, l.name, [l.args[0], pred]);
}
function sumArrayFold(nodes: ANode[]): ANode {
  if (nodes.length > 2) return { kind: 'Binary', loc: ZERO, op: '+', left: nodes[0], right: sumArrayFold(nodes.slice(1)) };
  return { kind: 'Binary', loc: ZERO, op: '+', left: nodes[0], right: nodes[1] };
}
function sumArray(n: ANode): ANode {
  if (n.kind === 'Builtin' && n.name === 'sum' && n.args.length === 1 && n.args[0].kind === 'Array' && n.args[0].nodes.length >= 2) {
    return { ...sumArrayFold(n.args[0].nodes), loc: n.loc, t: n.t };
  }
  return n;
}
function sumMap(n: ANode): ANode {
  if (n.kind === 'Builtin' && n.name === 'sum' && n.args.length === 1 && n.args[0].kind === 'Builtin' && n.args[0].name === 'map' && n.args[0].args.length === 2) {
    return builtin(n, 'sum', [n.args[0].args[0], n.args[0].args[1]]);
  }
  return n;
}
function sumRange(n: ANode): ANode {
  const rangeOf = (x: ANode): [bigint, bigint] | undefined =>
    x.kind === 'Binary' && x.op === '..' && x.left.kind === 'Integer' && x.right.kind === 'Integer' ? [x.left.value, x.right.value] : undefined;
  const intLit = (v: bigint): ANode => ({ kind: 'Integer', loc: n.loc, value: wrap(v), t: INT });
  if (n.kind === 'Builtin' && n.name === 'sum' && (n.args.length === 1 || n.args.length === 2)) {
    const r = rangeOf(n.args[0]);
    if (r && r[1] >= r[0]) {
      const [m, k] = r;
      const count = wrap(k - m + 1n);
      const sum = wrap(wrap(count * wrap(m + k)) / 2n);
      if (n.args.length === 1) return intLit(sum);
      const p = n.args[1];
      if (p.kind === 'Predicate') {
        if (p.node.kind === 'Pointer' && p.node.name === '') return intLit(sum);
        if (p.node.kind === 'Binary') {
          const b = p.node;
          let c: bigint | undefined; let pointerLeft = false;
          if (b.left.kind === 'Pointer' && b.left.name === '' && b.right.kind === 'Integer') { c = b.right.value; pointerLeft = true; }
          else if (b.left.kind === 'Integer' && b.right.kind === 'Pointer' && b.right.name === '') c = b.left.value;
          if (c !== undefined) {
            if (b.op === '*') return intLit(c * sum);
            if (b.op === '+') return intLit(sum + count * c);
            if (b.op === '-') return intLit(pointerLeft ? sum - count * c : count * c - sum);
          }
        }
      }
    }
  }
  if (n.kind === 'Builtin' && n.name === 'reduce' && (n.args.length === 2 || n.args.length === 3)) {
    const r = rangeOf(n.args[0]);
    const p = n.args[1];
    const isPtrAcc = p.kind === 'Predicate' && p.node.kind === 'Binary' && p.node.op === '+' &&
      p.node.left.kind === 'Pointer' && p.node.right.kind === 'Pointer' &&
      ((p.node.left.name === '' && p.node.right.name === 'acc') || (p.node.left.name === 'acc' && p.node.right.name === ''));
    if (r && isPtrAcc && r[1] >= r[0]) {
      const sum = wrap(wrap((r[1] - r[0] + 1n) * (r[0] + r[1])) / 2n);
      if (n.args.length === 3) { if (n.args[2].kind === 'Integer') return intLit(n.args[2].value + sum); }
      else return intLit(sum);
    }
  }
  return n;
}
function countAny(n: ANode): ANode {
  if (n.kind === 'Binary' && n.left.kind === 'Builtin' && n.left.name === 'count' && n.left.args.length === 2 && n.right.kind === 'Integer') {
    const v = n.right.value as bigint;
    if ((n.op === '>' && v === 0n) || (n.op === '>=' && v === 1n)) return builtin(n, 'any', n.left.args);
  }
  return n;
}
function countThreshold(n: ANode): ANode {
  if (n.kind === 'Binary' && n.left.kind === 'Builtin' && n.left.name === 'count' && n.left.args.length === 2 && n.right.kind === 'Integer') {
    const v = n.right.value as bigint;
    if (v < 0n) return n;
    const t = n.op === '>' || n.op === '<=' ? v + 1n : n.op === '>=' || n.op === '<' ? v : -1n;
    if (t > 1n) n.left.threshold = Number(t);
  }
  return n;
}

/** Post-order rewrite of the tree (children first), with per-kind child lists. */
function walk(n: ANode, f: (n: ANode) => ANode): ANode {
  switch (n.kind) {
    case 'Unary': case 'Chain': case 'Predicate': n.node = walk(n.node, f); break;
    case 'Binary': n.left = walk(n.left, f); n.right = walk(n.right, f); break;
    case 'Member': n.node = walk(n.node, f); n.property = walk(n.property, f); break;
    case 'Slice': n.node = walk(n.node, f); if (n.from) n.from = walk(n.from, f); if (n.to) n.to = walk(n.to, f); break;
    case 'Call': n.callee = walk(n.callee, f); walkList(n.args, f); break;
    case 'Builtin': walkList(n.args, f); break;
    case 'Conditional': n.cond = walk(n.cond, f); n.exp1 = walk(n.exp1, f); n.exp2 = walk(n.exp2, f); break;
    case 'VariableDeclarator': n.value = walk(n.value, f); n.expr = walk(n.expr, f); break;
    case 'Sequence': case 'Array': walkList(n.nodes, f); break;
    case 'Map': for (const p of n.pairs) { p.key = walk(p.key, f); p.value = walk(p.value, f); } break;
    default: break;
  }
  return f(n);
}
function walkList(list: ANode[], f: (n: ANode) => ANode): void {
  for (let i = 0; i < list.length; i++) list[i] = walk(list[i], f);
}

/** Children of a node (for read-only traversals). */
export function children(n: ANode): ANode[] {
  switch (n.kind) {
    case 'Unary': case 'Chain': case 'Predicate': return [n.node];
    case 'Binary': return [n.left, n.right];
    case 'Member': return [n.node, n.property];
    case 'Slice': return [n.node, n.from, n.to].filter(Boolean);
    case 'Call': return [n.callee, ...n.args];
    case 'Builtin': return n.args;
    case 'Conditional': return [n.cond, n.exp1, n.exp2];
    case 'VariableDeclarator': return [n.value, n.expr];
    case 'Sequence': case 'Array': return n.nodes;
    case 'Map': return n.pairs.flatMap((p: ANode) => [p.key, p.value]);
    default: return [];
  }
}

function inArray(n: ANode): ANode {
  if (n.kind === 'Binary' && n.op === 'in' && n.right.kind === 'Array' && n.right.nodes.length > 0) {
    const nodes: ANode[] = n.right.nodes;
    const lt: Nat | undefined = n.left.t;
    if (lt && lt.k === 'int' && nodes.every((x) => x.kind === 'Integer')) {
      const set = new Set(nodes.map((x) => x.value as bigint));
      return { ...n, right: { kind: 'Constant', loc: n.right.loc, value: { intSet: set } } };
    }
    if (nodes.every((x) => x.kind === 'String')) {
      const set = new Set(nodes.map((x) => x.value as string));
      return { ...n, right: { kind: 'Constant', loc: n.right.loc, value: { strSet: set } } };
    }
  }
  return n;
}

function inRange(n: ANode): ANode {
  if (n.kind === 'Binary' && n.op === 'in' && n.left.t && n.left.t.k === 'int' && n.right.kind === 'Binary' &&
      n.right.op === '..' && n.right.left.kind === 'Integer' && n.right.right.kind === 'Integer') {
    return {
      kind: 'Binary', loc: n.loc, op: 'and', t: n.t,
      left: { kind: 'Binary', loc: { from: 0, to: 0 }, op: '>=', left: n.left, right: n.right.left, t: BOOL },
      right: { kind: 'Binary', loc: { from: 0, to: 0 }, op: '<=', left: n.left, right: n.right.right, t: BOOL },
    };
  }
  return n;
}

function I(x: ANode): bigint | undefined { return x.kind === 'Integer' ? x.value : undefined; }
function F(x: ANode): number | undefined { return x.kind === 'Float' ? x.value : undefined; }
function Sx(x: ANode): string | undefined { return x.kind === 'String' ? x.value : undefined; }
function B(x: ANode): boolean | undefined { return x.kind === 'Bool' ? x.value : undefined; }

function fold(n: ANode): ANode {
  if (n.kind === 'Unary') {
    const i = I(n.node), f = F(n.node);
    if (n.op === '-') {
      if (i !== undefined) return lit(n, 'Integer', wrap(-i), INT);
      if (f !== undefined) return lit(n, 'Float', -f, FLOAT);
    } else if (n.op === '+') {
      if (i !== undefined) return lit(n, 'Integer', i, INT);
      if (f !== undefined) return lit(n, 'Float', f, FLOAT);
    } else {
      const b = B(n.node);
      if (b !== undefined) return lit(n, 'Bool', !b, BOOL);
    }
    return n;
  }
  if (n.kind === 'Binary') {
    const l = n.left, r = n.right;
    const li = I(l), ri = I(r), lf = F(l), rf = F(r);
    if (li === undefined && lf === undefined && Sx(l) === undefined && B(l) === undefined &&
        !(n.op === 'and' || n.op === '&&' || n.op === 'or' || n.op === '||')) return n;
    if (li === undefined && lf === undefined && ri === undefined && rf === undefined && Sx(l) === undefined && Sx(r) === undefined &&
        B(l) === undefined && B(r) === undefined) return n;
    const num = (fi: (a: bigint, b: bigint) => ANode | undefined, ff: (a: number, b: number) => number): ANode | undefined => {
      if (li !== undefined && ri !== undefined) return fi(li, ri);
      if (li !== undefined && rf !== undefined) return lit(n, 'Float', ff(Number(li), rf), FLOAT);
      if (lf !== undefined && ri !== undefined) return lit(n, 'Float', ff(lf, Number(ri)), FLOAT);
      if (lf !== undefined && rf !== undefined) return lit(n, 'Float', ff(lf, rf), FLOAT);
      return undefined;
    };
    let res: ANode | undefined;
    switch (n.op) {
      case '+':
        res = num((a, b) => lit(n, 'Integer', wrap(a + b), INT), (a, b) => a + b);
        if (!res && Sx(l) !== undefined && Sx(r) !== undefined) res = lit(n, 'String', Sx(l)! + Sx(r)!, STRING);
        break;
      case '-': res = num((a, b) => lit(n, 'Integer', wrap(a - b), INT), (a, b) => a - b); break;
      case '*': res = num((a, b) => lit(n, 'Integer', wrap(a * b), INT), (a, b) => a * b); break;
      case '/': res = num((a, b) => lit(n, 'Float', Number(a) / Number(b), FLOAT), (a, b) => a / b); break;
      case '%':
        if (li !== undefined && ri !== undefined) {
          if (ri === 0n) throw new OptimizeFail('integer divide by zero', n.loc);
          res = lit(n, 'Integer', ri === -1n ? 0n : li % ri, INT);
        }
        break;
      case '**': case '^':
        res = num((a, b) => lit(n, 'Float', goPow(Number(a), Number(b)), FLOAT), (a, b) => goPow(a, b));
        break;
      case 'and': case '&&': {
        const a = B(l), b = B(r);
        if (a === true) res = { ...r, t: n.t, loc: n.loc };
        else if (b === true) res = { ...l, t: n.t, loc: n.loc };
        else if (a === false || b === false) res = lit(n, 'Bool', false, BOOL);
        break;
      }
      case 'or': case '||': {
        const a = B(l), b = B(r);
        if (a === false) res = { ...r, t: n.t, loc: n.loc };
        else if (b === false) res = { ...l, t: n.t, loc: n.loc };
        else if (a === true || b === true) res = lit(n, 'Bool', true, BOOL);
        break;
      }
      case '==':
        if (li !== undefined && ri !== undefined) res = lit(n, 'Bool', li === ri, BOOL);
        else if (Sx(l) !== undefined && Sx(r) !== undefined) res = lit(n, 'Bool', Sx(l) === Sx(r), BOOL);
        else if (B(l) !== undefined && B(r) !== undefined) res = lit(n, 'Bool', B(l) === B(r), BOOL);
        break;
    }
    return res ?? n;
  }
  if (n.kind === 'Array' && n.nodes.length > 0 && !n.folded) {
    if (n.nodes.every((x: ANode) => x.kind === 'Integer' || x.kind === 'Float' || x.kind === 'String' || x.kind === 'Bool')) {
      return { kind: 'Constant', loc: n.loc, value: n.nodes.map((x: ANode) => x.value), t: ARRAY_ANY, constArray: true };
    }
  }
  if (n.kind === 'Builtin' && n.name === 'filter' && n.args.length === 2 && n.args[0].kind === 'Builtin' &&
      n.args[0].name === 'filter' && n.args[0].args.length === 2) {
    const base = n.args[0];
    return {
      ...n, args: [base.args[0], { ...n.args[1], node: { kind: 'Binary', loc: n.args[1].node.loc, op: '&&', left: base.args[1].node, right: n.args[1].node, t: BOOL } }],
    };
  }
  return n;
}

// ---------------------------------------------------------------- code generation

export interface Frame { item: unknown; index: number; acc: unknown; len: number }
export interface Scope { env: Map<string, unknown>; vars: unknown[]; frames: Frame[]; mem: number; ops: number; now?: GoTime; leak?: boolean; leakVal?: unknown; leakList?: unknown[] }
export type Fn = (s: Scope) => unknown;

const CHAIN_NIL = { chainNil: true };
const MAP_ITEM = { mapItem: true };
/** The element itself as a builtin's result: over a map, expr's VM fails to index it. */
function elem(arr: unknown[], i: number): unknown {
  const v = arr[i];
  return v === MAP_ITEM ? rtErr('reflect: call of reflect.Value.Index on map Value') : v;
}

function asBool(v: unknown): boolean {
  if (v === true || v === false) return v;
  return rtErr(`interface conversion: interface {} is ${v === null ? 'nil' : goType(v)}, not bool`);
}
function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  return rtErr(`interface conversion: interface {} is ${v === null ? 'nil' : goType(v)}, not string`);
}
export function memGrow(s: Scope, size: number): void {
  s.mem += size;
  if (s.mem >= MEMORY_BUDGET) rtErr('memory budget exceeded');
}
/** Work units of handling a value (string length/16, element count): what builtins and operators spend on it. */
function cost(v: unknown): number {
  if (typeof v === 'string') return v.length >> 2;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  return 0;
}
function tick(s: Scope, n = 1): void {
  s.ops += n;
  if (s.ops > OPERATION_BUDGET) rtErr('evaluation aborted: operation budget exceeded');
}

function at(fn: Fn, loc: Loc): Fn {
  return (s) => {
    try { return fn(s); } catch (e) {
      if (e instanceof RuntimeError) throw new LocatedError(e.message, loc);
      throw e;
    }
  };
}

export interface GenCtx { f: Features; predDepth: number; vars: string[] }

export function gen(n: ANode, c: GenCtx): Fn {
  switch (n.kind) {
    case 'Nil': return () => null;
    case 'Bool': { const v = n.value; return () => v; }
    case 'Integer': { const v = n.value; return () => v; }
    case 'Float': { const v = n.value; return () => v; }
    case 'String': { const v = n.value; return () => v; }
    case 'Bytes': { const v = n.value as string; return () => new GoBytes(utf8(v)); }
    case 'Constant': {
      const v = n.value;
      if (n.constArray) return () => (v as unknown[]).slice();
      return () => v;
    }
    case 'Identifier': {
      const name: string = n.value;
      const slot = c.vars.lastIndexOf(name);
      if (slot >= 0) return (s) => s.vars[slot];
      if (name === '$env') return (s) => s.env;
      return (s) => { const v = s.env.get(name); return v === undefined ? null : v; };
    }
    case 'Pointer': {
      const d = c.predDepth - 1;
      if (n.name === '') {
        return at((s) => {
          const it = s.frames[d].item;
          if (it === MAP_ITEM) rtErr('reflect: call of reflect.Value.Index on map Value');
          return it;
        }, n.loc);
      }
      if (n.name === 'index') return (s) => BigInt(s.frames[d].index);
      if (n.name === 'acc') return (s) => s.frames[d].acc;
      return () => null;
    }
    case 'Unary': {
      const x = gen(n.node, c);
      if (n.op === '!' || n.op === 'not') return at((s) => !asBool(x(s)), n.loc);
      if (n.op === '-') return at((s) => negate(x(s)), n.loc);
      return x; // expr emits no instruction for unary plus
    }
    case 'Binary': return genBinary(n, c);
    case 'Chain': {
      const x = gen(n.node, c);
      return (s) => {
        try { return x(s); } catch (e) { if (e === CHAIN_NIL) return null; throw e; }
      };
    }
    case 'Member': {
      const base = gen(n.node, c);
      const prop = gen(n.property, c);
      const optional = n.optional;
      const isEnv = n.node.kind === 'Identifier' && n.node.value === '$env' && !c.vars.includes('$env');
      if (n.property.kind === 'String') {
        const key = n.property.value as string;
        return at((s) => {
          const o = base(s);
          if (o === null && optional) throw CHAIN_NIL;
          if (o instanceof Map) { const v = o.get(key); return v === undefined ? (isEnv ? null : mapMiss(o, key)) : v; }
          return fetch(o, key);
        }, n.loc);
      }
      return at((s) => {
        const o = base(s);
        if (o === null && optional) throw CHAIN_NIL;
        return fetch(o, prop(s));
      }, n.loc);
    }
    case 'Slice': {
      const base = gen(n.node, c);
      const from = n.from ? gen(n.from, c) : undefined;
      const to = n.to ? gen(n.to, c) : undefined;
      return at((s) => {
        const o = base(s);
        let toV: unknown;
        if (to) toV = to(s);
        else {
          if (Array.isArray(o)) toV = BigInt(o.length);
          else if (typeof o === 'string') toV = BigInt(isAscii(o) ? o.length : utf8(o).length);
          else if (o instanceof Map) toV = BigInt(o.size);
          else return rtErr(`invalid argument for len (type ${goType(o)})`);
        }
        return slice(o, from ? from(s) : 0n, toV);
      }, n.loc);
    }
    case 'Call': {
      const args = n.args.map((a: ANode) => gen(a, c));
      if (n.callee.kind === 'Member' && n.callee.property.kind === 'String' && n.callee.node.t &&
          (n.callee.node.t.k === 'time' || n.callee.node.t.k === 'duration' || n.callee.node.t.s === 'time.Month' || n.callee.node.t.s === 'time.Weekday')) {
        const recv = gen(n.callee.node, c);
        const mname: string = n.callee.property.value;
        return at((s) => {
          const o = recv(s);
          const av = args.map((a: Fn) => a(s));
          if (o instanceof GoTime) return callTimeMethod(o, mname, av);
          if (o instanceof GoDuration) return callDurationMethod(o, mname);
          if (o instanceof GoNamedInt && mname === 'String') return o.name;
          return rtErr(`cannot fetch ${mname} from ${goType(o)}`);
        }, n.loc);
      }
      const callee = gen(n.callee, c);
      return at((s) => {
        const f = callee(s);
        for (const a of args) a(s);
        if (f === null) return rtErr('invalid operation: cannot call nil');
        return rtErr(`invalid operation: cannot call non-function of type ${goType(f)}`);
      }, n.loc);
    }
    case 'Builtin': return genBuiltin(n, c);
    case 'Predicate': return gen(n.node, c);
    case 'VariableDeclarator': {
      const value = gen(n.value, c);
      void 0;
      const slot = c.vars.length;
      c.vars.push(n.name);
      const body = gen(n.expr, c);
      c.vars.pop();
      return (s) => { s.vars[slot] = value(s); return body(s); };
    }
    case 'Sequence': {
      const parts: Fn[] = n.nodes.map((x: ANode) => gen(x, c));
      return (s) => { let v: unknown = null; for (const p of parts) v = p(s); return v; };
    }
    case 'Conditional': {
      const cond = gen(n.cond, c), a = gen(n.exp1, c), b = gen(n.exp2, c);
      const cl: Loc = n.loc;
      return (s) => {
        let cv: unknown;
        cv = cond(s);
        if (cv !== true && cv !== false) {
          try { asBool(cv); } catch (e) { if (e instanceof RuntimeError) throw new LocatedError(e.message, cl); throw e; }
        }
        return cv ? a(s) : b(s);
      };
    }
    case 'Array': {
      const parts: Fn[] = n.nodes.map((x: ANode) => gen(x, c));
      if (n.nodes.some(mayLeak)) return at((s) => { const v = evalPushes(parts, s); memGrow(s, parts.length); return v; }, n.loc);
      return at((s) => { const v = parts.map((p) => p(s)); memGrow(s, parts.length); return v; }, n.loc);
    }
    case 'Map': {
      const pushes: Fn[] = [];
      for (const p of n.pairs) { pushes.push(gen(p.key, c)); pushes.push(gen(p.value, c)); }
      const leaky = n.pairs.some((p: ANode) => mayLeak(p.key) || mayLeak(p.value));
      return at((s) => {
        const vals = leaky ? evalPushes(pushes, s) : pushes.map((p) => p(s));
        memGrow(s, vals.length / 2);
        const m = new Map<unknown, unknown>();
        // expr fills the map from the last pair to the first: the first of duplicate keys wins
        for (let i = vals.length - 2; i >= 0; i -= 2) {
          const kv = vals[i];
          if (typeof kv !== 'string') rtErr(`interface conversion: interface {} is ${kv === null ? 'nil' : goType(kv)}, not string`);
          m.set(kv, vals[i + 1]);
        }
        const ordered = new Map<unknown, unknown>();
        for (let i = 0; i < vals.length; i += 2) if (!ordered.has(vals[i])) ordered.set(vals[i], m.get(vals[i]));
        return ordered;
      }, n.loc);
    }
    default:
      throw new Error(`cannot compile node ${n.kind}`);
  }
}

/**
 * The compile-time failures of gen() without building closures (for lint, which needs only the outcome): the same
 * traversal order as gen/genBinary/genBuiltin/genPredicate, throwing what they throw at compile time (a `matches`
 * pattern that became a literal only through folding, internal errors for unknown nodes/operators/builtins).
 * Keep it in step with gen: test/core/expr/lintCompile.test.ts compares lintCompile with compile on every fixture.
 */
export function lintGen(n: ANode): void {
  switch (n.kind) {
    case 'Nil': case 'Bool': case 'Integer': case 'Float': case 'String': case 'Bytes': case 'Constant':
    case 'Identifier': case 'Pointer':
      return;
    case 'Unary': case 'Chain': case 'Predicate': lintGen(n.node); return;
    case 'Binary': {
      lintGen(n.left);
      if (n.op === 'in' && n.right.kind === 'Constant' && n.right.value && (n.right.value.strSet || n.right.value.intSet)) return;
      lintGen(n.right);
      if (n.op === 'matches') {
        if (!n.regex && n.right.kind === 'String') {
          const r = compileRegex(n.right.value);
          if (typeof r === 'string') throw new OptimizeFail(r, undefined);
        }
      } else if (!GEN_BINARY_OPS.has(n.op)) throw new Error(`unknown operator ${n.op}`);
      return;
    }
    case 'Member': lintGen(n.node); lintGen(n.property); return;
    case 'Slice': lintGen(n.node); if (n.from) lintGen(n.from); if (n.to) lintGen(n.to); return;
    case 'Call': {
      for (const a of n.args) lintGen(a);
      if (n.callee.kind === 'Member' && n.callee.property.kind === 'String' && n.callee.node.t &&
          (n.callee.node.t.k === 'time' || n.callee.node.t.k === 'duration' || n.callee.node.t.s === 'time.Month' || n.callee.node.t.s === 'time.Weekday')) {
        lintGen(n.callee.node);
      } else lintGen(n.callee);
      return;
    }
    case 'Builtin': {
      if (PRED_BUILTINS.has(n.name)) {
        lintGen(n.args[0]);
        if (n.args.length > 1) lintGen(n.args[1]);
        if (n.args.length > 2) lintGen(n.args[2]);
        if (n.map) lintGen(n.map);
        return;
      }
      for (const a of n.args) lintGen(a);
      if (!BUILTINS[n.name]) throw new Error(`unknown builtin ${n.name}`);
      return;
    }
    case 'VariableDeclarator': lintGen(n.value); lintGen(n.expr); return;
    case 'Sequence': case 'Array': for (const x of n.nodes) lintGen(x); return;
    case 'Conditional': lintGen(n.cond); lintGen(n.exp1); lintGen(n.exp2); return;
    case 'Map': for (const p of n.pairs) { lintGen(p.key); lintGen(p.value); } return;
    default:
      throw new Error(`cannot compile node ${n.kind}`);
  }
}
const GEN_BINARY_OPS = new Set(['and', '&&', 'or', '||', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '**', '^', '??',
  '..', 'in', 'contains', 'startsWith', 'endsWith', 'matches']);

/** Does evaluating this subtree possibly leave an extra value on expr's VM stack (findLast/findLastIndex)? */
function mayLeak(n: ANode): boolean {
  if (!n || typeof n !== 'object') return false;
  if (n.kind === 'Builtin' && (n.name === 'findLast' || n.name === 'findLastIndex')) return true;
  if (n.leakChecked !== undefined) return n.leakChecked;
  const r = children(n).some(mayLeak);
  n.leakChecked = r;
  return r;
}

function setLeak(s: Scope, steps: number, top: boolean): void {
  s.leak = true; s.leakVal = top;
  const l: unknown[] = new Array(steps - (top ? 1 : 0)).fill(true);
  l.push(top);
  s.leakList = l;
}
function takeLeak(s: Scope, push: (x: unknown) => void): void {
  if (!s.leak) return;
  s.leak = false;
  for (const x of s.leakList ?? [s.leakVal]) push(x);
}
/** Runs `fill`, which pushes values onto a model of expr's stack, and returns the top `n` as an array; the values
 *  below become the pending leak. */
function stackCollect(s: Scope, n: number, fill: (push: (x: unknown) => void) => void): unknown[] {
  const st: unknown[] = [];
  fill((x) => st.push(x));
  memGrow(s, n);
  if (st.length > n) { s.leak = true; s.leakList = st.slice(0, st.length - n); s.leakVal = s.leakList[s.leakList.length - 1]; }
  return st.slice(st.length - n);
}

/** Evaluates values pushed in order onto expr's VM stack, inserting leaked values, and returns the last `fns.length`
 *  entries — what an instruction popping that many values would receive. */
function evalPushes(fns: Fn[], s: Scope): unknown[] {
  const vals: unknown[] = [];
  for (const f of fns) {
    s.leak = false;
    const v = f(s);
    if (s.leak) { s.leak = false; vals.push(...(s.leakList ?? [s.leakVal])); }
    vals.push(v);
  }
  if (vals.length === fns.length) return vals;
  // values below the consumed window stay on expr's stack and become the pending leak
  s.leak = true;
  s.leakList = vals.slice(0, vals.length - fns.length);
  s.leakVal = s.leakList[s.leakList.length - 1];
  return vals.slice(vals.length - fns.length);
}

function mapMiss(m: Map<unknown, unknown>, key: string): unknown {
  if (!goType(m).startsWith('map[string]') && goType(m) !== 'map[interface {}][]interface {}') return fetch(m, key);
  return null;
}

function genBinary(n: ANode, c: GenCtx): Fn {
  const op: string = n.op;
  const L = gen(n.left, c);
  if (op === 'in' && n.right.kind === 'Constant' && n.right.value && (n.right.value.strSet || n.right.value.intSet)) {
    const set: Set<unknown> = n.right.value.strSet ?? n.right.value.intSet;
    const isStr = !!n.right.value.strSet;
    return at((s) => {
      let v = L(s);
      if (v === null) v = isStr ? '' : 0n;
      if (isStr && typeof v !== 'string') return rtErr(`reflect.Value.MapIndex: value of type ${goType(v)} is not assignable to type string`);
      return set.has(v);
    }, n.loc);
  }
  let R = gen(n.right, c);
  if (mayLeak(n.right) && !['and', '&&', 'or', '||', '??'].includes(op)) {
    // expr's VM leaves the loop's final `false` on the stack when findLast/findLastIndex find nothing; a binary
    // operator then takes that `false` as its left operand (observable, e.g. `8 >= findLastIndex(…)`).
    const L0 = L, R0 = R;
    let pending: unknown;
    const Lx: Fn = (s) => { const a = L0(s); s.leak = false; const b = R0(s); pending = b; if (s.leak) { s.leak = false; return s.leakVal; } return a; };
    const Rx: Fn = () => pending;
    return genBinaryTyped(n, c, Lx, Rx);
  }
  return genBinaryTyped(n, c, L, R);
}

function genBinaryTyped(n: ANode, c: GenCtx, L: Fn, R: Fn): Fn {
  const op: string = n.op;
  if ((op === '==' || op === '!=') && n.left.t?.s === 'string' && n.right.t?.s === 'string') {
    const conv = (v: unknown): unknown => (typeof v === 'string' ? v : rtErr(`interface conversion: interface {} is ${v === null ? 'nil' : goType(v)}, not string`));
    return at((s) => { const a0 = L(s); const b0 = R(s); const a = conv(a0); const b = conv(b0); return op === '==' ? a === b : a !== b; }, n.loc);
  }
  if ((op === '==' || op === '!=') && n.left.t?.k === 'int' && n.right.t?.k === 'int') {
    const conv = (v: unknown): unknown => (typeof v === 'bigint' ? v : rtErr(`interface conversion: interface {} is ${v === null ? 'nil' : goType(v)}, not int`));
    // both operands are evaluated (and may fail) before either is converted
    return at((s) => { const a0 = L(s); const b0 = R(s); const a = conv(a0); const b = conv(b0); return op === '==' ? a === b : a !== b; }, n.loc);
  }
  return genBinaryWith(n, c, L, R);
}

function genBinaryWith(n: ANode, c: GenCtx, L: Fn, R: Fn): Fn {
  const op: string = n.op;
  void c;
  switch (op) {
    case 'and': case '&&':
      return at((s) => { const a = L(s); if (!asBool(a)) return false; return R(s); }, n.loc);
    case 'or': case '||':
      return at((s) => { const a = L(s); if (asBool(a)) return true; return R(s); }, n.loc);
    case '==': return at((s) => { const a = L(s), b = R(s); if (typeof a === 'object' && a !== null) tick(s, cost(a)); return equal(a, b); }, n.loc);
    case '!=': return at((s) => { const a = L(s), b = R(s); if (typeof a === 'object' && a !== null) tick(s, cost(a)); return !equal(a, b); }, n.loc);
    case '<': case '>': case '<=': case '>=': {
      const o = op as '<';
      return at((s) => {
        const a = L(s), b = R(s);
        if (typeof a === 'number' && typeof b === 'number') return o === '<' ? a < b : o === '>' ? a > b : o === '<=' ? a <= b : a >= b;
        return compare(o, a, b);
      }, n.loc);
    }
    case '+': return at((s) => {
      const a = L(s), b = R(s);
      if (typeof a === 'string' && typeof b === 'string') {
        if (a.length + b.length > MAX_STRING) rtErr('memory budget exceeded');
        tick(s, (a.length + b.length) >> 4);
      }
      return add(a, b);
    }, n.loc);
    case '-': return at((s) => sub(L(s), R(s)), n.loc);
    case '*': return at((s) => mul(L(s), R(s)), n.loc);
    case '/': return at((s) => div(L(s), R(s)), n.loc);
    case '%': return at((s) => mod(L(s), R(s)), n.loc);
    case '**': case '^': return at((s) => pow(L(s), R(s)), n.loc);
    // a nil slice (e.g. concat of empty arrays) counts as nil for `??`
    case '??': return (s) => { const a = L(s); return a === null || isNilSlice(a) ? R(s) : a; };
    case '..': return at((s) => {
      const a = toInt(L(s)), b = toInt(R(s));
      const size = wrap(b - a + 1n);
      memGrow(s, size > 0n ? Number(size > 10000000n ? 10000000n : size) : 0);
      return size > 0n ? makeRange(a, b) : tagged([] as bigint[], '[]int');
    }, n.loc);
    case 'in': return at((s) => { const a = L(s); const b = R(s); if (Array.isArray(b)) tick(s, b.length); return inOp(a, b); }, n.loc);
    case 'contains': case 'startsWith': case 'endsWith': {
      return at((s) => {
        const a = L(s), b = R(s);
        if (a === null || b === null) return false;
        const x = asString(a), y = asString(b);
        tick(s, x.length >> 4);
        return op === 'contains' ? x.includes(y) : op === 'startsWith' ? x.startsWith(y) : x.endsWith(y);
      }, n.loc);
    }
    case 'matches': {
      let pre: Regex | undefined = n.regex;
      if (!pre && n.right.kind === 'String') {
        const r = compileRegex(n.right.value);
        if (typeof r === 'string') throw new OptimizeFail(r, undefined);
        pre = r;
      }
      return at((s) => {
        const a = L(s), b = R(s);
        if (a === null || b === null) return false;
        let x: string;
        if (!pre) asString(b); // the pattern is converted first
        if (a instanceof GoBytes) x = fromUtf8(a.bytes);
        else if (typeof a === 'string') x = a;
        else if (c.f.unicodeBraceEscape) return rtErr(`interface conversion: interface {} is ${goType(a)}, not []uint8`);
        else x = asString(a);
        let re = pre;
        if (!re) {
          const p = asString(b);
          const r = compileRegex(p);
          if (typeof r === 'string') return rtErr(r);
          re = r;
        }
        tick(s, x.length >> 4);
        return regexFind(re, x);
      }, n.loc);
    }
  }
  throw new Error(`unknown operator ${op}`);
}

// ---------------------------------------------------------------- builtins

function arrayArg(v: unknown, name: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof GoBytes) return Array.from(v.bytes, (b) => BigInt(b));
  return rtErr(`cannot use ${goType(v)} as array`), [] as unknown[];
}

const PRED_BUILTINS = new Set(['all', 'none', 'any', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast', 'findLastIndex', 'groupBy', 'sortBy', 'reduce']);

function genBuiltin(n: ANode, c: GenCtx): Fn {
  const name: string = n.name;
  if (PRED_BUILTINS.has(name)) return genPredicate(n, c);
  const args: Fn[] = n.args.map((a: ANode) => gen(a, c));
  const impl = BUILTINS[name];
  if (!impl) throw new Error(`unknown builtin ${name}`);
  const loc = n.loc;
  if (n.args.some(mayLeak)) {
    // see genBinary: findLast/findLastIndex leave an extra value on expr's VM stack, shifting the arguments
    return at((s) => { const v = evalPushes(args, s); for (const x of v) tick(s, cost(x)); return impl(v, s, c.f); }, loc);
  }
  return at((s) => {
    const v = args.map((a) => a(s));
    for (let i = 0; i < v.length; i++) { const x = v[i]; if (typeof x === 'object' || typeof x === 'string') tick(s, cost(x)); }
    return impl(v, s, c.f);
  }, loc);
}

function genPredicate(n: ANode, c: GenCtx): Fn {
  const name: string = n.name;
  const coll = gen(n.args[0], c);
  let pred: Fn | undefined;
  if (n.args.length > 1) {
    c.predDepth++;
    pred = gen(n.args[1], c);
    c.predDepth--;
  }
  const extra = n.args.length > 2 ? gen(n.args[2], c) : undefined;
  let mapFn: Fn | undefined;
  if (n.map) { c.predDepth++; mapFn = gen(n.map, c); c.predDepth--; }
  const throws: boolean = n.throws === true;
  const threshold: number | undefined = n.threshold;
  const d = c.predDepth;
  const loc: Loc = n.loc;
  // a findLast/findLastIndex in the body leaves values on expr's VM stack at every step; map and filter collect
  // their results from that stack, so the stale values show up in the result
  const leaky = (name === 'map' || name === 'filter') && n.args.length > 1 && mayLeak(n.args[1]);
  const run = (s: Scope): unknown => {
    const raw = coll(s);
    let arr: unknown[];
    if (Array.isArray(raw)) arr = raw;
    else if (raw instanceof Map) arr = new Array(raw.size).fill(MAP_ITEM);
    else if (typeof raw === 'string') arr = Array.from(utf8(raw), (b) => U8[b]);
    else if (raw instanceof GoBytes) arr = Array.from(raw.bytes, (b) => U8[b]);
    else if (raw === null) return rtErr('reflect: call of reflect.Value.Len on zero Value');
    else return rtErr(`reflect: call of reflect.Value.Len on ${goKind(raw)} Value`);
    const frame: Frame = { item: null, index: 0, acc: null, len: arr.length };
    s.frames[d] = frame;
    const P = pred as Fn;
    switch (name) {
      case 'all': for (let i = 0; i < arr.length; i++) if (!asBool(step(s, frame, arr, i, P))) return false; return true;
      case 'none': for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) return false; return true;
      case 'any': for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) return true; return false;
      case 'one': { let k = 0; for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) { k++; if (k > 1) return false; } return k === 1; }
      case 'filter': {
        if (leaky && !mapFn) {
          let k = 0;
          const all: unknown[] = [];
          for (let i = 0; i < arr.length; i++) { s.leak = false; const v = step(s, frame, arr, i, P); takeLeak(s, (x) => all.push(x)); if (asBool(v)) { all.push(elem(arr, i)); k++; } }
          return stackCollect(s, k, (push) => { for (const x of all) push(x); });
        }
        const out: unknown[] = [];
        for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) out.push(mapFn ? mapFn(s) : elem(arr, i));
        memGrow(s, out.length);
        return out;
      }
      case 'map': {
        if (leaky) return stackCollect(s, arr.length, (push) => { for (let i = 0; i < arr.length; i++) { s.leak = false; const v = step(s, frame, arr, i, P); takeLeak(s, push); push(v); } });
        const out: unknown[] = new Array(arr.length); for (let i = 0; i < arr.length; i++) out[i] = step(s, frame, arr, i, P); memGrow(s, out.length); return out;
      }
      case 'count': {
        let k = 0n;
        for (let i = 0; i < arr.length; i++) {
          const v = pred ? step(s, frame, arr, i, P) : arr[i];
          if (asBool(v)) { k++; if (threshold !== undefined && k >= BigInt(threshold)) break; }
        }
        return k;
      }
      case 'sum': {
        let acc: unknown = 0n;
        for (let i = 0; i < arr.length; i++) { const v = pred ? step(s, frame, arr, i, P) : arr[i]; acc = add(v, acc); }
        return acc;
      }
      case 'find':
        for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) return mapFn ? mapFn(s) : elem(arr, i);
        if (throws) rtErr('reflect: slice index out of range');
        return null;
      case 'findIndex': for (let i = 0; i < arr.length; i++) if (asBool(step(s, frame, arr, i, P))) return BigInt(i); return null;
      // expr's backwards loop leaves its `index >= 0` test on the VM stack: true when an element was found, false
      // when the loop ran out (see leaks in genBinary/evalPushes)
      case 'findLast':
        // every step whose predicate is false also leaves a `true` below (observable inside map/filter)
        for (let i = arr.length - 1; i >= 0; i--) if (asBool(step(s, frame, arr, i, P))) { const r = mapFn ? mapFn(s) : elem(arr, i); setLeak(s, arr.length - i, true); return r; }
        if (throws) rtErr('reflect: slice index out of range');
        setLeak(s, arr.length, false); return null;
      case 'findLastIndex': for (let i = arr.length - 1; i >= 0; i--) if (asBool(step(s, frame, arr, i, P))) { setLeak(s, arr.length - i, true); return BigInt(i); } setLeak(s, arr.length, false); return null;
      case 'groupBy': {
        const m = tagged(new Map<unknown, unknown>(), 'map[interface {}][]interface {}');
        for (let i = 0; i < arr.length; i++) {
          const k = step(s, frame, arr, i, P);
          if (Array.isArray(k) || k instanceof Map) rtErr(`hash of unhashable type: ${goType(k)}`);
          const key = k;
          const g = m.get(key) as unknown[] | undefined;
          if (g) g.push(elem(arr, i)); else m.set(key, [elem(arr, i)]);
        }
        return m;
      }
      case 'sortBy': {
        const keys = arr.map((_, i) => step(s, frame, arr, i, P));
        let order = 'asc';
        if (extra) { const o = extra(s); order = asString(o); }
        if (order !== 'asc' && order !== 'desc') rtErr(`unknown order, use asc or desc`);
        const idx = arr.map((_, i) => i);
        idx.sort((x, y) => {
          const a = keys[x], b = keys[y];
          if (compare('<', a, b)) return order === 'asc' ? -1 : 1;
          if (compare('<', b, a)) return order === 'asc' ? 1 : -1;
          return 0;
        });
        memGrow(s, arr.length);
        // sortBy builds a new []interface {} whatever the argument's slice type
        return idx.map((i) => elem(arr, i));
      }
      case 'reduce': {
        let start = 0;
        if (extra) frame.acc = extra(s);
        else {
          if (arr.length === 0) rtErr(c.f.bytesLiterals ? 'reduce of empty array with no initial value' : 'reflect: slice index out of range');
          frame.acc = elem(arr, 0); start = 1;
        }
        for (let i = start; i < arr.length; i++) frame.acc = step(s, frame, arr, i, P);
        return frame.acc;
      }
    }
    return null;
  };
  return at(run, loc);
}

/** One predicate step (module-level so no closure is created per evaluation). */
function step(s: Scope, frame: Frame, arr: unknown[], i: number, P: Fn): unknown {
  tick(s);
  frame.item = arr[i];
  frame.index = i;
  return P(s);
}

type Impl = (a: unknown[], s: Scope, f: Features) => unknown;

const strArg = (v: unknown, _name: string): string => asString(v);

function goUpper(s: string): string {
  // Go strings.ToUpper maps rune by rune (unicode.ToUpper); no multi-character expansions like JS (ß stays ß);
  // invalid UTF-8 bytes become U+FFFD
  if (isAscii(s)) return s.toUpperCase();
  s = displayString(s);
  const u = s.toUpperCase();
  if (u.length === s.length) return u;
  const out: string[] = [];
  for (const ch of s) { const x = ch.toUpperCase(); out.push(x.length === ch.length ? x : ch); }
  return out.join('');
}
function goLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  s = displayString(s);
  const u = s.toLowerCase();
  if (u.length === s.length) return u;
  const out: string[] = [];
  for (const ch of s) { const x = ch.toLowerCase(); out.push(x.length === ch.length ? x : ch === '\u0130' ? 'i' : ch); }
  return out.join('');
}

function numericFold(name: string, args: unknown[]): unknown {
  // a single argument that is not an array is returned as it is, whatever its type (observed on every 1.17.x:
  // `max(payload.ref)` = the string); only the checker rejects a statically known non-number
  if (args.length === 1 && !Array.isArray(args[0]) && !(args[0] instanceof GoBytes)) return args[0];
  let best: unknown = undefined;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (v instanceof GoBytes) { for (const x of v.bytes) visit(BigInt(x)); return; }
    if (v instanceof GoUint8) v = v.v;
    if (typeof v !== 'number' && typeof v !== 'bigint') rtErr(`invalid argument for ${name} (type ${goType(v)})`);
    if (best === undefined || (name === 'max' ? compare('>', v, best) : compare('<', v, best))) best = v;
  };
  for (const a of args) visit(a);
  return best === undefined ? null : best;
}
function flatNums(name: string, args: unknown[]): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (v instanceof GoBytes) { for (const x of v.bytes) visit(BigInt(x)); return; }
    if (v instanceof GoUint8) v = v.v;
    if (typeof v !== 'number' && typeof v !== 'bigint') rtErr(`invalid argument for ${name} (type ${goType(v)})`);
    out.push(v as number | bigint);
  };
  for (const a of args) visit(a);
  return out;
}

function lenOf(v: unknown, f: Features): bigint {
  if (typeof v === 'string') return BigInt(f.lenRunes ? Array.from(v).length : utf8(v).length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  if (v instanceof GoBytes) return BigInt(v.bytes.length);
  return rtErr(`invalid argument for len (type ${goType(v)})`);
}

const DURATION_UNITS: Record<string, bigint> = Object.assign(Object.create(null) as Record<string, bigint>, {
  ns: 1n, us: 1000n, '\u00b5s': 1000n, '\u03bcs': 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n,
});
/** time.quote: non-ASCII and control bytes as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) { for (const b of utf8(ch)) out += '\\x' + b.toString(16).padStart(2, '0'); }
    else { if (ch === '"' || ch === '\\') out += '\\'; out += ch; }
  }
  return out + '"';
}
/** time.ParseDuration with Go's error texts. */
function parseDuration(orig: string): GoDuration {
  const invalid = (): never => rtErr(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return new GoDuration(0n);
  if (s === '') invalid();
  let d = 0n;
  const MAX = 1n << 63n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) invalid();
    const m1 = /^[0-9]*/.exec(s)![0];
    const pre = m1.length > 0;
    let v = m1 ? BigInt(m1) : 0n;
    if (v >= MAX) invalid();
    s = s.slice(m1.length);
    let frac = '';
    let post = false;
    if (s !== '' && s[0] === '.') { s = s.slice(1); frac = /^[0-9]*/.exec(s)![0]; post = frac.length > 0; s = s.slice(frac.length); }
    if (!pre && !post) invalid();
    const mu = /^[^0-9.]*/.exec(s)![0];
    if (mu === '') rtErr(`time: missing unit in duration ${timeQuote(orig)}`);
    const unit = DURATION_UNITS[mu];
    if (unit === undefined) rtErr(`time: unknown unit ${timeQuote(mu)} in duration ${timeQuote(orig)}`);
    s = s.slice(mu.length);
    if (v > (MAX - 1n) / unit) invalid();
    v *= unit;
    if (frac) {
      // fraction * unit / 10^len (truncated), like Go's leadingFraction + float scaling
      const f = Number('0.' + frac) * Number(unit);
      v += BigInt(Math.trunc(f));
      if (v > MAX - 1n) invalid();
    }
    d += v;
    if (d > MAX - 1n && !(neg && d === MAX)) invalid();
  }
  return new GoDuration(neg ? -d : d);
}
function goStrQuote(s: string): string { return JSON.stringify(s); }

function intConv(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoUint8) return v.v;
  if (v === null) return rtErr('reflect: call of reflect.Value.Type on zero Value');
  if (typeof v === 'number') return goFloatToInt(v);
  if (typeof v === 'string') {
    if (/^[+-]?\d+$/.test(v)) {
      const b = BigInt(v);
      if (b > 9223372036854775807n || b < -9223372036854775808n) return rtErr(`strconv.Atoi: parsing ${goStrQuote(v)}: value out of range`);
      return b;
    }
    return rtErr(`invalid operation: int(${v})`);
  }
  return rtErr(`invalid operation: int(${goType(v)})`);
}
function floatConv(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoUint8) return Number(v.v);
  // unlike int(), float() reports a nil argument as an invalid operation (expr 1.17.x, all versions)
  if (v === null) return rtErr('invalid operation: float(<nil>)');
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^[+-]?(inf|infinity)$/i.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(v)) return NaN;
    return rtErr(`invalid operation: float(${v})`);
  }
  return rtErr(`invalid operation: float(${goType(v)})`);
}

function roundHalfAway(x: number): number { return x < 0 ? -Math.round(-x) : Math.round(x); }
function goRound(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const r = Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}
void roundHalfAway;

function fromJSONValue(v: unknown): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(fromJSONValue);
  if (typeof v === 'object') {
    const m = new Map<string, unknown>();
    for (const k of Object.keys(v as object)) m.set(k, fromJSONValue((v as Record<string, unknown>)[k]));
    return m;
  }
  return v;
}

const BUILTIN_TABLE: Record<string, Impl> = {
  len: (a, _s, f) => lenOf(a[0], f),
  type: (a) => {
    const v = a[0];
    if (v === null) return 'nil';
    if (typeof v === 'boolean') return 'bool';
    if (typeof v === 'bigint') return 'int';
    if (v instanceof GoUint8) return 'uint';
    if (typeof v === 'number') return 'float';
    if (typeof v === 'string') return 'string';
    if (Array.isArray(v) || v instanceof GoBytes) return 'array';
    if (v instanceof Map) return 'map';
    return goType(v);
  },
  abs: (a) => {
    const v = a[0];
    if (v instanceof GoUint8) return v;
    if (typeof v === 'number') return Math.abs(v) === 0 ? v : Math.abs(v);
    if (typeof v === 'bigint') return v < 0n ? wrap(-v) : v;
    return rtErr(`invalid argument for abs (type ${goType(v)})`);
  },
  ceil: (a) => { const v = unU8(a[0]); if (typeof v === 'number') return Math.ceil(v); if (typeof v === 'bigint') return Number(v); return rtErr(`invalid argument for ceil (type ${goType(v)})`); },
  floor: (a) => { const v = unU8(a[0]); if (typeof v === 'number') return Math.floor(v); if (typeof v === 'bigint') return Number(v); return rtErr(`invalid argument for floor (type ${goType(v)})`); },
  round: (a) => { const v = unU8(a[0]); if (typeof v === 'number') return goRound(v); if (typeof v === 'bigint') return Number(v); return rtErr(`invalid argument for round (type ${goType(v)})`); },
  int: (a) => intConv(a[0]),
  float: (a) => floatConv(a[0]),
  string: (a) => formatV(a[0]),
  trim: (a) => { if (a.length > 1) asString(a[1]); const s = strArg(a[0], 'trim'); if (a.length > 1) { const cs = Array.from(strArg(a[1], 'trim')); let r = Array.from(s); while (r.length && cs.includes(r[0])) r.shift(); while (r.length && cs.includes(r[r.length - 1])) r.pop(); return r.join(''); } return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, ''); },
  trimPrefix: (a) => { const p = a.length > 1 ? strArg(a[1], 'trimPrefix') : ' '; const s = strArg(a[0], 'trimPrefix'); return s.startsWith(p) ? s.slice(p.length) : s; },
  trimSuffix: (a) => { const p = a.length > 1 ? strArg(a[1], 'trimSuffix') : ' '; const s = strArg(a[0], 'trimSuffix'); return s.endsWith(p) && p.length > 0 ? s.slice(0, s.length - p.length) : s; },
  upper: (a) => goUpper(asString(a[0])),
  lower: (a) => goLower(asString(a[0])),
  split: (a) => tagged(goSplit(asString(a[0]), asString(a[1]), a.length > 2 ? Number(toInt(a[2])) : -1, false), '[]string'),
  splitAfter: (a) => tagged(goSplit(asString(a[0]), asString(a[1]), a.length > 2 ? Number(toInt(a[2])) : -1, true), '[]string'),
  replace: (a) => {
    const s = asString(a[0]), o = asString(a[1]), nw = asString(a[2]);
    const limit = a.length > 3 ? Number(toInt(a[3])) : -1;
    return goReplace(s, o, nw, limit);
  },
  repeat: (a, s) => {
    const str = asString(a[0]);
    const n = toInt(a[1]);
    if (n < 0n) return rtErr(`invalid argument for repeat (expected positive integer, got ${n})`);
    const size = BigInt(utf8(str).length) * n;
    if (size >= 1000000n) return rtErr('memory budget exceeded');
    memGrow(s, Number(size));
    return str.repeat(Number(n));
  },
  join: (a) => {
    const arr = a[0];
    const sep = a.length > 1 ? asString(a[1]) : '';
    if (!Array.isArray(arr)) return rtErr(`invalid argument for join (type ${arr === null ? '%!s(<nil>)' : goType(arr)})`);
    const t = goType(arr);
    if (t !== '[]interface {}' && t !== '[]string') return rtErr(`invalid argument for join (type ${t})`);
    return arr.map((x) => asString(x)).join(sep);
  },
  indexOf: (a) => BigInt(byteIndex(asString(a[0]), asString(a[1]), false)),
  lastIndexOf: (a) => BigInt(byteIndex(asString(a[0]), asString(a[1]), true)),
  hasPrefix: (a) => asString(a[0]).startsWith(asString(a[1])),
  hasSuffix: (a) => asString(a[0]).endsWith(asString(a[1])),
  max: (a) => numericFold('max', a),
  min: (a) => numericFold('min', a),
  mean: (a) => { const xs = flatNums('mean', a); if (xs.length === 0) return 0; let t = 0; for (const x of xs) t += Number(x); return t / xs.length; },
  median: (a) => {
    const xs = flatNums('median', a).map(Number).sort((x, y) => x - y);
    if (xs.length === 0) return 0;
    const m = xs.length >> 1;
    return xs.length % 2 === 0 ? (xs[m - 1] + xs[m]) / 2 : xs[m];
  },
  toJSON: (a) => marshal(a[0], '  '),
  fromJSON: (a) => {
    const str = asString(a[0]);
    const err = goJsonSyntaxError(str);
    if (err) return rtErr(err);
    return fromJSONValue(JSON.parse(str));
  },
  toBase64: (a) => Buffer.from(utf8(asString(a[0]))).toString('base64'),
  fromBase64: (a) => {
    const str = asString(a[0]);
    const bad = base64ErrorIndex(str);
    if (bad >= 0) return rtErr(`illegal base64 data at input byte ${bad}`);
    return fromUtf8(new Uint8Array(Buffer.from(str, 'base64')));
  },
  now: (_a, s) => { if (!s.now) { const ms = BigInt(Date.now()); s.now = new GoTime(ms * 1000000n, 'UTC', 0); } return s.now; },
  duration: (a) => parseDuration(asString(a[0])),
  date: (a) => exprDate(a),
  timezone: (a) => loadLocation(asString(a[0])),
  // expr recovers from any panic inside first/last and returns nil
  first: (a) => {
    const v = a[0];
    if (Array.isArray(v)) return v.length ? v[0] : null;
    const b = typeof v === 'string' ? utf8(v) : v instanceof GoBytes ? v.bytes : undefined;
    return b && b.length ? U8[b[0]] : null;
  },
  last: (a) => {
    const v = a[0];
    if (Array.isArray(v)) return v.length ? v[v.length - 1] : null;
    const b = typeof v === 'string' ? utf8(v) : v instanceof GoBytes ? v.bytes : undefined;
    return b && b.length ? U8[b[b.length - 1]] : null;
  },
  get: (a) => {
    const [v, k] = a;
    if (v === null) return null;
    if (typeof v === 'string') {
      let i = Number(toInt(k));
      const b = utf8(v);
      if (i < 0) i = b.length + i;
      return i >= 0 && i < b.length ? U8[b[i]] : null;
    }
    if (Array.isArray(v)) {
      let i = Number(toInt(k));
      if (i < 0) i = v.length + i;
      return i >= 0 && i < v.length ? v[i] : null;
    }
    if (v instanceof Map) {
      const key = k === null ? (goType(v).startsWith('map[string]') ? '' : null) : k;
      if (goType(v).startsWith('map[string]') && typeof key !== 'string') return rtErr(`reflect.Value.MapIndex: value of type ${goType(k)} is not assignable to type string`);
      const r = v.get(key);
      return r === undefined ? null : r;
    }
    return null;
  },
  take: (a) => {
    const [v, k] = a;
    if (v instanceof GoBytes) {
      if (typeof k !== 'bigint') return rtErr(`cannot take ${goKind(k)} elements`);
      if (k < 0n) return rtErr('reflect.Value.Slice: slice index out of bounds');
      return new GoBytes(v.bytes.slice(0, k < 0n ? 0 : Number(k < BigInt(v.bytes.length) ? k : BigInt(v.bytes.length))));
    }
    if (!Array.isArray(v)) return rtErr(`cannot take from ${goKind(v)}`);
    if (typeof k !== 'bigint') return rtErr(`cannot take ${goKind(k)} elements`);
    if (k < 0n) return rtErr('reflect.Value.Slice: slice index out of bounds');
    if (isNilSlice(v)) return v;
    // take re-slices its argument: the result keeps the slice type ([]int of a range, []string of split, …)
    const n = Number(k < 0n ? 0n : k > BigInt(v.length) ? BigInt(v.length) : k);
    const t = goType(v);
    return t === '[]interface {}' ? v.slice(0, n) : tagged(v.slice(0, n), t);
  },
  keys: (a) => { const v = a[0]; if (!(v instanceof Map)) return rtErr(`cannot get keys from ${goKind(v)}`); return Array.from(v.keys()); },
  values: (a) => { const v = a[0]; if (!(v instanceof Map)) return rtErr(`cannot get values from ${goKind(v)}`); return Array.from(v.values()); },
  toPairs: (a) => { const v = a[0]; if (!(v instanceof Map)) return rtErr(`cannot transform ${goKind(v)} to pairs`); return tagged(Array.from(v.entries()).map(([k, x]) => [k, x]), '[][]interface {}'); },
  fromPairs: (a) => {
    const v = a[0];
    // at run time the message formats the value itself with %s (compile time names the type)
    if (!Array.isArray(v)) return rtErr(`cannot transform ${v === null ? '<invalid reflect.Value>' : formatS(v)} from pairs`);
    const m = new Map<unknown, unknown>();
    for (const p of v) {
      if (!Array.isArray(p)) rtErr(`invalid pair ${formatV(p)}`);
      const pp = p as unknown[];
      if (pp.length !== 2) rtErr(`invalid pair length ${formatV(p)}`);
      m.set(pp[0], pp[1]);
    }
    return tagged(m, 'map[interface {}]interface {}');
  },
  reverse: (a, s) => { const v = a[0]; if (!Array.isArray(v)) return rtErr(`cannot reverse ${goKind(v)}`); memGrow(s, v.length); return v.slice().reverse(); },
  uniq: (a, s) => {
    const v = a[0];
    if (!Array.isArray(v)) return rtErr(`cannot uniq ${goKind(v)}`);
    const out: unknown[] = [];
    for (const x of v) { tick(s, out.length + 1); if (!out.some((y) => equal(x, y))) out.push(x); }
    return out;
  },
  concat: (a, s) => {
    const out: unknown[] = [];
    for (const v of a) { if (!Array.isArray(v)) return rtErr(`cannot concat ${goKind(v)}`); out.push(...v); }
    memGrow(s, out.length);
    return out.length === 0 ? nilSlice() : out; // Go appends to a nil slice
  },
  flatten: (a, s) => {
    const v = a[0];
    if (!Array.isArray(v)) return rtErr(`cannot flatten ${goKind(v)}`);
    const out: unknown[] = [];
    const rec = (x: unknown[], depth: number): void => {
      if (depth > 10000) rtErr('recursion depth exceeded');
      for (const y of x) if (Array.isArray(y)) rec(y, depth + 1); else out.push(y);
    };
    rec(v, 0);
    memGrow(s, out.length);
    return out;
  },
  sort: (a, s) => {
    const v = a[0];
    let arr: unknown[] | undefined;
    if (Array.isArray(v) && ['[]interface {}', '[]int', '[]float64', '[]string'].includes(goType(v))) arr = v.slice();
    if (a.length > 1) { if (typeof a[1] !== 'string') return rtErr(`sort order argument must be a string (got ${goType(a[1])})`); }
    const order = a.length > 1 ? a[1] as string : 'asc';
    if (order !== 'asc' && order !== 'desc') return rtErr(`invalid order ${order}, expected asc or desc`);
    if (!arr) return nilSlice();
    const desc = order === 'desc';
    goSort(arr, (x, y) => (desc ? compare('<', y, x) : compare('<', x, y)));
    memGrow(s, arr.length);
    return arr;
  },
  bitnot: (a) => wrap(~intArg(a[0], 'bitnot')),
  bitand: (a) => (intArg(a[0], 'bitand'), intArg(a[1], 'bitand'), 0) || wrap(toInt(a[0]) & toInt(a[1])),
  bitor: (a) => (intArg(a[0], 'bitor'), intArg(a[1], 'bitor'), 0) || wrap(toInt(a[0]) | toInt(a[1])),
  bitxor: (a) => (intArg(a[0], 'bitxor'), intArg(a[1], 'bitxor'), 0) || wrap(toInt(a[0]) ^ toInt(a[1])),
  bitnand: (a) => (intArg(a[0], 'bitnand'), intArg(a[1], 'bitnand'), 0) || wrap(toInt(a[0]) & ~toInt(a[1])),
  bitshl: (a) => { intArg(a[0], 'bitshl'); intArg(a[1], 'bitshl'); const y = toInt(a[1]); if (y < 0n) rtErr(`invalid operation: negative shift count ${y} (type int)`); return y >= 64n ? 0n : wrap(toInt(a[0]) << y); },
  bitshr: (a) => { intArg(a[0], 'bitshr'); intArg(a[1], 'bitshr'); const y = toInt(a[1]); if (y < 0n) rtErr(`invalid operation: negative shift count ${y} (type int)`); return toInt(a[0]) >> (y > 63n ? 63n : y); },
  bitushr: (a) => { intArg(a[0], 'bitushr'); intArg(a[1], 'bitushr'); const y = toInt(a[1]); if (y < 0n) rtErr(`invalid operation: negative shift count ${y} (type int)`); return y >= 64n ? 0n : wrap(BigInt.asUintN(64, toInt(a[0])) >> y); },
};
export const BUILTINS: Record<string, Impl> = Object.assign(Object.create(null) as Record<string, Impl>, BUILTIN_TABLE);

function intArg(v: unknown, name: string): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoUint8) return v.v;
  return rtErr(`cannot use ${v === null ? '<nil>' : goType(v)} as argument (type int) to call ${name}`);
}

/** Offset reported by Go's base64.StdEncoding.DecodeString for corrupt input (-1 when valid). */
function base64ErrorIndex(str: string): number {
  const src = utf8(str);
  const isAlpha = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 43 || b === 47;
  let si = 0;
  for (;;) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j;
      }
      const b = src[si++];
      if (isAlpha(b)) continue;
      if (b === 10 || b === 13) { j--; continue; }
      if (b !== 61) return si - 1;
      // padding
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 61) return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) return si;
      return -1;
    }
  }
}

/** Go's sort.Sort is not stable; for the small inputs met here an insertion sort gives the same order as Go's
 *  pdqsort (which uses insertion sort below 12 elements). Larger inputs use a stable merge sort. */
function goSort(arr: unknown[], less: (a: unknown, b: unknown) => boolean): void {
  if (arr.length <= 12) {
    for (let i = 1; i < arr.length; i++) for (let j = i; j > 0 && less(arr[j], arr[j - 1]); j--) { const t = arr[j]; arr[j] = arr[j - 1]; arr[j - 1] = t; }
    return;
  }
  const sorted = arr.map((v, i) => [v, i] as const).sort((x, y) => (less(x[0], y[0]) ? -1 : less(y[0], x[0]) ? 1 : x[1] - y[1]));
  for (let i = 0; i < arr.length; i++) arr[i] = sorted[i][0];
}

function goKind(v: unknown): string {
  if (v === null) return 'invalid';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (v instanceof GoUint8) return 'uint8';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  return 'struct';
}

function byteIndex(s: string, sub: string, last: boolean): number {
  const i = last ? s.lastIndexOf(sub) : s.indexOf(sub);
  if (i < 0) return -1;
  return utf8(s.slice(0, i)).length;
}

function goSplit(s: string, sep: string, n: number, after: boolean): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const r = Array.from(s);
    if (n > 0 && r.length > n) return [...r.slice(0, n - 1), r.slice(n - 1).join('')];
    return r;
  }
  const out: string[] = [];
  let rest = s;
  while (n < 0 || out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, after ? i + sep.length : i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

function goReplace(s: string, o: string, nw: string, limit: number): string {
  if (o === nw || limit === 0) return s;
  if (o === '') {
    const r = Array.from(s);
    let out = '';
    let k = 0;
    for (let i = 0; i <= r.length; i++) {
      if (limit < 0 || k < limit) { out += nw; k++; }
      if (i < r.length) out += r[i];
    }
    return out;
  }
  if (limit < 0) return s.split(o).join(nw);
  let out = '';
  let rest = s;
  for (let k = 0; k < limit; k++) {
    const i = rest.indexOf(o);
    if (i < 0) break;
    out += rest.slice(0, i) + nw;
    rest = rest.slice(i + o.length);
  }
  return out + rest;
}

export { deepEqual, toFloat64, sortedKeys, compareUtf8, isUnknown, CHAIN_NIL };
