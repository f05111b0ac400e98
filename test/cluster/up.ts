// npm run cluster:up — starts etcd, kube-apiserver, workflow-controller and argo-server on 127.0.0.1 and records them
// (pids, ports, kubeconfig) in a state file; `npm run cluster:down` stops exactly those processes.
import { existsSync, writeFileSync } from 'node:fs';
import { DEFAULT_STATE_FILE, MissingBinariesError, isOurProcess, readState, startCluster } from './cluster';

async function main(): Promise<number> {
  const file = process.env.ARGO_TRIGGERS_CLUSTER ?? DEFAULT_STATE_FILE;
  if (existsSync(file)) {
    const old = readState(file);
    if (old.processes?.some(isOurProcess)) {
      console.error(`a cluster is already running (state ${file}); run npm run cluster:down first`);
      return 1;
    }
  }
  const t0 = Date.now();
  try {
    const s = await startCluster({ detached: true, log: (m) => console.error(m) });
    writeFileSync(file, JSON.stringify(s, null, 2));
    console.log(`cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s (CRDs: ${s.crds})`);
    console.log(`  state       ${file}`);
    console.log(`  kubeconfig  ${s.kubeconfig}`);
    console.log(`  apiserver   ${s.apiServer}`);
    console.log(`  argo-server ${s.argoServer}   (auth-mode client: Authorization: Bearer <TokenRequest token>)`);
    console.log(`  namespace   ${s.namespace}   logs: ${s.runDir}/*.log`);
    for (const p of s.processes) console.log(`  ${p.name.padEnd(20)} pid ${p.pid}`);
    console.log(`export KUBECONFIG=${s.kubeconfig} ARGO_TRIGGERS_CLUSTER=${file}`);
    return 0;
  } catch (e) {
    console.error(`cluster:up failed: ${(e as Error).message}`);
    return e instanceof MissingBinariesError ? 2 : 1;
  }
}
main().then((c) => process.exit(c));
