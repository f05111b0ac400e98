// Builds the VSIX: production bundles (minified, no source maps) staged in a temporary folder together with the
// manifest and the files .vscodeignore lets through, then `vsce package --no-dependencies` (everything is bundled,
// so no node_modules goes in). The working dist/ (development build) is left alone.
// Usage: node scripts/package.mjs [--out=PATH]   (default dist/argo-triggers.vsix)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? join(root, 'dist', 'argo-triggers.vsix'));
const stage = mkdtempSync(join(tmpdir(), 'argo-triggers-vsix-'));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(stage, { recursive: true, force: true });
    console.error(`package: ${[cmd, ...args].join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

try {
  run(process.execPath, [join(root, 'scripts/build.mjs'), '--production', `--outdir=${join(stage, 'dist')}`], root);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'syntaxes', 'media', 'resources']) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  mkdirSync(dirname(out), { recursive: true });
  run(process.execPath, [
    join(root, 'node_modules/@vscode/vsce/vsce'), 'package',
    '--no-dependencies',            // bundled by esbuild: no node_modules in the VSIX
    '--allow-missing-repository',   // no public repository URL yet (vsce would prompt)
    '--no-rewrite-relative-links',  // README screenshots are repository-relative
    '-o', out,
  ], stage);
  console.log(`package: ${out} (${statSync(out).size} bytes)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
