// `argo-triggers eval`: the command over the golden fixture lines (test/fixtures/expr, answers from the Go
// oracle). The --jsonl path must give exactly the engine's answers (it adds and loses nothing); the human path
// is checked against oracle answers for representative fixture cases, including exit codes and event-file forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from '../../cli/main';
import { loadFixtures, type Fixture } from '../core/expr/fixtures';
import { engineAnswer, loadEngine } from '../core/expr/engine';
import { REPO_ROOT, type OracleEvent } from '../core/expr/oracle';

async function cli(argv: string[], stdinLines: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: CliIo = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readStdin: async function* () { yield* stdinLines; },
  };
  const code = await main(['eval', ...argv], io);
  return { code, stdout, stderr };
}

const { fixtures: allFixtures } = loadFixtures();
const fixtures = allFixtures;
const byExpr = (file: string, mode: string, expression: string, event?: (e: OracleEvent) => boolean): Fixture => {
  const f = fixtures.find((x) => x.file === file && x.request.mode === mode && x.request.expression === expression && (!event || event(x.request.event)));
  if (!f) throw new Error(`no fixture ${file} ${mode} ${expression}`);
  return f;
};
const tmp = mkdtempSync(join(tmpdir(), 'argo-triggers-eval-'));
const writeEvent = (name: string, content: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const eventArgs = (f: Fixture): string[] => {
  const ev = f.request.event;
  const p = writeEvent(`${f.id}.json`, { payload: ev.payload ?? null, headers: ev.headers ?? [], discriminator: ev.discriminator ?? '', namespace: ev.namespace ?? '' });
  return ['--event', p, ...(f.request.mode === 'parameter' ? ['--parameter'] : []), ...(f.request.profile ? ['--argo-version', f.request.profile] : [])];
};

/** What the human output and exit status must be for an oracle answer. */
function expectHuman(f: Fixture, r: { code: number; stdout: string; stderr: string }) {
  const a = f.answer;
  const where = `${f.id} ${JSON.stringify(f.request.expression)}`;
  if ('result' in a) {
    assert.equal(r.stdout, `${a.result}\n`, where);
    assert.equal(r.code, a.result ? 0 : 1, where);
  } else if ('value' in a) {
    assert.equal(r.stdout, `${a.value}\n`, where);
    assert.equal(r.code, 0, where);
  } else {
    assert.equal(r.stderr, `${a.error_stage} error: ${a.error}\n`, where);
    assert.equal(r.stdout, '', where);
    assert.equal(r.code, 1, where);
  }
}

test('eval --jsonl answers fixture lines exactly like the engine', async (t) => {
  const loaded = await loadEngine();
  if ('missing' in loaded) { t.skip(`expr engine not available: ${loaded.missing}`); return; }
  // Every pinned case and every 4th generated one (the full set runs in the conformance test).
  const fixtures = allFixtures.filter((f, i) => f.file.startsWith('pinned') || i % 4 === 0);
  const lines = fixtures.map((f) => JSON.stringify(f.request));
  const r = await cli(['--jsonl'], lines);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trimEnd().split('\n');
  assert.equal(out.length, fixtures.length);
  let sameAsOracle = 0;
  fixtures.forEach((f, i) => {
    assert.deepEqual(JSON.parse(out[i]), engineAnswer(loaded.engine, f.request), `${f.id} ${JSON.stringify(f.request.expression)}`);
    if (out[i] === JSON.stringify(f.answer)) sameAsOracle++;
  });
  console.log(`eval --jsonl: ${fixtures.length} fixture lines, ${sameAsOracle} identical to the Go oracle's answer line (${(100 * sameAsOracle / fixtures.length).toFixed(2)}%)`);
});

test('eval --jsonl: blank lines skipped, malformed requests answered with stage "request", profiles honoured', async () => {
  const r = await cli(['--jsonl'], ['', 'not json', '{"mode":"x","expression":"1"}', '{"mode":"selector"}',
    '{"mode":"selector","expression":"true","event":{"headers":{"X-A":"b"}}}', '{"mode":"selector","expression":"true","profile":"v9.9"}']);
  assert.equal(r.code, 0);
  const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 5);
  for (const a of out) assert.equal(a.error_stage, 'request', JSON.stringify(a));
  assert.match(out[0].error, /^invalid request: /);
  assert.match(out[4].error, /unsupported --argo-version "v9.9"/);
});

