// Runs the TypeScript engine (core/expr, contract in notes CONTRACTS.md) on oracle requests and returns answers
// in the oracle's JSONL shape, so the two can be compared byte for byte.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleEvent, OracleRequest } from './oracle';
import { REPO_ROOT } from './oracle';
import type { Answer } from './compare';

type ExprError = { message: string; stage: 'compile' | 'run' | 'cast' };
type ArgoEvent = { payload: unknown; headers: [string, string][]; discriminator: string; namespace: string };
export interface Engine {
  evalSelector(src: string, ev: ArgoEvent, profile?: string): { ok: true; result: boolean } | { ok: false; error: ExprError };
  evalParameter(src: string, ev: ArgoEvent, profile?: string): { ok: true; value: string } | { ok: false; error: ExprError };
  buildEnvironment(ev: ArgoEvent): Record<string, unknown>;
  compile(src: string, env: Record<string, unknown>, profile?: string): { ok: true; program: unknown } | { ok: false; error: ExprError };
  run(p: unknown, env: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; error: ExprError };
}

export const ENGINE_ENTRY = join(REPO_ROOT, 'core', 'expr', 'index.ts');

/** The engine module, or a reason why it cannot be loaded (it is written in parallel by another helper). */
export async function loadEngine(): Promise<{ engine: Engine } | { missing: string }> {
  if (!existsSync(ENGINE_ENTRY)) return { missing: `${ENGINE_ENTRY} does not exist yet (the expr engine has not landed)` };
  const path: string = ENGINE_ENTRY;
  const mod = (await import(path)) as Partial<Engine>;
  for (const k of ['evalSelector', 'evalParameter'] as const) {
    if (typeof mod[k] !== 'function') return { missing: `core/expr/index.ts does not export ${k}` };
  }
  return { engine: mod as Engine };
}

/** An oracle event as the engine's ArgoEvent: an absent payload (empty HTTP body) is null, like argo-server's nil. */
export function toArgoEvent(ev: OracleEvent): ArgoEvent {
  return {
    payload: ev.payload === undefined ? null : ev.payload,
    headers: ev.headers ?? [],
    discriminator: ev.discriminator ?? '',
    namespace: ev.namespace ?? '',
  };
}

export function engineAnswer(engine: Engine, req: OracleRequest): Answer {
  try {
    const ev = toArgoEvent(req.event);
    if (req.mode === 'selector') {
      const r = engine.evalSelector(req.expression, ev, req.profile);
      return r.ok ? { result: r.result } : { error: r.error.message, error_stage: r.error.stage };
    }
    const r = engine.evalParameter(req.expression, ev, req.profile);
    return r.ok ? { value: r.value } : { error: r.error.message, error_stage: r.error.stage };
  } catch (e) {
    return { thrown: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
