// Settings of the `argoTriggers` section: defaults, validation of what the client sends, and a per-resource cache
// (pulled with workspace/configuration; cleared on didChangeConfiguration). No settings live in server globals.
import type { ArgoTriggersSettings, ArgoVersion } from './protocol';

export const ARGO_VERSIONS: readonly ArgoVersion[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];

export const DEFAULT_SETTINGS: ArgoTriggersSettings = Object.freeze({
  argoVersion: 'v4.1',
  controllerTimezone: 'UTC',
  codeLens: { enabled: true },
  hover: { fireCount: 10 },
  sampleEvents: { glob: '**/*.event.json' },
  maxFileSizeKb: 4096,
  index: { maxFiles: 5000 },
}) as ArgoTriggersSettings;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const int = (v: unknown, d: number, min: number, max: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : d;

/** Turns whatever the client sent (possibly null, partial or wrong-typed) into complete settings. */
export function normalizeSettings(raw: unknown): ArgoTriggersSettings {
  const r = obj(raw);
  const d = DEFAULT_SETTINGS;
  const version = typeof r.argoVersion === 'string' && (ARGO_VERSIONS as string[]).includes(r.argoVersion) ? (r.argoVersion as ArgoVersion) : d.argoVersion;
  const tz = typeof r.controllerTimezone === 'string' && r.controllerTimezone.trim() !== '' ? r.controllerTimezone.trim() : d.controllerTimezone;
  const codeLens = obj(r.codeLens);
  const hover = obj(r.hover);
  const samples = obj(r.sampleEvents);
  const index = obj(r.index);
  return {
    argoVersion: version,
    controllerTimezone: tz,
    codeLens: { enabled: typeof codeLens.enabled === 'boolean' ? codeLens.enabled : d.codeLens.enabled },
    hover: { fireCount: int(hover.fireCount, d.hover.fireCount, 1, 50) },
    sampleEvents: { glob: typeof samples.glob === 'string' && samples.glob ? samples.glob : d.sampleEvents.glob },
    maxFileSizeKb: int(r.maxFileSizeKb, d.maxFileSizeKb, 16, 65536),
    index: { maxFiles: int(index.maxFiles, d.index.maxFiles, 0, 100000) },
  };
}

/** A stable key of the settings that change diagnostics (for caches and result ids). */
export function diagnosticsKey(s: ArgoTriggersSettings): string {
  return `${s.argoVersion}|${s.controllerTimezone}|${s.maxFileSizeKb}`;
}

/** Per-resource settings cache. `fetch` pulls the section for a resource (workspace/configuration); when the
 *  client cannot answer (no configuration capability, error) the global fallback is used. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ArgoTriggersSettings>>();
  private global: ArgoTriggersSettings = DEFAULT_SETTINGS;

  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<ArgoTriggersSettings> {
    if (!this.fetch) return Promise.resolve(this.global);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.fetch(uri).then(normalizeSettings, () => this.global);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: forget everything; clients without the pull capability send the settings inline. */
  reset(inline?: unknown): void {
    this.cache.clear();
    const section = obj(inline).argoTriggers;
    if (section !== undefined) this.global = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
