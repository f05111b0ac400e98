// The engine against the golden fixtures produced by the Go oracle (robfig/cron v3.0.1): 0 differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { answerRequest } from '../../../core/cron';
import { REPO } from './oracle';

interface FixtureLine { request: Record<string, unknown>; answer: Record<string, unknown> }

export function loadFixture(name: string): FixtureLine[] {
  const p = join(REPO, 'test/fixtures/cron', name);
  const buf = readFileSync(p);
  const text = name.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as FixtureLine);
}

function compare(name: string, min: number): void {
  const lines = loadFixture(name);
  assert.ok(lines.length >= min, `${name}: expected at least ${min} cases, found ${lines.length}`);
  const diffs: string[] = [];
  let ok = 0;
  let errors = 0;
  let fires = 0;
  for (const { request, answer } of lines) {
    const got = answerRequest(request);
    if (JSON.stringify(got) !== JSON.stringify(answer)) {
      diffs.push(`${JSON.stringify(request)}\n   oracle: ${JSON.stringify(answer)}\n   engine: ${JSON.stringify(got)}`);
    } else if ('times' in answer) {
      ok++;
      fires += (answer.times as unknown[]).length;
    } else errors++;
  }
  console.log(`# ${name}: ${lines.length} cases (${ok} with times, ${fires} fire times, ${errors} errors), ${diffs.length} differences`);
  assert.equal(diffs.length, 0, `${diffs.length} differences, first ones:\n${diffs.slice(0, 15).join('\n')}`);
}

test('spec tables (robfig tests, 30 edge cases, Argo DST table, error catalogue) match the oracle fixtures', () => {
  compare('spec.jsonl', 300);
});

test('24,000 generated cases match the oracle fixtures', () => {
  compare('random.jsonl.gz', 20_000);
});

test('zone names resolved through the host zoneinfo tree (directories, "a//b", NUL, over-long) match the oracle fixtures', () => {
  compare('host-paths.jsonl', 40);
});
