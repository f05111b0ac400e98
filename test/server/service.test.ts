// The pure language service (server/service.ts) with the real core, no LSP connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { realCore } from '../../server/coreImpl';
import { ArgoTriggersService } from '../../server/service';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/settings';
import { chunkAt, formatIn, globToRegExp, indentContextAt, splitDocuments } from '../../server/text';
import { pathToUri } from '../../server/workspaceIndex';
import type { ArgoTriggersSettings } from '../../server/protocol';

const CORPUS = resolve(__dirname, '../../../shared/corpus/argo-examples');
const NOW = Date.UTC(2026, 10, 24, 22, 48, 0); // fixed clock for reproducible output

function corpusFiles(): string[] {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []);
  return walk(CORPUS).sort();
}

function make(settings: Partial<ArgoTriggersSettings> = {}, now = NOW) {
  const errors: string[] = [];
  const s = normalizeSettings({ ...DEFAULT_SETTINGS, ...settings });
  const svc = new ArgoTriggersService({ core: realCore, now: () => now, userTimeZone: 'America/New_York', settings: async () => s,
    log: { error: (m) => errors.push(m), info: () => {} } });
  return { svc, errors, settings: s };
}

const doc = (text: string, uri = 'file:///ws/a.yaml', version = 1) => TextDocument.create(uri, 'yaml', version, text);
const key = (d: { range: unknown; code?: unknown; message: string }) => JSON.stringify([d.range, d.code, d.message]);

// ------------------------------------------------------------------ text helpers

