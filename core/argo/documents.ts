// Multi-document YAML parsing with positions, and small helpers to walk the yaml AST.
import { parseAllDocuments, Scalar, YAMLMap, YAMLSeq, Pair, Document } from 'yaml';
import { isMap, isSeq, isScalar, isPair, isNode } from './yamlGuards';
import type { Node as YNode } from 'yaml';
import { computeLineStarts, type Finding, type Range } from './findings';
import { fastParseAll } from './fastYaml';

export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';
export const ARGO_KINDS = ['CronWorkflow', 'WorkflowEventBinding', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'Workflow'] as const;
export type ArgoKind = (typeof ARGO_KINDS)[number];
/** Files above this size are refused with a finding (nothing else is parsed). */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;
/** At most this many documents are parsed per file. */
export const MAX_DOCUMENTS = 10_000;

export interface ArgoDocument {
  index: number;
  kind?: string;
  apiVersion?: string;
  name?: string;
  generateName?: string;
  namespace?: string;
  range: Range;
  /** the yaml Document */
  doc: Document.Parsed;
  /** apiVersion is argoproj.io/v1alpha1 and kind is one of ARGO_KINDS */
  isArgo: boolean;
}

export interface ParsedFile {
  docs: ArgoDocument[];
  lineStarts: number[];
  /** File-level problems (too large, too many documents). YAML syntax errors stay on each doc.errors. */
  problems?: Finding[];
}

export function parseFile(text: string): ParsedFile {
  const lineStarts = computeLineStarts(text);
  if (text.length > MAX_FILE_CHARS) {
    return {
      docs: [],
      lineStarts,
      problems: [{
        code: 'file.tooLarge', severity: 'error', range: { start: 0, end: Math.min(text.length, 1) },
        message: `file is ${text.length} characters, more than the ${MAX_FILE_CHARS} this linter reads; nothing was checked`,
      }],
    };
  }
  let all: Document.Parsed[];
  try {
    // the fast path gives the same documents as `yaml` for the common shapes of trigger files, or declines
    const parsed = fastParseAll(text) ?? parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
    all = Array.isArray(parsed) ? parsed : [];
  } catch (e) {
    return {
      docs: [], lineStarts,
      problems: [{ code: 'yaml.syntax', severity: 'error', range: { start: 0, end: Math.min(text.length, 1) }, message: `YAML could not be parsed: ${(e as Error).message}` }],
    };
  }
  const problems: Finding[] = [];
  if (all.length > MAX_DOCUMENTS) {
    problems.push({ code: 'file.tooManyDocuments', severity: 'error', range: { start: all[MAX_DOCUMENTS].range[0], end: all[MAX_DOCUMENTS].range[0] + 1 },
      message: `file has ${all.length} documents; only the first ${MAX_DOCUMENTS} were checked` });
    all = all.slice(0, MAX_DOCUMENTS);
  }
  const docs = all.map((doc, index) => describe(doc, index));
  return problems.length ? { docs, lineStarts, problems } : { docs, lineStarts };
}

function describe(doc: Document.Parsed, index: number): ArgoDocument {
  const root = doc.contents;
  const start = isNode(root) && root.range ? root.range[0] : doc.range[0];
  const out: ArgoDocument = { index, doc, range: { start, end: Math.max(start, doc.range[2]) }, isArgo: false };
  if (isMap(root)) {
    out.kind = scalarString(getValue(root, 'kind'));
    out.apiVersion = scalarString(getValue(root, 'apiVersion'));
    const meta = getValue(root, 'metadata');
    if (isMap(meta)) {
      out.name = scalarString(getValue(meta, 'name'));
      out.generateName = scalarString(getValue(meta, 'generateName'));
      out.namespace = scalarString(getValue(meta, 'namespace'));
    }
  }
  // argo lint decides by kind alone; we also require the argoproj.io group (or no apiVersion) so other products' kinds
  // named "Workflow" are left alone. A wrong version is reported by lint (doc.apiVersion).
  out.isArgo = (ARGO_KINDS as readonly string[]).includes(out.kind ?? '') && (out.apiVersion === undefined || out.apiVersion.startsWith('argoproj.io/'));
  return out;
}

// ---------- AST helpers ----------

export function getPair(map: unknown, key: string): Pair<Scalar, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const it of map.items) {
    if (isScalar(it.key) && String(it.key.value) === key) return it as Pair<Scalar, unknown>;
  }
  return undefined;
}

export function getValue(map: unknown, key: string): unknown {
  return getPair(map, key)?.value ?? undefined;
}

/** Walk `a.b.c` through maps. */
export function getIn(node: unknown, path: string[]): unknown {
  let cur = node;
  for (const k of path) {
    cur = getValue(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The string of a scalar (numbers/bools converted as Go would see their YAML text), else undefined. */
export function scalarString(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return n.source ?? String(v);
  return undefined;
}

export function isNullNode(n: unknown): boolean {
  return n === undefined || n === null || (isScalar(n) && (n.value === null || n.value === undefined));
}

export function nodeRange(n: unknown, fallback?: Range): Range {
  if (isNode(n) && n.range) return { start: n.range[0], end: n.range[1] };
  if (isPair(n)) return pairRange(n);
  return fallback ?? { start: 0, end: 0 };
}

export function pairRange(p: Pair): Range {
  const k = isNode(p.key) ? p.key.range : undefined;
  const v = isNode(p.value) ? p.value.range : undefined;
  const start = k ? k[0] : v ? v[0] : 0;
  const end = v ? v[1] : k ? k[1] : start;
  return { start, end: Math.max(start, end) };
}

export function keyRange(p: Pair): Range {
  return nodeRange(p.key);
}

/** The value's range when there is one, else the key's. */
export function valueOrKeyRange(p: Pair): Range {
  return isNode(p.value) && p.value.range ? nodeRange(p.value) : nodeRange(p.key);
}

export function mapItems(n: unknown): Pair[] {
  return isMap(n) ? (n.items as Pair[]) : [];
}

export function seqItems(n: unknown): unknown[] {
  return isSeq(n) ? n.items : [];
}

export function toJS(n: unknown): unknown {
  if (n === undefined || n === null) return undefined;
  if (isNode(n)) {
    try {
      return (n as YNode).toJSON();
    } catch {
      return undefined;
    }
  }
  return n;
}

export type { YAMLMap, YAMLSeq, Scalar, Pair };
export { isMap, isSeq, isScalar, isPair, isNode };

/** Findings for the YAML syntax errors (and warnings) of a document. */
export function yamlFindings(d: ArgoDocument, textLength: number): Finding[] {
  const out: Finding[] = [];
  for (const e of d.doc.errors) {
    const start = Math.min(e.pos[0], textLength);
    const end = Math.min(Math.max(e.pos[1], start + 1), Math.max(textLength, start));
    const code = e.code === 'DUPLICATE_KEY' ? 'yaml.duplicateKey' : 'yaml.syntax';
    out.push({ code, severity: 'error', range: { start, end }, message: firstLine(e.message) });
  }
  for (const w of d.doc.warnings) {
    const start = Math.min(w.pos[0], textLength);
    out.push({ code: 'yaml.warning', severity: 'warning', range: { start, end: Math.max(start, Math.min(w.pos[1], textLength)) }, message: firstLine(w.message) });
  }
  return out;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}
