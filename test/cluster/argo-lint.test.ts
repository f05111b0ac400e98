// `argo lint --offline` (the real Argo CLI built by test/cluster/build.sh) over the shared example corpus.
// No cluster is needed: offline lint resolves template references from the files given on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, findBinaries } from './cluster';

const CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'argo-examples');
const bins = findBinaries();
const argo = bins.paths.argo;
const skip = !argo
  ? `argo CLI not built: ${bins.missing.argo}`
  : !existsSync(CORPUS)
    ? `example corpus not found at ${CORPUS}`
    : undefined;
if (skip) process.stderr.write(`\n[argo-lint] SKIPPING: ${skip}\n\n`);

function lint(files: string[]): { status: number | null; out: string } {
  // An empty HOME/KUBECONFIG proves offline lint needs no cluster configuration.
  const home = mkdtempSync(join(tmpdir(), 'argo-lint-home-'));
  try {
    const r = spawnSync(argo!, ['lint', '--offline', '--no-color', '-o', 'simple', ...files], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: join(home, 'none') },
      timeout: 60_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const topLevel = () =>
  readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(CORPUS, f));

test('argo lint --offline accepts every top-level corpus example (references resolved from the same args)', { skip }, () => {
  const r = lint(topLevel());
  assert.equal(r.status, 0, r.out);
});

test('argo lint --offline: upstream e2e well-formed passes, malformed and legacy `schedule:` fail', { skip }, () => {
  const e2e = join(CORPUS, 'e2e-testdata');
  const good = lint([join(e2e, 'wellformed-cronworkflow.yaml')]);
  assert.equal(good.status, 0, good.out);
  for (const bad of ['malformed-cronworkflow.yaml', 'convert-legacy-cron.yaml']) {
    const r = lint([join(e2e, bad)]);
    assert.notEqual(r.status, 0, `${bad} should not lint clean:\n${r.out}`);
    assert.match(r.out, new RegExp(bad.replace(/\./g, '\\.')), `${bad}: the failure names the file`);
  }
});
