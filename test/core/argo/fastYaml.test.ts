// The fast YAML path must give exactly what the `yaml` package gives (values, ranges, types, document ranges) or
// decline. Inputs: every YAML file of the shared corpus, the test fixtures, the demo workspace, the benchmark's
// generated files, and seeded mutations of all of them (most mutations are invalid or odd YAML — the point is that
// the fast path never returns something different from `yaml`; it may only decline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fastParseAll } from '../../../core/argo/fastYaml';
import { dumpDocuments } from '../../helpers/yamlCompare';
import { rng } from '../../helpers/rng';
import { makeFile } from '../../../bench/server.bench';

const ROOT = resolve(__dirname, '../../..');
const MUTATIONS = Number(process.env.FAST_YAML_MUTATIONS ?? 20_000);
const SEED = process.env.FAST_YAML_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FAST_YAML_SEED ?? 7);

function reference(text: string): string {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  return dumpDocuments(Array.isArray(docs) ? docs : []);
}

/** undefined = the fast path declined; otherwise '' when equal, or the first differing lines. */
function compare(text: string): string | undefined {
  const fast = fastParseAll(text, { rethrow: true });
  if (!fast) return undefined;
  const a = dumpDocuments(fast);
  const b = reference(text);
  if (a === b) return '';
  const al = a.split('\n'), bl = b.split('\n');
  const i = al.findIndex((l, k) => l !== bl[k]);
  return `fast: ${al.slice(Math.max(0, i - 1), i + 2).join(' | ')}\nyaml: ${bl.slice(Math.max(0, i - 1), i + 2).join(' | ')}`;
}

function yamlFiles(dir: string, out: [string, string][] = []): [string, string][] {
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(f) && statSync(p).size < 4_000_000) out.push([p, readFileSync(p, 'utf8')]);
  }
  return out;
}

function inputs(): [string, string][] {
  const files = [
    ...yamlFiles(join(ROOT, '../shared/corpus')),
    ...yamlFiles(join(ROOT, 'test/fixtures')),
    ...yamlFiles(join(ROOT, 'demo')),
  ];
  files.push(['bench:500', makeFile(500)]);
  // Windows line ends: the same files with CR LF
  for (const [name, text] of [...files]) if (!text.includes('\r')) files.push([`${name} (CRLF)`, text.replace(/\n/g, '\r\n')]);
  return files;
}

test('fast YAML path equals the yaml package on every corpus, fixture and demo file (or declines)', (t) => {
  const files = inputs();
  assert.ok(files.length > 30, `expected the shared corpus and fixtures, found ${files.length} files`);
  let same = 0;
  const declined: string[] = [];
  const diffs: string[] = [];
  for (const [name, text] of files) {
    const r = compare(text);
    if (r === undefined) declined.push(name);
    else if (r === '') same++;
    else diffs.push(`${name}\n${r}`);
  }
  t.diagnostic(`${files.length} files: ${same} identical, ${declined.length} declined (${declined.map((d) => d.split('/').pop()).join(', ')})`);
  assert.deepEqual(diffs, []);
  // the fast path is only worth having if it takes the common files
  assert.ok(same >= files.length * 0.6, `only ${same} of ${files.length} files took the fast path`);
});

const SNIPPETS = [
  'a: 1\n', 'a:\n', 'a: # c\nb: 1', 'a:\n\n# x\n\nb: 1\n\n\n', '- \n- x\n-\n', '- # c\n  a: 1\n-   b: 2\n    c: [ ]\n- - x\n  - y\n',
  'a:\n  - x   \n  -   "y"  # q\nb: x  ', "a: 'it''s'\nb: \"q\\t\\u00e9\"\n", '---\na: 1\n---\n\n---\nb: 2\n', 'a: |\n  x\n\n\n',
  'a: |-\n\n  x\n   \nb: |\nc: 1', 'a : 1\n"b" : 2\n', 'a:\n- x\n- y\nb: 1\n', '# c\n\na: 1\n---\nb: 2\n...\n# z\n---\nc: 3\n',
  'a: {x: 1, y: [a, "b"]}  # c\n', 'a: |\n  l1\n   l2\n\n  l3\n\nb: >-\n  f1\n  f2\n', 'a: |+\n  x\n\n\n', 'a: >\n  x\n\n  y\n  z\n',
  'on: yes\nn: 0x1F\nt: 2001-12-14\nf: 1:20\ng: .5\nh: 1e3\ni: -0\nj: ~\nk: Null\nl: 0o17\nm: 017\n', 'a:\n  b:\n    c: 1\n  # end\nd: 2\n',
  'a:\n  b: 1\n\n\n', 'a: [1, [2, {x: y}], "z"]\n', 'x: "a\\"b"\n', "x: ''\ny: \"\"\n", 'k: v # c\n# trailing\n', 'a: b\n...\n',
];

test('fast YAML path equals the yaml package on hand-picked shapes', () => {
  for (const s of SNIPPETS) assert.equal(compare(s) ?? '', '', `input ${JSON.stringify(s)}`);
});

