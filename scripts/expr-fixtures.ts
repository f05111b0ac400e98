// Regenerates the golden expr fixtures (test/fixtures/expr/) from the Go oracle (test/oracle/expr*).
// Usage: node --import tsx scripts/expr-fixtures.ts
// Needs Go on PATH (the oracle is built into $HOME/.cache/argo-triggers/). Deterministic: the same sources give
// byte-identical files. Cases whose oracle answer is not stable across two runs (Go map iteration order) or that
// end in a stage outside the protocol (panic / environment / request) are dropped and counted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { askOracle, goVersion, type OracleAnswer } from '../test/core/expr/oracle';
import { EVENTS, corpusGithubPush } from '../test/core/expr/events';
import { pinnedCases, type FixtureCase } from '../test/core/expr/pinned';
import { generateCases, generateTokenSoup, missingConstructs } from '../test/core/expr/generator';
import { FIXTURE_DIR, type FixtureLine } from '../test/core/expr/fixtures';

export const GENERATED_SEED = 20261126;

function eventName(c: FixtureCase): string {
  const t = c.tags.find((x) => x.startsWith('event:'));
  if (!t) throw new Error(`case ${c.id} has no event tag`);
  return t.slice('event:'.length);
}

function answerAll(cases: FixtureCase[]): { lines: FixtureLine[]; unstable: number; dropped: Record<string, number> } {
  // Three runs: Go's random map order can change a few answers (e.g. which operand an error names).
  const a1 = askOracle(cases.map((c) => c.request));
  const a2 = askOracle(cases.map((c) => c.request));
  const a3 = askOracle(cases.map((c) => c.request));
  const lines: FixtureLine[] = [];
  let unstable = 0;
  const dropped: Record<string, number> = {};
  cases.forEach((c, i) => {
    const a: OracleAnswer = a1[i];
    if (JSON.stringify(a) !== JSON.stringify(a2[i]) || JSON.stringify(a) !== JSON.stringify(a3[i])) { unstable++; return; }
    if ('error_stage' in a && !['compile', 'run', 'cast'].includes(a.error_stage)) {
      dropped[a.error_stage] = (dropped[a.error_stage] ?? 0) + 1;
      return;
    }
    lines.push({
      id: c.id, tags: c.tags, mode: c.request.mode, expression: c.request.expression, event: eventName(c),
      ...(c.request.profile ? { profile: c.request.profile } : {}), answer: a,
    });
  });
  return { lines, unstable, dropped };
}

function write(name: string, cases: FixtureCase[]): FixtureLine[] {
  const { lines, unstable, dropped } = answerAll(cases);
  writeFileSync(join(FIXTURE_DIR, name), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  console.log(`${name}: ${lines.length} cases (${cases.length} asked, ${unstable} unstable dropped, other stages dropped: ${JSON.stringify(dropped)})`);
  return lines;
}

function main() {
  if (!goVersion()) {
    console.error('Go is not on PATH: the fixtures come from the Go oracle and cannot be generated without it');
    process.exit(2);
  }
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const corpus = corpusGithubPush();
  if (!corpus) throw new Error('the shared corpus is missing');
  const { payload: _p, ...corpusRest } = corpus;
  const events = { ...EVENTS, 'corpus-github-push': { ...corpusRest, $corpus: 'argo-examples/e2e-testdata/github-webhook-payload.json' } };
  writeFileSync(join(FIXTURE_DIR, 'events.json'), JSON.stringify(events, null, 1) + '\n');

  const pinned = pinnedCases();
  write('pinned.jsonl', pinned);
  for (const profile of ['v3.5', 'v4.0']) {
    write(`pinned-${profile}.jsonl`, pinned.map((c) => ({ ...c, id: `${c.id}-${profile}`, request: { ...c.request, profile } })));
  }
  const extraEvents = { 'corpus-github-push': corpus };
  const generated = generateCases({ seed: GENERATED_SEED, count: 6000, extraEvents });
  const soup = generateTokenSoup({ seed: GENERATED_SEED, count: 1000 });
  const missing = missingConstructs([...generated, ...pinned, ...soup]);
  if (missing.length) throw new Error(`the generated batch misses constructs: ${missing.join(', ')}`);
  write('generated.jsonl', generated);
  write('soup.jsonl', soup);
  for (const [i, profile] of ['v3.5', 'v4.0'].entries()) {
    write(`generated-${profile}.jsonl`, generateCases({ seed: GENERATED_SEED + 1 + i, count: 1000, extraEvents, profile, idPrefix: `gen-${profile}` }));
  }
}

main();
