// Builds and drives the Go expr oracle (test/oracle/expr*). Not a test file: imported by the conformance test,
// the CLI test, the fixture generator (scripts/expr-fixtures.ts) and bench/expr.bench.ts.
//
// The oracle is main.go in test/oracle/expr (module requiring expr-lang/expr v1.17.8 = Argo v4.1). Older expr
// versions live in test/oracle/expr-v<version>/ as go.mod + go.sum only; the same main.go is compiled against
// each of them. Binaries are cached in $HOME/.cache/argo-triggers/oracle-expr-<hash>/ (hash of the sources and
// of `go version`), so a rebuild happens only when something changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const ORACLE_DIR = join(REPO_ROOT, 'test', 'oracle');

export interface OracleEvent {
  payload?: unknown;
  headers?: [string, string][];
  discriminator?: string;
  namespace?: string;
}
export interface OracleRequest {
  mode: 'selector' | 'parameter';
  expression: string;
  event: OracleEvent;
  /** Argo line (v3.5 … v4.1) or an explicit expr version ("expr-v1.16.0"); default v4.1. */
  profile?: string;
}
export type OracleAnswer =
  | { result: boolean }
  | { value: string }
  | { error: string; error_stage: 'compile' | 'run' | 'cast' | 'request' | 'environment' | 'panic' };

/**
 * Argo line → the expr version of that line's newest release (spec expr.md §0 table): v4.1.x ships v1.17.8,
 * v4.0.x, v3.7.7+ and v3.6.16+ ship v1.17.7, v3.5.15 ships v1.17.5. Older patch releases of a line used older
 * expr versions; those are reachable with an explicit "expr-v<version>" profile.
 */
export const PROFILE_EXPR_VERSION: Record<string, string> = {
  'v4.1': 'v1.17.8',
  'v4.0': 'v1.17.7',
  'v3.7': 'v1.17.7',
  'v3.6': 'v1.17.7',
  'v3.5': 'v1.17.5',
};
/** Every expr version an oracle module exists for. */
export const ORACLE_EXPR_VERSIONS = ['v1.17.8', 'v1.17.7', 'v1.17.5', 'v1.17.0', 'v1.16.9', 'v1.16.0'];

export function exprVersionOf(profile: string | undefined): string {
  const p = profile ?? 'v4.1';
  if (PROFILE_EXPR_VERSION[p]) return PROFILE_EXPR_VERSION[p];
  const m = /^expr-(v\d+\.\d+\.\d+)$/.exec(p);
  if (m && ORACLE_EXPR_VERSIONS.includes(m[1])) return m[1];
  throw new Error(`unknown oracle profile "${p}" (known: ${Object.keys(PROFILE_EXPR_VERSION).join(', ')}, ` +
    `${ORACLE_EXPR_VERSIONS.map((v) => 'expr-' + v).join(', ')})`);
}

let goChecked: string | null | undefined;
/** `go version` output, or null when Go is not on PATH. */
export function goVersion(): string | null {
  if (goChecked === undefined) {
    const r = spawnSync('go', ['version'], { encoding: 'utf8' });
    goChecked = r.status === 0 ? r.stdout.trim() : null;
  }
  return goChecked;
}

function moduleDir(exprVersion: string): string {
  return exprVersion === 'v1.17.8' ? join(ORACLE_DIR, 'expr') : join(ORACLE_DIR, `expr-${exprVersion}`);
}

const built = new Map<string, string>();
/** Builds (or finds in the cache) the oracle binary for an expr version; returns its path. Throws without Go. */
export function oracleBinary(exprVersion = 'v1.17.8'): string {
  const cached = built.get(exprVersion);
  if (cached) return cached;
  const go = goVersion();
  if (!go) throw new Error('Go is not on PATH');
  const mod = moduleDir(exprVersion);
  const sources: [string, string][] = [
    ['main.go', join(ORACLE_DIR, 'expr', 'main.go')],
    ['go.mod', join(mod, 'go.mod')],
    ['go.sum', join(mod, 'go.sum')],
  ];
  const h = createHash('sha256').update(go);
  for (const [name, path] of sources) h.update(name).update('\0').update(readFileSync(path)).update('\0');
  const dir = join(process.env.HOME || homedir(), '.cache', 'argo-triggers', `oracle-expr-${exprVersion}-${h.digest('hex').slice(0, 12)}`);
  const bin = join(dir, 'oracle');
  if (!existsSync(bin)) {
    const src = join(dir, `src-${process.pid}`);
    mkdirSync(src, { recursive: true });
    for (const [name, path] of sources) copyFileSync(path, join(src, name));
    const tmp = join(dir, `oracle.tmp-${process.pid}`);
    const r = spawnSync('go', ['build', '-mod=readonly', '-buildvcs=false', '-o', tmp, '.'], { cwd: src, encoding: 'utf8' });
    rmSync(src, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`building the expr ${exprVersion} oracle failed:\n${r.stderr}`);
    renameSync(tmp, bin);
  }
  built.set(exprVersion, bin);
  return bin;
}

function runBinary(bin: string, lines: string[], args: string[] = []): string[] {
  // TZ=UTC: expr's date() without a zone and time values use Go's time.Local, i.e. argo-server's zone, which is
  // UTC in its container image; fixtures must not depend on the developer's zone.
  const r = spawnSync(bin, args, { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) throw new Error(`oracle ${bin} exited ${r.status}: ${r.stderr}`);
  const out = r.stdout.split('\n').filter((l) => l !== '');
  if (out.length !== lines.length) throw new Error(`oracle answered ${out.length} lines for ${lines.length} requests`);
  return out;
}

/** Asks the oracle (one process per expr version involved) for every request; answers in request order. */
export function askOracle(requests: OracleRequest[]): OracleAnswer[] {
  const answers: OracleAnswer[] = new Array(requests.length);
  const byVersion = new Map<string, number[]>();
  requests.forEach((r, i) => {
    const v = exprVersionOf(r.profile);
    (byVersion.get(v) ?? byVersion.set(v, []).get(v)!).push(i);
  });
  for (const [v, idx] of byVersion) {
    const out = runBinary(oracleBinary(v), idx.map((i) => JSON.stringify(requests[i])));
    idx.forEach((i, k) => (answers[i] = JSON.parse(out[k]) as OracleAnswer));
  }
  return answers;
}

export interface OracleBench {
  answer: OracleAnswer;
  compile_run_ns: number;
  run_ns: number;
  compile_run_iterations: number;
  run_iterations: number;
}
/** Times each request inside Go (compile+run and run-only, each for at least `minMs`). */
export function benchOracle(requests: OracleRequest[], minMs: number): OracleBench[] {
  const v = exprVersionOf(requests[0]?.profile);
  return runBinary(oracleBinary(v), requests.map((r) => JSON.stringify(r)), [`-bench-ms=${minMs}`]).map(
    (l) => JSON.parse(l) as OracleBench,
  );
}
