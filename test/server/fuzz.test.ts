// Fuzz: random edits on real YAML; after every edit every feature of the service runs at random positions.
// Nothing may throw, and no handler may fail (the service logs a failure instead of crashing; the log must stay empty).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCore } from '../../server/coreImpl';
import { ArgoTriggersService } from '../../server/service';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/settings';
import { rng } from '../helpers/rng';

const CORPUS = resolve(__dirname, '../../../shared/corpus/argo-examples');
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 30);


const PIECES = [':', ' ', '\n', '- ', '  ', '"', "'", '#', '---\n', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '|\n', '>-\n', '\t',
  'schedules:', 'schedule: ', 'timezone: ', 'Europe/Berlin', 'CRON_TZ=UTC ', '@every 1h', '0 2 * * *', '*/5', '?', 'L', '30 2 30 2 *',
  'selector: ', 'metadata["X-Foo"] == "a"', 'payload.a &&', ' || ', '(', ')', 'event.', 'valueFrom:', 'event: ', 'kind: CronWorkflow\n',
  'kind: WorkflowEventBinding\n', 'apiVersion: argoproj.io/v1alpha1\n', 'concurrencyPolicy: Forbid', 'startingDeadlineSeconds: -1',
  '\u{1F600}', '\u00e9', '\r\n', '%YAML 1.2\n', '...\n', '<<: *a', '~', 'null', '1e999', '0x1F', 'workflowTemplateRef:\n  name: x'];

test(`random edits never crash or fail a handler (seed ${SEED}, ${ROUNDS} rounds per file)`, async () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(CORPUS, f), 'utf8'));
  const r = rng(SEED);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const errors: string[] = [];
  for (const argoVersion of ['v3.6', 'v4.1']) {
    const settings = normalizeSettings({ ...DEFAULT_SETTINGS, argoVersion });
    const svc = new ArgoTriggersService({ core: realCore, now: () => Date.UTC(2026, 2, 28, 0, 30), settings: async () => settings,
      log: { error: (m) => errors.push(m), info: () => {} } });
    for (const [fi, original] of files.entries()) {
      let doc = TextDocument.create(`file:///fuzz/${fi}.yaml`, 'yaml', 1, original);
      svc.didOpen(doc);
      for (let round = 0; round < ROUNDS; round++) {
        const text = doc.getText();
        const a = Math.floor(r() * (text.length + 1));
        const b = Math.min(text.length, a + Math.floor(r() * 12));
        const kind = r();
        let newText = '';
        if (kind < 0.45) newText = pick(PIECES);
        else if (kind < 0.6) newText = text.slice(Math.floor(r() * text.length), Math.floor(r() * text.length));
        else if (kind < 0.7) newText = String.fromCharCode(Math.floor(r() * 0x3000));
        // else: pure deletion
        doc = TextDocument.update(doc, [{ range: { start: doc.positionAt(a), end: doc.positionAt(kind < 0.45 ? a : b) }, text: newText }], doc.version + 1);
        svc.didChange(doc);
        const t = doc.getText();
        const p = doc.positionAt(Math.floor(r() * (t.length + 1)));
        const q = doc.positionAt(Math.floor(r() * (t.length + 1)));
        const d = await svc.diagnostics(doc);
        assert.ok(Array.isArray(d.items));
        await svc.hover(doc, p);
        await svc.completion(doc, p);
        await svc.codeActions(doc, p.line < q.line ? { start: p, end: q } : { start: q, end: p });
        await svc.codeLenses(doc);
        if (round % 20 === 0) {
          await svc.timeline({ uris: [doc.uri], from: Date.UTC(2026, 0, 1), until: Date.UTC(2026, 1, 1), expectedDurationSec: 600 });
          await svc.matchEvent({ uris: [doc.uri], event: { payload: { a: 1 }, headers: [['X-Foo', 'a']], discriminator: 'd', namespace: '' } });
        }
        assert.deepEqual(errors, [], `after edit ${round} of file ${fi}: ${JSON.stringify(doc.getText().slice(0, 4000))}`);
      }
      svc.didClose(doc.uri);
    }
  }
});

test('pathological inputs: long lines, deep nesting, many documents, aliases, binary-ish text', async () => {
  const errors: string[] = [];
  const svc = new ArgoTriggersService({ core: realCore, now: () => Date.UTC(2026, 2, 28), log: { error: (m) => errors.push(m), info: () => {} } });
  const deep = Array.from({ length: 400 }, (_, i) => ' '.repeat(i * 2) + '- ').join('\n') + 'x';
  const inputs = [
    'kind: CronWorkflow\nspec:\n  schedules: ["' + '* '.repeat(50_000) + '"]\n',
    'a: ' + '-'.repeat(200_000) + '\n',
    'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nspec:\n  event:\n    selector: ' + '('.repeat(2000) + 'true' + ')'.repeat(2000) + '\n',
    deep,
    Array.from({ length: 3000 }, (_, i) => `kind: CronWorkflow\nmetadata: {name: c${i}}\n`).join('---\n'),
    'base: &a {kind: CronWorkflow, spec: {schedules: ["0 0 * * *"]}}\n' + Array.from({ length: 50 }, (_, i) => `k${i}: *a`).join('\n') + '\n',
    '\u0000\u0001\u0002\ufffe\ud800---\n\t\t: : :\n',
    'kind: CronWorkflow\nspec:\n' + Array.from({ length: 5000 }, (_, i) => `  key${i}: ${i}`).join('\n') + '\n',
  ];
  for (const [i, text] of inputs.entries()) {
    const doc = TextDocument.create(`file:///path/${i}.yaml`, 'yaml', 1, text);
    svc.didOpen(doc);
    await svc.diagnostics(doc);
    for (const off of [0, 1, Math.floor(text.length / 2), text.length - 1, text.length]) {
      const p = doc.positionAt(off);
      await svc.hover(doc, p);
      await svc.completion(doc, p);
      await svc.codeActions(doc, { start: p, end: p });
    }
    await svc.codeLenses(doc);
    svc.didClose(doc.uri);
  }
  assert.deepEqual(errors, []);
});
