// TextMate injection grammars (syntaxes/): cron fields in schedule(s) values and expr syntax in selector /
// valueFrom.event / when / expression values, tokenized by the real engine inside two real YAML host grammars.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contributedInjections, hostAvailable, tokenize, VSCODE_YAML_DIR, type Host, type Token } from './textmate';

const ROOT = resolve(__dirname, '..', '..');
const HOSTS: Host[] = ['vscode', 'tmbundle'];

/** Scopes of the n-th token on line `line` whose text is exactly `text`. */
function scopes(lines: Token[][], line: number, text: string, nth = 0): string[] {
  const hits = lines[line].filter((t) => t.text === text);
  assert.ok(hits[nth], `no token ${JSON.stringify(text)} (#${nth}) on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return hits[nth].scopes;
}
function has(lines: Token[][], line: number, text: string, scope: string, nth = 0): void {
  const s = scopes(lines, line, text, nth);
  assert.ok(s.includes(scope), `${JSON.stringify(text)} on line ${line} should have ${scope}; has ${s.join(' ')}`);
}
/** Every token overlapping the first occurrence of `word` on the line has `scope` (host grammars split words differently). */
function hasWord(lines: Token[][], line: number, word: string, scope: string): void {
  let pos = 0;
  const spans = lines[line].map((t) => ({ t, start: pos, end: (pos += t.text.length) }));
  const at = lines[line].map((t) => t.text).join('').indexOf(word);
  assert.ok(at >= 0, `no ${JSON.stringify(word)} on line ${line}`);
  for (const s of spans.filter((x) => x.start < at + word.length && x.end > at)) {
    assert.ok(s.t.scopes.includes(scope), `${JSON.stringify(s.t.text)} of ${word} on line ${line} should have ${scope}; has ${s.t.scopes.join(' ')}`);
  }
}
function lacks(lines: Token[][], line: number, prefix: string): void {
  const bad = lines[line].filter((t) => t.scopes.some((s) => s.endsWith(prefix)));
  assert.deepEqual(bad.map((t) => t.text), [], `line ${line} should have no *${prefix} scopes`);
}

function hostTest(name: string, fn: (host: Host) => Promise<void>): void {
  for (const host of HOSTS) {
    test(`${name} [${host}]`, async (t) => {
      if (!hostAvailable(host)) {
        t.skip(`VS Code 1.100.3's YAML grammar not found at ${VSCODE_YAML_DIR}: run scripts/setup.sh (the e2e set-up installs code-server) or set ARGO_TRIGGERS_VSCODE_YAML_SYNTAXES`);
        return;
      }
      await fn(host);
    });
  }
}

const CRON = `spec:
  schedule: "*/15 9-17 * JAN-mar mon-FRI"
  schedules:
    - 0 0 L * *   # L is not robfig
    # comment inside the list
    - "@every 90m"
  - '@daily'
  timezone: America/Los_Angeles
  schedules: ["0 2 * * *", '30 1 * * 0']
  schedule: "0 0 * * * *"
  other: "0 0 * * *"
`;

hostTest('cron: five fields, names, ranges, steps and descriptors get cron scopes', async (host) => {
  const l = await tokenize(host, CRON);
  has(l, 1, 'schedule', 'entity.name.tag.yaml');
  has(l, 1, '*', 'meta.cron.field.minute');
  has(l, 1, '*', 'keyword.operator.wildcard.cron');
  has(l, 1, '/', 'keyword.operator.step.cron');
  has(l, 1, '15', 'constant.numeric.cron');
  has(l, 1, '9', 'meta.cron.field.hour');
  has(l, 1, '-', 'keyword.operator.range.cron');
  has(l, 1, '*', 'meta.cron.field.day-of-month', 1);
  has(l, 1, 'JAN', 'constant.language.month.cron');
  has(l, 1, 'mar', 'meta.cron.field.month');
  has(l, 1, 'FRI', 'constant.language.weekday.cron');
  has(l, 1, 'FRI', 'meta.cron.field.day-of-week');
  has(l, 1, '"', 'punctuation.definition.string.begin.yaml');
  has(l, 1, '"', 'string.quoted.double.yaml');
});

