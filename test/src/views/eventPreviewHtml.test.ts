// Event match preview view: model (verdicts, clauses, parameters, Workflow YAML, binding → template graph) and the
// webview HTML. Matches come from the real core (core/argo matchEvent) on Argo's own example bindings from the corpus,
// converted to the wire shape the server sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { matchEvent } from '../../../core/argo/eventMatch';
import type { ArgoEvent, MatchEventResult, Range, WireBindingMatch } from '../../../server/protocol';
import { bindingKey, bindingSourceAt, buildEventPreview, offsetAt, selectorMetadata, templatesInText, type BindingSource } from '../../../src/views/eventPreviewModel';
import { renderEventPreviewHtml } from '../../../src/views/eventPreviewHtml';

const ROOT = resolve(__dirname, '..', '..', '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'argo-examples');
const corpus = (f: string): string => readFileSync(join(CORPUS, f), 'utf8');

function pos(text: string, off: number): { line: number; character: number } {
  const before = text.slice(0, off);
  const line = before.split('\n').length - 1;
  return { line, character: off - (before.lastIndexOf('\n') + 1) };
}

/** The server's answer for these binding files (what server/handlers/match.ts computes, minus selector ranges). */
function answer(files: Record<string, string>, ev: ArgoEvent): MatchEventResult {
  const matches: WireBindingMatch[] = [];
  for (const [uri, text] of Object.entries(files)) {
    for (const m of matchEvent(text, ev, { argoVersion: 'v4.1', nameSuffix: 'abcde' })) {
      const range: Range = { start: pos(text, m.binding.range.start), end: pos(text, m.binding.range.end) };
      matches.push({
        uri,
        binding: { name: m.binding.name, namespace: m.binding.namespace, range },
        matched: m.matched,
        clauses: m.clauses.map((c, k) => ({ text: c.text, op: c.op, range: k === 0 ? { start: pos(text, m.binding.range.start), end: pos(text, m.binding.range.start) } : undefined, outcome: 'error' in c.outcome ? { error: { message: c.outcome.error.message, stage: c.outcome.error.stage } } : { value: c.outcome.value } })),
        selectorError: m.selectorError ? { message: m.selectorError.message, stage: m.selectorError.stage } : undefined,
        parameters: m.parameters.map((p) => ({ name: p.name, value: p.value, error: p.error ? { message: p.error.message, stage: p.error.stage } : undefined })),
        workflow: m.workflow,
        notes: m.notes,
        dispatchError: m.dispatchError,
      });
    }
  }
  return { event: ev, matches, errors: [] };
}

const MINE = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata:
  name: header-case
spec:
  event:
    selector: metadata["X-Github-Event"] == ["push"] || payload.ref == "main"
  submit:
    workflowTemplateRef:
      name: cluster-deploy
      clusterScope: true
---
apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata:
  name: broken-<script>
spec:
  event:
    selector: payload.missing.deeper == 1
  submit:
    workflowTemplateRef:
      name: nowhere
`;

const EVENT: ArgoEvent = {
  payload: { appellation: 'Mr Sunshine', ref: 'main', commits: [] },
  headers: [['X-GitHub-Event', 'push'], ['Content-Type', 'application/json']],
  discriminator: 'github-path-filter',
  namespace: 'argo',
};

function files(): Record<string, string> {
  return {
    'file:///ws/event-consumer-workfloweventbinding.yaml': corpus('event-consumer-workfloweventbinding.yaml'),
    'file:///ws/github-path-filter-workfloweventbinding.yaml': corpus('github-path-filter-workfloweventbinding.yaml'),
    'file:///ws/mine.yaml': MINE,
  };
}

function sourcesFor(res: MatchEventResult, fs: Record<string, string>): Map<string, BindingSource> {
  return new Map(res.matches.map((m) => [bindingKey(m), bindingSourceAt(fs[m.uri], m.binding.range)]));
}

test('binding sources: selector, template ref and submit read from the binding document at its range', () => {
  const fs = files();
  const res = answer(fs, EVENT);
  const src = sourcesFor(res, fs);
  const byName = new Map(res.matches.map((m) => [m.binding.name, src.get(bindingKey(m))!]));
  assert.deepEqual(byName.get('event-consumer'), { selector: 'payload.appellation != ""', hasSubmit: true, templateRef: { name: 'event-consumer', clusterScope: false } });
  assert.deepEqual(byName.get('header-case')?.templateRef, { name: 'cluster-deploy', clusterScope: true });
  assert.equal(byName.get('broken-<script>')?.templateRef?.name, 'nowhere');
  assert.match(byName.get('github-path-filter')?.selector ?? '', /^metadata\["x-github-event"\] == \["push"\]/);
  assert.equal(offsetAt('ab\ncd', { line: 1, character: 1 }), 4);
  assert.equal(offsetAt('ab\ncd', { line: 9, character: 0 }), 5);
});

test('templates found in the workspace (WorkflowTemplate and ClusterWorkflowTemplate, multi-document)', () => {
  const t = templatesInText(corpus('event-consumer-workflowtemplate.yaml'), 'file:///ws/t.yaml');
  assert.deepEqual(t, [{ kind: 'WorkflowTemplate', name: 'event-consumer', namespace: undefined, uri: 'file:///ws/t.yaml', line: 0 }]);
  const multi = templatesInText('kind: ConfigMap\n---\napiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata:\n  name: cluster-deploy\n', 'u');
  assert.deepEqual(multi.map((x) => [x.kind, x.name, x.line]), [['ClusterWorkflowTemplate', 'cluster-deploy', 2]]);
  assert.deepEqual(templatesInText('kind: Workflow\n', 'u'), []);
  assert.deepEqual(templatesInText('kind: WorkflowTemplate\nmetadata: [unclosed', 'u'), []);
});

test('model: verdicts, clause results, parameters, the Workflow YAML and the graph', () => {
  const fs = files();
  const res = answer(fs, EVENT);
  const tmpl = templatesInText(corpus('event-consumer-workflowtemplate.yaml'), 'file:///ws/t.yaml');
  const v = buildEventPreview(res, { sourceLabel: 'push.event.json', sources: sourcesFor(res, fs), templates: tmpl });
  const by = new Map(v.bindings.map((b) => [b.name, b]));
  // the core decides the verdicts; the view keeps them and orders matched first
  for (const m of res.matches) assert.equal(by.get(m.binding.name!)!.verdict === 'matched', m.matched, m.binding.name);
  assert.equal(v.bindings[0].verdict, 'matched');
  assert.equal(by.get('event-consumer')!.verdict, 'matched');
  assert.deepEqual(by.get('event-consumer')!.parameters, [{ name: 'appellation', value: 'Mr Sunshine', error: undefined }]);
  assert.match(by.get('event-consumer')!.workflowYaml ?? '', /workflowTemplateRef:\n\s+name: event-consumer/);
  // header-case: the first clause is false (header names are lower-cased), the second decides
  const hc = by.get('header-case')!;
  assert.equal(hc.clauses.length, 2);
  assert.equal(hc.clauses[0].result, 'false');
  assert.equal(hc.clauses[1].result, 'true');
  assert.equal(hc.clauses[1].op, 'or');
  assert.equal(hc.verdict, 'matched');
  // broken: member access on nil is a run-time error
  const br = by.get('broken-<script>')!;
  assert.equal(br.verdict, 'error');
  assert.match(br.selectorError ?? '', /cannot fetch deeper from <nil>|nil/);
  assert.equal(br.dispatchError, `failed to evaluate workflow template expression: ${br.selectorError}`);
  // graph: the found template has its file, the others are marked missing
  const t = new Map(v.templates.map((x) => [x.name, x]));
  assert.equal(t.get('event-consumer')?.uri, 'file:///ws/t.yaml');
  assert.equal(t.get('cluster-deploy')?.kind, 'ClusterWorkflowTemplate');
  assert.equal(t.get('cluster-deploy')?.uri, undefined);
  assert.equal(v.counts.total, 4);
  assert.equal(v.counts.matched, res.matches.filter((m) => m.matched).length);
});

test('selectorMetadata: only x- headers, lower-cased, values collected into lists', () => {
  assert.deepEqual(selectorMetadata({ ...EVENT, headers: [['X-A', '1'], ['x-a', '2'], ['Authorization', 'secret']] }), { 'x-a': ['1', '2'] });
});

test('HTML: headings, matched / not matched text, clause table, escaped names, strict CSP and no external resources', () => {
  const fs = files();
  const res = answer(fs, EVENT);
  const v = buildEventPreview(res, { sourceLabel: 'samples/push.event.json', sources: sourcesFor(res, fs), templates: [] });
  const html = renderEventPreviewHtml(v, { nonce: 'N0NCE', cspSource: 'vscode-resource:', title: 'Event match preview' });
  assert.match(html, /<h1>Event match preview<\/h1>/);
  assert.match(html, />matched<\/span>/);
  assert.match(html, />not matched<\/span>|>error<\/span>/);
  assert.match(html, /of 4<\/strong> WorkflowEventBinding\(s\) matched/);
  assert.match(html, /<h2>Bindings → templates<\/h2>/);
  assert.match(html, /broken-&lt;script&gt;/);
  assert.doesNotMatch(html, /broken-<script>/);
  assert.match(html, /<code>metadata\[&quot;X-Github-Event&quot;\] == \[&quot;push&quot;\]<\/code><\/button><\/td><td class="r-false">false/);
  assert.match(html, /<button class="link" data-cmd="open" data-arg-uri="file:\/\/\/ws\/mine.yaml" data-arg-line="0" title="open in the editor"><code>metadata/);
  assert.match(html, /<td><code>payload.ref == &quot;main&quot;<\/code><\/td>/, 'a clause without a range is plain text');
  assert.match(html, /Workflow that would be created/);
  assert.match(html, /argo-server would fail this binding \(HTTP 500 in sync mode\): failed to evaluate workflow template expression: /);
  assert.match(html, /not in workspace/);
  assert.match(html, /&quot;x-github-event&quot;: \[/);
  const cspMeta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(cspMeta && /default-src 'none'/.test(cspMeta[1]) && /script-src 'nonce-N0NCE'/.test(cspMeta[1]));
  for (const m of html.matchAll(/<(script|style)\b([^>]*)>/g)) assert.match(m[2], /nonce="N0NCE"/);
  assert.doesNotMatch(html, /\s(src|href)\s*=|<link\b|\son[a-z]+\s*=|\sstyle\s*=/i);
});

test('HTML: unreadable event and empty workspace', () => {
  const none = renderEventPreviewHtml(buildEventPreview({ matches: [], errors: ['x.event.json: invalid JSON: Unexpected token'] }, { sourceLabel: 'x.event.json' }), { nonce: 'n', cspSource: 's', title: 't' });
  assert.match(none, /invalid JSON: Unexpected token/);
  assert.match(none, /could not be read/);
  const empty = renderEventPreviewHtml(buildEventPreview({ event: EVENT, matches: [], errors: [] }, { sourceLabel: 'e' }), { nonce: 'n', cspSource: 's', title: 't' });
  assert.match(empty, /No WorkflowEventBinding found in the workspace/);
});
