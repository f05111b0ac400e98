// Workspace index: WorkflowTemplates / ClusterWorkflowTemplates (core TemplateIndex), the YAML files that hold
// CronWorkflows or WorkflowEventBindings (for timeline and match preview), and sample events (`*.event.json`).
// Built from the workspace folders in the background (bounded: file count, file size, depth), updated from
// didChangeWatchedFiles and from open documents (an open document's editor text wins over the disk).
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { URI } from 'vscode-uri';
import type { ArgoDocument, ArgoEvent, TemplateIndexLike } from './coreApi';
import type { SampleEvent } from './protocol';
import { hash, splitDocuments, type Chunk } from './text';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.cache', 'vendor', '__pycache__']);
const KIND_RE = /^kind:[ \t]*["']?([A-Za-z]+)/gm;
const TEMPLATE_KIND_RE = /^kind:[ \t]*["']?(Cluster)?WorkflowTemplate\b/m;
/** `name: x` values anywhere in a YAML document (block or flow style): the names it may reference. */
// (no optional quote before `name`: a match then starts with a fixed letter, which the regex engine finds fast)
const NAME_RE = /\bname["']?[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,}\]#][^\s,}\]#]*))/g;

export interface ScanOptions {
  maxFiles: number;
  maxBytes: number;
  sampleRe: RegExp;
  maxDepth?: number;
}

/** A file already split (splitDocuments of the same text) with a parse per chunk (the caller's cache):
 *  setYaml then neither splits nor parses the template documents itself. `docs(i)` undefined = parse failed. */
export interface ChunkSource { chunks: readonly Chunk[]; docs(i: number): ArgoDocument[] | undefined }

export interface ScanResult { files: number; templates: number; samples: number; truncated: boolean; cancelled: boolean }

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export const pathToUri = (p: string): string => URI.file(p).toString();

/** Reads a sample event file: `{payload, headers?, discriminator?, namespace?}`; headers may be an object
 *  (`{"X-Github-Event": "push"}` or a list of values) or a list of `[name, value]` pairs. */
export function parseSampleEvent(text: string): { event: ArgoEvent } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'a sample event is a JSON object {payload, headers, discriminator, namespace}' };
  const o = v as Record<string, unknown>;
  if (!('payload' in o)) return { error: 'a sample event needs a "payload" key (the HTTP body argo-server receives)' };
  const headers: [string, string][] = [];
  const h = o.headers;
  if (Array.isArray(h)) {
    for (const p of h) {
      if (Array.isArray(p) && p.length === 2 && typeof p[0] === 'string') headers.push([p[0], String(p[1])]);
      else return { error: 'headers as a list must hold [name, value] pairs' };
    }
  } else if (h && typeof h === 'object') {
    for (const [k, val] of Object.entries(h as Record<string, unknown>)) {
      if (Array.isArray(val)) for (const x of val) headers.push([k, String(x)]);
      else headers.push([k, String(val)]);
    }
  } else if (h !== undefined && h !== null) return { error: 'headers must be an object or a list of [name, value] pairs' };
  const str = (x: unknown, d: string) => (typeof x === 'string' ? x : d);
  return { event: { payload: o.payload, headers, discriminator: str(o.discriminator, ''), namespace: str(o.namespace, '') } };
}

export function kindsOf(text: string): Set<string> {
  const kinds = new Set<string>();
  KIND_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KIND_RE.exec(text))) kinds.add(m[1]);
  return kinds;
}

export class WorkspaceIndex {
  /** Bumps whenever the set of templates (or their content) changes; part of every diagnostics cache key. */
  version = 0;
  /** Bumps whenever a sample event is added, changed or removed. */
  samplesVersion = 0;
  indexing = false;
  readonly yamlFiles = new Map<string, { kinds: Set<string> }>();
  readonly samples = new Map<string, SampleEvent>();
  private readonly templateUris = new Set<string>();
  private readonly fed = new Map<string, string>(); // uri → hash of the text last given to the template index
  private readonly lastSplit = new Map<string, readonly Chunk[]>(); // uri → the chunks of the text last fed
  private readonly open = new Set<string>();
  private sampleRe: RegExp = /\.event\.json$/;