hostTest('cron: schedules block list, comments inside it, and the list ends at the next key', async (host) => {
  const l = await tokenize(host, CRON);
  has(l, 2, 'schedules', 'entity.name.tag.yaml');
  has(l, 3, '-', 'punctuation.definition.block.sequence.item.yaml');
  has(l, 3, 'L', 'invalid.illegal.character.cron');
  has(l, 3, 'L', 'meta.cron.field.day-of-month');
  has(l, 3, '#', 'punctuation.definition.comment.yaml');
  has(l, 4, '#', 'comment.line.number-sign.yaml');
  has(l, 5, '@every', 'keyword.other.descriptor.cron');
  has(l, 5, '90m', 'constant.numeric.duration.cron');
  has(l, 6, '@daily', 'keyword.other.descriptor.cron'); // item at the key's own indentation
  // the list is over: timezone is a plain YAML key again, its value no cron
  hasWord(l, 7, 'timezone', 'entity.name.tag.yaml');
  lacks(l, 7, '.cron');
  lacks(l, 7, '.argo');
});

hostTest('cron: flow sequences, a sixth field is illegal, other keys are left alone', async (host) => {
  const l = await tokenize(host, CRON);
  has(l, 8, '2', 'meta.cron.field.hour');
  has(l, 8, '0', 'meta.cron.field.day-of-week', 1);
  has(l, 8, ',', 'punctuation.separator.sequence.yaml');
  const sixth = l[9].find((t) => t.scopes.includes('invalid.illegal.field-count.cron'));
  assert.equal(sixth?.text.trim(), '*');
  lacks(l, 10, '.cron');
});

const EXPR = `spec:
  event:
    selector: payload.x != "a" and metadata["x-github-event"] == ["push"] # trailing comment
  submit:
    arguments:
      parameters:
        - name: a
          valueFrom:
            event: 'payload.items | filter(# > 1.5e3) | map(#index)'
        - name: b
          valueFrom: {event: payload?.message ?? "none", other: x}
  when: "{{= cronworkflow.lastScheduledTime == nil || not (now() - cronworkflow.lastScheduledTime).Seconds() > 360 }}"
  stopStrategy:
    expression: "cronworkflow.failed >= 3 && cronworkflow.name matches \\"^a\\" && 'x' in ['x', \`y\`] ? true : false"
  selector: >-
    let r = payload.repo; r startsWith 'argo' or
    0x1F..3 contains 2 // a comment /* x */
  name: payload.x and y
`;

hostTest('expr: plain selector with strings, member access, keywords and a trailing YAML comment', async (host) => {
  const l = await tokenize(host, EXPR);
  has(l, 2, 'selector', 'entity.name.tag.yaml');
  has(l, 2, 'payload', 'variable.other.expr');
  has(l, 2, '.', 'punctuation.accessor.expr');
  has(l, 2, 'x', 'variable.other.property.expr');
  has(l, 2, '!=', 'keyword.operator.comparison.expr');
  has(l, 2, 'a', 'string.quoted.double.expr');
  has(l, 2, 'and', 'keyword.operator.logical.expr');
  has(l, 2, 'x-github-event', 'string.quoted.double.expr');
  has(l, 2, '[', 'punctuation.bracket.expr');
  has(l, 2, 'push', 'meta.embedded.expr.plain.yaml');
  has(l, 2, '#', 'comment.line.number-sign.yaml');
  const comment = l[2].find((t) => t.text.includes('trailing'));
  assert.ok(comment && !comment.scopes.some((s) => s.endsWith('.expr')), 'the YAML comment is not expr');
});

hostTest('expr: valueFrom.event in single quotes and in a flow mapping; # pointers, pipes, numbers, ?. and ??', async (host) => {
  const l = await tokenize(host, EXPR);
  has(l, 8, 'event', 'entity.name.tag.yaml');
  has(l, 8, 'filter', 'entity.name.function.expr');
  has(l, 8, '|', 'keyword.operator.pipe.expr');
  has(l, 8, '#', 'variable.language.pointer.expr');
  has(l, 8, '1.5e3', 'constant.numeric.expr');
  has(l, 8, '#index', 'variable.language.pointer.expr');
  has(l, 8, 'items', 'meta.embedded.expr.quoted.yaml');
  has(l, 10, 'event', 'entity.name.tag.yaml');
  has(l, 10, '?.', 'punctuation.accessor.expr');
  has(l, 10, 'message', 'variable.other.property.expr');
  has(l, 10, '??', 'keyword.operator.nil-coalescing.expr');
  has(l, 10, 'none', 'string.quoted.double.expr');
  // the flow mapping goes on after the expression: `other: x` is not expr
  const x = l[10].filter((t) => t.text === 'x');
  assert.ok(x.length && x.every((t) => !t.scopes.some((s) => s.endsWith('.expr'))), 'other: x stays YAML');
});

