// Fuzzing the parser and Next: random bytes, unicode, huge fields, deep lists. The engine must never
// throw, must answer either a schedule or a robfig-style error, and must finish each call quickly
// (a generous 2 s hang guard per call; speed itself is measured in bench/cron.bench.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerLine, describeSchedule, dstNotes, loadZone, parseSchedule } from '../../../core/cron';
import { randomSchedule, rng, TRICKY_ZONES } from './cases';

const ROBFIG_ERROR = new RegExp(
  '^(empty spec string|expected exactly 5 fields, found \\d+: \\[[^]*\\]' +
    '|failed to parse int from [^]*: strconv\\.Atoi: parsing "[^]*": (invalid syntax|value out of range)' +
    '|negative number \\(-\\d+\\) not allowed: [^]*|beginning of range \\(\\d+\\) below minimum \\(\\d+\\): [^]*' +
    '|end of range \\(\\d+\\) above maximum \\(\\d+\\): [^]*|beginning of range \\(\\d+\\) beyond end of range \\(\\d+\\): [^]*' +
    '|step of range should be a positive number: [^]*|too many hyphens: [^]*|too many slashes: [^]*|unrecognized descriptor: [^]*' +
    '|failed to parse duration [^]*: time: (invalid duration|missing unit in duration|unknown unit) [^]*' +
    '|provided bad location [^]*: (unknown time zone [^]*|time: invalid location name|invalid argument|file name too long|not a directory|is a directory)' +
    '|panic: runtime error: slice bounds out of range \\[:-1\\])$',
);

const ALPHABET = ['0', '1', '5', '9', '*', '?', ',', '-', '/', ' ', ' ', ' ', '\t', '@', 'e', 'v', 'r', 'y', 'h', 'm', 's', 'J', 'a', 'n', 'M', 'O', 'N',
  'C', 'R', 'O', 'N', '_', 'T', 'Z', '=', '+', '.', 'L', 'W', '#', '\u00a0', '\u200b', '\ufeff', '\u2028', 'µ', 'μ', 'İ', '\u{1F600}', '"', '\\', '\u0000'];

function randomText(r: () => number): string {
  const kind = r();
  if (kind < 0.25) {
    // random bytes as latin-1 / random code points (including lone surrogates)
    const n = Math.floor(r() * 40);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.8 ? Math.floor(r() * 256) : Math.floor(r() * 0x10000));
    return s;
  }
  if (kind < 0.5) {
    const n = Math.floor(r() * 30);
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    return s;
  }
  if (kind < 0.6) {
    // huge fields and deep lists
    const big = r() < 0.5 ? '9'.repeat(1 + Math.floor(r() * 2000)) : Array.from({ length: 1 + Math.floor(r() * 4000) }, (_, i) => String(i % 60)).join(',');
    const fields = ['*', '*', '*', '*', '*'];
    fields[Math.floor(r() * 5)] = big;
    return fields.join(' ');
  }
  if (kind < 0.65) return '@every ' + '9'.repeat(Math.floor(r() * 400)) + (r() < 0.5 ? 'h' : '.' + '9'.repeat(Math.floor(r() * 400)) + 's');
  if (kind < 0.7) return 'CRON_TZ=' + 'x'.repeat(Math.floor(r() * 3000)) + ' * * * * *';
  // grammar-shaped input with mutations
  let s = randomSchedule(r);
  const muts = Math.floor(r() * 3);
  for (let i = 0; i < muts; i++) {
    const p = Math.floor(r() * (s.length + 1));
    s = s.slice(0, p) + ALPHABET[Math.floor(r() * ALPHABET.length)] + s.slice(p + (r() < 0.5 ? 1 : 0));
  }
  return s;
}

test('fuzz: parseSchedule/next/describe/dstNotes/answerLine never throw; errors are robfig-shaped; bounded time', () => {
  const seed = process.env.CRON_FUZZ_SEED ? Number(process.env.CRON_FUZZ_SEED) : Date.now() % 2 ** 31;
  const n = Number(process.env.CRON_FUZZ_CASES ?? 10000);
  const r = rng(seed);
  const from = Date.parse('2025-03-01T00:00:00Z');
  const zones = TRICKY_ZONES.map((z) => loadZone(z)).flatMap((z) => (z.ok ? [z.zone] : []));
  let ok = 0;
  let errors = 0;
  let fires = 0;
  let slowest = 0;
  for (let i = 0; i < n; i++) {
    const text = randomText(r);
    const t0 = performance.now();
    const p = parseSchedule(text, zones[i % zones.length]);
    if (p.ok) {
      ok++;
      let t: number | null = from;
      for (let k = 0; k < 3 && t !== null; k++) {
        const nt: number | null = p.schedule.next(t);
        if (nt !== null) {
          assert.ok(nt > t && nt % 1000 === 0, `next must move forward to a whole second: ${JSON.stringify(text)}`);
          fires++;
        }
        t = nt;
      }
      if (i % 20 === 0) dstNotes(p.schedule, from, from + 400 * 86_400_000);
    } else {
      errors++;
      assert.match(p.error, ROBFIG_ERROR, `unexpected error shape for ${JSON.stringify(text)}`);
    }
    assert.equal(typeof describeSchedule(text), 'string');
    if (i % 10 === 0) {
      const line = answerLine(JSON.stringify({ schedule: text, from: '2025-03-01T00:00:00Z', count: 2, timezone: i % 20 === 0 ? text.slice(0, 12) : undefined }));
      assert.doesNotThrow(() => JSON.parse(line));
    }
    const dt = performance.now() - t0;
    slowest = Math.max(slowest, dt);
    assert.ok(dt < 2000, `call took ${dt} ms for ${JSON.stringify(text.slice(0, 80))}`);
  }
  for (const junk of ['', 'not json', '[]', 'null', '{"schedule":5}', '{"from":"x"}', '{"schedule":"* * * * *","from":"2025-01-01T00:00:00Z","count":1e9}'])
    assert.match(answerLine(junk), /^\{"(request_error|error)":/);
  console.log(`# fuzz seed ${seed}: ${n} inputs, ${ok} parsed (${fires} fire times), ${errors} robfig errors, slowest call ${slowest.toFixed(1)} ms`);
});
