// Webview benchmarks: what the schedule timeline and the event preview cost in the extension host (view model +
// HTML), against the peer that feeds them in the same run: the real language server (dist/server.js over stdio)
// answering argoTriggers/timeline and argoTriggers/matchEvent for the same workspace.
//   1. the demo workspace (demo/): timeline for 7 days, and the event preview for each sample event
//   2. a large workspace: 200 CronWorkflows (up to 500 fires each) over 7 days
// Goal: the view adds at most as much time as the server request it renders (ratio ≤ 1), and the demo timeline
// renders in well under one 100 ms "instant" budget end to end.
// Usage: npm run bench -- views     (env BENCH_QUICK=1 for fewer iterations)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MatchEventRequest, TimelineRequest, type MatchEventResult, type TimelineResult } from '../server/protocol';
import { parseSampleEvent } from '../server/workspaceIndex';
import { bindingKey, bindingSourceAt, buildEventPreview, templatesInText } from '../src/views/eventPreviewModel';
import { renderEventPreviewHtml } from '../src/views/eventPreviewHtml';
import { buildTimelineView } from '../src/views/timelineModel';
import { renderTimelineHtml } from '../src/views/timelineHtml';
import { ensureServerBundle, startServer, type LspClient } from '../test/server/lspClient';

const ROOT = resolve(__dirname, '..');
const DEMO = join(ROOT, 'demo');
const QUICK = !!process.env.BENCH_QUICK;
const PAGE = { nonce: 'bench', cspSource: 'vscode-webview:', title: 'bench' };
const DAY = 86_400_000;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

async function time<T>(n: number, fn: () => Promise<T> | T): Promise<{ p50: number; p95: number; last: T }> {
  let last = await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n * 0.5)], p95: ms[Math.min(n - 1, Math.floor(n * 0.95))], last };
}

const f = (x: number) => x.toFixed(2).padStart(8);
function report(label: string, server: { p50: number; p95: number }, view: { p50: number; p95: number }, extra = ''): boolean {
  const ratio = view.p50 / server.p50;
  const ok = ratio <= 1;
  console.log(`${label.padEnd(40)} server p50 ${f(server.p50)} ms  p95 ${f(server.p95)} ms | view p50 ${f(view.p50)} ms  p95 ${f(view.p95)} ms | view/server ${ratio.toFixed(2)} ${ok ? 'OK (≤ 1)' : 'OVER GOAL (> 1)'} ${extra}`);
  return ok;
}

async function startOurs(): Promise<LspClient> {
  const server = await ensureServerBundle();
  const client = startServer(process.execPath, [server, '--stdio'], {
    configuration: (s) => (s === 'argoTriggers' ? { argoVersion: 'v4.1', controllerTimezone: 'UTC' } : null),
  });
  await client.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, workspaceFolders: null,
    initializationOptions: { disableWorkspaceIndex: true, userTimeZone: 'Europe/Paris' },
    capabilities: { workspace: { configuration: true } },
  });
  await client.conn.sendNotification('initialized', {});
  return client;
}

function open(client: LspClient, uri: string, text: string): Promise<void> {
  return client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

function bigCron(i: number): string {
  const zones = ['Europe/Berlin', 'America/Los_Angeles', 'UTC', 'Asia/Tokyo', 'America/New_York'];
  return `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: cron-${i}
  namespace: argo
spec:
  schedules:
    - "${i % 60} ${i % 24} * * *"
    - "*/${(i % 5) + 10} 9-17 * * 1-5"
  timezone: ${zones[i % zones.length]}
  concurrencyPolicy: ${['Allow', 'Forbid', 'Replace'][i % 3]}
  workflowSpec:
    workflowTemplateRef:
      name: template-${i % 50}
`;
}

async function main(): Promise<void> {
  const n = QUICK ? 10 : 40;
  let ok = true;
  const client = await startOurs();
  try {
    // ---- 1. demo workspace ----
    const files = new Map<string, string>();
    for (const p of yamlFiles(DEMO)) files.set(pathToFileURL(p).toString(), readFileSync(p, 'utf8'));
    for (const [uri, text] of files) await open(client, uri, text);
    const from = Math.floor(Date.now() / 60_000) * 60_000;
    const params = { from, until: from + 7 * DAY, maxFires: 500, uris: [...files.keys()] };
    const server = await time(n, () => client.conn.sendRequest(TimelineRequest.method, params) as Promise<TimelineResult>);
    const result = server.last;
    let html = '';
    const view = await time(n * 3, () => {
      const v = buildTimelineView(result, { displayZone: 'Europe/Paris', expectedDurationSec: 5400, now: from });
      html = renderTimelineHtml(v, PAGE);
      return v;
    });
    ok = report('demo timeline (7 days)', server, view, `· ${view.last.totals.crons} CronWorkflows, ${view.last.totals.fires} fires, ${(html.length / 1024).toFixed(0)} KiB HTML`) && ok;
    console.log(`demo timeline end to end (request + view), p50: ${(server.p50 + view.p50).toFixed(1)} ms`);

    const templates = [...files].flatMap(([uri, text]) => templatesInText(text, uri));
    for (const s of readdirSync(join(DEMO, 'events/samples')).filter((x) => x.endsWith('.event.json')).sort()) {
      const parsed = parseSampleEvent(readFileSync(join(DEMO, 'events/samples', s), 'utf8'));
      if ('error' in parsed) throw new Error(`${s}: ${parsed.error}`);
      const mp = { event: parsed.event, uris: [...files.keys()] };
      const srv = await time(n, () => client.conn.sendRequest(MatchEventRequest.method, mp) as Promise<MatchEventResult>);
      const res = srv.last;
      const v = await time(n * 3, () => {
        const sources = new Map(res.matches.map((m) => [bindingKey(m), bindingSourceAt(files.get(m.uri) ?? '', m.binding.range)]));
        const pv = buildEventPreview(res, { sourceLabel: s, sources, templates });
        renderEventPreviewHtml(pv, PAGE);
        return pv;
      });
      ok = report(`demo event preview ${s}`, srv, v, `· ${v.last.counts.matched}/${v.last.counts.total} matched`) && ok;
    }

    // ---- 2. a large workspace ----
    const bigUri = 'file:///bench/crons.yaml';
    await open(client, bigUri, Array.from({ length: 200 }, (_, i) => bigCron(i)).join('---\n'));
    const bigParams = { from, until: from + 7 * DAY, maxFires: 500, uris: [bigUri] };
    const bigServer = await time(QUICK ? 3 : 8, () => client.conn.sendRequest(TimelineRequest.method, bigParams) as Promise<TimelineResult>);
    const bigView = await time(QUICK ? 3 : 8, () => {
      const v = buildTimelineView(bigServer.last, { displayZone: 'Europe/Paris', expectedDurationSec: 5400, now: from });
      html = renderTimelineHtml(v, PAGE);
      return v;
    });
    ok = report('200 CronWorkflows timeline (7 days)', bigServer, bigView, `· ${bigView.last.totals.fires} fires, ${(html.length / 1024 / 1024).toFixed(1)} MiB HTML`) && ok;
  } finally {
    await client.close();
  }
  console.log(ok ? 'views: all ratios within goal' : 'views: some ratio over goal (see above)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