  constructor(readonly templates: TemplateIndexLike, private readonly log: (msg: string) => void = () => {}) {}

  setSampleGlob(re: RegExp): void {
    this.sampleRe = re;
  }

  private folderPaths: string[] = [];

  isSample(uri: string, folderPaths: string[] = this.folderPaths): boolean {
    const p = uriToPath(uri) ?? uri;
    const rels = folderPaths.map((f) => nodePath.relative(f, p).split(nodePath.sep).join('/')).filter((r) => !r.startsWith('..'));
    const cands = rels.length ? rels : [nodePath.basename(p)];
    return cands.some((r) => this.sampleRe.test(r));
  }

  /** Feed a YAML file's text (open document or disk). Returns true when the templates changed.
   *  `src`: the same text already split, with cached parses (open documents). */
  setYaml(uri: string, text: string, src?: ChunkSource): boolean {
    // the very split fed last time (an open document fed on didOpen and again before its diagnostics): same text
    if (src && this.lastSplit.get(uri) === src.chunks) return false;
    this.lastSplit.delete(uri);
    const r = this.feedYaml(uri, text, src);
    if (src && r !== 'failed') this.lastSplit.set(uri, src.chunks);
    return r === true;
  }

  /** true = the templates changed; 'failed' = the template index refused the update (retried on the next feed). */
  private feedYaml(uri: string, text: string, src?: ChunkSource): boolean | 'failed' {
    const kinds = kindsOf(text);
    if (kinds.size) this.yamlFiles.set(uri, { kinds });
    else this.yamlFiles.delete(uri);
    const hasTemplates = kinds.has('WorkflowTemplate') || kinds.has('ClusterWorkflowTemplate');
    if (!hasTemplates && !this.templateUris.has(uri)) return false;
    // Only the template documents matter: edits elsewhere in the file cost a split and a hash, not a parse.
    const chunks = hasTemplates ? (src?.chunks ?? splitDocuments(text)) : [];
    const isT = chunks.map((c) => TEMPLATE_KIND_RE.test(c.text));
    const h = hasTemplates ? hash(chunks.filter((_, i) => isT[i]).map((c) => c.text).join('\u0000')) : '';
    if (this.fed.get(uri) === h) return false;
    // nothing of this file is in the template index unless it is in templateUris
    const before = this.templateUris.has(uri) ? this.signature(uri) : '';
    try {
      if (hasTemplates && src && this.templates.updateDocs) {
        // the caller's parse of each template document (TemplateInfo.range is then relative to its chunk; nothing
        // here reads it). A chunk whose parse failed contributes no template.
        const docs: ArgoDocument[] = [];
        chunks.forEach((_, i) => { if (isT[i]) docs.push(...(src.docs(i) ?? [])); });
        this.templates.updateDocs(uri, docs);
      } else if (hasTemplates) {
        // parse only the template documents (TemplateInfo.range is then relative to this text; nothing here reads it)
        const only = chunks.filter((_, i) => isT[i]).map((c) => (/^---/.test(c.text) ? '' : '---\n') + c.text + (c.text.endsWith('\n') ? '' : '\n')).join('');
        this.templates.update(uri, only);
      } else this.templates.remove(uri);
    } catch (e) {
      this.log(`template index update failed for ${uri}: ${(e as Error).message}`);
      return 'failed';
    }
    this.fed.set(uri, h);
    if (hasTemplates) this.templateUris.add(uri);
    else this.templateUris.delete(uri);
    const after = this.signature(uri);
    if (before !== after) {
      this.version++;
      return true;
    }
    return false;
  }

  /** Forget every sample event (before a re-scan with another glob). */
  clearSamples(): void {
    if (this.samples.size) this.samplesVersion++;
    this.samples.clear();
  }

  setSample(uri: string, text: string): void {
    const r = parseSampleEvent(text);
    this.samples.set(uri, 'event' in r ? { uri, event: r.event } : { uri, error: r.error });
    this.samplesVersion++;
  }

