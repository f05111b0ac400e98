// Completion: keys by position (the core's field model), enum and boolean values, IANA zone names (Go's list),
// schedule descriptors, and WorkflowTemplate names from the workspace index.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceContext } from '../context';
import type { ArgoTriggersSettings } from '../protocol';
import { chunkAt, indentContextAt } from '../text';

const KINDS = ['CronWorkflow', 'WorkflowEventBinding', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'Workflow'];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h'];
const MAX_ITEMS = 2000;

export function computeCompletion(ctx: ServiceContext, doc: TextDocument, pos: Position, settings: ArgoTriggersSettings): CompletionItem[] {
  const st = ctx.cache.get(doc);
  const offset = doc.offsetAt(pos);
  const chunk = chunkAt(st.chunks, offset);
  if (!chunk) return [];
  const ic = indentContextAt(st.text, offset, chunk.start);
  const kind = /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(chunk.text)?.[1] ?? '';
  const apiVersion = /^apiVersion:[ \t]*["']?([^\s"']+)/m.exec(chunk.text)?.[1];
  const range = { start: doc.positionAt(offset - ic.prefix.length), end: pos };
  const item = (label: string, k: CompletionItemKind, detail?: string, doc?: string, insert?: string, sort?: string): CompletionItem => ({
    label, kind: k, detail, documentation: doc ? { kind: 'markdown', value: doc } : undefined,
    textEdit: { range, newText: insert ?? label }, sortText: sort, filterText: label,
  });

  if (ic.inValue && ic.key !== undefined) {
    const full = [...ic.path, ic.key];
    const at = full.join('.');
    if (at === 'kind') return KINDS.map((k) => item(k, CompletionItemKind.EnumMember));
    if (at === 'apiVersion') return [item('argoproj.io/v1alpha1', CompletionItemKind.EnumMember)];
    if (kind === 'CronWorkflow' && at === 'spec.timezone') return zones(ctx, ic.prefix).map((z) => item(z, CompletionItemKind.Value, 'IANA time zone'));
    if (kind === 'CronWorkflow' && at === 'spec.schedule') return descriptors(ctx, item);
    if (full[full.length - 1] === 'name' && full[full.length - 2] === 'workflowTemplateRef') return templateNames(ctx, item, doc);
    const f = ctx.core.fieldsAt?.(kind, apiVersion, ic.path, settings.argoVersion)?.find((x) => x.name === ic.key);
    if (f?.values?.length) return f.values.map((v) => item(v, CompletionItemKind.EnumMember, undefined, f.doc));
    if (f?.type === 'bool') return ['true', 'false'].map((v) => item(v, CompletionItemKind.Value));
    return [];
  }
  // key position, or a sequence item of scalars
  if (ic.path[ic.path.length - 1] === '[]') {
    const listPath = ic.path.slice(0, -1);
    if (kind === 'CronWorkflow' && listPath.join('.') === 'spec.schedules') return descriptors(ctx, item);
  }
  if (!ic.path.length && !kind) {
    return [item('apiVersion', CompletionItemKind.Property, undefined, undefined, 'apiVersion: '), item('kind', CompletionItemKind.Property, undefined, undefined, 'kind: ')];
  }
  const fields = ctx.core.fieldsAt?.(kind, apiVersion, ic.path, settings.argoVersion) ?? [];
  const present = siblingKeys(st.text, offset, chunk.start);
  return fields.filter((f) => !present.has(f.name)).slice(0, MAX_ITEMS).map((f) => {
    const scalar = !f.type || ['string', 'int', 'bool', 'anyString', 'intOrString'].includes(f.type);
    return item(f.name, CompletionItemKind.Property, f.type, f.doc, scalar ? `${f.name}: ` : `${f.name}:`, f.doc ? `0${f.name}` : `1${f.name}`);
  });
}

function zones(ctx: ServiceContext, prefix: string): string[] {
  let names: string[] = [];
  try {
    names = ctx.core.zoneNames();
  } catch (e) {
    ctx.log.error(`zoneNames failed: ${(e as Error).message}`);
  }
  if (names.length > MAX_ITEMS && prefix) names = names.filter((n) => n.toLowerCase().includes(prefix.toLowerCase()));
  return names.slice(0, MAX_ITEMS);
}

type Mk = (label: string, k: CompletionItemKind, detail?: string, doc?: string, insert?: string, sort?: string) => CompletionItem;

function descriptors(ctx: ServiceContext, item: Mk): CompletionItem[] {
  return DESCRIPTORS.map((d, i) => {
    let detail: string | undefined;
    try { detail = ctx.core.describeSchedule(d); } catch { detail = undefined; }
    return item(d, CompletionItemKind.Constant, detail, undefined, undefined, String(i).padStart(2, '0'));
  });
}

function templateNames(ctx: ServiceContext, item: Mk, doc: TextDocument): CompletionItem[] {
  let all: ReturnType<typeof ctx.index.templates.all> = [];
  try {
    all = ctx.index.templates.all();
  } catch (e) {
    ctx.log.error(`template index failed: ${(e as Error).message}`);
  }
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const t of all) {
    const key = `${t.kind}/${t.namespace ?? ''}/${t.name}`;
    if (seen.has(key) || !t.name) continue;
    seen.add(key);
    const where = t.uri === doc.uri ? 'this file' : t.uri.slice(t.uri.lastIndexOf('/') + 1);
    const params = t.parameters.length ? `\n\nparameters: ${t.parameters.map((p) => '`' + p.name + '`' + (p.hasDefault ? '' : ' (required)')).join(', ')}` : '';
    out.push(item(t.name, CompletionItemKind.Reference, `${t.kind}${t.namespace ? ' in ' + t.namespace : ''}`, `${t.kind} from ${where}${params}`));
  }
  return out.slice(0, MAX_ITEMS);
}

/** Keys already written in the block map around the cursor (same indentation, contiguous lines). */
function siblingKeys(text: string, offset: number, chunkStart: number): Set<string> {
  const keys = new Set<string>();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*(?:-[ \t]+)?/.exec(text.slice(lineStart, offset))?.[0].length ?? 0;
  const scan = (from: number, dir: 1 | -1) => {
    let pos = from;
    for (let n = 0; n < 2000; n++) {
      let s: number, e: number;
      if (dir < 0) {
        if (pos <= chunkStart) return;
        e = pos - 1;
        s = Math.max(chunkStart, text.lastIndexOf('\n', e - 1) + 1);
        pos = s;
      } else {
        s = pos;
        if (s >= text.length) return;
        e = text.indexOf('\n', s);
        if (e < 0) e = text.length;
        pos = e + 1;
      }
      const line = text.slice(s, e).replace(/\r$/, '');
      if (/^\s*(#.*)?$/.test(line)) continue;
      if (/^(---|\.\.\.)/.test(line)) return;
      const lead = /^[ \t]*/.exec(line)![0].length;
      if (lead < indent) {
        // a `- key:` line whose content sits at our indentation still belongs to our map
        const dm = /^[ \t]*-[ \t]+([^\s:#][^:#]*?):(\s|$)/.exec(line);
        if (dm && dir < 0 && /^[ \t]*-[ \t]+/.exec(line)![0].length === indent) keys.add(dm[1]);
        return;
      }
      if (lead > indent) continue;
      const km = /^[ \t]*([^\s:#-][^:#]*?):(\s|$)/.exec(line);
      if (km) keys.add(km[1]);
    }
  };
  scan(lineStart, -1);
  const nextLine = text.indexOf('\n', offset);
  if (nextLine >= 0) scan(nextLine + 1, 1);
  return keys;
}
