// Template `timeout` rules (validate.go validateTemplate): only leaf templates may set it, and a bare integer is not a
// duration. The wording differs per Argo version (v3.7.18 ends both messages with a period, v4.0.5 does not), so the
// expected messages are read from the goldens the argo-lint oracles produced (test/fixtures/argo-lint/golden*.json),
// never written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type ArgoVersion } from '../../../core/argo';

const ROOT = join(__dirname, '../../..');
const CASES = 'test/fixtures/argo-lint/cases';
const GOLDENS: { line: ArgoVersion; file: string }[] = [
  { line: 'v4.0', file: 'golden.json' },
  { line: 'v3.7', file: 'golden-v3.7.json' },
];
const CASE_CODES: [string, string][] = [
  ['52-steps-timeout.yaml', 'workflow.template.timeoutNotLeaf'],
  ['53-int-timeout.yaml', 'workflow.template.timeoutInvalid'],
  ['54-suspend-timeout.yaml', 'workflow.template.timeoutNotLeaf'],
  ['55-nested-int-timeout.yaml', 'workflow.template.timeoutInvalid'],
  ['57-unreached-dag-timeout.yaml', 'workflow.template.timeoutNotLeaf'],
  ['59-plus-timeout.yaml', 'workflow.template.timeoutInvalid'],
];

for (const g of GOLDENS) {
  const golden = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/argo-lint', g.file), 'utf8')) as { files: Record<string, { errors?: string[] }> };
  test(`${g.line}: timeout findings carry the oracle's message, at the timeout key or value`, () => {
    for (const [name, code] of CASE_CODES) {
      const text = readFileSync(join(ROOT, CASES, name), 'utf8');
      const fs = lintText(text, { argoVersion: g.line, controllerZone: 'UTC', now: Date.UTC(2026, 10, 26) });
      const f = fs.find((x) => x.code === code);
      assert.ok(f, `${name}: ${code} expected, got ${JSON.stringify(fs.map((x) => x.code))}`);
      const want = golden.files[`${CASES}/${name}`].errors;
      assert.equal(want?.length, 1, `${name}: the oracle reports one error`);
      assert.ok(want![0].endsWith(`: ${f.message}`), `${name}: ours ${JSON.stringify(f.message)} vs argo ${JSON.stringify(want![0])}`);
      // not-leaf: the `timeout` key; bare integer: the quoted value
      assert.match(text.slice(f.range.start, f.range.end), code.endsWith('NotLeaf') ? /^timeout$/ : /^"[+-]?[0-9]+"$/, `${name}: range`);
    }
  });

  test(`${g.line}: templated and out-of-int64 timeouts are not flagged (the oracle accepts them)`, () => {
    for (const name of ['58-var-timeout.yaml', '63-overflow-timeout.yaml']) {
      assert.deepEqual(golden.files[`${CASES}/${name}`].errors, [], `${name}: oracle`);
      const fs = lintText(readFileSync(join(ROOT, CASES, name), 'utf8'), { argoVersion: g.line, controllerZone: 'UTC', now: Date.UTC(2026, 10, 26) });
      assert.deepEqual(fs.filter((x) => x.code.startsWith('workflow.template.timeout')), [], name);
    }
  });
}
