// The bundled server (dist/server.js) over stdio: initialize, open, pull diagnostics, hover, completion, code action,
// a cancelled request, the custom requests, shutdown/exit. Catches bundling mistakes the pure tests cannot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionItem, Hover } from 'vscode-languageserver';
import { ensureServerBundle, startServer, type LspClient } from './lspClient';
import { MatchEventRequest, TimelineRequest, StatusNotification, type MatchEventResult, type StatusParams } from '../../server/protocol';
import { pathToUri } from '../../server/workspaceIndex';


const SETTINGS = { argoVersion: 'v4.1', controllerTimezone: 'UTC' };
const CORPUS = resolve(__dirname, '../../../shared/corpus/argo-examples');
let client: LspClient;
let ws: string;

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'argo-ls-stdio-'));
  writeFileSync(join(ws, 'template.yaml'), readFileSync(join(CORPUS, 'event-consumer-workflowtemplate.yaml')));
  writeFileSync(join(ws, 'binding.yaml'), readFileSync(join(CORPUS, 'event-consumer-workfloweventbinding.yaml')));
  writeFileSync(join(ws, 'hello.event.json'), JSON.stringify({ payload: { appellation: 'Mr Wolf' } }));
  const server = await ensureServerBundle();
  client = startServer(process.execPath, [server, '--stdio'], { configuration: (s) => (s === 'argoTriggers' ? SETTINGS : null) });
  const init = await client.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, workspaceFolders: [{ uri: pathToUri(ws), name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { diagnostic: {} },
    },
    initializationOptions: { userTimeZone: 'Europe/Berlin' },
  }) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.diagnosticProvider);
  assert.ok(init.capabilities.hoverProvider);
  assert.deepEqual((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
  await client.conn.sendNotification('initialized', {});
});

after(async () => {
  rmSync(ws, { recursive: true, force: true });
  const code = await client.close();
  assert.equal(code, 0, `server exit code; stderr: ${client.stderr().slice(-2000)}`);
});

const URI = 'file:///ws/cron.yaml';
const TEXT = 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 2 * * *"\n  timezone: America/Los_Angeles\n  concurrencyPolicy: \n  workflowSpec:\n    entrypoint: main\n    templates:\n      - name: main\n        container:\n          image: busybox\n';
const pos = (needle: string, delta = 0) => {
  const off = TEXT.indexOf(needle) + delta;
  const before = TEXT.slice(0, off);
  return { line: before.split('\n').length - 1, character: off - before.lastIndexOf('\n') - 1 };
};

test('open, pull diagnostics, status notification', async () => {
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
  const r = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }) as { kind: string; resultId: string; items: { code: string; source: string; message: string }[] };
  assert.equal(r.kind, 'full');
  const removed = r.items.find((d) => d.code === 'cron.schedule.removed');
  assert.ok(removed, JSON.stringify(r.items));
  assert.equal(removed.source, 'argo-triggers');
  const again = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI }, previousResultId: r.resultId }) as { kind: string };
  assert.equal(again.kind, 'unchanged');
  const status = client.notifications.filter((n) => n.method === StatusNotification.method).map((n) => n.params as StatusParams);
  assert.ok(status.some((s) => s.uri === URI && s.argoVersion === 'v4.1' && typeof s.validationTimeMs === 'number'), JSON.stringify(status));
});

test('incremental change, then diagnostics follow the new text', async () => {
  const p = pos('America/Los_Angeles');
  await client.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 'America/Los_Angeles'.length } }, text: 'America/Los_Angelez' }],
  });
  const r = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }) as { items: { message: string }[] };
  assert.ok(r.items.some((d) => d.message.includes('America/Los_Angelez')), JSON.stringify(r.items));
  await client.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 3 },
    contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + 'America/Los_Angeles'.length } }, text: 'America/Los_Angeles' }],
  });
});