const PIECES = [' ', '  ', '\n', '- ', ': ', ':', '#', ' #', '"', "'", '|', '>', '|-', '>+', '[', ']', '{', '}', ',', '---\n', '...\n',
  '\t', '\r\n', '&a ', '*a', '!!str ', '? ', '%YAML 1.1\n', '\\', 'yes', '0x1', '1:2', '~', '<<: ', 'a: b', '\n  ', '\n- ', '\n    ', '\u00e9', '\ufeff'];

test(`fast YAML path never disagrees with the yaml package on ${MUTATIONS} mutated inputs (seed ${SEED})`, (t) => {
  const base = inputs().filter(([, text]) => text.length < 200_000).map(([, text]) => text);
  base.push(...SNIPPETS, makeFile(6));
  const r = rng(SEED);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  let taken = 0;
  const diffs: string[] = [];
  for (let n = 0; n < MUTATIONS; n++) {
    let text = pick(base);
    // a window of the file keeps each case small and fast
    if (text.length > 1500) {
      const lines = text.split('\n');
      const from = Math.floor(r() * lines.length);
      text = lines.slice(from, from + 10 + Math.floor(r() * 50)).join('\n') + (r() < 0.8 ? '\n' : '');
    }
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * (text.length + 1));
      const kind = r();
      if (kind < 0.45) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
      else if (kind < 0.75) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 4));
      else if (kind < 0.9) {
        // re-indent a line
        const ls = text.lastIndexOf('\n', at - 1) + 1;
        text = r() < 0.5 ? text.slice(0, ls) + '  ' + text.slice(ls) : text.slice(0, ls) + text.slice(ls).replace(/^ {1,2}/, '');
      } else {
        // duplicate a line
        const ls = text.lastIndexOf('\n', at - 1) + 1;
        const le = text.indexOf('\n', at);
        const line = text.slice(ls, le < 0 ? text.length : le + 1);
        text = text.slice(0, ls) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(ls);
      }
    }
    if (r() < 0.2) text = text.replace(/\n/g, '\r\n');
    let res: string | undefined;
    try {
      res = compare(text);
    } catch (e) {
      diffs.push(`threw ${(e as Error).message} on ${JSON.stringify(text)}`);
      continue;
    }
    if (res === undefined) continue;
    taken++;
    if (res !== '') diffs.push(`${JSON.stringify(text)}\n${res}`);
    if (diffs.length >= 5) break;
  }
  t.diagnostic(`${MUTATIONS} mutated inputs: ${taken} took the fast path, ${MUTATIONS - taken} declined, ${diffs.length} differences`);
  assert.deepEqual(diffs, []);
  assert.ok(taken > MUTATIONS / 10, `the fast path took only ${taken} mutated inputs`);
});

test('plain scalars starting with any other character resolve to strings in every YAML 1.1 tag of the schema', () => {
  const { Document } = require('yaml') as typeof import('yaml');
  const { MAY_BE_TYPED_CHARS } = require('../../../core/argo/fastYaml') as typeof import('../../../core/argo/fastYaml');
  const tags = (new Document(undefined, { version: '1.1' }).schema.tags as unknown as { test?: RegExp; default?: unknown }[]).filter((t) => t.test && t.default);
  const r = rng(3);
  let probes = 0;
  for (let code = 1; code < 0x3000; code++) {
    const ch = String.fromCharCode(code);
    if (MAY_BE_TYPED_CHARS.includes(ch)) continue;
    for (let k = 0; k < 8; k++) {
      // the character alone, and followed by random digits/letters/punctuation that typed values are made of
      let s = ch;
      const n = Math.floor(r() * 12);
      for (let i = 0; i < n; i++) s += '0123456789.:-+_eExXbBoO TZtz~nNull'[Math.floor(r() * 35)];
      probes++;
      for (const t of tags) assert.equal(t.test!.test(s), false, `${JSON.stringify(s)} matches ${t.test}`);
    }
  }
  assert.ok(probes > 50_000);
});

// ---------------------------------------------------------------- generated documents
// Random trees written in the styles people use (compact `- key:` items, indentless sequences, 2/4-space indents,
// typed YAML 1.1 words, quoted keys and escapes, flow collections, block scalars with chomping and blank lines,
// comments and blank lines between entries, several documents): these mostly take the fast path, so its values and
// ranges are compared on far more shapes than the mutations reach.
const GEN_CASES = Number(process.env.FAST_YAML_GENERATED ?? 6_000);

