// What every handler gets: the core, the caches, the workspace index, the clock and a logger. No connection here.
import type { ArgoDocument, CoreApi, Zone } from './coreApi';
import type { ChunkState, DocumentCache } from './documentCache';
import type { WorkspaceIndex } from './workspaceIndex';

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
  readonly log: Logger;
  /** Memoises a pure computation (fire times, DST notes) by key; bounded. */
  memo<T>(key: string, fn: () => T): T;
}

/** Cooperative scheduling: yields to the event loop when more than `sliceMs` passed since the last yield,
 *  so $/cancelRequest and other messages are read between documents. */
export class Yielder {
  private last = performance.now();
  constructor(private readonly sliceMs = 8) {}
  async maybe(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await new Promise<void>((r) => setImmediate(r));
    this.last = performance.now();
  }
}
