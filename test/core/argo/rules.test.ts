// The rule catalogue, docs/lint.md and the codes the linter emits stay in sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../core/argo';

const root = join(__dirname, '../../..');

test('every catalogued code is documented in docs/lint.md', () => {
  const doc = readFileSync(join(root, 'docs/lint.md'), 'utf8');
  const missing = RULES.filter((r) => r.code !== 'internal.error' && !doc.includes(`\`${r.code}\``) && !doc.includes(`\`${r.code.replace(/\.[^.]+$/, '')}.`));
  assert.deepEqual(missing.map((r) => r.code), []);
});

test('every code string in core/argo is catalogued', () => {
  const known = new Set(RULES.map((r) => r.code));
  const dir = join(root, 'core/argo');
  const found = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'rules.ts')) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/code(?:\s*=|:)\s*'([a-z]+\.[A-Za-z.]+)'/g)) found.add(m[1]);
  }
  assert.ok(found.size > 30, `found ${found.size} codes`);
  assert.deepEqual([...found].filter((c) => !known.has(c)), []);
});

test('every catalogued rule is exercised by a test', () => {
  const dir = join(root, 'test/core/argo');
  const tests = readdirSync(dir).filter((n) => n.endsWith('.test.ts') && n !== 'rules.test.ts').map((n) => readFileSync(join(dir, n), 'utf8')).join('\n');
  const untested = RULES.filter((r) => r.code !== 'internal.error' && !tests.includes(`'${r.code}'`));
  assert.deepEqual(untested.map((r) => r.code), []);
});
