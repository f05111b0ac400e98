// lintCompile (the lint path: parse, check, folding passes, lintGen; memoized) must give exactly compile()'s outcome:
// the same ok flag and, on failure, the same message, stage and span. compile() is the reference; it is itself
// proven against Go's expr-lang/expr by the golden fixtures (conformance.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as expr from '../../../core/expr';
import type { ExprProfile } from '../../../core/expr';
import { loadFixtures } from './fixtures';
import { generateCases, generateTokenSoup } from './generator';
import { toArgoEvent } from './engine';
import { rng } from '../../helpers/rng';

const PROFILES: ExprProfile[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];
const sample = () => expr.buildEnvironment({ payload: {}, headers: [], discriminator: '', namespace: '' });

type Outcome = { ok: true } | { ok: false; error: { message: string; stage: string; span?: { start: number; end: number } } } | { thrown: string };

function viaCompile(src: string, env: Record<string, unknown>, p?: ExprProfile): Outcome {
  try {
    const r = expr.compile(src, env, p);
    return r.ok ? { ok: true } : { ok: false, error: { ...r.error } };
  } catch (e) { return { thrown: String(e) }; }
}
function viaLint(src: string, env: expr.LintEnv, p?: ExprProfile): Outcome {
  try {
    const r = expr.lintCompile(src, env, p);
    return r.ok ? { ok: true } : { ok: false, error: { ...r.error } };
  } catch (e) { return { thrown: String(e) }; }
}

function compareAll(cases: { src: string; env: Record<string, unknown>; lenv: expr.LintEnv; profile?: ExprProfile }[]): { failures: number; errors: number } {
  let errors = 0;
  const bad: string[] = [];
  for (const c of cases) {
    const want = viaCompile(c.src, c.env, c.profile);
    const got = viaLint(c.src, c.lenv, c.profile);
    if ('ok' in want && !want.ok) errors++;
    try { assert.deepEqual(got, want); } catch { if (bad.length < 5) bad.push(`${c.profile ?? '-'} ${JSON.stringify(c.src)}\n  compile: ${JSON.stringify(want)}\n  lint:    ${JSON.stringify(got)}`); else bad.push(''); }
  }
  assert.equal(bad.length, 0, `${bad.length} of ${cases.length} differ, e.g.:\n${bad.slice(0, 5).join('\n')}`);
  return { failures: bad.length, errors };
}

test('lintCompile = compile on every expr fixture (event env and the binding-rule sample env)', () => {
  const { fixtures } = loadFixtures();
  assert.ok(fixtures.length > 10000, `expected the full fixture set, got ${fixtures.length}`);
  const sampleEnv = sample();
  const sampleLint = expr.lintEnvironment(sampleEnv);
  const cases: Parameters<typeof compareAll>[0] = [];
  const lintEnvs = new Map<unknown, expr.LintEnv>();
  for (const f of fixtures) {
    const p = f.request.profile as ExprProfile | undefined;
    const env = expr.buildEnvironment(toArgoEvent(f.request.event));
    let lenv = lintEnvs.get(f.request.event);
    if (!lenv) { lenv = expr.lintEnvironment(env); lintEnvs.set(f.request.event, lenv); }
    cases.push({ src: f.request.expression, env, lenv, profile: p });
    cases.push({ src: f.request.expression, env: sampleEnv, lenv: sampleLint, profile: p });
  }
  const r = compareAll(cases);
  // the comparison must cover failures of every stage, not only valid expressions
  assert.ok(r.errors > 2000, `only ${r.errors} compile errors among the fixtures`);
});

test('lintCompile = compile on generated expressions and token soup, every profile', () => {
  const env = sample();
  const cases: Parameters<typeof compareAll>[0] = [];
  for (const [i, p] of PROFILES.entries()) {
    const lenv = expr.lintEnvironment(env);
    const gen = generateCases({ seed: 9100 + i, count: 700, profile: p });
    const soup = generateTokenSoup({ seed: 9200 + i, count: 300, profile: p });
    for (const c of [...gen, ...soup]) cases.push({ src: c.request.expression, env, lenv, profile: p });
  }
  const r = compareAll(cases);
  assert.ok(r.errors > 300, `only ${r.errors} compile errors among generated cases`);
});