function generate(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const step = pick([2, 2, 4]);
  const plainWords = ['main', 'argo', 'x-github-event', 'a b', 'payload.ref', 'http://h:80/p', 'v1.2', 'C#', 'a:b', '50%', 'é', 'on', 'Off', 'yes', 'n', 'Y', '~', 'null', 'NULL', 'true', 'False', '0', '-1', '+2', '0x1F', '0o17', '017', '0b101', '1_000', '1:30', '-1:30:00', '.5', '1e3', '1.5E-2', '.inf', '-.Inf', '.NaN', '2001-12-14', '2001-12-14T21:59:43.10-05:00', 'E+2', 'e5', '<<x', '0.', '-', '--x', '?x', ':x', '*/5 * * * *', 'CRON_TZ=UTC 0 1 * * *'];
  const key = () => pick([() => pick(['name', 'value', 'spec', 'kind', 'on', 'yes', '1', 'x-y', 'a b', 'schedules', 'k' + Math.floor(r() * 50)]), () => `"${pick(['q', 'x y', 'a:b', 'k#'])}${Math.floor(r() * 9)}"`, () => `'s${Math.floor(r() * 9)}'`])();
  const scalar = (): string => pick([
    () => pick(plainWords),
    () => `"${pick(['', 'plain', 'tab\\there', 'q\\"uote', 'u\\u00e9', 'x\\x41', 'nl\\n', 'back\\\\slash', '# not comment', 'a: b'])}"`,
    () => `'${pick(['', "it''s", 'x: y', '"dq"', '#h'])}'`,
    () => `[${Array.from({ length: Math.floor(r() * 4) }, () => pick(['a', '1', '"b c"', "'d'", 'yes', '[x]', '{k: v}'])).join(pick([', ', ',']))}]`,
    () => `{${Array.from({ length: Math.floor(r() * 3) }, (_, i) => `k${i}: ${pick(['v', '1', '"s"', '[a]'])}`).join(', ')}}`,
  ])();
  const comment = () => (r() < 0.15 ? ' # ' + pick(['c', 'note: x', '']) : '');
  const blank = () => (r() < 0.1 ? '\n' : '');
  const lines: string[] = [];
  const blockScalar = (ind: number) => {
    const head = pick(['|', '|-', '|+', '>', '>-', '>+']);
    const body: string[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      if (r() < 0.15) body.push('');
      body.push(' '.repeat(ind) + (head[0] === '|' && r() < 0.2 ? '  ' : '') + pick(['echo hi', 'x: y', '# not a comment', 'a', 'b c']));
    }
    if (r() < 0.2) body.push('');
    return [head + comment(), ...body];
  };
  const node = (ind: number, depth: number, asValueOf: 'map' | 'seq'): { inline?: string; block?: string[] } => {
    const kind = depth > 3 ? 0 : Math.floor(r() * 10);
    if (kind < 5) return { inline: scalar() + comment() };
    if (kind === 5) {
      const [head, ...body] = blockScalar(ind + step);
      return { inline: head, block: body };
    }
    if (kind === 6 || kind === 7) return { block: map(ind + step, depth + 1) };
    const seqInd = asValueOf === 'map' && r() < 0.4 ? ind : ind + step; // indentless sequences
    return { block: seq(seqInd, depth + 1) };
  };
  const map = (ind: number, depth: number): string[] => {
    const out: string[] = [];
    const n = 1 + Math.floor(r() * 4);
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      let k = key();
      while (used.has(k)) k = key() + i;
      used.add(k);
      if (r() < 0.08) out.push(' '.repeat(Math.floor(r() * (ind + 3))) + '# comment');
      const v = r() < 0.1 ? { inline: comment().trim() } : node(ind, depth, 'map');
      out.push(' '.repeat(ind) + k + ':' + (v.inline ? ' ' + v.inline : '') + blank());
      if (v.block) out.push(...v.block);
    }
    return out;
  };
  const seq = (ind: number, depth: number): string[] => {
    const out: string[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      if (r() < 0.35 && depth < 4) {
        // compact `- key: value` item
        const m = map(ind + 2, depth + 1);
        out.push(' '.repeat(ind) + '- ' + m[0].slice(ind + 2), ...m.slice(1));
        continue;
      }
      const v = r() < 0.05 ? { inline: '' } : node(ind, depth, 'seq');
      out.push(' '.repeat(ind) + '-' + (v.inline ? ' ' + v.inline : '') + blank());
      if (v.block) out.push(...v.block);
    }
    return out;
  };
  const docs: string[] = [];
  const nd = 1 + Math.floor(r() * 3);
  for (let d = 0; d < nd; d++) docs.push((r() < 0.5 ? map(0, 0) : seq(0, 0)).join('\n') + (r() < 0.1 ? '\n...' : ''));
  return (r() < 0.3 ? '---\n' : '') + docs.join('\n---\n') + (r() < 0.9 ? '\n' : '');
}

test(`fast YAML path equals the yaml package on ${GEN_CASES} generated documents (seed ${SEED})`, (t) => {
  const r = rng(SEED + 1);
  let taken = 0;
  const diffs: string[] = [];
  for (let n = 0; n < GEN_CASES && diffs.length < 5; n++) {
    let text = generate(r);
    if (r() < 0.2) text = text.replace(/\n/g, '\r\n');
    const res = compare(text);
    if (res === undefined) continue;
    taken++;
    if (res !== '') diffs.push(`${JSON.stringify(text)}\n${res}`);
  }
  t.diagnostic(`${GEN_CASES} generated inputs: ${taken} took the fast path, ${diffs.length} differences`);
  assert.deepEqual(diffs, []);
  assert.ok(taken > GEN_CASES / 4, `the fast path took only ${taken} generated inputs`);
});
