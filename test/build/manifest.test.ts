// The extension manifest (package.json) against the code: commands, settings, activation, trust, packaged files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Commands } from '../../server/protocol';
import { DEFAULT_SETTINGS } from '../../server/settings';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

function sources(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}
const srcText = sources(join(root, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

test('engine, entry point and activation', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(Array.isArray(manifest.activationEvents) && manifest.activationEvents.includes('onLanguage:yaml'));
  for (const e of manifest.activationEvents) assert.ok(e !== '*' && e !== 'onStartupFinished', `no eager activation (${e})`);
});

test('untrusted workspaces: limited support, with a reason', () => {
  const u = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(u?.supported, 'limited');
  assert.ok(typeof u.description === 'string' && u.description.length > 20);
});

test('every contributed command has a title and category and is registered by the extension', () => {
  const ids: string[] = contributes.commands.map((c: { command: string }) => c.command);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate command ids');
  for (const c of contributes.commands) {
    assert.ok(c.title && c.category, `${c.command} has a title and a category`);
    assert.ok(srcText.includes(`'${c.command}'`) || srcText.includes(`"${c.command}"`) || Object.values(Commands).includes(c.command),
      `${c.command} is registered in src/`);
  }
  // commands the server puts on code lenses exist
  for (const id of Object.values(Commands).filter(Boolean)) assert.ok(ids.includes(id), `server lens command ${id} is contributed`);
  for (const menu of Object.values(contributes.menus ?? {}) as { command: string }[][]) {
    for (const m of menu) assert.ok(ids.includes(m.command), `menu entry ${m.command} is a contributed command`);
  }
});

test('every setting the server reads is contributed with its default and a description', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  const flat = (o: Record<string, unknown>, prefix: string): [string, unknown][] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? flat(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
  for (const [key, def] of flat(DEFAULT_SETTINGS as unknown as Record<string, unknown>, 'argoTriggers.')) {
    assert.ok(props[key], `${key} is contributed`);
    assert.deepEqual(props[key].default, def, `${key} default matches the server's`);
  }
  for (const [key, p] of Object.entries(props)) {
    assert.ok(key.startsWith('argoTriggers.'), key);
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 10, `${key} has a description`);
    assert.ok('default' in p, `${key} has a default`);
  }
  assert.deepEqual(props['argoTriggers.argoVersion'].default, 'v4.1');
  assert.deepEqual(props['argoTriggers.controllerTimezone'].default, 'UTC');
  assert.ok(props['argoTriggers.trace.server'], 'trace setting for the language client');
});

test('files the manifest points at exist', () => {
  const icon = readFileSync(join(root, manifest.icon));
  assert.equal(icon.toString('latin1', 1, 4), 'PNG');
  assert.equal(icon.readUInt32BE(16), 128);
  for (const jv of contributes.jsonValidation ?? []) JSON.parse(readFileSync(join(root, jv.url), 'utf8'));
  for (const g of contributes.grammars ?? []) assert.ok(existsSync(join(root, g.path)), g.path);
  assert.ok(existsSync(join(root, 'LICENSE')));
});
