// `npm start` (scripts/start.sh): builds, starts code-server on 127.0.0.1 with the demo workspace, prints the URL,
// serves the workbench, and stops code-server (by pid) on Ctrl-C (SIGINT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { missingTools, REPO, stopProcessGroup, waitFor } from './harness';

const why = missingTools();

test('npm start serves the demo workspace on loopback and stops on Ctrl-C', { skip: why ? `E2E SKIPPED: ${why}` : false, timeout: 240_000 }, async () => {
  const child = spawn('bash', [join(REPO, 'scripts/start.sh')], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const url = await waitFor('the printed URL', () => /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out)?.[1], 180_000, 200);
    assert.ok(url.endsWith('/demo'), `opens the demo workspace: ${url}`);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<html/i);
    process.kill(child.pid!, 'SIGINT');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 30_000)))]);
    clearTimeout(timer);
    assert.notEqual(code, 'timeout', `start.sh did not exit on SIGINT:\n${out}`);
    const stopped = /stopping code-server \(pid (\d+)\)/.exec(out);
    assert.ok(stopped, `start.sh says it stops code-server:\n${out}`);
    const csPid = Number(stopped[1]);
    await waitFor(`code-server pid ${csPid} gone`, () => {
      try {
        process.kill(csPid, 0);
        return false;
      } catch {
        return true;
      }
    }, 15_000);
    await assert.rejects(fetch(url), 'nothing listens any more');
  } finally {
    await stopProcessGroup(child);
  }
});
