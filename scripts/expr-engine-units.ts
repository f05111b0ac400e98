// Records the Go oracle's answers for the expr engine's unit cases (test/core/expr/engine-units.test.ts).
// Run: node --import tsx scripts/expr-engine-units.ts   (needs Go; writes test/fixtures/expr-engine/units.jsonl)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { askOracle, REPO_ROOT } from '../test/core/expr/oracle';
import { UNIT_CASES } from '../test/core/expr/engine-units.cases';

const answers = askOracle(UNIT_CASES.map((c) => c.request));
const lines = UNIT_CASES.map((c, i) => JSON.stringify({ id: c.id, request: c.request, answer: answers[i] }));
writeFileSync(join(REPO_ROOT, 'test', 'fixtures', 'expr-engine', 'units.jsonl'), lines.join('\n') + '\n');
console.log(`recorded ${lines.length} oracle answers`);
