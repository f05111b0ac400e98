// Agreement with Argo's own `argo lint --offline --strict`, per Argo version. Each version has a Go oracle that runs
// that release's cmd/argo/lint code with the offline client (Argo as an ordinary module dependency):
//   v4.0.5  test/oracle/argo-lint       golden test/fixtures/argo-lint/golden.json       our view: argoVersion 'v4.0'
//   v3.7.18 test/oracle/argo-lint-v3.7  golden test/fixtures/argo-lint/golden-v3.7.json  our view: argoVersion 'v3.7'
// Goldens are produced by the oracles; refresh with UPDATE_ARGO_LINT_GOLDEN=1. The live re-runs need the oracle
// binaries (built with Go, cached under ~/.cache/argo-triggers/oracle-argo-lint-<version>/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { argoLintErrors, TemplateIndex, type ArgoVersion } from '../../../core/argo';

const ROOT = join(__dirname, '../../..');
const EX = join(ROOT, '../shared/corpus/argo-examples');
const CASES = join(ROOT, 'test/fixtures/argo-lint/cases');

interface OracleConfig {
  /** the Argo release the oracle's go.mod requires */
  argo: string;
  /** our release line compared with it */
  line: ArgoVersion;
  dir: string;
  golden: string;
  bin: string;
}
const oracleConfig = (argo: string, line: ArgoVersion, dir: string, golden: string): OracleConfig => ({
  argo, line, dir: join(ROOT, 'test/oracle', dir), golden: join(ROOT, 'test/fixtures/argo-lint', golden),
  bin: join(homedir(), '.cache/argo-triggers', `oracle-argo-lint-${argo}`, 'argo-lint-oracle'),
});
const V4 = oracleConfig('v4.0.5', 'v4.0', 'argo-lint', 'golden.json'); // test/oracle/argo-lint/go.mod
const V37 = oracleConfig('v3.7.18', 'v3.7', 'argo-lint-v3.7', 'golden-v3.7.json'); // test/oracle/argo-lint-v3.7/go.mod
const ORACLES = [V4, V37];

const yamls = (d: string) => readdirSync(d).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(d, n));
/** Groups linted together (argo lint --offline indexes all its args; two corpus files both define WorkflowTemplate "job"). */
const GROUPS = [yamls(EX), yamls(join(EX, 'e2e-testdata')), yamls(CASES)];
const key = (f: string) => (f.startsWith(EX) ? `corpus/${relative(EX, f)}` : relative(ROOT, f));

/** `fatal`: argo lint --offline refuses the whole run (its offline client cannot even decode the file). */
type Entry = { linted: boolean; errors: string[] } | { fatal: string };
type Golden = { argo: string; files: Record<string, Entry> };

function oracle(o: OracleConfig, files: string[]): { ok: true; results: { file: string; linted: boolean; errors: string[] }[] } | { ok: false; fatal: string } {
  const r = spawnSync(o.bin, files, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status === 0) return { ok: true, results: JSON.parse(r.stdout) };
  return { ok: false, fatal: r.stderr.trim() };
}

