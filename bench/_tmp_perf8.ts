import { ensureServerBundle, startServer } from '../test/server/lspClient';
import { makeFile } from './server.bench';
(async () => {
  const server = await ensureServerBundle();
  const c = startServer(process.execPath, [server, '--stdio']);
  await c.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { disableWorkspaceIndex: true } });
  await c.conn.sendNotification('initialized', {});
  const big = makeFile(500);
  for (let i = 0; i < 4; i++) {
    const uri = `file:///b${i}.yaml`;
    const t = performance.now();
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: big } });
    const r = await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: unknown[] };
    const total = performance.now() - t;
    await new Promise((res) => setTimeout(res, 50));
    const st = c.notifications.filter((n) => n.method === 'argoTriggers/status').pop()?.params as { validationTimeMs: number };
    console.log(`client ${total.toFixed(0)} ms, server validation ${st?.validationTimeMs} ms, items ${r.items.length}`);
  }
  await c.close();
})();
