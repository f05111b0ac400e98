// Type checker with expr's strict environment typing (expr.Env(env)): natures from the concrete env values.
import type { ANode, Loc } from './parser';
import {
  ANY, ARRAY_ANY, BOOL, BYTES, DURATION, FLOAT, GROUPBY, INT, MAP_ANY, NIL, STRING, TIME, UNKNOWN, arrayOf,
  assignableTo, comparableTo, elemOf, isArray, isInteger, isNumber, isUnknown, maybeCompatible, natureOf, promote,
  type Nat,
} from './natures';
import { compileRegex } from './regex';
import { DURATION_METHODS, NAMED_INT_METHODS, TIME_METHODS } from './gotime';
import { natureByName } from './natures';

export class CheckFail extends Error {
  inner = false; // raised while visiting an argument: wins over overload resolution errors (expr keeps the first error)
  constructor(readonly msg: string, readonly loc: Loc) { super(msg); }
}

interface PredScope { collection: Nat; vars: Map<string, Nat> }

// Builtin signatures (non-predicate): list of overloads [params, result, variadic?] or a validator.
type Sig = { params: Nat[]; out: Nat; variadic?: boolean };
const S = STRING, I = INT;
const SLICE_STR: Nat = { k: 'array', s: '[]string', elem: STRING };
const SLICE_INT: Nat = { k: 'array', s: '[]int', elem: INT };
const SLICE_FLOAT: Nat = { k: 'array', s: '[]float64', elem: FLOAT };
const SIGS: Record<string, Sig[]> = Object.assign(Object.create(null) as Record<string, Sig[]>, {
  type: [{ params: [ANY], out: S }],
  string: [{ params: [ANY], out: S }],
  trim: [{ params: [S], out: S }, { params: [S, S], out: S }],
  trimPrefix: [{ params: [S, S], out: S }, { params: [S], out: S }],
  trimSuffix: [{ params: [S, S], out: S }, { params: [S], out: S }],
  upper: [{ params: [S], out: S }],
  lower: [{ params: [S], out: S }],
  split: [{ params: [S, S], out: { k: 'array', s: '[]string', elem: S } }, { params: [S, S, I], out: { k: 'array', s: '[]string', elem: S } }],
  splitAfter: [{ params: [S, S], out: { k: 'array', s: '[]string', elem: S } }, { params: [S, S, I], out: { k: 'array', s: '[]string', elem: S } }],
  replace: [{ params: [S, S, S, I], out: S }, { params: [S, S, S], out: S }],
  repeat: [{ params: [S, I], out: S }],
  join: [{ params: [SLICE_STR, S], out: S }, { params: [ARRAY_ANY, S], out: S }, { params: [ARRAY_ANY], out: S },
    { params: [SLICE_STR, S], out: S }, { params: [SLICE_STR], out: S }],
  indexOf: [{ params: [S, S], out: I }],
  lastIndexOf: [{ params: [S, S], out: I }],
  hasPrefix: [{ params: [S, S], out: BOOL }],
  hasSuffix: [{ params: [S, S], out: BOOL }],
  toJSON: [{ params: [ANY], out: S }],
  fromJSON: [{ params: [S], out: ANY }],
  toBase64: [{ params: [S], out: S }],
  fromBase64: [{ params: [S], out: S }],
  duration: [{ params: [S], out: DURATION }],
  timezone: [{ params: [S], out: { k: 'unknown', s: '*time.Location' } }],
  sort: [
    { params: [ARRAY_ANY, S], out: ARRAY_ANY }, { params: [SLICE_INT, S], out: ARRAY_ANY }, { params: [SLICE_FLOAT, S], out: ARRAY_ANY },
    { params: [SLICE_STR, S], out: ARRAY_ANY }, { params: [ARRAY_ANY], out: ARRAY_ANY }, { params: [SLICE_FLOAT], out: ARRAY_ANY },
    { params: [SLICE_STR], out: ARRAY_ANY }, { params: [SLICE_INT], out: ARRAY_ANY },
  ],
  bitnot: [{ params: [I], out: I }],
  bitand: [{ params: [I, I], out: I }], bitor: [{ params: [I, I], out: I }], bitxor: [{ params: [I, I], out: I }],
  bitnand: [{ params: [I, I], out: I }], bitshl: [{ params: [I, I], out: I }], bitshr: [{ params: [I, I], out: I }],
  bitushr: [{ params: [I, I], out: I }],
});

