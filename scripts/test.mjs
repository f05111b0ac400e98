// Runs the whole test suite with node's built-in runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [--only unit|oracle|e2e|cluster] [extra files...]
// Suites: unit = everything under test/ except test/e2e and test/cluster.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const explicit = args.filter((a, i) => !a.startsWith('--') && i !== onlyIdx + 1);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'oracle') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const suiteOf = (f) => (f.startsWith('test/e2e/') ? 'e2e' : f.startsWith('test/cluster/') ? 'cluster' : 'unit');
let files = explicit.length ? explicit : walk('test').sort();
if (only) files = files.filter((f) => suiteOf(f) === only);
// Heavy suites last so quick failures show first.
const order = { unit: 0, cluster: 1, e2e: 2 };
files.sort((a, b) => order[suiteOf(a)] - order[suiteOf(b)] || a.localeCompare(b));

const run = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!explicit.length) {
  run(process.execPath, ['scripts/build.mjs']);
  run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
}
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