  /** A file was deleted (or closed and gone). Returns true when the templates changed. */
  remove(uri: string): boolean {
    this.yamlFiles.delete(uri);
    if (this.samples.delete(uri)) this.samplesVersion++;
    this.fed.delete(uri);
    this.lastSplit.delete(uri);
    if (!this.templateUris.delete(uri)) return false;
    try {
      this.templates.remove(uri);
    } catch (e) {
      this.log(`template index remove failed: ${(e as Error).message}`);
    }
    this.version++;
    return true;
  }

  setOpen(uri: string, open: boolean): void {
    if (open) this.open.add(uri);
    else {
      this.open.delete(uri);
      // the split of an open document holds its chunk states (findings, parses): ≈ 2 MB for a 500-document file
      this.lastSplit.delete(uri);
    }
  }

  /** An open document was closed (after setOpen(uri, false)): its unsaved text no longer counts. The index takes the
   *  file from disk again (a file: URI that still exists), else forgets it. Returns true when the templates changed. */
  async closed(uri: string, maxBytes: number): Promise<boolean> {
    if (this.open.has(uri)) return false; // reopened: the editor text counts
    if (!uriToPath(uri)) return this.remove(uri);
    return this.refreshFromDisk(uri, maxBytes);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** A watched file changed on disk (ignored while the document is open: the editor text wins). */
  async refreshFromDisk(uri: string, maxBytes: number): Promise<boolean> {
    if (this.open.has(uri)) return false;
    const p = uriToPath(uri);
    if (!p) return false;
    let text: string | undefined;
    try {
      const st = await fs.stat(p);
      if (st.isFile() && st.size <= maxBytes) text = await fs.readFile(p, 'utf8');
    } catch {
      text = undefined;
    }
    // opened while the disk was read: the editor text wins
    if (this.open.has(uri)) return false;
    if (text === undefined) return this.remove(uri);
    if (/\.json$/i.test(p)) {
      if (this.isSample(uri)) this.setSample(uri, text);
      return false;
    }
    return this.setYaml(uri, text);
  }

  /** Walks the folders (file: URIs) breadth-first. Yields to the event loop regularly; stops at the limits. */
  async scan(folders: string[], opts: ScanOptions, progress?: (done: number, message: string) => void, isCancelled?: () => boolean): Promise<ScanResult> {
    this.indexing = true;
    this.sampleRe = opts.sampleRe;
    const res: ScanResult = { files: 0, templates: 0, samples: 0, truncated: false, cancelled: false };
    const maxDepth = opts.maxDepth ?? 12;
    try {
      for (const folder of folders) {
        const root = uriToPath(folder);
        if (!root) continue;
        if (!this.folderPaths.includes(root)) this.folderPaths.push(root);
        const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
        while (queue.length) {
          if (isCancelled?.()) { res.cancelled = true; return res; }
          const { dir, depth } = queue.shift()!;
          let entries: import('node:fs').Dirent[];
          try {
            entries = await fs.readdir(dir, { withFileTypes: true });
          } catch {
            continue;
          }
          for (const e of entries) {
            const p = nodePath.join(dir, e.name);
            if (e.isDirectory()) {
              if (depth < maxDepth && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push({ dir: p, depth: depth + 1 });
              continue;
            }
            if (!e.isFile()) continue;
            const isYaml = /\.ya?ml$/i.test(e.name);
            const rel = nodePath.relative(root, p).split(nodePath.sep).join('/');
            const isSample = !isYaml && opts.sampleRe.test(rel);
            if (!isYaml && !isSample) continue;
            if (res.files >= opts.maxFiles) { res.truncated = true; return res; }
            res.files++;
            const uri = pathToUri(p);
            if (this.open.has(uri)) continue;
            try {
              const st = await fs.stat(p);
              if (st.size > opts.maxBytes) continue;
              const text = await fs.readFile(p, 'utf8');
              if (isYaml) this.setYaml(uri, text);
              else { this.setSample(uri, text); res.samples++; }
            } catch (err) {
              this.log(`index: cannot read ${p}: ${(err as Error).message}`);
            }
            if (res.files % 50 === 0) {
              progress?.(res.files, rel);
              await new Promise((r) => setImmediate(r));
            }
          }
        }
      }
      return res;
    } finally {
      res.templates = this.templateCount();
      this.indexing = false;
    }
  }

  templateCount(): number {
    try {
      return this.templates.size ? this.templates.size() : this.templates.all().length;
    } catch {
      return 0;
    }
  }

  /** URIs of YAML files that hold one of the kinds. */
  filesWithKind(kind: string): string[] {
    return [...this.yamlFiles].filter(([, v]) => v.kinds.has(kind)).map(([k]) => k);
  }

  private nameSigs?: { version: number; map: Map<string, string> };
  private byNameCache?: { version: number; map: Map<string, { infos: ReturnType<TemplateIndexLike['all']>; h?: string }> };

  /** A signature of the templates a YAML document may reference (by the `name:` values it contains): when it is
   *  unchanged, the document's findings do not depend on the index change. 'all' for documents using aliases. */
  dependencySignature(names: Set<string> | 'all'): string {
    if (names === 'all') return `v${this.version}`;
    const named = this.templates.named;
    if (named) {
      // per name once per index version: a hash of the content of every template of that name ('' = none)
      if (!this.nameSigs || this.nameSigs.version !== this.version) this.nameSigs = { version: this.version, map: new Map() };
      const hasName = this.templates.hasName;
      let sig = '';
      for (const n of names) {
        // most names a document holds are no template's: one lookup instead of named()'s keys and arrays
        if (hasName && !hasName.call(this.templates, n)) continue;
        let h = this.nameSigs.map.get(n);
        if (h === undefined) {
          let infos: ReturnType<TemplateIndexLike['all']> = [];
          try { infos = named.call(this.templates, n); } catch { infos = []; }
          h = infos.length ? hash(n + '=' + infos.map(stableInfo).join('')) : '';
          this.nameSigs.map.set(n, h);
        }
        if (h) sig += h + ';';
      }
      return sig ? hash(sig) : '-';
    }
    if (!this.byNameCache || this.byNameCache.version !== this.version) {
      const map = new Map<string, { infos: ReturnType<TemplateIndexLike['all']>; h?: string }>();
      let all: ReturnType<TemplateIndexLike['all']> = [];
      try { all = this.templates.all(); } catch { all = []; }
      for (const t of all) {
        const e = map.get(t.name);
        if (e) e.infos.push(t);
        else map.set(t.name, { infos: [t] });
      }
      this.byNameCache = { version: this.version, map };
    }
    let sig = '';
    for (const n of names) {
      const e = this.byNameCache.map.get(n);
      if (!e) continue;
      // per name once per index version: a hash of the content of every template of that name
      if (e.h === undefined) e.h = hash(n + '=' + e.infos.map(stableInfo).join(''));
      sig += e.h + ';';
    }
    return sig ? hash(sig) : '-';
  }

  private signature(uri: string): string {
    try {
      const mine = this.templates.forUri ? this.templates.forUri(uri) : this.templates.all().filter((t) => t.uri === uri);
      return mine.map(stableInfo).join('\n');
    } catch {
      return '';
    }
  }
}

/** Names a document may reference; 'all' when it uses aliases or block scalars for a name (cannot tell cheaply). */
export function referencedNames(text: string): Set<string> | 'all' {
  if (/:[ \t]*\*[^\s]/.test(text)) return 'all';
  const out = new Set<string>();
  NAME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_RE.exec(text))) {
    const v = m[1] ?? m[2] ?? m[3] ?? '';
    if (v === '|' || v === '>' || /^[|>][-+0-9]*$/.test(v)) return 'all';
    out.add(v);
  }
  return out;
}

/** A template's content for change detection, without its position (edits above it must not count as changes).
 *  Memoised per TemplateInfo object (the index makes new objects when a file changes; nothing modifies them). */
const STABLE = new WeakMap<object, string>();
function stableInfo(t: ReturnType<TemplateIndexLike['all']>[number]): string {
  let s = STABLE.get(t);
  if (s === undefined) {
    const { range: _range, ...rest } = t as typeof t & { range?: unknown };
    s = JSON.stringify(rest);
    STABLE.set(t, s);
  }
  return s;
}