hostTest('expr: when with {{= }} in a double-quoted YAML string; escaped quotes and backticks in expression', async (host) => {
  const l = await tokenize(host, EXPR);
  has(l, 11, '{{=', 'punctuation.section.embedded.begin.expr');
  has(l, 11, '}}', 'punctuation.section.embedded.end.expr');
  has(l, 11, 'nil', 'constant.language.expr');
  has(l, 11, '||', 'keyword.operator.logical.expr');
  has(l, 11, 'not', 'keyword.operator.logical.expr');
  has(l, 11, 'now', 'entity.name.function.expr');
  has(l, 11, '360', 'constant.numeric.expr');
  has(l, 13, '>=', 'keyword.operator.comparison.expr');
  has(l, 13, '&&', 'keyword.operator.logical.expr');
  has(l, 13, 'matches', 'keyword.operator.word.expr');
  has(l, 13, '\\"', 'string.quoted.double.expr');
  has(l, 13, 'in', 'keyword.operator.word.expr');
  has(l, 13, "'", 'string.quoted.single.expr');
  has(l, 13, 'y', 'string.quoted.other.backtick.expr');
  has(l, 13, '?', 'keyword.operator.ternary.expr');
  has(l, 13, 'true', 'constant.language.expr');
});

hostTest('expr: block scalar selector spans its lines and stops at the next key', async (host) => {
  const l = await tokenize(host, EXPR);
  has(l, 14, '>-', 'keyword.control.flow.block-scalar.yaml');
  has(l, 15, 'let', 'keyword.control.expr');
  has(l, 15, 'startsWith', 'keyword.operator.word.expr');
  has(l, 15, 'or', 'keyword.operator.logical.expr');
  has(l, 15, 'repo', 'meta.embedded.expr.block.yaml');
  has(l, 16, '0x1F', 'constant.numeric.expr');
  has(l, 16, '..', 'keyword.operator.range.expr');
  has(l, 16, 'contains', 'keyword.operator.word.expr');
  has(l, 16, '// a comment /* x */', 'comment.line.double-slash.expr');
  hasWord(l, 17, 'name', 'entity.name.tag.yaml');
  lacks(l, 17, '.expr');
});

hostTest('the demo and corpus style documents tokenize without leaking scopes past their values', async (host) => {
  const text = 'kind: CronWorkflow\nspec:\n  schedules:\n    - "0 * * * *"\nstatus:\n  phase: Active\n';
  const l = await tokenize(host, text);
  has(l, 3, '0', 'meta.cron.field.minute');
  lacks(l, 4, '.argo');
  lacks(l, 5, '.cron');
  hasWord(l, 5, 'Active', 'string.unquoted.plain.out.yaml');
  hasWord(l, 4, 'status', 'entity.name.tag.yaml');
});

test('package.json contributes both injection grammars into source.yaml and the files exist with those scopes', () => {
  const inj = contributedInjections();
  assert.deepEqual(inj.map((g) => g.scopeName).sort(), ['argo-triggers.cron.injection', 'argo-triggers.expr.injection']);
  for (const g of inj) {
    assert.deepEqual(g.injectTo, ['source.yaml']);
    const p = join(ROOT, g.path);
    assert.ok(existsSync(p), p);
    const j = JSON.parse(readFileSync(p, 'utf8'));
    assert.equal(j.scopeName, g.scopeName);
    assert.match(j.injectionSelector, /^L:source\.yaml /);
  }
});

test('syntaxes/*.json are in sync with scripts/build-grammars.mjs', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-grammars.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

hostTest("Argo's github-path-filter example: multi-line block selector with comments and predicates", async (host) => {
  const text = readFileSync(join(ROOT, '..', 'shared', 'corpus', 'argo-examples', 'github-path-filter-workfloweventbinding.yaml'), 'utf8');
  const l = await tokenize(host, text);
  const src = text.split('\n');
  const at = (needle: string): number => {
    const i = src.findIndex((s) => s.includes(needle));
    assert.ok(i >= 0, needle);
    return i;
  };
  has(l, at('metadata["x-github-event"]'), 'x-github-event', 'string.quoted.double.expr');
  has(l, at('// The discriminator'), '// The discriminator is the last subpath of URL path', 'comment.line.double-slash.expr');
  has(l, at('&& discriminator'), '&&', 'keyword.operator.logical.expr');
  has(l, at('let prefix'), 'let', 'keyword.control.expr');
  has(l, at('let prefix'), '#', 'variable.language.pointer.expr');
  has(l, at('hasPrefix(filepath'), 'hasPrefix', 'entity.name.function.expr');
  lacks(l, at('  submit:'), '.expr');
  hasWord(l, at('  submit:'), 'submit', 'entity.name.tag.yaml');
  has(l, at('concat(#acc'), '#acc', 'variable.language.pointer.expr');
  has(l, at('concat(#acc'), 'concat', 'entity.name.function.expr');
});
