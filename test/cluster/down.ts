// npm run cluster:down — stops exactly the processes `cluster:up` started (by pid, checked against the recorded binary)
// and removes its temp dir. If a component had died, its log tail is printed and the dir is kept.
import { existsSync, rmSync } from 'node:fs';
import { DEFAULT_STATE_FILE, readState, stopCluster } from './cluster';

async function main(): Promise<number> {
  const file = process.env.ARGO_TRIGGERS_CLUSTER ?? DEFAULT_STATE_FILE;
  if (!existsSync(file)) {
    console.log(`no cluster recorded at ${file}`);
    return 0;
  }
  const s = readState(file);
  const keep = process.argv.includes('--keep-logs');
  const { crashed } = await stopCluster(s, { keepRunDir: keep, log: (m) => console.error(m) });
  rmSync(file, { force: true });
  console.log(`cluster stopped (${s.processes.map((p) => `${p.name} ${p.pid}`).join(', ')})`);
  return crashed.length ? 1 : 0;
}
main().then((c) => process.exit(c));
