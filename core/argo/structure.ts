// Strict structure, like `argo lint --strict`: unknown and mis-cased keys (sigs.k8s.io/json UnmarshalStrict is
// case-sensitive) and JSON type mismatches, against our compact models (model.ts), per Argo version.
import type { Pair, Scalar as YScalar } from 'yaml';
import type { Finding, Fix } from './findings';
import { fieldExists, modelForKind, type FieldSpec, type ObjModel } from './model';
import type { ArgoVersion } from './versions';
import { nodeRange } from './documents';

import { isMap, isSeq, isScalar } from './yamlGuards';

const KIND_MODELS = new Map<string, ObjModel | undefined>();

export function checkStructure(root: unknown, kind: string, v: ArgoVersion): Finding[] {
  let model = KIND_MODELS.get(kind);
  if (model === undefined && !KIND_MODELS.has(kind)) {
    model = modelForKind(kind);
    if (KIND_MODELS.size < 64) KIND_MODELS.set(kind, model);
  }
  if (!model || !isMap(root)) return [];
  const w: Walk = { v, out: [], path: [] };
  walkObject(root, model, w);
  return w.out;
}

// The walk allocates nothing per node unless it reports something: the key path is one stack shared by the whole
// walk (a number = a list index, shown as `[i]` after the key before it), and paths are spelled only for findings.
interface Walk { v: ArgoVersion; out: Finding[]; path: (string | number)[] }

const MODELS = new Map<() => ObjModel, ObjModel>();
function modelOf(f: () => ObjModel): ObjModel {
  let m = MODELS.get(f);
  if (!m) MODELS.set(f, (m = f()));
  return m;
}

/** `spec.templates[0].name`: the path as in the messages (keys joined by dots, indexes attached to their key). */
function pathText(path: readonly (string | number)[]): string {
  const segs: string[] = [];
  for (const p of path) {
    if (typeof p === 'number' && segs.length) segs[segs.length - 1] += `[${p}]`;
    else segs.push(String(p));
  }
  return segs.join('.').replace(/\.\[/g, '[');
}

/** The keys only (what encoding/json prints after the struct name). */
function typePathText(path: readonly (string | number)[]): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

const exists = (f: FieldSpec, v: ArgoVersion) => (f.since === undefined && f.removedIn === undefined) || fieldExists(f, v);

/** Each model's fields as a Map: keys come sliced out of the text, and a Map finds such a string faster than an
 *  own-property check on an object with hundreds of keys (which first looks the string up in V8's string table). */
const FIELD_MAPS = new WeakMap<ObjModel, Map<string, FieldSpec>>();
function fieldMap(model: ObjModel): Map<string, FieldSpec> {
  let m = FIELD_MAPS.get(model);
  if (!m) FIELD_MAPS.set(model, (m = new Map(Object.entries(model.fields))));
  return m;
}

function walkObject(node: unknown, model: ObjModel, w: Walk) {
  if (!isMap(node)) return;
  const items = node.items as Pair[];
  const fields = fieldMap(model);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isScalar(item.key)) continue;
    const key = String((item.key as YScalar).value);
    const spec = fields.get(key);
    w.path.push(key);
    if (!spec || !exists(spec, w.v)) w.out.push(unknownField(item, key, model, pathText(w.path), w.v));
    else checkValue(item.value, spec, model.goStruct, w);
    w.path.pop();
  }
}

// JSON kinds of a node, as encoding/json sees the YAML → JSON conversion
const K_NULL = 0, K_STRING = 1, K_NUMBER = 2, K_BOOL = 3, K_ARRAY = 4, K_OBJECT = 5;
const KIND_NAMES = ['null', 'string', 'number', 'bool', 'array', 'object'];

function jsonKind(n: unknown): number {
  if (n === null || n === undefined) return K_NULL;
  if (isScalar(n)) {
    const x = n.value;
    if (x === null || x === undefined) return K_NULL;
    switch (typeof x) {
      case 'string': return K_STRING;
      case 'number': case 'bigint': return K_NUMBER;
      case 'boolean': return K_BOOL;
    }
    return x instanceof Date ? K_STRING : K_NULL;
  }
  if (isMap(n)) return K_OBJECT;
  if (isSeq(n)) return K_ARRAY;
  return K_NULL;
}

