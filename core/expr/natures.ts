// Static types ("natures") used by the checker, modelled on what expr's checker can know about Go values.
import { GOTYPE, GoBytes, GoDuration, GoNamedInt, GoTime } from './values';

export type NKind = 'unknown' | 'any' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'map' | 'time'
  | 'duration' | 'func' | 'bytes' | 'uint8';
export interface Nat {
  k: NKind;
  s: string;                 // Go type name as expr prints it
  elem?: Nat;                // arrays (Ref) / maps
  key?: Nat;
  fields?: Map<string, Nat>; // the env
  pred?: Nat;                // predicate result nature (func natures of closures)
  predIn?: number;
  builtin?: string;          // identifier resolving to a builtin function
  methodOut?: Nat;           // bound method (time.Time / time.Duration): its result
}

export const UNKNOWN: Nat = { k: 'unknown', s: 'unknown' };
export const ANY: Nat = { k: 'any', s: 'interface {}' };
export const NIL: Nat = { k: 'nil', s: 'unknown' };
export const BOOL: Nat = { k: 'bool', s: 'bool' };
export const INT: Nat = { k: 'int', s: 'int' };
export const FLOAT: Nat = { k: 'float', s: 'float64' };
export const STRING: Nat = { k: 'string', s: 'string' };
export const TIME: Nat = { k: 'time', s: 'time.Time' };
export const DURATION: Nat = { k: 'duration', s: 'time.Duration' };
export const BYTES: Nat = { k: 'bytes', s: '[]uint8', elem: { k: 'uint8', s: 'uint8' } };
export const ARRAY_ANY: Nat = { k: 'array', s: '[]interface {}', elem: ANY };
export const MAP_ANY: Nat = { k: 'map', s: 'map[string]interface {}', key: STRING, elem: ANY };
export const GROUPBY: Nat = { k: 'map', s: 'map[interface {}][]interface {}', key: ANY, elem: ARRAY_ANY };

export const isUnknown = (n: Nat): boolean => n.k === 'unknown' || n.k === 'any';
export const isNumber = (n: Nat): boolean => n.k === 'int' || n.k === 'float' || n.k === 'uint8';
export const isInteger = (n: Nat): boolean => n.k === 'int' || n.k === 'uint8';
export const isArray = (n: Nat): boolean => n.k === 'array' || n.k === 'bytes';

export function natureByName(s: string): Nat {
  switch (s) {
    case 'int': return INT;
    case 'string': return STRING;
    case 'bool': return BOOL;
    case 'float64': return FLOAT;
    case 'time.Time': return TIME;
    case 'time.Duration': return DURATION;
    default: return { k: 'int', s };   // int64, time.Month, time.Weekday
  }
}

export function arrayOf(elem: Nat): Nat { return { k: 'array', s: '[]interface {}', elem }; }
export function elemOf(n: Nat): Nat {
  if (n.k === 'array' || n.k === 'bytes' || n.k === 'map') return n.elem ?? ANY;
  return UNKNOWN;
}

export function natureOf(v: unknown): Nat {
  if (v === null || v === undefined) return NIL;
  switch (typeof v) {
    case 'boolean': return BOOL;
    case 'string': return STRING;
    case 'number': return FLOAT;
    case 'bigint': return INT;
    default: break;
  }
  if (Array.isArray(v)) {
    const t = (v as { [GOTYPE]?: string })[GOTYPE];
    if (t === '[]string') return { k: 'array', s: t, elem: STRING };
    if (t === '[]int') return { k: 'array', s: t, elem: INT };
    if (t === '[]float64') return { k: 'array', s: t, elem: FLOAT };
    return ARRAY_ANY;
  }
  if (v instanceof Map) return MAP_ANY;
  if (v instanceof GoTime) return TIME;
  if (v instanceof GoDuration) return DURATION;
  if (v instanceof GoBytes) return BYTES;
  if (v instanceof GoNamedInt) return { k: 'int', s: v.type };
  return ANY;
}

/** reflect AssignableTo between natures (approximation over the types that can occur). */
export function assignableTo(a: Nat, b: Nat): boolean {
  if (a.k === 'nil') return b.k === 'any' || b.k === 'map' || b.k === 'array' || b.k === 'func' || b.k === 'bytes';
  if (a.k === 'unknown' || b.k === 'unknown') return false;
  if (b.k === 'any') return true;
  if (a.k !== b.k) return false;
  return a.s === b.s;
}

export function comparableTo(a: Nat, b: Nat): boolean {
  return isUnknown(a) || isUnknown(b) || a.k === 'nil' || b.k === 'nil' ||
    (isNumber(a) && isNumber(b)) || (a.k === 'duration' && b.k === 'duration') || (a.k === 'time' && b.k === 'time') ||
    (isArray(a) && isArray(b)) || assignableTo(a, b);
}

export type Check = 'bool' | 'string' | 'integer' | 'number' | 'map' | 'array' | 'time' | 'duration';
export function isAnyOf(n: Nat, cs: Check[]): boolean {
  for (const c of cs) {
    switch (c) {
      case 'bool': if (n.k === 'bool') return true; break;
      case 'string': if (n.k === 'string') return true; break;
      case 'integer': if (isInteger(n)) return true; break;
      case 'number': if (isNumber(n)) return true; break;
      case 'map': if (n.k === 'map') return true; break;
      case 'array': if (isArray(n)) return true; break;
      case 'time': if (n.k === 'time') return true; break;
      case 'duration': if (n.k === 'duration') return true; break;
    }
  }
  return false;
}
export function maybeCompatible(a: Nat, b: Nat, ...cs: Check[]): boolean {
  const au = isUnknown(a), bu = isUnknown(b);
  return (au && bu) || (au && isAnyOf(b, cs)) || (bu && isAnyOf(a, cs));
}
export function promote(a: Nat, b: Nat): Nat {
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  if (a.k === 'float' || b.k === 'float') return FLOAT;
  return INT;
}
