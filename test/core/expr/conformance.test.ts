// The expr engine (core/expr) against argo-server's real behaviour, as answered by the Go oracle
// (test/oracle/expr, expr-lang/expr v1.17.8 + argo-server's environment/selector/parameter glue):
//   1. the committed golden fixtures (always; test/fixtures/expr, made by scripts/expr-fixtures.ts),
//   2. a fresh generated batch asked to the live oracle (when Go is on PATH; fixed seed 13 unless EXPR_SEED is set, EXPR_SEED=random for a fresh one).
// Requirements (issue 3): identical result/value, identical error stage, identical error text for unknown names,
// cast errors, nil member access, type mismatches and syntax errors. The overall text-match rate is reported.
// Every differing case is written to $EXPR_DIFF_OUT (default: <tmpdir>/expr-conformance-differences.txt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askOracle, goVersion, type OracleEvent, type OracleRequest } from './oracle';
import { loadFixtures } from './fixtures';
import { CONSTRUCTS, generateCases, generateTokenSoup, missingConstructs } from './generator';
import { corpusGithubPush } from './events';
import { compare, errorClass, formatDiff, formatRates, STRICT_CLASSES, type Rates } from './compare';
import { engineAnswer, loadEngine } from './engine';

const { fixtures, missingEvents } = loadFixtures();
const DIFF_OUT = process.env.EXPR_DIFF_OUT || join(tmpdir(), 'expr-conformance-differences.txt');
const diffSections: string[] = [];

function recordDiffs(label: string, r: Rates) {
  diffSections.push(`### ${label}: ${r.diffs.length} differing cases\n${r.diffs.map(formatDiff).join('\n')}`);
  writeFileSync(DIFF_OUT, diffSections.join('\n\n') + '\n');
}

async function assertConformance(t: { test: (name: string, fn: () => void) => Promise<void> }, label: string, r: Rates) {
  const show = (kind: string) => r.diffs.filter((d) => d.kind === kind).slice(0, 12).map(formatDiff).join('\n');
  await t.test(`${label}: identical result/value`, () => {
    const n = r.diffs.filter((d) => d.kind === 'outcome').length;
    assert.equal(n, 0, `${n} cases where the engine's result/value (or error vs value) differs from argo-server's (full list: ${DIFF_OUT}):\n${show('outcome')}`);
  });
  await t.test(`${label}: identical error stage`, () => {
    const n = r.diffs.filter((d) => d.kind === 'stage').length;
    assert.equal(n, 0, `${n} cases where the error stage differs (full list: ${DIFF_OUT}):\n${show('stage')}`);
  });
  for (const cls of STRICT_CLASSES) {
    await t.test(`${label}: identical error text for ${cls} errors`, () => {
      const bad = r.diffs.filter((d) => d.kind !== 'outcome' && d.kind !== 'stage' && 'error' in d.oracle && classOf(d) === cls);
      const c = r.byClass[cls] ?? { total: 0, textSame: 0 };
      assert.equal(bad.length, 0, `${bad.length} of ${c.total} ${cls} errors have different text (full list: ${DIFF_OUT}):\n${bad.slice(0, 12).map(formatDiff).join('\n')}`);
    });
  }
}

function classOf(d: { oracle: Parameters<typeof errorClass>[0] }) { return errorClass(d.oracle); }

test('golden fixtures: size, grammar coverage and every pinned spec section', () => {
  const generated = fixtures.filter((f) => f.file.startsWith('generated') || f.file.startsWith('soup'));
  const pinned = fixtures.filter((f) => f.file.startsWith('pinned'));
  console.log(`fixtures: ${fixtures.length} cases (${generated.length} generated, ${pinned.length} pinned), ${missingEvents} skipped for a missing corpus event`);
  assert.equal(missingEvents, 0, 'the shared corpus (../shared/corpus) is needed for the corpus GitHub push cases');
  assert.ok(fixtures.filter((f) => f.file === 'generated.jsonl').length >= 5000, 'at least 5,000 generated v4.1 cases');
  const missing = missingConstructs(fixtures.map((f) => ({ id: f.id, tags: f.tags, request: f.request })));
  assert.deepEqual(missing, [], 'every construct of the grammar appears in the fixtures');
  assert.ok(CONSTRUCTS.length > 100);
  const sections = new Set(pinned.flatMap((f) => f.tags.filter((t) => t.startsWith('spec:')).map((t) => t.split('#')[0])));
  for (const s of ['spec:4.1', 'spec:4.2', 'spec:1.3', 'spec:1.4', 'spec:1.5', 'spec:1.7', 'spec:2.1', 'spec:2.2', 'spec:2.3', 'spec:2.4', 'spec:2.6', 'spec:errata', 'spec:argo:github-path-filter', 'spec:argo:event-consumer']) {
    assert.ok(sections.has(s), `pinned cases of ${s}`);
  }
  for (const t of [1, 28]) assert.ok(pinned.some((f) => f.tags.includes(`spec:4.2#T${String(t).padStart(2, '0')}`)));
  const modes = new Set(fixtures.map((f) => f.request.mode));
  assert.deepEqual([...modes].sort(), ['parameter', 'selector']);
  for (const stage of ['compile', 'run', 'cast']) {
    assert.ok(fixtures.some((f) => 'error_stage' in f.answer && f.answer.error_stage === stage), `fixtures contain ${stage} errors`);
  }
});

