// Agreement with Argo's own `argo lint --offline --strict` (the Go oracle in test/oracle/argo-lint, which runs
// Argo's cmd/argo/lint code with the offline client). Golden file: test/fixtures/argo-lint/golden.json, produced by
// the oracle; refresh with UPDATE_ARGO_LINT_GOLDEN=1. The live re-run needs the oracle binary (built with Go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { argoLintErrors, TemplateIndex } from '../../../core/argo';

const ROOT = join(__dirname, '../../..');
const EX = join(ROOT, '../shared/corpus/argo-examples');
const CASES = join(ROOT, 'test/fixtures/argo-lint/cases');
const GOLDEN = join(ROOT, 'test/fixtures/argo-lint/golden.json');
const ORACLE_DIR = join(ROOT, 'test/oracle/argo-lint');
const ARGO_VERSION = 'v4.0.5'; // test/oracle/argo-lint/go.mod
const BIN = join(homedir(), '.cache/argo-triggers', `oracle-argo-lint-${ARGO_VERSION}`, 'argo-lint-oracle');

const yamls = (d: string) => readdirSync(d).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(d, n));
/** Groups linted together (argo lint --offline indexes all its args; two corpus files both define WorkflowTemplate "job"). */
const GROUPS = [yamls(EX), yamls(join(EX, 'e2e-testdata')), yamls(CASES)];
const key = (f: string) => (f.startsWith(EX) ? `corpus/${relative(EX, f)}` : relative(ROOT, f));

type Golden = { argo: string; files: Record<string, { linted: boolean; errors: string[] }> };

function runOracle(): Golden {
  const files: Golden['files'] = {};
  for (const g of GROUPS) {
    const out = execFileSync(BIN, g, { encoding: 'utf8', maxBuffer: 1 << 24 });
    for (const r of JSON.parse(out) as { file: string; linted: boolean; errors: string[] }[]) files[key(r.file)] = { linted: r.linted, errors: r.errors };
  }
  return { argo: ARGO_VERSION, files };
}

function ours(): Golden['files'] {
  const files: Golden['files'] = {};
  for (const g of GROUPS) {
    const index = new TemplateIndex();
    for (const f of g) index.update(f, readFileSync(f, 'utf8'));
    for (const f of g) {
      const r = argoLintErrors(readFileSync(f, 'utf8'), { argoVersion: 'v4.0', controllerZone: 'UTC', now: Date.UTC(2026, 10, 26), index, uri: f });
      files[key(f)] = { linted: r.linted, errors: r.errors.map((e) => `in ${e.object}: ${e.message}`) };
    }
  }
  return files;
}

function ensureOracle(): string | undefined {
  if (existsSync(BIN)) return undefined;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return 'Go is not installed: cannot build the argo-lint oracle';
  if (!process.env.ARGO_LINT_ORACLE_BUILD && !process.env.CI) return `oracle binary ${BIN} not built (set ARGO_LINT_ORACLE_BUILD=1 to build it: several minutes)`;
  mkdirSync(join(BIN, '..'), { recursive: true });
  const b = spawnSync('go', ['build', '-o', BIN, '.'], { cwd: ORACLE_DIR, encoding: 'utf8', timeout: 40 * 60_000 });
  return b.status === 0 ? undefined : `oracle build failed: ${b.stderr}`;
}

test('golden: our argo-lint view agrees with Argo\'s argo lint --offline on every corpus and case file', () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
  const mine = ours();
  assert.deepEqual(Object.keys(mine).sort(), Object.keys(golden.files).sort(), 'same files');
  const disagreements: string[] = [];
  for (const [f, g] of Object.entries(golden.files)) {
    const m = mine[f];
    if (m.linted !== g.linted) disagreements.push(`${f}: linted ${m.linted} vs argo ${g.linted}`);
    if (JSON.stringify(m.errors) !== JSON.stringify(g.errors)) disagreements.push(`${f}:\n   ours: ${JSON.stringify(m.errors)}\n   argo: ${JSON.stringify(g.errors)}`);
  }
  assert.deepEqual(disagreements, []);
});

test('oracle: re-run Argo\'s lint and compare with the golden file', (t) => {
  const why = ensureOracle();
  if (why) {
    t.skip(`SKIPPED LOUDLY: ${why}`);
    return;
  }
  const fresh = runOracle();
  if (process.env.UPDATE_ARGO_LINT_GOLDEN) writeFileSync(GOLDEN, JSON.stringify(fresh, null, 2) + '\n');
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
  assert.deepEqual(fresh, golden);
});
