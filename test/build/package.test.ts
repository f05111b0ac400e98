// Builds the VSIX with `node scripts/package.mjs` (production bundles + vsce --no-dependencies) and checks what a
// user installs: bundled (no node_modules), at most 10 JS files, at most 2.5 MB, and the bundles load nothing
// from node_modules at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listZip, readZipEntry } from './zip';

const root = resolve(__dirname, '../..');
const MAX_BYTES = 2.5 * 1024 * 1024;
const MAX_JS = 10;

test('npm run package builds a small, self-contained VSIX', { timeout: 180_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-triggers-pkg-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const vsix = join(dir, 'argo-triggers.vsix');
  const r = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), `--out=${vsix}`], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `packaging failed:\n${r.stdout}\n${r.stderr}`);

  const buf = readFileSync(vsix);
  const entries = listZip(buf);
  const names = entries.map((e) => e.name);
  const unpacked = entries.reduce((s, e) => s + e.size, 0);
  const js = names.filter((n) => n.endsWith('.js'));
  console.log(`VSIX: ${statSync(vsix).size} bytes packed, ${unpacked} bytes unpacked, ${entries.length} files, ${js.length} JS: ${js.join(', ')}`);

  assert.deepEqual(names.filter((n) => n.includes('node_modules/')), [], 'no node_modules in the VSIX');
  assert.ok(js.length <= MAX_JS, `${js.length} JS files > ${MAX_JS}`);
  assert.ok(statSync(vsix).size <= MAX_BYTES, `VSIX ${statSync(vsix).size} bytes > 2.5 MB`);
  assert.ok(unpacked <= MAX_BYTES, `unpacked ${unpacked} bytes > 2.5 MB`);
  assert.deepEqual(names.filter((n) => n.endsWith('.map') || n.endsWith('.ts')), [], 'no source maps or sources');

  const manifest = JSON.parse(readZipEntry(buf, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
  assert.equal(manifest.main, './dist/extension.js');
  for (const need of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/LICENSE.txt', `extension/${manifest.icon}`]) {
    assert.ok(names.includes(need), `${need} is in the VSIX`);
  }
  // Everything the manifest points at is packaged.
  for (const jv of manifest.contributes?.jsonValidation ?? []) assert.ok(names.includes(`extension/${jv.url.replace(/^\.\//, '')}`), jv.url);
  for (const g of manifest.contributes?.grammars ?? []) assert.ok(names.includes(`extension/${g.path.replace(/^\.\//, '')}`), g.path);

  // Bundled: the only modules required at run time are node built-ins (and 'vscode' for the extension).
  const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
  for (const f of ['extension/dist/extension.js', 'extension/dist/server.js']) {
    const src = readZipEntry(buf, entries.find((e) => e.name === f)!).toString('utf8');
    const required = new Set([...src.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    const external = [...required].filter((m) => !allowed.has(m) && !m.startsWith('.'));
    assert.deepEqual(external, [], `${f} requires modules that are not bundled`);
  }
});