export interface CheckEnv { natures: Map<string, Nat> }

/** Type-checks the tree (recording natures in n.t). The checker's state and functions are made once: checking is
 *  never re-entrant, and creating its inner functions per call cost more than checking a short expression. */
export const check = ((): ((root: ANode, env: CheckEnv) => Nat) => {
  let env: CheckEnv;
  let predScopes: PredScope[] = [];
  let varScopes: { name: string; nat: Nat }[] = [];

  const fail = (n: { loc: Loc }, msg: string): never => { throw new CheckFail(msg, n.loc); };

  function visit(n: ANode): Nat {
    const t = visitInner(n);
    n.t = t;
    return t;
  }

  function ident(n: ANode, name: string, strict: boolean, builtins: boolean): Nat {
    const nt = env.natures.get(name);
    if (nt) return nt;
    if (builtins && (SIGS[name] || VALIDATED.has(name) || PRED_NAMES.has(name))) return { k: 'func', s: funcTypeName(name), builtin: name };
    if (strict) fail(n, `unknown name ${name}`);
    return UNKNOWN;
  }

  function visitInner(n: ANode): Nat {
    switch (n.kind) {
      case 'Nil': return NIL;
      case 'Bool': return BOOL;
      case 'Integer': return INT;
      case 'Float': return FLOAT;
      case 'String': return STRING;
      case 'Bytes': return BYTES;
      case 'Constant': return natureOf(n.value);
      case 'Identifier': {
        for (let i = varScopes.length - 1; i >= 0; i--) if (varScopes[i].name === n.value) return varScopes[i].nat;
        if (n.value === '$env') return UNKNOWN;
        return ident(n, n.value, true, true);
      }
      case 'Unary': {
        const nt = visit(n.node);
        if (n.op === '!' || n.op === 'not') {
          if (nt.k === 'bool' || isUnknown(nt)) return BOOL;
        } else {
          if (isNumber(nt)) return nt;
          if (isUnknown(nt)) return UNKNOWN;
        }
        return fail(n, `invalid operation: ${n.op} (mismatched type ${nt.s})`);
      }
      case 'Binary': return binary(n);
      case 'Chain': return visit(n.node);
      case 'Member': return member(n);
      case 'Slice': {
        const nt = visit(n.node);
        if (isUnknown(nt)) return UNKNOWN;
        if (!(nt.k === 'string' || isArray(nt))) fail(n, `cannot slice ${nt.s}`);
        if (n.from) { const f = visit(n.from); if (!isInteger(f) && !isUnknown(f)) fail(n.from, `non-integer slice index ${f.s}`); }
        if (n.to) { const f = visit(n.to); if (!isInteger(f) && !isUnknown(f)) fail(n.to, `non-integer slice index ${f.s}`); }
        return nt;
      }
      case 'Call': return call(n);
      case 'Builtin': return builtin(n);
      case 'Predicate': {
        const nt = visit(n.node);
        return { k: 'func', s: 'func', pred: nt };
      }
      case 'Pointer': {
        if (predScopes.length === 0) fail(n, 'cannot use pointer accessor outside predicate');
        const scope = predScopes[predScopes.length - 1];
        if (n.name === '') {
          if (isUnknown(scope.collection)) return UNKNOWN;
          if (isArray(scope.collection)) return elemOf(scope.collection);
          return fail(n, `cannot use ${scope.collection.s} as array`);
        }
        const v = scope.vars.get(n.name);
        if (v) return v;
        return fail(n, `unknown pointer #${n.name}`);
      }
      case 'VariableDeclarator': {
        if (env.natures.has(n.name)) fail(n, `cannot redeclare ${n.name}`);
        if (SIGS[n.name] || VALIDATED.has(n.name) || PRED_NAMES.has(n.name)) fail(n, `cannot redeclare builtin ${n.name}`);
        for (const v of varScopes) if (v.name === n.name) fail(n, `cannot redeclare variable ${n.name}`);
        const vn = visit(n.value);
        varScopes.push({ name: n.name, nat: vn });
        try { return visit(n.expr); } finally { varScopes.pop(); }
      }
      case 'Sequence': {
        let last: Nat = UNKNOWN;
        for (const x of n.nodes) last = visit(x);
        return last;
      }
      case 'Conditional': {
        const c = visit(n.cond);
        if (c.k !== 'bool' && !isUnknown(c)) fail(n.cond, `non-bool expression (type ${c.s}) used as condition`);
        const t1 = visit(n.exp1);
        const t2 = visit(n.exp2);
        if (t1.k === 'nil' && t2.k !== 'nil') return t2;
        if (t1.k !== 'nil' && t2.k === 'nil') return t1;
        if (t1.k === 'nil' && t2.k === 'nil') return NIL;
        if (assignableTo(t1, t2)) {
          if (isArray(t1) && isArray(t2)) {
            const e1 = elemOf(t1), e2 = elemOf(t2);
            if (!assignableTo(e1, e2) || !assignableTo(e2, e1)) return ARRAY_ANY;
          }
          return t1;
        }
        return UNKNOWN;
      }
      case 'Array': {
        let prev: Nat = UNKNOWN;
        let same = true;
        n.nodes.forEach((x: ANode, i: number) => {
          const c = visit(x);
          if (i > 0 && kindOf(c) !== kindOf(prev)) same = false;
          prev = c;
        });
        if (same) return arrayOf(n.nodes.length === 0 ? UNKNOWN : prev);
        return ARRAY_ANY;
      }
      case 'Map':
        for (const p of n.pairs) { visit(p.key); visit(p.value); }
        return MAP_ANY;
      default:
        return fail(n, `undefined node type (${n.kind})`);
    }
  }

  function kindOf(n: Nat): string {
    // reflect.Kind comparison used by arrayNode (nil/unknown natures have Kind Invalid)
    if (n.k === 'unknown' || n.k === 'nil') return 'invalid';
    if (n.k === 'any') return 'interface';
    if (n.k === 'bytes') return 'array';
    return n.k === 'array' ? 'slice' : n.k;
  }

  function binary(n: ANode): Nat {
    const l = visit(n.left);
    const r = visit(n.right);
    const op: string = n.op;
    switch (op) {
      case '==': case '!=':
        if (comparableTo(l, r)) return BOOL;
        break;
      case 'or': case '||': case 'and': case '&&':
        if (l.k === 'bool' && r.k === 'bool') return BOOL;
        if (maybeCompatible(l, r, 'bool')) return BOOL;
        break;
      case '<': case '>': case '>=': case '<=':
        if (isNumber(l) && isNumber(r)) return BOOL;
        if (l.k === 'string' && r.k === 'string') return BOOL;
        if (l.k === 'time' && r.k === 'time') return BOOL;
        if (l.k === 'duration' && r.k === 'duration') return BOOL;
        if (maybeCompatible(l, r, 'number', 'string', 'time', 'duration')) return BOOL;
        break;
      case '-':
        if (isNumber(l) && isNumber(r)) return promote(l, r);
        if (l.k === 'time' && r.k === 'time') return DURATION;
        if (l.k === 'time' && r.k === 'duration') return TIME;
        if (l.k === 'duration' && r.k === 'duration') return DURATION;
        if (maybeCompatible(l, r, 'number', 'time', 'duration')) return UNKNOWN;
        break;
      case '*':
        if (isNumber(l) && isNumber(r)) return promote(l, r);
        if (isNumber(l) && r.k === 'duration') return DURATION;
        if (l.k === 'duration' && isNumber(r)) return DURATION;
        if (l.k === 'duration' && r.k === 'duration') return DURATION;
        if (maybeCompatible(l, r, 'number', 'duration')) return UNKNOWN;
        break;
      case '/': case '**': case '^':
        if (isNumber(l) && isNumber(r)) return FLOAT;
        if (maybeCompatible(l, r, 'number')) return FLOAT;
        break;
      case '%':
        if (isInteger(l) && isInteger(r)) return INT;
        if (maybeCompatible(l, r, 'integer')) return INT;
        break;
      case '+':
        if (isNumber(l) && isNumber(r)) return promote(l, r);
        if (l.k === 'string' && r.k === 'string') return STRING;
        if (l.k === 'time' && r.k === 'duration') return TIME;
        if (l.k === 'duration' && r.k === 'time') return TIME;
        if (l.k === 'duration' && r.k === 'duration') return DURATION;
        if (maybeCompatible(l, r, 'number', 'string', 'time', 'duration')) return UNKNOWN;
        break;
      case 'in':
        if (r.k === 'map') {
          const key = r.key ?? STRING;
          if (!isUnknown(l) && !assignableTo(l, key)) fail(n, `cannot use ${l.s} as type ${key.s} in map key`);
          return BOOL;
        }
        if (isArray(r)) {
          const e = elemOf(r);
          if (!comparableTo(l, e)) fail(n, `cannot use ${l.s} as type ${e.s} in array`);
          return BOOL;
        }
        if (isUnknown(l) && (r.k === 'string' || isArray(r))) return BOOL;
        if (isUnknown(r)) return BOOL;
        break;
      case 'matches':
        if (n.right.kind === 'String') {
          const re = compileRegex(n.right.value);
          if (typeof re === 'string') fail(n, re);
          n.regex = re;
        }
        if ((l.k === 'string' || l.k === 'bytes') && r.k === 'string') return BOOL;
        if (maybeCompatible(l, r, 'string')) return BOOL;
        break;
      case 'contains': case 'startsWith': case 'endsWith':
        if (l.k === 'string' && r.k === 'string') return BOOL;
        if (maybeCompatible(l, r, 'string')) return BOOL;
        break;
      case '..':
        if ((isInteger(l) && isInteger(r)) || maybeCompatible(l, r, 'integer')) return arrayOf(INT);
        break;
      case '??':
        if (l.k === 'nil' && r.k !== 'nil') return r;
        if (l.k !== 'nil' && r.k === 'nil') return l;
        if (l.k === 'nil' && r.k === 'nil') return NIL;
        if (assignableTo(r, l)) return l;
        return UNKNOWN;
      default:
        return fail(n, `unknown operator (${op})`);
    }
    return fail(n, `invalid operation: ${op} (mismatched types ${l.s} and ${r.s})`);
  }

  function member(n: ANode): Nat {
    if (n.node.kind === 'Identifier' && n.node.value === '$env' && !varScopes.some((v) => v.name === '$env')) {
      n.node.t = UNKNOWN;
      if (n.property.kind === 'String') {
        n.property.t = STRING;
        return ident(n, n.property.value, !n.optional, false);
      }
      visit(n.property);
      return UNKNOWN;
    }
    const base = visit(n.node);
    const prop = visit(n.property);
    if (isUnknown(base)) return UNKNOWN;
    const name: string | undefined = n.property.kind === 'String' ? n.property.value : undefined;
    if (name !== undefined && base.k === 'nil') fail(n, `type nil has no field ${name}`);
    if (name !== undefined) {
      const table = base.k === 'time' ? TIME_METHODS : base.k === 'duration' ? DURATION_METHODS
        : base.s === 'time.Month' || base.s === 'time.Weekday' ? NAMED_INT_METHODS : undefined;
      const out = table?.[name];
      if (out) return { k: 'func', s: 'func', methodOut: natureByName(out) };
    }
    if (base.k === 'map') {
      const key = base.key ?? STRING;
      if (!assignableTo(prop, key) && !isUnknown(prop)) fail(n.property, `cannot use ${prop.s} to get an element from ${base.s}`);
      return base.elem ?? ANY;
    }
    if (isArray(base)) {
      if (!isInteger(prop) && !isUnknown(prop)) fail(n.property, `array elements can only be selected using an integer (got ${prop.s})`);
      return elemOf(base);
    }
    if (name !== undefined) {
      if (n.method) fail(n, `type ${base.s} has no method ${name}`);
      fail(n, `type ${base.s} has no field ${name}`);
    }
    return fail(n, `type ${base.s}[${prop.s}] is undefined`);
  }

  function call(n: ANode): Nat {
    if (n.callee.kind === 'Identifier' && n.callee.value === '$env') fail(n, 'map[string]interface {} is not callable');
    const nt = visit(n.callee);
    if (isUnknown(nt)) { n.args.forEach(visit); return UNKNOWN; }
    if (nt.builtin) return checkFunction(nt.builtin, n, n.args);
    if (nt.methodOut) { n.args.forEach(visit); return nt.methodOut; }
    let fnName = 'function';
    if (n.callee.kind === 'Identifier') fnName = n.callee.value;
    if (n.callee.kind === 'Member' && n.callee.property.kind === 'String') fnName = n.callee.property.value;
    if (nt.k === 'nil') fail(n, `${fnName} is nil; cannot call nil as function`);
    return fail(n, `${nt.s} is not callable`);
  }

  function collectionArg(n: ANode): Nat {
    const c = visit(n.args[0]);
    if (!isArray(c) && !isUnknown(c)) fail(n.args[0], `builtin ${n.name} takes only array (got ${c.s})`);
    return c;
  }
  function predicate(n: ANode, coll: Nat, vars: [string, Nat][] = []): Nat {
    predScopes.push({ collection: coll, vars: new Map(vars) });
    try { return visit(n.args[1]); } finally { predScopes.pop(); }
  }
  function boolPred(n: ANode, p: Nat): void {
    if (p.k !== 'func' || !p.pred || p.pred.k === 'nil') fail(n.args[1], 'predicate should has one input and one output param');
    const out = predOut(p);
    if (out.k !== 'bool' && !isUnknown(out)) fail(n.args[1], `predicate should return boolean (got ${out.s})`);
  }
  function predOut(p: Nat): Nat {
    const o = p.pred!;
    if (isUnknown(o)) return ANY;
    if (o.k === 'nil') return UNKNOWN;
    return o;
  }

  function builtin(n: ANode): Nat {
    switch (n.name) {
      case 'all': case 'none': case 'any': case 'one': {
        const c = collectionArg(n);
        boolPred(n, predicate(n, c));
        return BOOL;
      }
      case 'filter': {
        const c = collectionArg(n);
        boolPred(n, predicate(n, c));
        if (isUnknown(c)) return ARRAY_ANY;
        return arrayOf(elemOf(c));
      }
      case 'map': {
        const c = collectionArg(n);
        const p = predicate(n, c, [['index', INT]]);
        if (p.k !== 'func' || !p.pred || p.pred.k === 'nil') fail(n.args[1], 'predicate should has one input and one output param');
        return arrayOf(p.pred!);
      }
      case 'count': {
        const c = collectionArg(n);
        if (n.args.length === 1) return INT;
        boolPred(n, predicate(n, c));
        return INT;
      }
      case 'sum': {
        const c = collectionArg(n);
        if (n.args.length === 2) {
          const p = predicate(n, c);
          return predOut(p);
        }
        if (isUnknown(c)) return UNKNOWN;
        return elemOf(c);
      }
      case 'find': case 'findLast': {
        const c = collectionArg(n);
        boolPred(n, predicate(n, c));
        if (isUnknown(c)) return UNKNOWN;
        return elemOf(c);
      }
      case 'findIndex': case 'findLastIndex': {
        const c = collectionArg(n);
        boolPred(n, predicate(n, c));
        return INT;
      }
      case 'groupBy': {
        const c = collectionArg(n);
        predicate(n, c);
        return GROUPBY;
      }
      case 'sortBy': {
        const c = collectionArg(n);
        predicate(n, c);
        if (n.args.length === 3) {
          const o = visit(n.args[2]);
          if (o.k !== 'string' && !isUnknown(o)) fail(n.args[2], `sortBy order argument must be a string (got ${o.s})`);
        }
        return c;
      }
      case 'reduce': {
        const c = collectionArg(n);
        const p = predicate(n, c, [['index', INT], ['acc', UNKNOWN]]);
        if (n.args.length === 3) visit(n.args[2]);
        return p.pred ?? UNKNOWN;
      }
      case 'get': return checkGet(n);
      default:
        return checkFunction(n.name, n, n.args);
    }
  }

  function checkGet(n: ANode): Nat {
    if (n.args.length !== 2) fail(n, `invalid number of arguments (expected 2, got ${n.args.length})`);
    const base = visit(n.args[0]);
    const prop = visit(n.args[1]);
    if (n.args[0].kind === 'Identifier' && n.args[0].value === '$env') {
      if (n.args[1].kind === 'String') return env.natures.get(n.args[1].value) ?? UNKNOWN;
      return UNKNOWN;
    }
    if (isUnknown(base)) return UNKNOWN;
    if (isArray(base)) {
      if (!isInteger(prop) && !isUnknown(prop)) fail(n.args[1], `non-integer slice index ${prop.s}`);
      return elemOf(base);
    }
    if (base.k === 'map') {
      if (!assignableTo(prop, base.key ?? STRING) && !isUnknown(prop)) fail(n.args[1], `cannot use ${prop.s} to get an element from ${base.s}`);
      return base.elem ?? ANY;
    }
    return fail(n.args[0], `type ${base.s} does not support indexing`);
  }

  function checkFunction(name: string, n: ANode, args: ANode[]): Nat {
    if (VALIDATED.has(name)) {
      const types = args.map((a) => { const t = visit(a); return isUnknown(t) && t.k !== 'nil' ? ANY : t.k === 'nil' ? { ...t, s: '%!s(<nil>)' } : t; });
      const r = validate(name, types);
      if (typeof r === 'string') fail(n, r);
      return r as Nat;
    }
    const sigs = SIGS[name];
    if (!sigs) return fail(n, `unknown builtin ${name}`);
    let lastErr: CheckFail | undefined;
    for (const sig of sigs) {
      try {
        return checkArguments(name, sig, args, n);
      } catch (e) {
        if (e instanceof CheckFail && !e.inner) { lastErr = e; continue; }
        throw e;
      }
    }
    throw lastErr!;
  }

  function checkArguments(name: string, sig: Sig, args: ANode[], n: ANode): Nat {
    let err: string | undefined;
    if (args.length > sig.params.length) err = `too many arguments to call ${name}`;
    if (args.length < sig.params.length) err = `not enough arguments to call ${name}`;
    const visitArg = (a: ANode): Nat => {
      try { return visit(a); } catch (e) { if (e instanceof CheckFail) e.inner = true; throw e; }
    };
    if (err) {
      for (const a of args) visitArg(a);
      throw new CheckFail(err, n.loc);
    }
    args.forEach((a, i) => {
      const an = visitArg(a);
      const inT = sig.params[i];
      if (inT.k === 'float' && isInteger(an)) return;
      if (isInteger(inT) && isInteger(an)) return;
      if (an.k === 'nil') {
        if (inT.k === 'any') return;
        throw new CheckFail(`cannot use nil as argument (type ${inT.s}) to call ${name}`, a.loc);
      }
      if (!assignableTo(an, inT) && !isUnknown(an)) {
        throw new CheckFail(`cannot use ${an.s} as argument (type ${inT.s}) to call ${name} `, a.loc);
      }
    });
    return sig.out;
  }

  return (root: ANode, env0: CheckEnv): Nat => {
    env = env0;
    predScopes = [];
    varScopes = [];
    return visit(root);
  };
})();

