// Language-server benchmarks, ours vs yaml-language-server 1.25 with Argo's JSON schema, both over stdio with the same
// small client (test/server/lspClient.ts), one after the other (never concurrently), in one run:
//   1. full diagnostics of a fresh 500-document file (goal: ≥ 5× faster than yaml-language-server)
//   2. edit → diagnostics p95 on a 50-document file (goal: ≤ 50 ms)
//   3. hover latency on a schedule (goal: ≤ 20 ms)
// yaml-language-server publishes diagnostics after a fixed 200 ms debounce (yamlSettings.validationDelayMs, not a
// setting); its times are printed raw and with those 200 ms subtracted, and ratios use the subtracted (peer-favouring) figure.
// The schema is read from ../shared/corpus at run time (never copied into the repo); the peer's schema store and
// CRD store are disabled, so nothing goes to the network.
// Usage: npm run bench -- server     (env BENCH_QUICK=1 for fewer iterations)
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureServerBundle, startServer, type LspClient } from '../test/server/lspClient';

const ROOT = resolve(__dirname, '..');
const SCHEMA = resolve(ROOT, '../shared/corpus/argo-crds/jsonschema/schema.json');
const YAMLLS = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const QUICK = !!process.env.BENCH_QUICK;
const YAMLLS_DEBOUNCE_MS = 200;

function cron(i: number): string {
  const zones = ['Europe/Berlin', 'America/Los_Angeles', 'UTC', 'Asia/Tokyo', 'America/New_York'];
  return `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: cron-${i}
  namespace: argo
spec:
  schedules:
    - "${i % 60} ${i % 24} * * *"
    - "*/${(i % 5) + 2} 9-17 * * 1-5"
  timezone: ${zones[i % zones.length]}
  concurrencyPolicy: ${['Allow', 'Forbid', 'Replace'][i % 3]}
  startingDeadlineSeconds: 60
  workflowSpec:
    workflowTemplateRef:
      name: template-${i % 50}
`;
}

function binding(i: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: WorkflowEventBinding
metadata:
  name: binding-${i}
  namespace: argo
spec:
  event:
    selector: payload.repo == "repo-${i}" && "push" in metadata["x-github-event"]
  submit:
    workflowTemplateRef:
      name: template-${i % 50}
    arguments:
      parameters:
        - name: message
          valueFrom:
            event: payload.head_commit.message
`;
}

function template(i: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: template-${i}
  namespace: argo
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: message
        value: hello
  templates:
    - name: main
      container:
        image: busybox
        command: [echo, "{{workflow.parameters.message}}"]
`;
}

export function makeFile(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(i % 5 < 2 ? cron(i) : i % 5 < 4 ? binding(i) : template(i));
  return docs.join('---\n');
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const med = (xs: number[]) => pct(xs, 50);
const f1 = (x: number) => x.toFixed(1);

interface Server {
  name: string;
  client: LspClient;
  /** time from didOpen/didChange until diagnostics for that version are available */
  open(uri: string, text: string): Promise<number>;
  change(uri: string, version: number, edit: { line: number; character: number; text: string; len: number }): Promise<number>;
  hover(uri: string, line: number, character: number): Promise<{ ms: number; text: string }>;
  close(): Promise<void>;
}

async function init(client: LspClient, initializationOptions: unknown): Promise<void> {
  await client.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, workspaceFolders: null, initializationOptions,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { diagnostic: {}, publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
    },
  });
  await client.conn.sendNotification('initialized', {});
}

