// A small LSP client over stdio for tests and benchmarks: spawns a server, answers the server's requests
// (configuration, registration, progress, refresh), and exposes the protocol connection.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

export interface LspClient {
  conn: ProtocolConnection;
  child: ChildProcess;
  stderr: () => string;
  notifications: { method: string; params: unknown }[];
  /** methods of the requests the server sent to the client, in order */
  serverRequests: string[];
  close(): Promise<number | null>;
}

export function startServer(command: string, args: string[], opts: { configuration?: (section: string | undefined) => unknown; cwd?: string } = {}): LspClient {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: opts.cwd });
  let err = '';
  child.stderr!.on('data', (d) => { err += d; if (err.length > 1e6) err = err.slice(-5e5); });
  const quiet = { error: () => {}, warn: () => {}, info: () => {}, log: () => {} };
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!), quiet);
  const notifications: { method: string; params: unknown }[] = [];
  const serverRequests: string[] = [];
  const on = (method: string, fn: (p: never) => unknown) => conn.onRequest(method, (p: never) => {
    serverRequests.push(method);
    if (serverRequests.length > 10_000) serverRequests.splice(0, 5_000);
    return fn(p);
  });
  on('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => opts.configuration?.(i.section) ?? null));
  on('client/registerCapability', () => null);
  on('client/unregisterCapability', () => null);
  on('window/workDoneProgress/create', () => null);
  on('workspace/diagnostic/refresh', () => null);
  on('workspace/codeLens/refresh', () => null);
  on('workspace/workspaceFolders', () => null);
  (conn.onNotification as unknown as (h: (method: string, params: unknown) => void) => void).call(conn, (method: string, params: unknown) => {
    notifications.push({ method, params });
    if (notifications.length > 10_000) notifications.splice(0, 5_000);
  });
  conn.listen();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    conn, child, notifications, serverRequests,
    stderr: () => err,
    async close() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      if (child.exitCode === null && child.pid) {
        try { process.kill(child.pid); } catch { /* gone */ }
      }
      conn.dispose();
      return code;
    },
  };
}

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');

function newestSource(): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(ROOT, 'server'));
  walk(join(ROOT, 'core'));
  return newest;
}

/** Builds dist/server.js with the options of scripts/build.mjs when it is missing or older than the sources. */
export async function ensureServerBundle(): Promise<string> {
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= newestSource()) return SERVER;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/main.ts')], outfile: SERVER, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none',
  });
  return SERVER;
}