const PRED_TYPE = 'func([]interface {}, func(interface {}) bool)';
const FUNC_TYPES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  all: `${PRED_TYPE} bool`, none: `${PRED_TYPE} bool`, any: `${PRED_TYPE} bool`, one: `${PRED_TYPE} bool`,
  filter: `${PRED_TYPE} []interface {}`, map: 'func([]interface {}, func(interface {}) interface {}) []interface {}',
  find: `${PRED_TYPE} interface {}`, findLast: `${PRED_TYPE} interface {}`, findIndex: `${PRED_TYPE} int`,
  findLastIndex: `${PRED_TYPE} int`, count: `${PRED_TYPE} int`, sum: `${PRED_TYPE} int`,
  groupBy: 'func([]interface {}, func(interface {}) interface {}) map[interface {}][]interface {}',
  sortBy: 'func([]interface {}, func(interface {}) bool, string) []interface {}',
  reduce: 'func([]interface {}, func(interface {}, interface {}) interface {}, interface {}) interface {}',
  type: 'func(interface {}) string', string: 'func(interface {}) string', toJSON: 'func(interface {}) string',
  trim: 'func(string) string', trimPrefix: 'func(string, string) string', trimSuffix: 'func(string, string) string',
  upper: 'func(string) string', lower: 'func(string) string', split: 'func(string, string) []string',
  splitAfter: 'func(string, string) []string', replace: 'func(string, string, string, int) string',
  repeat: 'func(string, int) string', join: 'func([]string, string) string', indexOf: 'func(string, string) int',
  lastIndexOf: 'func(string, string) int', hasPrefix: 'func(string, string) bool', hasSuffix: 'func(string, string) bool',
  fromJSON: 'func(string) interface {}', toBase64: 'func(string) string', fromBase64: 'func(string) string',
  duration: 'func(string) (time.Duration, error)', timezone: 'func(string) (*time.Location, error)',
  sort: 'func([]interface {}, string) []interface {}', bitnot: 'func(int) int',
});
function funcTypeName(name: string): string { return FUNC_TYPES[name] ?? (name.startsWith('bit') ? 'func(int, int) int' : 'func(...interface {}) (interface {}, error)'); }

