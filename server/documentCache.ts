// Per-document state, keyed by URI and version. A document is split into its YAML documents (chunks); all derived
// work (findings, parse trees, lenses) is cached per chunk text, so an edit re-validates only the chunk it touched.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, ParsedFileLike } from './coreApi';
import { splitDocuments, type Chunk } from './text';

export interface ChunkState {
  readonly text: string;
  findings?: { key: string; list: Finding[] };
  /** core parseFile of `text`, shared by lint, hover, lenses and the template index; null = parse failed */
  parsed?: ParsedFileLike | null;
  lens?: { key: string; value: unknown };
  /** template names the document may reference (see WorkspaceIndex.dependencySignature) */
  refs?: Set<string> | 'all';
  /** WorkspaceIndex.dependencySignature(refs) at an index version */
  deps?: { version: number; sig: string };
  /** `findings.list` as LSP diagnostics of this chunk at start line `line` of document `uri` */
  diags?: { list: Finding[]; uri: string; line: number; items: Diagnostic[] };
}

export interface DocState {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly chunks: (Chunk & { state: ChunkState })[];
  lastResult?: { key: string; resultId: string; items: unknown[] };
  /** the last result of the previous version (its id is kept when the new result is equal) */
  previousResult?: { resultId: string; items: unknown[] };
}

export class DocumentCache {
  private readonly docs = new Map<string, DocState>();

  get(doc: TextDocument): DocState {
    const old = this.docs.get(doc.uri);
    if (old && old.version === doc.version) return old;
    return this.set(doc.uri, doc.version, doc.getText(), old);
  }

  /** State for text not held in a TextDocument (files read from disk). */
  getText(uri: string, version: number, text: string): DocState {
    const old = this.docs.get(uri);
    if (old && old.version === version && old.text === text) return old;
    return this.set(uri, version, text, old);
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }

  clearAll(): void {
    this.docs.clear();
  }

  get size(): number {
    return this.docs.size;
  }

  private set(uri: string, version: number, text: string, old: DocState | undefined): DocState {
    const reuse = new Map<string, ChunkState>();
    if (old) for (const c of old.chunks) reuse.set(c.text, c.state);
    // (a fresh document skips the lookups: each would hash a whole YAML document's text)
    const chunks = splitDocuments(text).map((c) => ({ ...c, state: (reuse.size ? reuse.get(c.text) : undefined) ?? { text: c.text } }));
    const st: DocState = { uri, version, text, chunks };
    const prev = old?.lastResult ?? old?.previousResult;
    if (prev) st.previousResult = { resultId: prev.resultId, items: prev.items };
    this.docs.set(uri, st);
    return st;
  }
}