function mismatch(n: unknown, shown: string, goStruct: string, goType: string, w: Walk) {
  w.out.push({
    code: 'strict.type', severity: 'error', range: nodeRange(n), argo: true,
    message: `json: cannot unmarshal ${shown} into Go struct field ${goStruct}.${typePathText(w.path)} of type ${goType.replace(/^\*/, '')}`,
  });
}

function checkValue(n: unknown, spec: FieldSpec, goStruct: string, w: Walk) {
  if (spec.type === 'open') return;
  const k = jsonKind(n);
  if (k === K_NULL) return;
  switch (spec.type) {
    case 'string':
      if (k !== K_STRING) mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
      return;
    case 'bool':
      if (k !== K_BOOL) mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
      return;
    case 'int': {
      if (k !== K_NUMBER) mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
      else {
        const x = (n as YScalar).value;
        if (!Number.isInteger(Number(x))) mismatch(n, `number ${String((n as YScalar).source ?? x)}`, goStruct, spec.goType, w);
      }
      return;
    }
    case 'anyString':
    case 'intOrString':
      if (k === K_ARRAY || k === K_OBJECT) mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
      return;
    case 'stringMap': {
      if (k !== K_OBJECT) {
        mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
        return;
      }
      for (const it of (n as { items: Pair[] }).items) {
        const ik = jsonKind(it.value);
        if (ik !== K_STRING && ik !== K_NULL) {
          w.out.push({
            code: 'strict.type', severity: 'error', range: nodeRange(it.value), argo: true,
            message: `json: cannot unmarshal ${KIND_NAMES[ik]} into Go struct field ${goStruct}.${typePathText(w.path)} of type string`,
          });
        }
      }
      return;
    }
    case 'object':
      if (k !== K_OBJECT) {
        mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
        return;
      }
      walkObject(n, modelOf(spec.model!), w);
      return;
    case 'list': {
      if (k !== K_ARRAY) {
        mismatch(n, KIND_NAMES[k], goStruct, spec.goType, w);
        return;
      }
      if (!isSeq(n)) return;
      const items = n.items;
      for (let i = 0; i < items.length; i++) {
        w.path.push(i);
        checkValue(items[i], spec.items!, goStruct, w);
        w.path.pop();
      }
      return;
    }
  }
}

function unknownField(item: Pair, key: string, model: ObjModel, p: string, v: ArgoVersion): Finding {
  const range = nodeRange(item.key);
  const known = Object.entries(model.fields).filter(([, f]) => fieldExists(f, v)).map(([k]) => k);
  const msg = `strict decoding error: unknown field "${p}"`;
  const fixes: Fix[] = [];
  let code = 'strict.unknownField';
  const caseMatch = known.find((k) => k.toLowerCase() === key.toLowerCase());
  const near = caseMatch ?? nearMiss(key, known);
  if (near) {
    if (caseMatch) code = 'strict.fieldCase';
    fixes.push({ title: `Rename "${key}" to "${near}"`, edits: [{ range, newText: near }], preferred: true });
  }
  const f: Finding = { code, severity: 'error', range, message: msg, argo: true };
  if (fixes.length) f.fixes = fixes;
  if (near) f.related = [{ range, message: `did you mean "${near}"?` }];
  // Field exists in another Argo version: say so.
  const spec = model.fields[key];
  if (spec && !fieldExists(spec, v)) {
    f.related = [...(f.related ?? []), { range, message: spec.removedIn ? `"${key}" was removed in Argo ${spec.removedIn}` : `"${key}" needs Argo ${spec.since} or later` }];
  }
  return f;
}

/** The closest known key within a small edit distance (Damerau–Levenshtein ≤ 2, ≤ 1 for short keys). */
export function nearMiss(key: string, known: string[]): string | undefined {
  const max = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = max + 1;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= max ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
