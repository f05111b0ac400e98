// Per-document state, keyed by URI and version. A document is split into its YAML documents (chunks); all derived
// work (findings, parse trees, lenses) is cached per chunk text, so an edit re-validates only the chunk it touched.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArgoDocument, Finding } from './coreApi';
import { splitDocuments, type Chunk } from './text';

export interface ChunkState {
  readonly text: string;
  findings?: { key: string; list: Finding[] };
  parsed?: { docs: ArgoDocument[] } | null; // null = parse failed
  lens?: { key: string; value: unknown };
  /** template names the document may reference (see WorkspaceIndex.dependencySignature) */
  refs?: Set<string> | 'all';
}

export interface DocState {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly chunks: (Chunk & { state: ChunkState })[];
  lastResult?: { key: string; resultId: string; items: unknown[] };
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
    const chunks = splitDocuments(text).map((c) => ({ ...c, state: reuse.get(c.text) ?? { text: c.text } }));
    const st: DocState = { uri, version, text, chunks };
    this.docs.set(uri, st);
    return st;
  }
}
