// Fuzz: random bytes, random YAML and mutated corpus files never make lintText / matchEvent throw, and every
// finding's range lies inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, matchEvent, TemplateIndex, type Finding } from '../../../core/argo';
import { corpusFiles, read } from './helpers';
import { rng } from '../../helpers/rng';


const ITER = Number(process.env.ARGO_FUZZ_ITER ?? 400);
const PIECES = ['apiVersion: argoproj.io/v1alpha1\n', 'kind: CronWorkflow\n', 'kind: WorkflowEventBinding\n', 'kind: WorkflowTemplate\n', 'metadata:\n  name: x\n',
  'spec:\n', '  schedules:\n', '    - "0 2 * * *"\n', '    - "@every 1h"\n', '  timezone: America/New_York\n', '  event:\n    selector: |\n      metadata["X-A"] == "b" && event.payload.x\n',
  '  submit:\n    workflowTemplateRef: {name: t}\n    arguments:\n      parameters:\n        - name: p\n          value: 1\n', '---\n', '  workflowSpec:\n    entrypoint: main\n',
  '    templates:\n      - name: main\n        steps: [[{name: a, template: b}]]\n', '"', "'", '{', '[', ': ', '- ', '\t', '\n', '  ', '&a ', '*a ', '!!str ', '|\n', '>-\n', '#', '? ', '\\', 'é', '\u0000', '\ud800'];

function check(text: string, fs: Finding[]) {
  for (const f of fs) {
    assert.ok(f.range.start >= 0 && f.range.end >= f.range.start && f.range.end <= text.length, `${f.code} range ${JSON.stringify(f.range)} outside ${text.length}`);
    assert.equal(typeof f.message, 'string');
  }
}

const ev = { payload: { a: 1 }, headers: [['X-A', 'b']] as [string, string][], discriminator: 'd', namespace: 'n' };

test(`fuzz: ${ITER} random byte strings`, () => {
  const r = rng(1);
  for (let i = 0; i < ITER; i++) {
    const n = Math.floor(r() * 300);
    const text = Array.from({ length: n }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
    const fs = lintText(text, { argoVersion: 'v4.1', controllerZone: 'UTC', now: 0 });
    check(text, fs);
    assert.ok(!fs.some((f) => f.code === 'internal.error'), `internal error on ${JSON.stringify(text)}`);
    matchEvent(text, ev, { argoVersion: 'v4.1' });
  }
});

test(`fuzz: ${ITER} random YAML-ish documents`, () => {
  const r = rng(2);
  const versions = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'] as const;
  for (let i = 0; i < ITER; i++) {
    const n = 1 + Math.floor(r() * 25);
    const text = Array.from({ length: n }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
    const fs = lintText(text, { argoVersion: versions[i % 5], controllerZone: 'UTC', now: Date.UTC(2026, 0, 1) });
    check(text, fs);
    assert.ok(!fs.some((f) => f.code === 'internal.error'), `internal error on ${JSON.stringify(text)}: ${fs.find((f) => f.code === 'internal.error')?.message}`);
    matchEvent(text, ev, { argoVersion: versions[i % 5] });
  }
});

test('fuzz: corpus files with random single-character mutations', () => {
  const r = rng(3);
  const files = corpusFiles().map(read);
  const idx = new TemplateIndex();
  let runs = 0;
  for (const base of files) {
    for (let k = 0; k < Math.max(4, Math.floor(ITER / 40)); k++) {
      const pos = Math.floor(r() * base.length);
      const ch = PIECES[Math.floor(r() * PIECES.length)];
      const text = r() < 0.5 ? base.slice(0, pos) + ch + base.slice(pos + 1) : base.slice(0, pos) + base.slice(pos + 1 + Math.floor(r() * 20));
      idx.update('m', text);
      const fs = lintText(text, { argoVersion: 'v4.1', controllerZone: 'UTC', now: 0, index: idx });
      check(text, fs);
      assert.ok(!fs.some((f) => f.code === 'internal.error'), `internal error: ${fs.find((f) => f.code === 'internal.error')?.message}\n${text}`);
      runs++;
    }
  }
  assert.ok(runs >= 100);
});