async function ours(): Promise<Server> {
  const server = await ensureServerBundle();
  const client = startServer(process.execPath, [server, '--stdio'], { configuration: (s) => (s === 'argoTriggers' ? { argoVersion: 'v4.1', controllerTimezone: 'UTC' } : null) });
  await init(client, { disableWorkspaceIndex: true, userTimeZone: 'UTC' });
  const pull = async (uri: string) => {
    const r = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    return r.items.length;
  };
  return {
    name: 'argo-triggers', client,
    async open(uri, text) {
      const t = performance.now();
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await pull(uri);
      return performance.now() - t;
    },
    async change(uri, version, e) {
      const t = performance.now();
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.len } }, text: e.text }] });
      await pull(uri);
      return performance.now() - t;
    },
    async hover(uri, line, character) {
      const t = performance.now();
      const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { value: string } } | null;
      return { ms: performance.now() - t, text: h?.contents?.value ?? '' };
    },
    async close() {
      await client.close();
    },
  };
}

async function yamlls(): Promise<Server> {
  const yamlSettings = {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemas: { [pathToFileURL(SCHEMA).toString()]: ['*.yaml'] },
    schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, yamlVersion: '1.2',
  };
  const client = startServer(process.execPath, [YAMLLS, '--stdio'], { configuration: (s) => (s === 'yaml' ? yamlSettings : s === 'http' ? {} : s === 'editor' ? { tabSize: 2 } : null) });
  await init(client, {});
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  const waiters = new Map<string, { version?: number; resolve: (n: number) => void }>();
  client.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
    const w = waiters.get(p.uri);
    if (w && (w.version === undefined || p.version === undefined || p.version === w.version)) {
      waiters.delete(p.uri);
      w.resolve(p.diagnostics.length);
    }
  });
  const wait = (uri: string, version?: number) => new Promise<number>((resolve) => waiters.set(uri, { version, resolve }));
  return {
    name: 'yaml-language-server', client,
    async open(uri, text) {
      const t = performance.now();
      const done = wait(uri, 1);
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await done;
      return performance.now() - t;
    },
    async change(uri, version, e) {
      const t = performance.now();
      const done = wait(uri, version);
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.len } }, text: e.text }] });
      await done;
      return performance.now() - t;
    },
    async hover(uri, line, character) {
      const t = performance.now();
      const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as { contents: { value: string } } | null;
      return { ms: performance.now() - t, text: h?.contents?.value ?? '' };
    },
    async close() {
      await client.close();
    },
  };
}

interface Results { full: number[]; edits: number[]; hovers: number[]; cold: number[]; hoverText: string; bigLines: number }

