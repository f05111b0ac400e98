// Golden fixtures of the expr oracle: test/fixtures/expr/.
//   events.json        the sample events by name (the corpus GitHub push is a reference, resolved at run time)
//   <name>.jsonl       one case a line: {"id","tags","mode","expression","event":"<event name>","profile"?,
//                      "answer":<oracle answer>} — expanding "event" gives the issue-3 JSONL request.
// Written by scripts/expr-fixtures.ts from the Go oracle; never edited by hand.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OracleAnswer, OracleEvent, OracleRequest } from './oracle';
import { REPO_ROOT } from './oracle';
import { CORPUS_GITHUB_PUSH } from './events';

export const FIXTURE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'expr');

export interface FixtureLine {
  id: string;
  tags: string[];
  mode: 'selector' | 'parameter';
  expression: string;
  event: string;
  profile?: string;
  answer: OracleAnswer;
}
export interface Fixture { id: string; tags: string[]; file: string; request: OracleRequest; answer: OracleAnswer }

type StoredEvent = OracleEvent & { $corpus?: string };

export function loadEvents(): Record<string, OracleEvent> {
  const raw = JSON.parse(readFileSync(join(FIXTURE_DIR, 'events.json'), 'utf8')) as Record<string, StoredEvent>;
  const out: Record<string, OracleEvent> = {};
  for (const [name, ev] of Object.entries(raw)) {
    if (ev.$corpus) {
      const { $corpus, ...rest } = ev;
      if (!existsSync(CORPUS_GITHUB_PUSH)) continue; // cases on it are reported as skipped by the caller
      out[name] = { ...rest, payload: JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'corpus', $corpus), 'utf8')) };
    } else out[name] = ev;
  }
  return out;
}

/** Every fixture case (optionally only the files whose name matches), with the full request rebuilt. */
export function loadFixtures(filter?: (file: string) => boolean): { fixtures: Fixture[]; missingEvents: number } {
  const events = loadEvents();
  const fixtures: Fixture[] = [];
  let missingEvents = 0;
  for (const file of readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    if (filter && !filter(file)) continue;
    for (const line of readFileSync(join(FIXTURE_DIR, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const f = JSON.parse(line) as FixtureLine;
      const ev = events[f.event];
      if (!ev) { missingEvents++; continue; }
      fixtures.push({
        id: f.id, tags: f.tags, file, answer: f.answer,
        request: { mode: f.mode, expression: f.expression, event: ev, ...(f.profile ? { profile: f.profile } : {}) },
      });
    }
  }
  return { fixtures, missingEvents };
}