test('splitDocuments cuts at document markers only, chunkAt finds the owner', () => {
  const t = 'a: 1\n---\nb: |\n  ---x\n---  \nc: 3\n';
  const cs = splitDocuments(t);
  assert.deepEqual(cs.map((c) => c.text), ['a: 1\n', '---\nb: |\n  ---x\n', '---  \nc: 3\n']);
  assert.equal(cs.map((c) => c.text).join(''), t);
  assert.equal(chunkAt(cs, 0)!.start, 0);
  assert.equal(chunkAt(cs, t.indexOf('b:'))!.start, 5);
  assert.equal(chunkAt(cs, t.length)!.start, cs[2].start);
  assert.equal(splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n').length, 1, 'directives keep the file in one piece');
});

test('indentContextAt reads the key path from indentation while the text is half typed', () => {
  const at = (s: string) => { const o = s.indexOf('|'); return indentContextAt(s.replace('|', ''), o); };
  assert.deepEqual(at('spec:\n  conc|').path, ['spec']);
  const v = at('spec:\n  concurrencyPolicy: Fo|');
  assert.deepEqual([v.path, v.inValue, v.key, v.prefix], [['spec'], true, 'concurrencyPolicy', 'Fo']);
  assert.deepEqual(at('spec:\n  workflowSpec:\n    templates:\n    - name: main\n      con|').path, ['spec', 'workflowSpec', 'templates', '[]']);
  assert.deepEqual(at('spec:\n  schedules:\n  - @ho|').path, ['spec', 'schedules', '[]']);
  assert.deepEqual(at('spec:\n  submit:\n    arguments:\n      parameters:\n        - name: a\n          valueFrom:\n            ev|').path,
    ['spec', 'submit', 'arguments', 'parameters', '[]', 'valueFrom']);
});

test('globToRegExp and formatIn', () => {
  const re = globToRegExp('**/*.event.json');
  assert.ok(re.test('push.event.json') && re.test('a/b/push.event.json'));
  assert.ok(!re.test('push.json') && !re.test('a/push.event.json.bak'));
  assert.ok(globToRegExp('events/{a,b}.json').test('events/b.json'));
  assert.equal(formatIn((3 * 60 + 12) * 60_000), 'in 3 h 12 min');
  assert.equal(formatIn(45_000), 'in 45 s');
  assert.equal(formatIn((4 * 24 + 3) * 3_600_000), 'in 4 d 3 h');
});

// ------------------------------------------------------------------ diagnostics

test('chunked, cached diagnostics equal core lintText over the whole file (every corpus file, every Argo version)', async () => {
  for (const argoVersion of ['v3.5', 'v3.7', 'v4.1'] as const) {
    for (const f of corpusFiles()) {
      const text = readFileSync(f, 'utf8');
      const { svc, errors } = make({ argoVersion });
      const d = doc(text, pathToUri(f));
      const got = (await svc.diagnostics(d)).items;
      const td = TextDocument.create('x', 'yaml', 0, text);
      const want = realCore.lintText(text, { argoVersion, controllerZone: 'UTC', now: NOW, uri: d.uri });
      const wantKeys = want.map((w) => key({ range: { start: td.positionAt(w.range.start), end: td.positionAt(w.range.end) }, code: w.code, message: w.message })).sort();
      assert.deepEqual(got.map(key).sort(), wantKeys, `${f} ${argoVersion}`);
      for (const g of got) assert.equal(g.source, 'argo-triggers');
      assert.deepEqual(errors, []);
    }
  }
});

function fiftyDocs(): string {
  const parts: string[] = [];
  for (let i = 0; i < 50; i++) {
    parts.push(`apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: cron-${i}\nspec:\n  schedules:\n    - "${i % 60} 2 * * *"\n  timezone: Europe/Berlin\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n`);
  }
  return parts.join('---\n');
}

test('an edit re-validates only the YAML document it touched; same version is served from the cache', async () => {
  const { svc } = make();
  const text = fiftyDocs();
  const v1 = doc(text);
  const r1 = await svc.diagnostics(v1);
  assert.equal(r1.chunks, 50);
  assert.equal(r1.linted, 50);
  const again = await svc.diagnostics(v1);
  assert.equal(again.linted, 0);
  assert.equal(again.resultId, r1.resultId);
  const at = text.indexOf('name: cron-17') + 'name: cron-1'.length;
  const v2 = TextDocument.update(v1, [{ range: { start: v1.positionAt(at), end: v1.positionAt(at + 1) }, text: 'X' }], 2);
  svc.didChange(v2);
  const r2 = await svc.diagnostics(v2);
  assert.equal(r2.linted, 1);
  assert.equal(r2.resultId === r1.resultId, JSON.stringify(r2.items) === JSON.stringify(r1.items), 'the result id names the content');
  // a wrong timezone in document 30 shows up at the right place after a later edit
  const tzAt = v2.getText().indexOf('Europe/Berlin', v2.getText().indexOf('name: cron-30'));
  const v3 = TextDocument.update(v2, [{ range: { start: v2.positionAt(tzAt), end: v2.positionAt(tzAt + 'Europe/Berlin'.length) }, text: 'Europe/Berlim' }], 3);
  const r3 = await svc.diagnostics(v3);
  assert.equal(r3.linted, 1);
  assert.notEqual(r3.resultId, r2.resultId);
  const bad = r3.items.filter((d) => d.message.includes('Europe/Berlim'));
  assert.ok(bad.length >= 1, JSON.stringify(r3.items));
  assert.equal(bad[0].range.start.line, v3.positionAt(tzAt).line);
});

test('template index changes re-validate only the documents that name the changed template', async () => {
  const { svc } = make();
  const bind = (i: number, t: string) => `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b${i}\nspec:\n  event:\n    selector: payload.x == 1\n  submit:\n    workflowTemplateRef:\n      name: ${t}\n`;
  const bindings = doc([bind(1, 'tpl-a'), bind(2, 'tpl-b'), bind(3, 'tpl-b')].join('---\n'), 'file:///ws/bindings.yaml');
  svc.didOpen(bindings);
  const r1 = await svc.diagnostics(bindings);
  assert.equal(r1.items.filter((d) => d.code === 'web.template.notInWorkspace').length, 3);
  const tpl = (params: string) => `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: tpl-a\nspec:\n  entrypoint: main\n  arguments:\n    parameters:\n${params}  templates:\n    - name: main\n      container:\n        image: busybox\n`;
  const t1 = doc(tpl(''), 'file:///ws/tpl.yaml');
  svc.didOpen(t1);
  const r2 = await svc.diagnostics(bindings);
  assert.equal(r2.linted, 1, 'only the binding that names tpl-a');
  assert.equal(r2.items.filter((d) => d.code === 'web.template.notInWorkspace').length, 2);
  const t2 = doc(tpl('      - name: required\n'), t1.uri, 2);
  assert.equal(svc.didChange(t2), true);
  const r3 = await svc.diagnostics(bindings);
  assert.equal(r3.linted, 1);
  assert.ok(r3.items.some((d) => d.code === 'web.param.missing' && d.message.includes('required')), JSON.stringify(r3.items));
  // an edit of the template file outside its template document does not touch the index
  const t3 = doc(tpl('      - name: required\n') + '---\nkind: ConfigMap\n', t1.uri, 3);
  assert.equal(svc.didChange(t3), false);
});

test('cancellation between documents stops the work and reports cancelled', async () => {
  const { svc } = make();
  let calls = 0;
  const big = Array.from({ length: 20 }, () => fiftyDocs()).join('---\n');
  const r = await svc.diagnostics(doc(big, 'file:///ws/big.yaml'), () => ++calls > 1);
  assert.equal(r.cancelled, true);
  assert.ok(r.linted < 1000, `linted ${r.linted}`);
});

test('a file above maxFileSizeKb gets one information diagnostic and is not linted', async () => {
  const { svc } = make({ maxFileSizeKb: 16 });
  const text = [fiftyDocs(), fiftyDocs()].join('---\n');
  assert.ok(text.length > 16 * 1024);
  const r = await svc.diagnostics(doc(text));
  assert.equal(r.items.length, 1);
  assert.equal(r.items[0].code, 'server.fileTooLarge');
});

// ------------------------------------------------------------------ code actions

test('quick fixes come from Finding.fixes: v4 `schedule` → `schedules`', async () => {
  const { svc } = make({ argoVersion: 'v4.1' });
  const text = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: legacy\nspec:\n  schedule: "0 2 * * *"\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n';
  const d = doc(text);
  const diags = (await svc.diagnostics(d)).items;
  const removed = diags.find((x) => x.code === 'cron.schedule.removed');
  assert.ok(removed, JSON.stringify(diags));
  const actions = await svc.codeActions(d, removed.range);
  const fix = actions.find((a) => a.diagnostics?.some((x) => x.code === 'cron.schedule.removed'));
  assert.ok(fix?.edit?.changes?.[d.uri]?.length, JSON.stringify(actions));
  assert.equal(fix.kind, 'quickfix');
  const fixed = TextDocument.applyEdits(d, fix.edit!.changes![d.uri]);
  assert.match(fixed, /schedules:/);
  const after = (await svc.diagnostics(doc(fixed, d.uri, 2))).items;
  assert.ok(!after.some((x) => x.code === 'cron.schedule.removed'), JSON.stringify(after));
  assert.deepEqual(await svc.codeActions(d, removed.range, ['refactor']), []);
});

// ------------------------------------------------------------------ hover

const LA = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: la\nspec:\n  schedules:\n    - "0 2 * * *"\n    - "59 1 * * *"\n  timezone: America/Los_Angeles\n  concurrencyPolicy: Forbid\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n';

test('hover on a schedule: next fires in its zone and the user zone, wording, DST notes from the Argo docs table, merged list', async () => {
  // Argo docs (cron-workflows.md, "Daylight Saving"): in America/Los_Angeles `0 2 * * *` is skipped on 2020-03-08 and
  // `59 1 * * *` runs twice on 2020-11-01.
  const { svc } = make({}, Date.UTC(2020, 1, 20));
  const d = doc(LA);
  const h = await svc.hover(d, d.positionAt(LA.indexOf('0 2 * * *') + 2));
  const md = (h?.contents as { value: string }).value;
  assert.match(md, /America\/Los_Angeles/);
  assert.match(md, /America\/New\\_York \(you\)/);
  assert.match(md, /2020-03-08 02:00.*skipped/);
  assert.match(md, /All schedules merged/);
  const s = realCore.parseSchedule('CRON_TZ=America/Los_Angeles 0 2 * * *');
  assert.ok(s.ok);
  const first = realCore.nextTimes(s.schedule, Date.UTC(2020, 1, 20), 10).times;
  assert.equal(first.length, 10);
  assert.ok(md.includes(realCore.describeSchedule('0 2 * * *')));
  const h2 = await svc.hover(d, d.positionAt(LA.indexOf('59 1 * * *') + 1));
  assert.match((h2?.contents as { value: string }).value, /2020-11-01 01:59.*twice/);
});

test('hover on keys shows the field doc; on a selector the environment and clauses', async () => {
  const { svc } = make();
  const d = doc(LA);
  const h = await svc.hover(d, d.positionAt(LA.indexOf('concurrencyPolicy') + 3));
  assert.match((h?.contents as { value: string }).value, /Allow/);
  const web = 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b\nspec:\n  event:\n    selector: payload.a == "x" && metadata["x-kind"] == ["y"]\n';
  const w = doc(web, 'file:///ws/b.yaml');
  const hs = await svc.hover(w, w.positionAt(web.indexOf('payload.a') + 2));
  const md = (hs?.contents as { value: string }).value;
  assert.match(md, /x-\*/);
  assert.match(md, /Clauses.*2/);
  assert.match(md, /metadata\["x-kind"\] == \["y"\]/);
});

// ------------------------------------------------------------------ completion

test('completion: keys by position without the ones present, enums, zones, descriptors, template names', async () => {
  const { svc } = make();
  const base = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n  timezone: Europe/Be\n  concurrencyPolicy: \n  schedules:\n    - @h\n  \n';
  const d = doc(base);
  const labels = async (needle: string, delta: number) => (await svc.completion(d, d.positionAt(base.indexOf(needle) + delta))).map((c) => c.label);
  const zones = await labels('Europe/Be', 'Europe/Be'.length);
  assert.ok(zones.includes('Europe/Berlin'));
  const pol = await labels('concurrencyPolicy: ', 'concurrencyPolicy: '.length);
  assert.deepEqual(pol.sort(), ['Allow', 'Forbid', 'Replace']);
  const desc = await labels('- @h', 4);
  assert.ok(desc.includes('@hourly') && desc.includes('@every 1h'));
  const keys = await labels('\n  \n', 3);
  assert.ok(keys.includes('startingDeadlineSeconds') && keys.includes('workflowSpec'), keys.join());
  assert.ok(!keys.includes('timezone') && !keys.includes('schedules'), 'present keys are not offered again');
  // template names from another (indexed) file
  svc.didOpen(doc('apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: my-template\nspec:\n  templates: []\n', 'file:///ws/t.yaml'));
  const web = 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b\nspec:\n  submit:\n    workflowTemplateRef:\n      name: my\n';
  const w = doc(web, 'file:///ws/w.yaml');
  const names = (await svc.completion(w, w.positionAt(web.length - 1))).map((c) => c.label);
  assert.deepEqual(names, ['my-template']);
});

// ------------------------------------------------------------------ code lens, match, timeline (with a temp workspace)

test('code lens: next run over each CronWorkflow, computed with the core', async () => {
  const { svc } = make();
  const text = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: berlin\nspec:\n  schedules: ["0 2 * * *"]\n  timezone: Europe/Berlin\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n';
  const lenses = await svc.codeLenses(doc(text));
  assert.equal(lenses.length, 1);
  const z = realCore.loadZone('Europe/Berlin');
  assert.ok(z.ok);
  const next = realCore.mergedNextTimes({ schedules: ['0 2 * * *'], timezone: 'Europe/Berlin' }, z.zone, NOW, 1).fires[0].at;
  assert.equal(lenses[0].command?.title, `next run ${formatIn(next - NOW)} (Wed 02:00 Europe/Berlin)`);
  assert.match(lenses[0].command!.title, /^next run in \d+ h \d+ min \(\w{3} 02:00 Europe\/Berlin\)$/);
  assert.equal(lenses[0].command?.command, 'argoTriggers.showTimeline');
});

test('workspace scan, sample events, match preview per clause, binding lenses, timeline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-ls-'));
  try {
    writeFileSync(join(dir, 'template.yaml'), readFileSync(join(CORPUS, 'event-consumer-workflowtemplate.yaml')));
    writeFileSync(join(dir, 'binding.yaml'), readFileSync(join(CORPUS, 'event-consumer-workfloweventbinding.yaml')));
    writeFileSync(join(dir, 'cron.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: hourly\nspec:\n  schedules: ["0 * * * *"]\n  concurrencyPolicy: Forbid\n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n');
    writeFileSync(join(dir, 'hello.event.json'), JSON.stringify({ payload: { appellation: 'Mr Wolf' }, headers: { 'X-Source': 'test' }, namespace: '' }));
    writeFileSync(join(dir, 'empty.event.json'), JSON.stringify({ payload: { appellation: '' } }));
    writeFileSync(join(dir, 'broken.event.json'), '{"payload": ');
    const { svc, errors, settings } = make();
    const r = await svc.scanWorkspace([pathToUri(dir)], settings);
    assert.equal(r.templates, 1);
    assert.equal(r.samples, 3);
    const samples = svc.sampleEvents().samples;
    assert.equal(samples.filter((s) => s.error).length, 1);

    const m = await svc.matchEvent({ event: { uri: pathToUri(join(dir, 'hello.event.json')) } });
    assert.deepEqual(m.errors, []);
    assert.equal(m.matches.length, 1);
    assert.equal(m.matches[0].matched, true);
    assert.deepEqual(m.matches[0].parameters.map((p) => [p.name, p.value]), [['appellation', 'Mr Wolf']]);
    assert.ok(m.matches[0].clauses.length >= 1);
    const bindingText = readFileSync(join(dir, 'binding.yaml'), 'utf8');
    const clauseRange = m.matches[0].clauses[0].range;
    assert.ok(clauseRange, 'clause mapped back to the file');
    assert.equal(clauseRange!.start.line, bindingText.split('\n').findIndex((l) => l.includes('selector:')));
    const miss = await svc.matchEvent({ event: { uri: pathToUri(join(dir, 'empty.event.json')) } });
    assert.equal(miss.matches[0].matched, false);

    const bd = doc(bindingText, pathToUri(join(dir, 'binding.yaml')));
    const lenses = await svc.codeLenses(bd);
    const titles = lenses.map((l) => l.command!.title).sort();
    assert.ok(titles.some((t) => t.startsWith('hello.event.json: ✓ matches')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('empty.event.json: ✗ no match')), titles.join(' | '));

    const from = Date.UTC(2026, 0, 1);
    const tl = await svc.timeline({ from, until: from + 86_400_000, expectedDurationSec: 90 * 60 });
    const hourly = tl.crons.find((c) => c.name === 'hourly');
    assert.ok(hourly);
    assert.equal(hourly.fires.length, 24);
    assert.equal(hourly.zoneSource, 'controller');
    assert.deepEqual(hourly.fires.slice(0, 4).map((f) => f.outcome), ['run', 'skipped', 'run', 'skipped']);
    assert.deepEqual(errors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wrong-typed settings fall back to defaults', () => {
  const s = normalizeSettings({ argoVersion: 'v9', controllerTimezone: 7, hover: { fireCount: 1e9 }, codeLens: { enabled: 'no' } });
  assert.equal(s.argoVersion, 'v4.1');
  assert.equal(s.controllerTimezone, 'UTC');
  assert.equal(s.hover.fireCount, 50);
  assert.equal(s.codeLens.enabled, true);
});

export type { Diagnostic };

// ------------------------------------------------------------------ caches stay correct under edits

const tplDoc = (name: string, params: string[]) => `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: ${name}\n  namespace: argo\nspec:\n  entrypoint: main\n` +
  (params.length ? `  arguments:\n    parameters:\n${params.map((p) => `      - name: ${p}\n`).join('')}` : '') +
  `  templates:\n    - name: main\n      container:\n        image: busybox\n`;
const bindDoc = (i: number, tpl: string) => `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b${i}\n  namespace: argo\nspec:\n  event:\n    selector: payload.repo == "r${i}"\n  submit:\n    workflowTemplateRef:\n      name: ${tpl}\n`;
const cronDoc = (i: number, tpl: string) => `apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c${i}\n  namespace: argo\nspec:\n  schedules:\n    - "${i % 60} 2 * * *"\n  timezone: Europe/Berlin\n  workflowSpec:\n    workflowTemplateRef:\n      name: ${tpl}\n`;

/** Diagnostics of `text` from a service that has seen nothing else (no caches). */
async function freshDiagnostics(text: string, uri: string): Promise<Diagnostic[]> {
  const { svc } = make();
  const d = doc(text, uri, 1);
  svc.didOpen(d);
  return (await svc.diagnostics(d)).items;
}

test('editing a template re-lints the documents of the same file that use it (index and lint share one parse)', async () => {
  const { svc } = make();
  const uri = 'file:///ws/mixed.yaml';
  const text = (params: string[]) => [tplDoc('tpl-a', params), bindDoc(1, 'tpl-a'), cronDoc(2, 'tpl-a'), bindDoc(3, 'tpl-b')].join('---\n');
  const v1 = doc(text([]), uri, 1);
  svc.didOpen(v1);
  const r1 = await svc.diagnostics(v1);
  assert.deepEqual(r1.items, await freshDiagnostics(v1.getText(), uri));
  assert.equal(r1.items.filter((d) => d.code === 'web.param.missing').length, 0);
  // a required parameter appears in the template: the binding's text is unchanged, its findings are not
  const v2 = doc(text(['required']), uri, 2);
  assert.equal(svc.didChange(v2), true, 'the template index changed');
  const r2 = await svc.diagnostics(v2);
  assert.equal(r2.linted, 3, 'the template document and the two documents that name tpl-a');
  const missing = r2.items.filter((d) => d.code === 'web.param.missing');
  assert.equal(missing.length, 1, JSON.stringify(r2.items));
  assert.ok(missing[0].message.includes('required'));
  assert.deepEqual(r2.items, await freshDiagnostics(v2.getText(), uri));
  assert.notEqual(r2.resultId, r1.resultId);
  // and back: the finding goes away again, and the result equals the first one (same id: the client keeps it)
  const v3 = doc(text([]), uri, 3);
  assert.equal(svc.didChange(v3), true);
  const r3 = await svc.diagnostics(v3);
  assert.deepEqual(r3.items, r1.items);
  assert.equal(r3.items.filter((d) => d.code === 'web.param.missing').length, 0);
});

test('random edit sequences: cached diagnostics and result ids equal what a fresh service computes', async () => {
  const uri = 'file:///ws/edits.yaml';
  const docs: string[] = [];
  for (let i = 0; i < 24; i++) docs.push(i % 6 === 0 ? tplDoc(`tpl-${i}`, i % 12 ? ['p'] : []) : i % 2 ? bindDoc(i, `tpl-${(i % 4) * 6}`) : cronDoc(i, `tpl-${(i % 3) * 6}`));
  let text = docs.join('---\n');
  let seed = 7;
  const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  const edits: ((t: string) => string)[] = [
    (t) => { const ls = t.split('\n'); ls.splice(rnd(ls.length), 0, ''); return ls.join('\n'); }, // blank line: later documents move down
    (t) => { const ls = t.split('\n'); const i = rnd(ls.length); if (ls[i] === '') ls.splice(i, 1); return ls.join('\n'); },
    (t) => t.replace(/name: tpl-(\d+)/, (_m, n) => `name: tpl-${(Number(n) + 6) % 30}`), // a reference or a template renamed
    (t) => t.replace(/( {6}- name: )p\n/, rnd(2) ? '$1p\n$1q\n' : '$1P\n'), // template parameters change
    (t) => t.replace('timezone: Europe/Berlin', rnd(2) ? 'timezone: Europe/Berlim' : 'timezone: UTC'),
    (t) => t.replace('Europe/Berlim', 'Europe/Berlin'),
    (t) => { const i = t.indexOf('---', rnd(t.length)); return i > 0 ? t.slice(0, i - 1) + '\u2028' + t.slice(i - 1) : t; }, // U+2028 before a marker
    (t) => t.replace('\u2028', ''),
    (t) => { const i = rnd(t.length); return t.slice(0, i) + ':' + t.slice(i); }, // likely a YAML error
  ];
  const { svc } = make();
  let d = doc(text, uri, 1);
  svc.didOpen(d);
  let prev = await svc.diagnostics(d);
  assert.deepEqual(prev.items, await freshDiagnostics(text, uri));
  for (let v = 2; v < 42; v++) {
    text = edits[rnd(edits.length)](text);
    d = doc(text, uri, v);
    svc.didChange(d);
    const r = await svc.diagnostics(d);
    const want = await freshDiagnostics(text, uri);
    assert.deepEqual(r.items, want, `edit ${v}`);
    assert.equal(r.resultId === prev.resultId, JSON.stringify(r.items) === JSON.stringify(prev.items), `edit ${v}: the id changes exactly when the result does`);
    prev = r;
  }
});

test('a YAML document that starts mid-line (after U+2028, a line end for JS regexps, not for LSP) gets fresh positions', async () => {
  // splitDocuments cuts before the `---` that follows U+2028, so the second chunk starts at character 5, then 7, of line 0
  const uri = 'file:///ws/ls.yaml';
  const { svc } = make();
  const v1 = doc('a: 1\u2028--- @x\n', uri, 1);
  assert.equal(splitDocuments(v1.getText()).length, 2);
  const r1 = await svc.diagnostics(v1);
  assert.deepEqual(r1.items, await freshDiagnostics(v1.getText(), uri));
  assert.ok(r1.items.some((d) => d.range.start.line === 0 && d.range.start.character >= 5), JSON.stringify(r1.items));
  const v2 = doc('a: 123\u2028--- @x\n', uri, 2);
  const r2 = await svc.diagnostics(v2);
  assert.equal(r2.linted, 1, 'the second chunk is unchanged');
  assert.deepEqual(r2.items, await freshDiagnostics(v2.getText(), uri));
});

test('closing a document: the index drops its unsaved templates (disk content back, or nothing), and keeps none of its state', async () => {
  const { svc } = make();
  const bind = `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b\nspec:\n  event:\n    selector: payload.x == 1\n  submit:\n    workflowTemplateRef:\n      name: tpl-disk\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: c\nspec:\n  event:\n    selector: payload.x == 1\n  submit:\n    workflowTemplateRef:\n      name: tpl-unsaved\n`;
  const tpl = (name: string) => `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: ${name}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container:\n        image: busybox\n`;
  const missing = async (d: TextDocument) => (await svc.diagnostics(d)).items.filter((x) => x.code === 'web.template.notInWorkspace').map((x) => /"([^"]+)"/.exec(x.message)?.[1]).sort();
  const bindings = doc(bind, 'file:///ws/bindings.yaml');
  svc.didOpen(bindings);
  assert.deepEqual(await missing(bindings), ['tpl-disk', 'tpl-unsaved']);

  // a file on disk holds tpl-disk; the editor changes it to tpl-unsaved and closes without saving
  const dir = mkdtempSync(join(tmpdir(), 'argo-close-'));
  try {
    const path = join(dir, 'tpl.yaml');
    writeFileSync(path, tpl('tpl-disk'));
    const onDisk = doc(tpl('tpl-unsaved'), pathToUri(path));
    svc.didOpen(onDisk);
    assert.deepEqual(await missing(bindings), ['tpl-disk']);
    assert.equal(await svc.didClose(onDisk.uri), true);
    assert.deepEqual(await missing(bindings), ['tpl-unsaved'], 'the saved text counts again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // a document that is not on disk (never saved): its templates go with it (tpl-disk stays: it was read from disk)
  const untitled = doc(tpl('tpl-unsaved'), 'untitled:Untitled-1');
  svc.didOpen(untitled);
  assert.deepEqual(await missing(bindings), []);
  assert.equal(await svc.didClose(untitled.uri), true);
  assert.deepEqual(await missing(bindings), ['tpl-unsaved']);

  // closed documents keep nothing alive: their chunk states (findings, parses) can be collected
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const refs: WeakRef<object>[] = [];
  // (in a function of its own, so no variable of this test's frame holds the last document)
  const openUseClose = async (i: number) => {
    const d = doc(tpl(`t-${i}`) + '---\n' + bind, `file:///ws/gone-${i}.yaml`);
    svc.didOpen(d);
    await svc.diagnostics(d);
    await svc.hover(d, { line: 3, character: 9 });
    const st = svc.ctx.cache.get(d);
    for (const c of st.chunks) refs.push(new WeakRef(c.state));
    await svc.didClose(d.uri);
  };
  for (let i = 0; i < 3; i++) await openUseClose(i);
  await new Promise((r) => setImmediate(r));
  gc();
  assert.deepEqual(refs.map((r) => r.deref() === undefined), refs.map(() => true), 'chunk states of closed documents are collectable');
});
