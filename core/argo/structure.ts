// Strict structure, like `argo lint --strict`: unknown and mis-cased keys (sigs.k8s.io/json UnmarshalStrict is
// case-sensitive) and JSON type mismatches, against our compact models (model.ts), per Argo version.
import { isMap, isSeq, isScalar, type Pair, type Scalar as YScalar } from 'yaml';
import type { Finding, Fix } from './findings';
import { fieldExists, modelForKind, type FieldSpec, type ObjModel } from './model';
import type { ArgoVersion } from './versions';
import { nodeRange } from './documents';

export function checkStructure(root: unknown, kind: string, v: ArgoVersion): Finding[] {
  const model = modelForKind(kind);
  if (!model || !isMap(root)) return [];
  const out: Finding[] = [];
  walkObject(root, model, [], [], v, out);
  return out;
}

const MODELS = new Map<() => ObjModel, ObjModel>();
function modelOf(f: () => ObjModel): ObjModel {
  let m = MODELS.get(f);
  if (!m) MODELS.set(f, (m = f()));
  return m;
}

function pathText(p: string[]): string {
  return p.join('.').replace(/\.\[/g, '[');
}

function walkObject(node: unknown, model: ObjModel, path: string[], typePath: string[], v: ArgoVersion, out: Finding[]) {
  if (!isMap(node)) return;
  for (const item of node.items as Pair[]) {
    if (!isScalar(item.key)) continue;
    const key = String((item.key as YScalar).value);
    const spec = model.fields[key];
    if (!spec || !fieldExists(spec, v)) {
      out.push(unknownField(item, key, model, [...path, key], v));
      continue;
    }
    checkValue(item.value, spec, model.goStruct, [...path, key], [...typePath, key], v, out);
  }
}

function jsonKind(n: unknown): { kind: 'null' | 'string' | 'number' | 'bool' | 'array' | 'object'; value?: unknown } {
  if (n === null || n === undefined) return { kind: 'null' };
  if (isMap(n)) return { kind: 'object' };
  if (isSeq(n)) return { kind: 'array' };
  if (isScalar(n)) {
    const x = n.value;
    if (x === null || x === undefined) return { kind: 'null' };
    if (typeof x === 'string') return { kind: 'string', value: x };
    if (typeof x === 'number' || typeof x === 'bigint') return { kind: 'number', value: x };
    if (typeof x === 'boolean') return { kind: 'bool', value: x };
    if (x instanceof Date) return { kind: 'string', value: x.toISOString() };
  }
  return { kind: 'null' };
}

function checkValue(n: unknown, spec: FieldSpec, goStruct: string, path: string[], typePath: string[], v: ArgoVersion, out: Finding[]) {
  const j = jsonKind(n);
  if (j.kind === 'null' || spec.type === 'open') return;
  const mismatch = (shown: string) =>
    out.push({
      code: 'strict.type', severity: 'error', range: nodeRange(n), argo: true,
      message: `json: cannot unmarshal ${shown} into Go struct field ${goStruct}.${typePath.join('.')} of type ${spec.goType.replace(/^\*/, '')}`,
    });
  switch (spec.type) {
    case 'string':
      if (j.kind !== 'string') mismatch(j.kind);
      return;
    case 'bool':
      if (j.kind !== 'bool') mismatch(j.kind);
      return;
    case 'int':
      if (j.kind !== 'number') mismatch(j.kind);
      else if (!Number.isInteger(Number(j.value))) mismatch(`number ${String((n as YScalar).source ?? j.value)}`);
      return;
    case 'anyString':
    case 'intOrString':
      if (j.kind === 'array' || j.kind === 'object') mismatch(j.kind);
      return;
    case 'stringMap':
      if (j.kind !== 'object') {
        mismatch(j.kind);
        return;
      }
      for (const it of (n as { items: Pair[] }).items) {
        const k = jsonKind(it.value);
        if (k.kind !== 'string' && k.kind !== 'null') {
          out.push({
            code: 'strict.type', severity: 'error', range: nodeRange(it.value), argo: true,
            message: `json: cannot unmarshal ${k.kind} into Go struct field ${goStruct}.${typePath.join('.')} of type string`,
          });
        }
      }
      return;
    case 'object':
      if (j.kind !== 'object') {
        mismatch(j.kind);
        return;
      }
      walkObject(n, modelOf(spec.model!), path, typePath, v, out);
      return;
    case 'list':
      if (j.kind !== 'array') {
        mismatch(j.kind);
        return;
      }
      if (!isSeq(n)) return;
      n.items.forEach((it, i) => {
        const ip = [...path.slice(0, -1), `${path[path.length - 1]}[${i}]`];
        checkValue(it, spec.items!, goStruct, ip, typePath, v, out);
      });
      return;
  }
}

function unknownField(item: Pair, key: string, model: ObjModel, path: string[], v: ArgoVersion): Finding {
  const range = nodeRange(item.key);
  const known = Object.entries(model.fields).filter(([, f]) => fieldExists(f, v)).map(([k]) => k);
  const p = pathText(path);
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