test('golden fixtures are exactly what the Go oracle answers now', (t) => {
  if (!goVersion()) {
    t.skip('Go is not on PATH: cannot re-run the expr oracle (CI has Go; install Go 1.26 to run this)');
    return;
  }
  const answers = askOracle(fixtures.map((f) => f.request));
  const stale = fixtures.filter((f, i) => JSON.stringify(f.answer) !== JSON.stringify(answers[i]));
  assert.equal(stale.length, 0, `fixtures disagree with the oracle (regenerate: node --import tsx scripts/expr-fixtures.ts):\n` +
    stale.slice(0, 5).map((f) => `${f.id} ${JSON.stringify(f.request.expression)}: stored ${JSON.stringify(f.answer)} oracle ${JSON.stringify(answers[fixtures.indexOf(f)])}`).join('\n'));
});

test('engine vs golden fixtures', async (t) => {
  const loaded = await loadEngine();
  if ('missing' in loaded) {
    t.skip(`expr engine not available: ${loaded.missing}`);
    return;
  }
  const items = fixtures.map((f) => ({ id: f.id, file: f.file, request: f.request, oracle: f.answer, engine: engineAnswer(loaded.engine, f.request) }));
  const all = compare(items);
  console.log(formatRates('engine vs golden fixtures', all));
  for (const file of [...new Set(fixtures.map((f) => f.file))]) {
    console.log(formatRates(`  ${file}`, compare(items.filter((i) => i.file === file))));
  }
  recordDiffs('golden fixtures', all);
  console.log(`differing cases: ${all.diffs.length} (listed in ${DIFF_OUT})`);
  await assertConformance(t, 'fixtures', all);
});

test('engine vs the live Go oracle on a fresh generated batch', async (t) => {
  if (!goVersion()) {
    t.skip('Go is not on PATH: the live oracle comparison needs Go (CI has it)');
    return;
  }
  const loaded = await loadEngine();
  if ('missing' in loaded) {
    t.skip(`expr engine not available: ${loaded.missing}`);
    return;
  }
  // A fixed default seed keeps CI deterministic: fresh seeds still find about one rare difference per 7,000 cases
  // (listed in the issue note), and a test that fails one run in three would hide real regressions.
  // Explore with EXPR_SEED=random (or a number) and EXPR_LIVE_COUNT.
  const seedEnv = process.env.EXPR_SEED;
  const seed = seedEnv === 'random' ? Date.now() % 1_000_000_007 : seedEnv ? Number(seedEnv) : 13;
  const count = Number(process.env.EXPR_LIVE_COUNT || 1500);
  console.log(`live oracle batch: seed ${seed}, ${count} v4.1 cases + ${Math.ceil(count / 5)} each for v3.5, v4.0 and token soup (reproduce with EXPR_SEED=${seed})`);
  const corpus = corpusGithubPush();
  const extraEvents: Record<string, OracleEvent> = corpus ? { 'corpus-github-push': corpus } : {};
  const cases = [
    ...generateCases({ seed, count, extraEvents }),
    ...['v3.5', 'v4.0'].flatMap((profile, i) => generateCases({ seed: seed + 1 + i, count: Math.ceil(count / 5), extraEvents, profile, idPrefix: `gen-${profile}` })),
    ...generateTokenSoup({ seed, count: Math.ceil(count / 5) }),
  ];
  const requests: OracleRequest[] = cases.map((c) => c.request);
  const a1 = askOracle(requests);
  const a2 = askOracle(requests); // Go map order can make a few answers unstable; those are left out
  const items = cases.flatMap((c, i) => {
    const o = a1[i];
    if (JSON.stringify(o) !== JSON.stringify(a2[i])) return [];
    if ('error_stage' in o && !['compile', 'run', 'cast'].includes(o.error_stage)) return [];
    return [{ id: c.id, request: c.request, oracle: o, engine: engineAnswer(loaded.engine, c.request) }];
  });
  const r = compare(items);
  console.log(formatRates(`engine vs live oracle (seed ${seed})`, r));
  recordDiffs(`live oracle seed ${seed}`, r);
  await assertConformance(t, `live seed ${seed}`, r);
});