test('eval (human output) agrees with the oracle on representative fixture cases', async () => {
  const cases = [
    byExpr('pinned.jsonl', 'selector', 'payload.appellation != ""', (e) => e.discriminator === 'my-disc'),      // true → 0
    byExpr('pinned.jsonl', 'selector', 'payload.appellation != ""', (e) => e.discriminator === 'github'),       // false → 1
    byExpr('pinned.jsonl', 'parameter', 'payload.appellation', (e) => e.discriminator === 'my-disc'),
    byExpr('pinned.jsonl', 'selector', '"true" in metadata["x-argo-e2e"]'),
    byExpr('pinned.jsonl', 'selector', 'metadata["x-multi"] == ["a, b", "c"]'),
    byExpr('pinned.jsonl', 'parameter', 'toJSON(payload.tags)'),
    byExpr('pinned.jsonl', 'parameter', '"a\\"b<c>&d\\ne\\tf\\\\g"'),
    byExpr('pinned.jsonl', 'selector', 'garbage!!!!!!'),                                // compile error
    byExpr('pinned.jsonl', 'selector', 'payload.missing.x'),                            // run error
    byExpr('pinned.jsonl', 'selector', '"hello"'),                                      // cast error
    byExpr('pinned.jsonl', 'parameter', 'float("NaN")'),                                // json error
    byExpr('pinned.jsonl', 'selector', 'payload == nil', (e) => e.payload === undefined),
    byExpr('pinned-v3.5.jsonl', 'parameter', '"\\u{1F600}"'),
    byExpr('pinned-v4.0.jsonl', 'parameter', '"\\u{1F600}"'),
  ];
  for (const f of cases) expectHuman(f, await cli([f.request.expression, ...eventArgs(f)]));
});

test('eval: event file forms, --header / --discriminator / --namespace, --json', async () => {
  const f = byExpr('pinned.jsonl', 'selector', 'namespace == "argo" && discriminator == "my-disc"');
  const ev = f.request.event;
  // Event object with headers as an object, overridden by flags.
  const envelope = writeEvent('envelope.json', { payload: ev.payload, headers: { 'X-Argo-E2E': 'true' }, discriminator: 'other', namespace: 'other' });
  expectHuman(f, await cli([f.request.expression, '--event', envelope, '--discriminator', 'my-disc', '--namespace', 'argo']));
  // Bare payload + flags + --header, and the same through --json.
  const bare = writeEvent('bare.json', ev.payload);
  expectHuman(f, await cli([f.request.expression, '--event', bare, '--discriminator=my-disc', '-n', 'argo']));
  const j = await cli([f.request.expression, '--event', bare, '--discriminator', 'my-disc', '--namespace', 'argo', '--json']);
  assert.equal(j.stdout, JSON.stringify(f.answer) + '\n');
  const h = byExpr('pinned.jsonl', 'selector', 'metadata["x-argo-e2e"] == ["true"]');
  expectHuman(h, await cli([h.request.expression, '--event', bare, '--header', 'X-Argo-E2E: true']));
  // --event - reads stdin; an empty file is an empty body (payload nil).
  const s = await cli([f.request.expression, '--event', '-', '--discriminator', 'my-disc', '--namespace', 'argo'], JSON.stringify(ev.payload, null, 2).split('\n'));
  expectHuman(f, s);
  const nil = byExpr('pinned.jsonl', 'selector', 'payload == nil', (e) => e.payload === undefined);
  expectHuman(nil, await cli([nil.request.expression, '--event', writeEvent('empty.json', '')]));
  // --payload-only keeps an object with a "payload" key as the payload itself.
  const po = await cli(['payload.payload.a', '--parameter', '--payload-only', '--event', writeEvent('po.json', { payload: { a: 'x' } })]);
  assert.deepEqual([po.code, po.stdout], [0, 'x\n']);
});

test('eval --explain lists the clauses of a selector', async () => {
  const f = byExpr('pinned.jsonl', 'selector', 'namespace == "argo" && discriminator == "my-disc"');
  const r = await cli([f.request.expression, '--namespace', 'argo', '--discriminator', 'x', '--explain']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^false\nclauses:\n {6}namespace == "argo" {2}→ {2}true\n {2}and {1}discriminator == "my-disc" {2}→ {2}false\n$/);
});

test('eval usage errors exit 2 with a clear message', async () => {
  const bad: [string[], RegExp][] = [
    [[], /missing the expression/],
    [['a', 'b'], /only one expression/],
    [['true', '--bogus'], /unknown option --bogus/],
    [['true', '--header', 'NoColon'], /"Name: value"/],
    [['true', '--argo-version', 'v2.0'], /unsupported --argo-version "v2.0"/],
    [['true', '--event', join(tmp, 'does-not-exist.json')], /cannot read/],
    [['true', '--event', writeEvent('broken.json', '{"a":')], /not valid JSON/],
    [['true', '--event', writeEvent('badhdr.json', { payload: 1, headers: [['X-A']] })], /headers\[0\]/],
    [['--jsonl', 'true'], /--jsonl reads everything/],
    [['true', '--event'], /--event needs a value/],
  ];
  for (const [argv, re] of bad) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, re, argv.join(' '));
    assert.match(r.stderr, /usage: argo-triggers eval/);
  }
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit status/);
});

test('eval runs as a real process: --jsonl over stdin through the CLI entry point', (t) => {
  const f = byExpr('pinned.jsonl', 'selector', 'payload.appellation != ""', (e) => e.discriminator === 'my-disc');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./cli/main').runCli()", 'argo-triggers', 'eval', '--jsonl'], {
    cwd: REPO_ROOT, input: JSON.stringify(f.request) + '\n\n' + JSON.stringify(f.request) + '\n', encoding: 'utf8',
  });
  if (r.error) { t.skip(`cannot spawn node: ${r.error.message}`); return; }
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${JSON.stringify(f.answer)}\n${JSON.stringify(f.answer)}\n`);
});