const PRED_NAMES = new Set(['all', 'none', 'any', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'groupBy', 'sortBy', 'reduce', 'get']);

const VALIDATED = new Set(['len', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'max', 'min', 'mean', 'median', 'now',
  'date', 'first', 'last', 'take', 'keys', 'values', 'toPairs', 'fromPairs', 'reverse', 'uniq', 'concat', 'flatten']);

const MAP_IFACE: Nat = { k: 'map', s: 'map[interface {}]interface {}', key: ANY, elem: ANY };

/** reflect-level element type (ignores the checker's Ref refinement of array literals). */
function reflectElem(t: Nat): Nat {
  if (t.s === '[]string') return STRING;
  if (t.s === '[]int') return INT;
  if (t.s === '[]float64') return FLOAT;
  if (t.k === 'bytes') return { k: 'uint8', s: 'uint8' };
  return ANY;
}

function validate(name: string, a: Nat[]): Nat | string {
  const one = (): string | undefined => a.length !== 1 ? `invalid number of arguments (expected 1, got ${a.length})` : undefined;
  const anyT = (t: Nat): boolean => t.k === 'any';
  const arr = (t: Nat): boolean => isArray(t);
  switch (name) {
    case 'len': {
      const e = one(); if (e) return e;
      const t = a[0];
      if (arr(t) || t.k === 'map' || t.k === 'string' || anyT(t)) return INT;
      return `invalid argument for len (type ${t.s})`;
    }
    case 'abs': {
      const e = one(); if (e) return e;
      const t = a[0];
      if (anyT(t) || isNumber(t)) return t;
      return `invalid argument for abs (type ${t.s})`;
    }
    case 'ceil': case 'floor': case 'round': {
      const e = one(); if (e) return e;
      const t = a[0];
      if (anyT(t) || isNumber(t)) return FLOAT;
      return `invalid argument for ${name} (type ${t.s})`;
    }
    case 'int': case 'float': {
      const e = one(); if (e) return e;
      const t = a[0];
      if (anyT(t) || isNumber(t) || t.k === 'string') return name === 'int' ? INT : FLOAT;
      return `invalid argument for ${name} (type ${t.s})`;
    }
    case 'max': case 'min': case 'mean': case 'median': {
      if (a.length === 0) return `not enough arguments to call ${name}`;
      for (const t of a) {
        if (anyT(t) || arr(t)) return ANY;
        if (!isNumber(t)) return `invalid argument for ${name} (type ${t.s})`;
      }
      return a[0];
    }
    case 'now':
      if (a.length !== 0) return `invalid number of arguments (expected 0, got ${a.length})`;
      return TIME;
    case 'date':
      if (a.length < 1) return `invalid number of arguments (expected at least 1, got ${a.length})`;
      if (a.length > 3) return `invalid number of arguments (expected at most 3, got ${a.length})`;
      return TIME;
    case 'first': case 'last': {
      const e = one(); if (e) return e;
      if (anyT(a[0])) return ANY;
      if (arr(a[0])) return reflectElem(a[0]);
      return `cannot get ${name} element from ${a[0].s}`;
    }
    case 'take': {
      if (a.length !== 2) return `invalid number of arguments (expected 2, got ${a.length})`;
      if (!anyT(a[0]) && !arr(a[0])) return `cannot take from ${a[0].s}`;
      if (!anyT(a[1]) && !isInteger(a[1])) return `cannot take ${a[1].s} elements`;
      return isArray(a[0]) ? { k: 'array', s: a[0].s, elem: reflectElem(a[0]) } : a[0];
    }
    case 'keys': case 'values': {
      const e = one(); if (e) return e;
      if (anyT(a[0]) || a[0].k === 'map') return ARRAY_ANY;
      return `cannot get ${name} from ${a[0].s}`;
    }
    case 'toPairs': {
      const e = one(); if (e) return e;
      if (anyT(a[0]) || a[0].k === 'map') return ARRAY_ANY;
      return `cannot transform ${a[0].s} to pairs`;
    }
    case 'fromPairs': {
      const e = one(); if (e) return e;
      if (anyT(a[0]) || arr(a[0])) return MAP_IFACE;
      return `cannot transform ${a[0].s} from pairs`;
    }
    case 'reverse': case 'uniq': {
      const e = one(); if (e) return e;
      if (anyT(a[0]) || arr(a[0])) return ARRAY_ANY;
      return `cannot ${name} ${a[0].s}`;
    }
    case 'concat': {
      if (a.length === 0) return 'invalid number of arguments (expected at least 1, got 0)';
      for (const t of a) if (!anyT(t) && !arr(t)) return `cannot concat ${t.s}`;
      return ARRAY_ANY;
    }
    case 'flatten': {
      const e = one(); if (e) return e;
      if (anyT(a[0]) || arr(a[0])) return ARRAY_ANY;
      return `cannot flatten ${a[0].s}`;
    }
  }
  return UNKNOWN;
}

export { NIL, UNKNOWN };
