// Safety and fuzz properties of the expr engine: hostile input never crashes or hangs, errors are clear,
// and JavaScript prototypes are never reachable. (Expected values of expr itself live in engine-units.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, evalParameter, evalSelector, explainSelector, parse, run, buildEnvironment, type ArgoEvent } from '../../../core/expr/index';

const ev: ArgoEvent = { payload: { a: 1, s: 'x', list: [1, 2, 3] }, headers: [['X-A', '1']], discriminator: 'd', namespace: 'ns' };

function isResult(r: { ok: boolean; error?: { message: string; stage: string } }): void {
  if (!r.ok) {
    assert.equal(typeof r.error!.message, 'string');
    assert.ok(r.error!.message.length > 0);
    assert.ok(['compile', 'run', 'cast'].includes(r.error!.stage));
  }
}

test('deep nesting gives a clear compile error, no stack overflow', () => {
  for (const src of ['('.repeat(50000) + '1' + ')'.repeat(50000), '-'.repeat(100000) + '1', '['.repeat(30000), 'a' + '.b'.repeat(20000),
    'not '.repeat(40000) + 'true', '1' + ' + 1'.repeat(20000)]) {
    const r = evalSelector(src, ev);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.stage, 'compile', r.error.message.slice(0, 80));
  }
});

test('random token soup never throws', () => {
  const toks = ['(', ')', '[', ']', '{', '}', '.', '?.', '?', ':', ',', ';', '#', '#index', 'payload', 'metadata', '1', '2.5', '"s"',
    '`r`', 'nil', 'true', 'not', 'in', 'matches', '..', '+', '-', '*', '/', '%', '**', '??', '|', '||', '&&', '==', '<', 'let', 'x', '=',
    'if', 'else', 'map', 'filter', 'len', 'all', 'constructor', '__proto__', '::', '\\', '"', "'", '\u00a0', '😀'];
  let seed = 42;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let i = 0; i < 3000; i++) {
    const n = 1 + rnd(14);
    let src = '';
    for (let j = 0; j < n; j++) src += toks[rnd(toks.length)] + (rnd(3) ? ' ' : '');
    isResult(evalSelector(src, ev));
    isResult(evalParameter(src, ev));
    assert.ok(Array.isArray(explainSelector(src, ev)));
  }
});

test('huge strings and ranges hit the memory budget instead of allocating', () => {
  for (const src of ['repeat("x", 100000000)', '1..100000000', 'map(1..999, map(1..999, #))', 'len(repeat("ab", 500000))']) {
    const r = evalParameter(src, ev);
    assert.equal(r.ok, false, src);
    if (!r.ok) assert.match(r.error.message, /memory budget exceeded/);
  }
});

test('hostile loops are stopped by the operation budget (no hang)', () => {
  const big: ArgoEvent = { ...ev, payload: { s: 'x'.repeat(1_000_000) } };
  for (const src of ['let a = 1..999; all(a, all(a, all(a, true)))', 'let a = 1..999999; all(a, # in a)',
    'len(uniq(1..999999)) > 0', 'all(1..99999, payload.s contains "y" == false)', 'all(1..99999, len(upper(payload.s)) > 0)',
    'let a = 1..999; all(a, all(a, a == a))']) {
    const r = evalSelector(src, src.includes('payload.s') ? big : ev);
    assert.equal(r.ok, false, src);
    if (!r.ok) assert.match(r.error.message, /operation budget exceeded/, src);
  }
});

test('prototype keys are plain missing keys; nothing of JavaScript leaks', () => {
  for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
    for (const src of [`payload.${k} == nil`, `payload["${k}"] == nil`, `metadata.${k} == nil`, `payload?.${k}?.x == nil`]) {
      const r = evalSelector(src, ev);
      assert.deepEqual(r, { ok: true, result: true }, src);
    }
  }
  const poisoned = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}');
  const r = evalParameter('payload.__proto__', { ...ev, payload: poisoned });
  assert.deepEqual(r, { ok: true, value: '{"polluted":1}' }); // an own key named __proto__ is data, as in Go
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('payloads over 2 MB are refused with argo-server\'s message', () => {
  const big = { blob: 'x'.repeat(2 * 1024 * 1024 + 1) };
  const r = evalSelector('true', { ...ev, payload: big });
  assert.deepEqual(r, { ok: false, error: { message: 'webhook request body exceeds maximum size of 2MB', stage: 'run' } });
});

test('parse/compile/run contract shapes', () => {
  const p = parse('payload.a + 1');
  assert.equal(p.ok, true);
  if (p.ok) { assert.equal(p.ast.kind, 'Binary'); assert.deepEqual(p.ast.span, { start: 10, end: 11 }); }
  const env = buildEnvironment(ev);
  const c = compile('payload.a * 2', env);
  assert.equal(c.ok, true);
  if (c.ok) assert.deepEqual(run(c.program, env), { ok: true, value: 2 });
  const bad = parse('a b');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.deepEqual(bad.error.span, { start: 2, end: 3 });
});

test('explainSelector splits the top-level and/or chain', () => {
  const cl = explainSelector('payload.a == 1 && (payload.s == "y" || payload.missing.x == 1)', ev);
  assert.deepEqual(cl.map((c) => c.text), ['payload.a == 1', 'payload.s == "y"', 'payload.missing.x == 1']);
  assert.deepEqual(cl.map((c) => c.op), [undefined, 'and', 'or']);
  assert.deepEqual(cl[0].outcome, { value: true });
  assert.ok('error' in cl[2].outcome);
});
