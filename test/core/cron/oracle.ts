// Test helper: builds the Go cron oracle (test/oracle/cron) once into
// $HOME/.cache/argo-triggers/oracle-cron-<hash of go.sum+main.go>/ and runs it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');
export const ORACLE_SRC = join(REPO, 'test/oracle/cron');

export function goAvailable(): boolean {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

export function oracleBinaryPath(): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(ORACLE_SRC, 'go.sum')));
  h.update(readFileSync(join(ORACLE_SRC, 'main.go')));
  const dir = join(homedir(), '.cache', 'argo-triggers', `oracle-cron-${h.digest('hex').slice(0, 16)}`);
  return join(dir, 'oracle-cron');
}

/** Path of the built oracle, building it if needed; undefined when Go is not installed. */
export function ensureOracle(): string | undefined {
  const bin = oracleBinaryPath();
  if (existsSync(bin)) return bin;
  if (!goAvailable()) return undefined;
  mkdirSync(join(bin, '..'), { recursive: true });
  const r = spawnSync('go', ['build', '-o', bin, '.'], { cwd: ORACLE_SRC, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=readonly' } });
  if (r.status !== 0) throw new Error(`building the cron oracle failed:\n${r.stderr}`);
  return bin;
}

/** Runs the oracle over JSONL request lines; returns one answer line per request. */
export function runOracle(bin: string, lines: string[], args: string[] = []): string[] {
  const r = spawnSync(bin, args, { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`oracle failed (${r.status}): ${r.stderr}`);
  const out = r.stdout.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}