/** Runs the same steps on both servers, alternating request by request so load drift on a shared machine hits both. */
async function measureBoth(servers: Server[]): Promise<Results[]> {
  const big = makeFile(500);
  const fifty = makeFile(50);
  const res: Results[] = servers.map(() => ({ full: [], edits: [], hovers: [], cold: [], hoverText: '', bigLines: big.split('\n').length }));
  // warm-up (schema load, JIT)
  for (const s of servers) await s.open('file:///bench/warm.yaml', makeFile(10));
  for (let i = 0; i < (QUICK ? 2 : 5); i++) {
    for (const [k, s] of servers.entries()) res[k].full.push(await s.open(`file:///bench/big-${i}.yaml`, big));
  }
  // edits on the 50-document file: change one character of a metadata.name in a rotating document
  const uri = 'file:///bench/fifty.yaml';
  for (const s of servers) await s.open(uri, fifty);
  const lines = fifty.split('\n');
  const nameLines = lines.map((l, i) => (/^  name: /.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let e = 0; e < (QUICK ? 20 : 60); e++) {
    const line = nameLines[(e * 7) % nameLines.length];
    for (const [k, s] of servers.entries()) res[k].edits.push(await s.change(uri, e + 2, { line, character: 8, len: 1, text: String.fromCharCode(97 + (e % 26)) }));
  }
  // hover on every schedule of the 50-document file: the first pass is cold (nothing cached), later passes warm
  const schedLines = lines.map((l, i) => (/^    - "/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let pass = 0; pass < (QUICK ? 2 : 4); pass++) {
    for (const line of schedLines) {
      for (const [k, s] of servers.entries()) {
        const h = await s.hover(uri, line, 8);
        (pass === 0 ? res[k].cold : res[k].hovers).push(h.ms);
        res[k].hoverText = h.text || res[k].hoverText;
      }
    }
  }
  return res;
}

/** In-process: the core's lintText over the whole 500-document file (what the CLI does), to show the adapter's share. */
async function coreOnly(): Promise<number> {
  const { realCore } = await import('../server/coreImpl');
  const big = makeFile(500);
  const runs: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const t = performance.now();
    realCore.lintText(big, { argoVersion: 'v4.1', controllerZone: 'UTC', now: Date.now() });
    runs.push(performance.now() - t);
  }
  return med(runs);
}

async function main() {
  if (!existsSync(SCHEMA)) {
    console.log(`SKIP: Argo schema not found at ${SCHEMA} (the shared corpus is needed for the peer)`);
    return;
  }
  const a = await ours();
  const b = await yamlls();
  const [ra, rb] = await measureBoth([a, b]);
  await a.close();
  await b.close();
  const coreMs = await coreOnly();

  const oursFull = med(ra.full);
  const peerFullRaw = med(rb.full);
  const peerFull = Math.max(1, peerFullRaw - YAMLLS_DEBOUNCE_MS);
  console.log(`node ${process.version}; load average ${require('node:os').loadavg().map((x: number) => x.toFixed(1)).join(' ')}; 500-document file = ${ra.bigLines} lines; runs: full ${ra.full.length}, edits ${ra.edits.length}, hovers ${ra.cold.length} cold + ${ra.hovers.length} warm`);
  console.log('');
  console.log(`full diagnostics, 500 documents (median):`);
  console.log(`  argo-triggers         ${f1(oursFull)} ms   (runs: ${ra.full.map(f1).join(', ')})`);
  console.log(`  yaml-language-server  ${f1(peerFullRaw)} ms raw, ${f1(peerFull)} ms without its 200 ms debounce   (runs: ${rb.full.map(f1).join(', ')})`);
  console.log(`  ratio                 ${f1(peerFull / oursFull)}× faster (goal ≥ 5×)  ${peerFull / oursFull >= 5 ? 'PASS' : 'MISS'}`);
  console.log(`  core lintText alone   ${f1(coreMs)} ms in-process on the same file (the adapter's share is the rest)`);
  console.log('');
  const ep95 = pct(ra.edits, 95);
  const pp95 = Math.max(1, pct(rb.edits, 95) - YAMLLS_DEBOUNCE_MS);
  console.log(`edit → diagnostics, 50 documents:`);
  console.log(`  argo-triggers         p50 ${f1(med(ra.edits))} ms, p95 ${f1(ep95)} ms (goal ≤ 50 ms)  ${ep95 <= 50 ? 'PASS' : 'MISS'}`);
  console.log(`  yaml-language-server  p50 ${f1(med(rb.edits))} ms, p95 ${f1(pct(rb.edits, 95))} ms raw (${f1(pp95)} ms without debounce)`);
  console.log(`  ratio (p95)           ${f1(pp95 / ep95)}×`);
  console.log('');
  const hp95 = pct(ra.cold, 95);
  console.log(`hover on a schedule value, 50 documents (${ra.cold.length} distinct schedules):`);
  console.log(`  argo-triggers         cold p50 ${f1(med(ra.cold))} ms, cold p95 ${f1(hp95)} ms (goal ≤ 20 ms)  ${hp95 <= 20 ? 'PASS' : 'MISS'}; warm p95 ${f1(pct(ra.hovers, 95))} ms   [${ra.hoverText.length} chars of markdown]`);
  console.log(`  yaml-language-server  cold p50 ${f1(med(rb.cold))} ms, cold p95 ${f1(pct(rb.cold, 95))} ms; warm p95 ${f1(pct(rb.hovers, 95))} ms   [${rb.hoverText.length} chars: the schema has no text for schedule values]`);
  console.log(`  ratio (cold p95)      ${f1(pct(rb.cold, 95) / hp95)}×`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
