// Test helper: brings the real cluster (etcd + kube-apiserver + Argo) up once for the test file that calls
// useCluster(), and tears it down after. If ARGO_TRIGGERS_CLUSTER names the state file of a running
// `npm run cluster:up` cluster, that one is reused and left running.
// When a binary could not be built, every test that asks for the cluster is skipped with the exact reason.
import { after, before, type TestContext } from 'node:test';
import { existsSync } from 'node:fs';
import {
  Kube,
  MissingBinariesError,
  findBinaries,
  isOurProcess,
  readState,
  serviceAccountToken,
  startCluster,
  stopCluster,
  type ClusterState,
} from './cluster';

export interface ClusterHandle {
  state: ClusterState;
  /** admin (system:masters) client */
  kube: Kube;
  namespace: string;
  argoServer: string;
  /** TokenRequest token of the ServiceAccount bound to the submit-workflow-template Role */
  eventToken(): Promise<string>;
}

export interface ClusterSuite {
  /** The running cluster, or undefined after t.skip() with the reason. */
  get(t: TestContext): ClusterHandle | undefined;
}

export function useCluster(): ClusterSuite {
  let handle: ClusterHandle | undefined;
  let skipReason: string | undefined;
  let owned = false;

  before(async () => {
    const attach = process.env.ARGO_TRIGGERS_CLUSTER;
    let state: ClusterState | undefined;
    if (attach && existsSync(attach)) {
      const s = readState(attach);
      if (s.processes.every(isOurProcess)) state = s;
      else process.stderr.write(`[cluster] ${attach} names a cluster that is not (fully) running; starting a private one\n`);
    }
    if (!state) {
      const bins = findBinaries();
      if (Object.keys(bins.missing).length) {
        skipReason = new MissingBinariesError(bins.missing).message;
        process.stderr.write(`\n[cluster] SKIPPING real-cluster tests: ${skipReason}\n\n`);
        return;
      }
      const t0 = Date.now();
      state = await startCluster({ log: (m) => process.stderr.write(`[cluster] ${m}\n`) });
      owned = true;
      process.stderr.write(`[cluster] up in ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${state.runDir}\n`);
    }
    const s = state;
    const kube = Kube.fromState(s);
    handle = {
      state: s,
      kube,
      namespace: s.namespace,
      argoServer: s.argoServer,
      eventToken: () => serviceAccountToken(kube, s.namespace, s.eventServiceAccount),
    };
  }, { timeout: 300_000 });

  after(async () => {
    handle?.kube.close();
    if (handle && owned) {
      const { crashed } = await stopCluster(handle.state, { log: (m) => process.stderr.write(`[cluster] ${m}\n`) });
      if (crashed.length) throw new Error(`cluster component(s) died during the tests: ${crashed.join(', ')} (logs kept in ${handle.state.runDir})`);
    }
  }, { timeout: 60_000 });

  return {
    get(t) {
      if (skipReason) {
        t.skip(`real cluster not available: ${skipReason}`);
        return undefined;
      }
      if (!handle) throw new Error('cluster handle missing: before() did not run or failed');
      return handle;
    },
  };
}