test('lintCompile = compile where the optimizer and code generation decide the error', () => {
  const env = sample();
  const srcs = [
    // folding creates the pattern literal, code generation compiles it
    'payload.a matches ("(" + "")', 'payload.a matches ("[a-" + "z]")', 'payload.a matches ("a" + "b")',
    'false && (payload.a matches ("(" + ""))', 'true && (payload.a matches ("(" + ""))', 'true || (payload.a matches ("(" + ""))',
    // folding fails
    '1 % 0', 'payload.a == 1 % 0', 'false && 1 % 0 == 1', '(2 - 2) % (1 - 1)', '5 % -1',
    // the checker catches the pattern
    'payload.a matches "("', 'payload.a not matches "[a-"',
    // passes after folding (no new errors)
    'len(filter([1,2,3], # > 1))', 'filter([1,2], # > 0)[0]', 'filter([1,2], # > 0)[-1]', 'sum([1, 2, 3])', 'sum(1..10)',
    'count([1,2,3], # > 1) > 0', 'all([1], # > 0) && all([1], # < 5)', 'map(filter([1,2], # > 1), # * 2)', 'reduce(1..5, # + #acc)',
    'sum(map([1,2], # * 2))', 'count(1..9, # > 2) >= 3', 'first(filter([1], true))', 'last(filter([1], true))',
    // literal sets, ranges
    'payload.a in ["x", "y"]', '1 in [1, 2]', 'payload.n in 1..5', '"a" in ["a"]',
    // deep nesting and size limits
    '('.repeat(1100) + '1' + ')'.repeat(1100), '('.repeat(1300) + '1' + ')'.repeat(1300), '-'.repeat(5000) + '1',
    Array.from({ length: 11000 }, () => '1').join('+'), 'x'.repeat(1024 * 1024 + 1), '',
    // time methods and calls
    'now().Year()', 'duration("1h").Hours()', 'now().Foo()', 'payload.a()', 'date("2024-01-01").Month().String()',
    'b"abc"', '"\\u{1F600}"', '`raw``tick`', 'let x = 1; x + 1', 'if true { 1 } else { 2 }', '1; 2; 3',
  ];
  const cases: Parameters<typeof compareAll>[0] = [];
  for (const p of PROFILES) { const lenv = expr.lintEnvironment(env); for (const src of srcs) cases.push({ src, env, lenv, profile: p }); }
  compareAll(cases);
  // a sanity check that these cases reach the code-generation failure at all
  const folded = expr.compile('payload.a matches ("(" + "")', env, 'v4.1');
  assert.ok(!folded.ok && !folded.error.span, 'a folded invalid pattern fails in code generation (no position)');
});

test('lintCompile memo: keyed by feature set and source, bounded, and order-independent', () => {
  const env = sample();
  const lenv = expr.lintEnvironment(env);
  // a source valid in one profile and invalid in another gets each profile's own answer from the same LintEnv
  const src = 'b"abc" == b"abc"';
  const v41 = expr.lintCompile(src, lenv, 'v4.1');
  const v40 = expr.lintCompile(src, lenv, 'v4.0');
  assert.deepEqual(v41, viaCompile(src, env, 'v4.1'));
  assert.deepEqual({ ...v40 }, viaCompile(src, env, 'v4.0'));
  assert.notEqual(v41.ok, v40.ok, 'the two profiles must disagree on bytes literals');
  assert.equal(expr.lintCompile(src, lenv, 'v4.0'), v40, 'a repeated question is answered from the memo');
  assert.equal(expr.lintCompile(src, lenv), v41, 'no profile means the default (v4.1)');
  // the env's shape is part of the key (each LintEnv has its own memo): `namespace` is a string in one env, a number in the other
  const other = expr.lintEnvironment({ ...env, namespace: 5 });
  assert.equal(expr.lintCompile('namespace + "x"', lenv, 'v4.1').ok, true);
  assert.equal(expr.lintCompile('namespace + "x"', other, 'v4.1').ok, false);
  // bounded
  for (let i = 0; i < 6000; i++) expr.lintCompile(`payload.a == ${i}`, lenv, 'v4.1');
  const held = [...lenv.memo.values()].map((m) => m.size);
  assert.ok(held.length <= 3 && held.every((n) => n <= 4096), `memo sizes ${held}`);
  assert.ok(held.some((n) => n === 4096), `the memo should be full after 6000 distinct sources: ${held}`);
  // results do not depend on what was asked before: a shuffled replay through one LintEnv equals fresh answers
  const gen = generateCases({ seed: 9300, count: 400 }).map((c) => c.request.expression);
  const r = rng(9301);
  const order = [...gen, ...gen].map((s) => [r(), s] as const).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  const shared = expr.lintEnvironment(env);
  for (const s of order) assert.deepEqual(viaLint(s, shared, 'v4.1'), viaLint(s, expr.lintEnvironment(env), 'v4.1'), s);
  // results are frozen (they are shared between callers)
  const bad = expr.lintCompile('1 +', lenv, 'v4.1');
  assert.ok(!bad.ok && Object.isFrozen(bad) && Object.isFrozen(bad.error));
});
