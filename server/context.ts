// What every handler gets: the core, the caches, the workspace index, the clock and a logger. No connection here.
import type { ArgoDocument, CoreApi, ParsedFileLike, Zone } from './coreApi';
import type { ChunkState, DocState, DocumentCache } from './documentCache';
import type { ChunkSource, WorkspaceIndex } from './workspaceIndex';

export interface Logger {
  error(msg: string): void;
  info(msg: string): void;
}

export interface ServiceContext {
  readonly core: CoreApi;
  readonly cache: DocumentCache;
  readonly index: WorkspaceIndex;
  now(): number;
  /** The user's zone (initializationOptions.userTimeZone, else the process zone). */
  userZone(): Zone;
  /** A zone by name (cached); undefined when Go would not load it. */
  zone(name: string): Zone | undefined;
  /** The YAML documents of a chunk (cached on the chunk). */
  parsed(state: ChunkState): ArgoDocument[];
  /** The whole parseFile result of a chunk (cached on the chunk); undefined when the parse failed. */
  parsedFile(state: ChunkState): ParsedFileLike | undefined;
  readonly log: Logger;
  /** Memoises a pure computation (fire times, DST notes) by key; bounded. */
  memo<T>(key: string, fn: () => T): T;
}

/** A document's chunks for WorkspaceIndex.setYaml, parsed through the chunk cache (one parse per YAML document,
 *  shared with lint, hover and lenses). */
export function chunkSource(ctx: ServiceContext, st: DocState): ChunkSource {
  return { chunks: st.chunks, docs: (i) => ctx.parsedFile(st.chunks[i].state)?.docs };
}

/** Cooperative scheduling: yields to the event loop when more than `sliceMs` passed since the last yield,
 *  so $/cancelRequest and other messages are read between documents. `due()` is a cheap synchronous check, so a
 *  loop over many small documents awaits only when it really yields: `if (y.due()) await y.yield()`. */
export class Yielder {
  private last = performance.now();
  constructor(private readonly sliceMs = 8) {}
  due(): boolean {
    return performance.now() - this.last >= this.sliceMs;
  }
  async yield(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    this.last = performance.now();
  }
  async maybe(): Promise<void> {
    if (this.due()) await this.yield();
  }
}
