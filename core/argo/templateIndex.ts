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

export class TemplateIndex implements TemplateLookup {
  private byUri = new Map<string, TemplateInfo[]>();

  update(uri: string, text: string): void {
    let infos: TemplateInfo[] = [];
    try {
      infos = parseFile(text).docs.map((d) => templateInfoOf(d, uri)).filter((x): x is TemplateInfo => !!x);
    } catch {
      infos = [];
    }
    if (infos.length) this.byUri.set(uri, infos);
    else this.byUri.delete(uri);
  }

  /** Add already-parsed documents (avoids a second parse). */
  updateDocs(uri: string, docs: ArgoDocument[]): void {
    const infos = docs.map((d) => templateInfoOf(d, uri)).filter((x): x is TemplateInfo => !!x);
    if (infos.length) this.byUri.set(uri, infos);
    else this.byUri.delete(uri);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
  }

  find(kind: string, name: string, namespace?: string): TemplateInfo | undefined {
    let loose: TemplateInfo | undefined;
    for (const list of this.byUri.values()) {
      for (const t of list) {
        if (t.kind !== kind || t.name !== name) continue;
        if (kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')) return t;
        if (!loose && matches(t, kind, name, namespace)) loose = t;
      }
    }
    return loose;
  }

  all(): TemplateInfo[] {
    return [...this.byUri.values()].flat();
  }
}

/** Lookup over the file being linted first, then the workspace index. */
export function overlayLookup(local: TemplateInfo[], index?: TemplateLookup, excludeUri?: string): TemplateLookup {
  return {
    find(kind, name, namespace) {
      const exact = local.find((t) => t.kind === kind && t.name === name && (kind === 'ClusterWorkflowTemplate' || (t.namespace ?? '') === (namespace ?? '')));
      if (exact) return exact;
      const fromIndex = index?.find(kind, name, namespace);
      // the index's (possibly stale) entry for the very file being linted does not count: `local` is its current text
      if (fromIndex && !(excludeUri && fromIndex.uri === excludeUri)) return fromIndex;
      return local.find((t) => matches(t, kind, name, namespace));
    },
  };
}
