// `argo-triggers next`: --jsonl answers exactly like the Go oracle (same golden fixtures as the engine),
// human and --json output, exit codes (0 ok, 1 schedule/timezone error, 2 usage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { run } from '../../cli/commands/next';
import type { CliIo } from '../../cli/main';

const REPO = join(__dirname, '../..');

function fixture(name: string): { request: object; answer: object }[] {
  const buf = readFileSync(join(REPO, 'test/fixtures/cron', name));
  const text = name.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** Go's encoder output for an answer object (SetEscapeHTML(false)): JSON.stringify + \u2028/\u2029 escapes. */
const goLine = (v: object) => JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

async function call(argv: string[], stdinLines: string[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => { out += s; },
    stderr: (s) => { err += s; },
    readStdin: async function* () { yield* stdinLines; },
  };
  const code = await run(argv, io);
  return { code, out, err };
}

test('next --jsonl (command function) answers every spec fixture and 3,000 random fixtures exactly like the oracle', async () => {
  const cases = [...fixture('spec.jsonl'), ...fixture('random.jsonl.gz').slice(0, 3000)];
  const r = await call(['--jsonl'], cases.map((c) => JSON.stringify(c.request)));
  assert.equal(r.code, 0);
  const lines = r.out.split('\n').slice(0, -1);
  assert.equal(lines.length, cases.length);
  const diffs = cases.flatMap((c, i) => (lines[i] === goLine(c.answer) ? [] : [`${JSON.stringify(c.request)}\n  oracle ${goLine(c.answer)}\n  cli    ${lines[i]}`]));
  assert.equal(diffs.length, 0, diffs.slice(0, 10).join('\n'));
});

test('the CLI process (bin/argo-triggers.js with dist/cli.js, or cli/main.ts through tsx) answers --jsonl like the oracle', () => {
  const cases = fixture('spec.jsonl');
  const input = cases.map((c) => JSON.stringify(c.request)).join('\n') + '\n';
  const bundle = existsSync(join(REPO, 'dist/cli.js'));
  const argv = bundle
    ? [join(REPO, 'bin/argo-triggers.js'), 'next', '--jsonl']
    : ['--import', 'tsx', '-e', "process.argv.splice(1, 0, 'cli'); require('./cli/main').runCli()", 'next', '--jsonl'];
  const p = spawnSync(process.execPath, argv, { cwd: REPO, input, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  const lines = p.stdout.split('\n').slice(0, -1);
  assert.equal(lines.length, cases.length);
  cases.forEach((c, i) => assert.equal(lines[i], goLine(c.answer), JSON.stringify(c.request)));
});

test('human output: RFC3339 times in the schedule zone, the wording and the DST note (the issue example)', async () => {
  const r = await call(['0 2 * * *', '--timezone', 'America/Los_Angeles', '--from', '2020-03-07T00:00:00Z']);
  assert.equal(r.code, 0, r.err);
  // The times are the oracle's (spec.jsonl, "The CLI example"), shown in Los Angeles time.
  const oracle = fixture('spec.jsonl').find((c) => JSON.stringify(c.request) === JSON.stringify({ schedule: '0 2 * * *', from: '2020-03-07T00:00:00Z', count: 5, timezone: 'America/Los_Angeles' }));
  assert.ok(oracle, 'the issue example is in the spec fixture');
  const expected = (oracle.answer as { times: string[] }).times.map((t) => new Date(t).getTime());
  const shown = [...r.out.matchAll(/^ {2}(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d)$/gm)].map((m) => m[1]);
  assert.deepEqual(shown.map((t) => new Date(t).getTime()), expected);
  assert.ok(shown.every((t) => /-0[78]:00$/.test(t)), shown.join(' '));
  assert.match(r.out, /At 02:00/);
  assert.match(r.out, /DST: 2020-03-08 02:00 does not exist/);
});

test('--json prints one object; errors exit 1 with robfig/Go text; usage errors exit 2', async () => {
  const ok = await call(['30 1 * * *', '--timezone', 'America/New_York', '--from', '2025-11-01T00:00:00Z', '--count', '3', '--json']);
  assert.equal(ok.code, 0);
  const obj = JSON.parse(ok.out);
  assert.deepEqual(obj.times, ['2025-11-01T01:30:00-04:00', '2025-11-02T01:30:00-04:00', '2025-11-02T01:30:00-05:00']);
  assert.equal(obj.dstNotes[0].kind, 'doubled');
  const bad = await call(['0 0 * * 7', '--json']);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.out).error, 'end of range (7) above maximum (6): 7');
  const tz = await call(['0 0 * * *', '--timezone', 'america/new_york']);
  assert.equal(tz.code, 1);
  assert.match(tz.err, /invalid timezone "america\/new_york": unknown time zone america\/new_york/);
  const never = await call(['0 0 30 2 *', '--from', '2025-01-01T00:00:00Z']);
  assert.equal(never.code, 0);
  assert.match(never.out, /no further runs/);
  for (const argv of [[], ['a', 'b'], ['* * * * *', '--count', '0'], ['* * * * *', '--from', 'yesterday'], ['* * * * *', '--bogus'], ['* * * * *', '--local', 'Nowhere/Zone'], ['--jsonl', 'x']]) {
    const u = await call(argv);
    assert.equal(u.code, 2, JSON.stringify(argv));
    assert.match(u.err, /argo-triggers next: /);
  }
  const help = await call(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--jsonl/);
});