test('hover, completion, code action', async () => {
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: pos('0 2 * * *', 1) }) as Hover;
  const md = (h.contents as { value: string }).value;
  assert.match(md, /Europe\/Berlin \(you\)/);
  assert.match(md, /America\/Los\\_Angeles/);
  const c = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: pos('concurrencyPolicy: ', 'concurrencyPolicy: '.length) }) as CompletionItem[];
  assert.deepEqual(c.map((x) => x.label).sort(), ['Allow', 'Forbid', 'Replace']);
  const d = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }) as { items: { code: string; range: unknown }[] };
  const removed = d.items.find((x) => x.code === 'cron.schedule.removed')!;
  const actions = await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: removed.range, context: { diagnostics: [removed] } }) as CodeAction[];
  assert.ok(actions.some((a) => a.kind === 'quickfix' && a.edit?.changes?.[URI]?.length), JSON.stringify(actions));
  const lenses = await client.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } }) as { command: { title: string } }[];
  assert.match(lenses[0].command.title, /^next run in .* \(\w{3} 02:00 America\/Los_Angeles\)$/);
});

test('a cancelled diagnostics request answers RequestCancelled, and the server keeps working', async () => {
  const big = Array.from({ length: 500 }, (_, i) => TEXT.replace('nightly', `n-${i}`).replace('schedule: "0 2 * * *"', `schedules: ["${i % 60} 2 * * *"]`)).join('---\n');
  const uri = 'file:///ws/big.yaml';
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: big } });
  const cts = new CancellationTokenSource();
  const p = client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cts.token);
  setTimeout(() => cts.cancel(), 5);
  await assert.rejects(p, (e: { code?: number }) => e.code === -32800);
  const r = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { kind: string; items: unknown[] };
  assert.equal(r.kind, 'full');
  const tl = await client.conn.sendRequest(TimelineRequest.method, { uris: [uri], from: Date.UTC(2026, 0, 1), until: Date.UTC(2026, 0, 2) }) as { crons: unknown[] };
  assert.equal(tl.crons.length, 500);
  await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('garbage input never kills the server', async () => {
  const uri = 'file:///ws/junk.yaml';
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: '{{{: [\n\t- !!binary %%%\n---\n*a &b' } });
  await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } });
  await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 2 } });
  await client.conn.sendRequest('argoTriggers/matchEvent', { event: { uri: 'file:///nope.event.json' } });
  await client.conn.sendRequest('argoTriggers/timeline', { from: 'x', until: null });
  const h = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: pos('0 2 * * *', 1) }) as Hover;
  assert.ok(h);
});

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last notifications: ${JSON.stringify(client.notifications.slice(-4)).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('workspace index: scan at start, sample events, match preview, watched-file updates', async () => {
  await until('the index', () => client.notifications.some((n) => n.method === StatusNotification.method && (n.params as StatusParams).indexedTemplates === 1 && !(n.params as StatusParams).indexing));
  const m = await client.conn.sendRequest(MatchEventRequest.method, { event: { uri: pathToUri(join(ws, 'hello.event.json')) } }) as MatchEventResult;
  assert.equal(m.matches.length, 1);
  assert.equal(m.matches[0].matched, true);
  assert.deepEqual(m.matches[0].parameters.map((p) => p.value), ['Mr Wolf']);
  // a new template appears on disk: the watched-file event updates the index and completion offers it
  writeFileSync(join(ws, 'second.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: second-template\nspec:\n  templates: []\n');
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(join(ws, 'second.yaml')), type: 1 }] });
  const uri = 'file:///ws/new-binding.yaml';
  const text = 'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b\nspec:\n  submit:\n    workflowTemplateRef:\n      name: sec';
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  let labels: string[] = [];
  for (let i = 0; i < 40 && !labels.includes('second-template'); i++) {
    labels = ((await client.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 15 } })) as CompletionItem[]).map((c) => c.label);
    if (!labels.includes('second-template')) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(labels.includes('second-template'), labels.join());
});

test('settings are pulled per resource; a configuration change asks the client to re-pull', async () => {
  const refreshCount = () => client.serverRequests.filter((m) => m === 'workspace/diagnostic/refresh').length;
  const refreshesBefore = refreshCount();
  SETTINGS.argoVersion = 'v3.5';
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await until('a diagnostic refresh', () => refreshCount() > refreshesBefore, 5000);
  const r = await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }) as { items: { code: string }[] };
  assert.ok(!r.items.some((d) => d.code === 'cron.schedule.removed'), 'v3.5 still has spec.schedule');
  SETTINGS.argoVersion = 'v4.1';
});
