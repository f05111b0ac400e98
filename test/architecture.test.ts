// The domain core must stay pure: no VS Code, no LSP, no Kubernetes client, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = [/^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/, /^@kubernetes\//, /^node:(http|https|net|tls|dgram|child_process)$/, /^(http|https|net|tls|dgram|child_process)$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('core/ imports nothing from vscode, LSP, Kubernetes or the network', () => {
  const offenders: string[] = [];
  for (const f of files('core')) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
      if (FORBIDDEN.some((r) => r.test(m[1]))) offenders.push(`${f}: ${m[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('core/ does not import from server/, src/ or cli/', () => {
  const offenders = files('core').filter((f) => /from\s+['"](\.\.\/)+(server|src|cli)\//.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