function runOracle(o: OracleConfig): Golden {
  const files: Golden['files'] = {};
  for (const g of GROUPS) {
    const whole = oracle(o, g);
    if (whole.ok) {
      for (const r of whole.results) files[key(r.file)] = { linted: r.linted, errors: r.errors };
      continue;
    }
    // one undecodable file aborts argo lint --offline for every file: lint the others without it
    const fatalFiles = g.filter((f) => !oracle(o, [f]).ok);
    for (const f of fatalFiles) {
      const r = oracle(o, [f]);
      files[key(f)] = { fatal: r.ok ? '' : r.fatal.replace(f, key(f)) };
    }
    const rest = oracle(o, g.filter((f) => !fatalFiles.includes(f)));
    if (!rest.ok) throw new Error(`oracle failed: ${rest.fatal}`);
    for (const r of rest.results) files[key(r.file)] = { linted: r.linted, errors: r.errors };
  }
  return { argo: o.argo, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}

function ours(line: ArgoVersion): Record<string, { linted: boolean; errors: string[] }> {
  const files: Record<string, { linted: boolean; errors: string[] }> = {};
  for (const g of GROUPS) {
    const index = new TemplateIndex();
    for (const f of g) index.update(f, readFileSync(f, 'utf8'));
    for (const f of g) {
      const r = argoLintErrors(readFileSync(f, 'utf8'), { argoVersion: line, controllerZone: 'UTC', now: Date.UTC(2026, 10, 26), index, uri: f });
      files[key(f)] = { linted: r.linted, errors: r.errors.map((e) => `in ${e.object}: ${e.message}`) };
    }
  }
  return files;
}

function ensureOracle(o: OracleConfig): string | undefined {
  if (existsSync(o.bin)) return undefined;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return `Go is not installed: cannot build the argo-lint oracle for Argo ${o.argo}`;
  if (!process.env.ARGO_LINT_ORACLE_BUILD && !process.env.CI) return `oracle binary ${o.bin} not built (set ARGO_LINT_ORACLE_BUILD=1 to build it: several minutes)`;
  mkdirSync(join(o.bin, '..'), { recursive: true });
  const b = spawnSync('go', ['build', '-o', o.bin, '.'], { cwd: o.dir, encoding: 'utf8', timeout: 40 * 60_000 });
  return b.status === 0 ? undefined : `oracle build for Argo ${o.argo} failed: ${b.stderr}`;
}

for (const o of ORACLES) {
  test(`golden ${o.argo}: our ${o.line} argo-lint view agrees with Argo's argo lint --offline on every corpus and case file`, (t) => {
    if (!existsSync(o.golden)) {
      t.skip(`SKIPPED LOUDLY: ${o.golden} has not been generated by the oracle yet (run with UPDATE_ARGO_LINT_GOLDEN=1 once the oracle is built)`);
      return;
    }
    const golden = JSON.parse(readFileSync(o.golden, 'utf8')) as Golden;
    assert.equal(golden.argo, o.argo, 'golden produced by the configured Argo version');
    const mine = ours(o.line);
    assert.deepEqual(Object.keys(mine).sort(), Object.keys(golden.files).sort(), 'same files');
    const disagreements: string[] = [];
    let agree = 0;
    for (const [f, g] of Object.entries(golden.files)) {
      const m = mine[f];
      if ('fatal' in g) {
        // argo aborts with "failed to parse YAML from file <f>: <err>"; we report <err> on the object
        const want = g.fatal.replace(/^failed to parse YAML from file [^:]+: /, '');
        if (!m.errors.some((e) => e.endsWith(`: ${want}`))) disagreements.push(`${f}:\n   ours: ${JSON.stringify(m.errors)}\n   argo (fatal): ${g.fatal}`);
        else agree++;
        continue;
      }
      if (m.linted === g.linted && JSON.stringify(m.errors) === JSON.stringify(g.errors)) agree++;
      if (m.linted !== g.linted) disagreements.push(`${f}: linted ${m.linted} vs argo ${g.linted}`);
      if (JSON.stringify(m.errors) !== JSON.stringify(g.errors)) disagreements.push(`${f}:\n   ours: ${JSON.stringify(m.errors)}\n   argo: ${JSON.stringify(g.errors)}`);
    }
    console.log(`argo lint --offline ${o.argo} vs our ${o.line}: ${agree}/${Object.keys(golden.files).length} files agree`);
    assert.deepEqual(disagreements, []);
  });

  test(`oracle ${o.argo}: re-run Argo's lint and compare with the golden file`, (t) => {
    const why = ensureOracle(o);
    if (why) {
      t.skip(`SKIPPED LOUDLY: ${why}`);
      return;
    }
    const fresh = runOracle(o);
    if (process.env.UPDATE_ARGO_LINT_GOLDEN || !existsSync(o.golden)) writeFileSync(o.golden, JSON.stringify(fresh, null, 2) + '\n');
    const golden = JSON.parse(readFileSync(o.golden, 'utf8')) as Golden;
    assert.deepEqual(fresh, golden);
  });
}

/** The real CLI the cluster harness builds (argo v4.0.5 from Go modules, compared with our v4.0 view), when present. */
function argoCli(): string | undefined {
  try {
    const bins = JSON.parse(readFileSync(join(homedir(), '.cache/argo-triggers/cluster-bins.json'), 'utf8')) as { argo?: { path?: string } };
    return bins.argo?.path && existsSync(bins.argo.path) ? bins.argo.path : undefined;
  } catch {
    return undefined;
  }
}

test('real `argo lint --offline -o simple` prints, file by file, the errors our argo-lint view predicts', (t) => {
  const argo = argoCli();
  if (!argo) {
    t.skip('SKIPPED LOUDLY: no argo CLI in ~/.cache/argo-triggers/cluster-bins.json (built by the cluster harness, scripts/setup.sh)');
    return;
  }
  const run = (files: string[]) => spawnSync(argo, ['lint', '--offline', '--no-color', '-o', 'simple', ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const mine = ours(V4.line);
  let agree = 0;
  let total = 0;
  const disagreements: string[] = [];
  for (const g of GROUPS) {
    let files = g;
    const fatal = new Set<string>();
    if (/failed to parse YAML from file/.test(run(g).stderr)) {
      for (const f of g) if (/failed to parse YAML from file/.test(run([f]).stderr)) fatal.add(f);
      files = g.filter((f) => !fatal.has(f));
    }
    for (const f of fatal) {
      total++;
      const msg = run([f]).stderr.trim().split('\n').find((l) => l.includes('failed to parse YAML from file'))!.replace(/^.*failed to parse YAML from file [^:]+: /, '').replace(/"$/, '');
      if (mine[key(f)].errors.some((e) => e.endsWith(`: ${msg}`))) agree++;
      else disagreements.push(`${key(f)}: argo fatal ${msg}; ours ${JSON.stringify(mine[key(f)].errors)}`);
    }
    const out = run(files).stdout;
    for (const f of files) {
      total++;
      const theirs = out.split('\n').filter((l) => l.startsWith(`${f}: `)).map((l) => l.slice(f.length + 2));
      if (JSON.stringify(theirs) === JSON.stringify(mine[key(f)].errors)) agree++;
      else disagreements.push(`${key(f)}:\n   ours: ${JSON.stringify(mine[key(f)].errors)}\n   argo: ${JSON.stringify(theirs)}`);
    }
  }
  console.log(`real argo lint --offline (${argo}): ${agree}/${total} files agree`);
  assert.deepEqual(disagreements, []);
});
