// Workspace index of WorkflowTemplates / ClusterWorkflowTemplates, so references can be checked across files.
import { parseFile, getIn, getValue, seqItems, scalarString, isNullNode, type ArgoDocument } from './documents';
import type { Range } from './findings';

export interface TemplateInfo {
  kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate';
  name: string;
  namespace?: string;
  uri: string;
  parameters: { name: string; hasDefault: boolean; value?: string }[];
  entrypoint?: string;
  templates: string[];
  /** range of the whole document in its file */
  range?: Range;
  /** spec.workflowMetadata labels / annotations (copied to WEB-created Workflows from v4.1) */
  workflowMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface TemplateLookup {
  find(kind: string, name: string, namespace?: string): TemplateInfo | undefined;
}

export function templateInfoOf(d: ArgoDocument, uri: string): TemplateInfo | undefined {
  if (!d.isArgo || (d.kind !== 'WorkflowTemplate' && d.kind !== 'ClusterWorkflowTemplate') || !d.name) return undefined;
  const root = d.doc.contents;
  const spec = getValue(root, 'spec');
  const parameters: TemplateInfo['parameters'] = [];
  for (const p of seqItems(getIn(spec, ['arguments', 'parameters']))) {
    const name = scalarString(getValue(p, 'name'));
    if (!name) continue;
    const value = getValue(p, 'value');
    const hasDefault = !isNullNode(value) || !isNullNode(getValue(p, 'valueFrom'));
    parameters.push(isNullNode(value) ? { name, hasDefault } : { name, hasDefault, value: scalarString(value) });
  }
  const templates = seqItems(getValue(spec, 'templates')).map((t) => scalarString(getValue(t, 'name'))).filter((x): x is string => !!x);
  const info: TemplateInfo = { kind: d.kind, name: d.name, uri, parameters, templates, range: d.range };
  if (d.kind === 'WorkflowTemplate' && d.namespace) info.namespace = d.namespace;
  const ep = scalarString(getValue(spec, 'entrypoint'));
  if (ep) info.entrypoint = ep;
  const wm = getValue(spec, 'workflowMetadata');
  const labels = stringMap(getValue(wm, 'labels'));
  const annotations = stringMap(getValue(wm, 'annotations'));
  if (labels || annotations) info.workflowMetadata = { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  return info;
}

function stringMap(n: unknown): Record<string, string> | undefined {
  const js = (n as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  if (!js || typeof js !== 'object' || Array.isArray(js)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(js as Record<string, unknown>)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function matches(t: TemplateInfo, kind: string, name: string, namespace?: string): boolean {
  if (t.kind !== kind || t.name !== name) return false;
  if (kind === 'ClusterWorkflowTemplate') return true;
  // Namespaces left empty in manifests are filled in by `kubectl -n`/the binding's namespace, so an
  // unspecified namespace on either side matches.
  return !t.namespace || !namespace || t.namespace === namespace;
}

const nameKey = (t: TemplateInfo) => `${t.kind}\u0000${t.name}`;

export class TemplateIndex implements TemplateLookup {
  private byUri = new Map<string, TemplateInfo[]>();
  /** kind + name → templates in byUri order: `find` without scanning every template. Built lazily, then kept up to
   *  date file by file (rebuilding it on every change cost the server ≈ 1 ms per open file per keystroke). */
  private byName: Map<string, TemplateInfo[]> | undefined;
  /** position of each URI in byUri's iteration order (a Map keeps a key's place when it is set again) */
  private uriSeq = new Map<string, number>();
  private nextSeq = 0;
  /** how many templates (of either kind) have each name: `hasName` answers for names no template has (most of the
   *  `name:` values a document holds) without building keys for both kinds */
  private nameCount = new Map<string, number>();
  private count = 0;

  update(uri: string, text: string): void {
    let infos: TemplateInfo[] = [];
    try {
      infos = parseFile(text).docs.map((d) => templateInfoOf(d, uri)).filter((x): x is TemplateInfo => !!x);
    } catch {
      infos = [];
    }
    this.setInfos(uri, infos);
  }

  /** Add already-parsed documents (avoids a second parse). */
  updateDocs(uri: string, docs: ArgoDocument[]): void {
    this.setInfos(uri, docs.map((d) => templateInfoOf(d, uri)).filter((x): x is TemplateInfo => !!x));
  }

  remove(uri: string): void {
    this.setInfos(uri, []);
  }

  private setInfos(uri: string, infos: TemplateInfo[]): void {
    const old = this.byUri.get(uri);
    if (!old && !infos.length) return;
    for (const t of old ?? []) {
      const c = (this.nameCount.get(t.name) ?? 0) - 1;
      if (c > 0) this.nameCount.set(t.name, c);
      else this.nameCount.delete(t.name);
    }
    for (const t of infos) this.nameCount.set(t.name, (this.nameCount.get(t.name) ?? 0) + 1);
    this.count += infos.length - (old?.length ?? 0);
    if (infos.length) {
      if (!old) this.uriSeq.set(uri, this.nextSeq++);
      this.byUri.set(uri, infos);
    } else {
      this.byUri.delete(uri);
      this.uriSeq.delete(uri);
    }
    if (this.byName) this.patchByName(uri, old ?? [], infos);
  }

  /** Replaces `old` by `infos` (the templates of `uri`) in the lists of the names either of them has. */
  private patchByName(uri: string, old: TemplateInfo[], infos: TemplateInfo[]): void {
    const m = this.byName!;
    const gone = new Set<TemplateInfo>(old);
    const added = new Map<string, TemplateInfo[]>();
    for (const t of old) if (!added.has(nameKey(t))) added.set(nameKey(t), []);
    for (const t of infos) {
      const k = nameKey(t);
      const l = added.get(k);
      if (l) l.push(t);
      else added.set(k, [t]);
    }
    const seq = this.uriSeq.get(uri);
    for (const [k, mine] of added) {
      const rest = (m.get(k) ?? []).filter((t) => !gone.has(t));
      let list = rest;
      if (mine.length) {
        // this file's templates go where its URI stands in byUri's order, in document order
        let at = rest.length;
        for (let i = 0; i < rest.length; i++) {
          if ((this.uriSeq.get(rest[i].uri) ?? Infinity) > seq!) { at = i; break; }
        }
        list = [...rest.slice(0, at), ...mine, ...rest.slice(at)];
      }
      if (list.length) m.set(k, list);
      else m.delete(k);
    }
  }

  /** The first template (in index order) of that kind and name in exactly that namespace (any namespace for a
   *  ClusterWorkflowTemplate), else the first whose namespace is unspecified on either side. */
  find(kind: string, name: string, namespace?: string): TemplateInfo | undefined {
    const cands = this.candidates(kind, name);
    if (!cands) return undefined;
    let loose: TemplateInfo | undefined;
    for (const t of cands) {
      if (kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')) return t;
      if (!loose && matches(t, kind, name, namespace)) loose = t;
    }
    return loose;
  }

  /** Does any template (of either kind) have this name? */
  hasName(name: string): boolean {
    return this.nameCount.has(name);
  }

  /** Every template with this name, WorkflowTemplates then ClusterWorkflowTemplates, each in index order. */
  named(name: string): TemplateInfo[] {
    return [...(this.candidates('WorkflowTemplate', name) ?? []), ...(this.candidates('ClusterWorkflowTemplate', name) ?? [])];
  }

  private candidates(kind: string, name: string): TemplateInfo[] | undefined {
    if (!this.nameCount.has(name)) return undefined; // no template has the name: no key to build
    if (!this.byName) {
      const m = new Map<string, TemplateInfo[]>();
      for (const list of this.byUri.values()) {
        for (const t of list) {
          const k = nameKey(t);
          const l = m.get(k);
          if (l) l.push(t);
          else m.set(k, [t]);
        }
      }
      this.byName = m;
    }
    return this.byName.get(`${kind}\u0000${name}`);
  }

  /** How many templates the index holds (without flattening every file's list). */
  size(): number {
    return this.count;
  }

  all(): TemplateInfo[] {
    return [...this.byUri.values()].flat();
  }

  /** The templates of one file, in document order. */
  forUri(uri: string): TemplateInfo[] {
    return [...(this.byUri.get(uri) ?? [])];
  }
}

/** Lookup over the file being linted first, then the workspace index. */
export function overlayLookup(local: TemplateInfo[], index?: TemplateLookup, excludeUri?: string): TemplateLookup {
  // kind + name → the local templates with it, in `local` order (both searches below only look at those): a file's
  // many references then cost one map lookup each instead of scans of every template in it
  let byName: Map<string, TemplateInfo[]> | undefined;
  const named = (kind: string, name: string): TemplateInfo[] | undefined => {
    if (!byName) {
      byName = new Map();
      for (const t of local) {
        const k = `${t.kind}\u0000${t.name}`;
        const l = byName.get(k);
        if (l) l.push(t); else byName.set(k, [t]);
      }
    }
    return byName.get(`${kind}\u0000${name}`);
  };
  return {
    find(kind, name, namespace) {
      const cands = named(kind, name);
      const exact = cands?.find((t) => t.kind === kind && t.name === name && (kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')));
      if (exact) return exact;
      const fromIndex = index?.find(kind, name, namespace);
      // the index's (possibly stale) entry for the very file being linted does not count: `local` is its current text
      if (fromIndex && !(excludeUri && fromIndex.uri === excludeUri)) return fromIndex;
      return cands?.find((t) => matches(t, kind, name, namespace));
    },
  };
}
