// A real, throw-away Kubernetes control plane with Argo on 127.0.0.1: etcd + kube-apiserver + workflow-controller +
// argo-server, all built from Go modules by test/cluster/build.sh (no Docker, no kubelet, no controller-manager).
// Used by `npm run cluster:up` / `cluster:down` (up.ts / down.ts) and by the test helper (harness.ts).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest, Agent } from 'node:https';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CACHE_ROOT = process.env.ARGO_TRIGGERS_CACHE ?? join(homedir(), '.cache', 'argo-triggers');
export const MANIFEST = join(CACHE_ROOT, 'cluster-bins.json');
/** Where `npm run cluster:up` records the running cluster (override with ARGO_TRIGGERS_CLUSTER). */
export const DEFAULT_STATE_FILE = join(CACHE_ROOT, 'cluster-current.json');
export const CRD_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'argo-crds');
export const COMPONENTS = ['etcd', 'kube-apiserver', 'workflow-controller', 'argo'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface Binaries {
  paths: Partial<Record<Component, string>>;
  versions: Partial<Record<Component, string>>;
  /** component -> why it is not available (exact build error, or "not built yet"). */
  missing: Partial<Record<Component, string>>;
}

/** Reads the manifest written by test/cluster/build.sh. Never builds anything itself. */
export function findBinaries(): Binaries {
  const out: Binaries = { paths: {}, versions: {}, missing: {} };
  let m: Record<string, { path?: string; version?: string; error?: string }> = {};
  try {
    m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    for (const c of COMPONENTS) out.missing[c] = `no build manifest at ${MANIFEST}: run test/cluster/build.sh (npm run setup does)`;
    return out;
  }
  for (const c of COMPONENTS) {
    const e = m[c];
    if (e?.version) out.versions[c] = e.version;
    if (e?.path && existsSync(e.path)) out.paths[c] = e.path;
    else if (e?.error) out.missing[c] = e.error;
    else if (e?.path) out.missing[c] = `${c} binary recorded at ${e.path} but the file is gone: re-run test/cluster/build.sh`;
    else out.missing[c] = `${c} was never built: run test/cluster/build.sh`;
  }
  return out;
}

export interface ProcessRecord {
  name: string;
  pid: number;
  bin: string;
  log: string;
}

export interface ClusterState {
  version: 1;
  runDir: string;
  kubeconfig: string;
  namespace: string;
  apiServer: string;
  argoServer: string;
  etcd: string;
  crds: 'full' | 'minimal' | 'mixed';
  versions: Partial<Record<Component, string>>;
  processes: ProcessRecord[];
  /** ServiceAccount bound to the submit-workflow-template Role (for event API calls with a TokenRequest token). */
  eventServiceAccount: string;
  pki: { ca: string; cert: string; key: string };
  startedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// small utilities

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Is pid alive and still running `bin`? (guards against pid reuse; zombies count as gone) */
export function isOurProcess(p: ProcessRecord): boolean {
  // A child this process spawned: its exit event is the truth (its pid cannot be reused before we reap it).
  const child = childExits.get(p.pid);
  if (child) return !child.exited;
  // A process of a cluster started elsewhere (cluster:up): the pid must still run the recorded binary. Read twice
  // before saying no, so one odd /proc read under load does not declare a live process dead.
  return procRunsBinary(p) || procRunsBinary(p);
}

function procRunsBinary(p: ProcessRecord): boolean {
  try {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const st = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (st === 'Z' || st === 'X') return false;
    const cmd = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0')[0];
    return cmd === p.bin;
  } catch {
    return false;
  }
}

/** Exit status of the processes this Node process spawned, by pid. */
const childExits = new Map<number, { exited: boolean; how?: string }>();

export function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes API over https with the admin client certificate (or a bearer token)

export interface KubeResponse {
  status: number;
  body: any;
  text: string;
}

export class Kube {
  private agent: Agent;
  constructor(readonly server: string, pki: { ca: string; cert: string; key: string }, private token?: string) {
    this.agent = new Agent({
      ca: readFileSync(pki.ca),
      ...(token ? {} : { cert: readFileSync(pki.cert), key: readFileSync(pki.key) }),
      keepAlive: true,
    });
  }
  static fromState(s: ClusterState, token?: string): Kube {
    return new Kube(s.apiServer, s.pki, token);
  }
  close(): void {
    this.agent.destroy();
  }
  request(method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = 60_000): Promise<KubeResponse> {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return sendHttp(httpsRequest, new URL(path, this.server), method, data, {
      agent: this.agent,
      timeout: timeoutMs,
      headers: {
        accept: 'application/json',
        ...(data !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
    });
  }
  /** request() that throws on a non-2xx status, with the server's message (never headers or tokens). */
  async ok(method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
    const r = await this.request(method, path, body, contentType);
    if (r.status < 200 || r.status > 299) {
      throw new Error(`${method} ${path} -> ${r.status}: ${r.body?.message ?? r.text.slice(0, 500)}`);
    }
    return r.body;
  }
  /** Create, or (409) leave as is. */
  async ensure(path: string, obj: unknown): Promise<void> {
    const r = await this.request('POST', path, obj);
    if (r.status !== 201 && r.status !== 200 && r.status !== 409) {
      throw new Error(`POST ${path} -> ${r.status}: ${r.body?.message ?? r.text.slice(0, 500)}`);
    }
  }
}

/** A TokenRequest token for a ServiceAccount (the apiserver signs it; no controller-manager involved). */
export async function serviceAccountToken(kube: Kube, namespace: string, sa: string, seconds = 3600): Promise<string> {
  const b = await kube.ok('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${sa}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: seconds },
  });
  return b.status.token as string;
}

/** Plain HTTP to argo-server (it runs with --secure=false on 127.0.0.1). */
export function argoRequest(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<KubeResponse> {
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return sendHttp(httpRequest, new URL(path, base), method, data, {
    timeout: 60_000,
    headers: {
      ...(data !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
      ...headers,
    },
  });
}

/** One request over http or https: collects the body and parses it as JSON when it is JSON. */
function sendHttp(
  send: typeof httpRequest | typeof httpsRequest,
  url: URL,
  method: string,
  data: string | undefined,
  options: RequestOptions,
): Promise<KubeResponse> {
  return new Promise((res, rej) => {
    const req = send(url, { ...options, method }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* plain text */
        }
        res({ status: r.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url.pathname}`)));
    req.on('error', rej);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>, procs: ProcessRecord[] = []): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    for (const p of procs) {
      if (!isOurProcess(p)) {
        const how = childExits.get(p.pid)?.how;
        throw new Error(`${p.name} exited${how ? ` (${how})` : ''} while waiting for ${what}; log ${p.log}:\n${tail(p.log)}`);
      }
    }
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await sleep(250);
  }
}

function httpGetStatus(url: string): Promise<{ status: number; text: string }> {
  return new Promise((res, rej) => {
    const req = httpRequest(url, { timeout: 3000 }, (r) => {
      const c: Buffer[] = [];
      r.on('data', (d) => c.push(d));
      r.on('end', () => res({ status: r.statusCode ?? 0, text: Buffer.concat(c).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', rej);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CRDs

/** Minimal CRDs for the kinds the controller's informers need but the corpus does not carry. */
function auxiliaryCrd(kind: string, plural: string, singular: string): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.argoproj.io` },
    spec: {
      group: 'argoproj.io',
      names: { kind, listKind: `${kind}List`, plural, singular },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          ...(kind === 'WorkflowTaskResult' ? {} : { subresources: { status: {} } }),
        },
      ],
    },
  };
}

/** The corpus CRD files as raw YAML (the apiserver decodes YAML itself: parsing 14 MB of YAML in node is slow). */
function readCrds(flavour: 'full' | 'minimal'): Map<string, string> {
  const dir = join(CRD_DIR, flavour);
  if (!existsSync(dir)) throw new Error(`Argo CRDs not found at ${dir} (expected the shared corpus beside the repo: ../shared/corpus/argo-crds)`);
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) {
    const m = /^argoproj\.io_([a-z]+)\.yaml$/.exec(f);
    if (m) out.set(`${m[1]}.argoproj.io`, readFileSync(join(dir, f), 'utf8'));
  }
  return out;
}

async function installCrds(kube: Kube, prefer: 'full' | 'minimal', log: (s: string) => void, step: (s: string) => void = () => {}): Promise<'full' | 'minimal' | 'mixed'> {
  const base = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  const minimal = readCrds('minimal');
  const chosen = prefer === 'full' ? readCrds('full') : minimal;
  const used = new Set<string>();
  const names = [...chosen.keys()];
  const post = (body: string) => kube.request('POST', base, body, 'application/yaml', 300_000);
  await Promise.all(
    [...chosen].map(async ([name, yaml]) => {
      const r = await post(yaml);
      if (r.status === 201 || r.status === 409) used.add(prefer);
      else if (prefer === 'full' && minimal.has(name)) {
        log(`!! full CRD ${name} rejected (${r.status}: ${r.body?.message ?? r.text.slice(0, 300)}); using the minimal one`);
        const r2 = await post(minimal.get(name)!);
        if (r2.status !== 201 && r2.status !== 409) throw new Error(`installing CRD ${name} -> ${r2.status}: ${r2.body?.message ?? r2.text.slice(0, 300)}`);
        used.add('minimal');
      } else throw new Error(`installing CRD ${name} -> ${r.status}: ${r.body?.message ?? r.text.slice(0, 300)}`);
    }),
  );
  for (const [kind, plural, singular] of [
    ['WorkflowTaskResult', 'workflowtaskresults', 'workflowtaskresult'],
    ['WorkflowTaskSet', 'workflowtasksets', 'workflowtaskset'],
    ['WorkflowArtifactGCTask', 'workflowartifactgctasks', 'workflowartifactgctask'],
  ]) {
    if (names.includes(`${plural}.argoproj.io`)) continue;
    await kube.ensure(base, auxiliaryCrd(kind, plural, singular));
    names.push(`${plural}.argoproj.io`);
  }
  step(`${names.length} CRDs created`);
  for (const n of names) {
    await waitFor(`CRD ${n} Established`, 120_000, async () => {
      const b = await kube.ok('GET', `${base}/${n}`);
      return b.status?.conditions?.some((c: any) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
  }
  return used.size > 1 ? 'mixed' : (([...used][0] as 'full' | 'minimal') ?? prefer);
}

// ---------------------------------------------------------------------------------------------------------------
// start / stop

export interface StartOptions {
  namespace?: string;
  /** 'full' (default: the corpus's full CRDs with schema + CEL) or 'minimal'. Env CLUSTER_CRDS overrides. */
  crds?: 'full' | 'minimal';
  /** false: only etcd + kube-apiserver + CRDs and the set-up objects (no workflow-controller / argo-server). */
  argo?: boolean;
  /** keep processes running after this node process exits (cluster:up). */
  detached?: boolean;
  log?: (s: string) => void;
}

export class MissingBinariesError extends Error {
  constructor(readonly missing: Partial<Record<Component, string>>) {
    super(
      'real-cluster binaries missing:\n' +
        Object.entries(missing)
          .map(([c, why]) => `  ${c}: ${why}`)
          .join('\n'),
    );
  }
}

const started: { proc: ChildProcess; rec: ProcessRecord }[] = [];
let exitHookInstalled = false;

export async function startCluster(opts: StartOptions = {}): Promise<ClusterState> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const ns = opts.namespace ?? 'argo';
  const withArgo = opts.argo !== false;
  const bins = findBinaries();
  const needed: Component[] = withArgo ? [...COMPONENTS] : ['etcd', 'kube-apiserver'];
  const missing = Object.fromEntries(Object.entries(bins.missing).filter(([c]) => needed.includes(c as Component)));
  if (Object.keys(missing).length) throw new MissingBinariesError(missing);
  const bin = bins.paths as Record<Component, string>;

  const runDir = mkdtempSync(join(tmpdir(), 'argo-triggers-cluster-'));
  const pki = join(runDir, 'pki');
  mkdirSync(pki);
  const processes: ProcessRecord[] = [];
  const state: Partial<ClusterState> = { version: 1, runDir, namespace: ns, processes, versions: bins.versions };
  writeFileSync(join(runDir, 'state.json'), JSON.stringify(state, null, 2));

  const launch = (name: string, file: string, args: string[], env: Record<string, string> = {}): ProcessRecord => {
    const logFile = join(runDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const proc = spawn(file, args, {
      cwd: runDir,
      stdio: ['ignore', fd, fd],
      // cluster:up: own process group, so the cluster outlives the command. Test harness: same process group, so a
      // Ctrl-C on the test run also stops the cluster.
      detached: !!opts.detached,
      env: { ...process.env, ...env },
    });
    closeSync(fd);
    if (!proc.pid) throw new Error(`could not start ${file}`);
    const exit: { exited: boolean; how?: string } = { exited: false };
    childExits.set(proc.pid, exit);
    proc.on('exit', (code, signal) => Object.assign(exit, { exited: true, how: signal ? `signal ${signal}` : `code ${code}` }));
    const rec = { name, pid: proc.pid, bin: file, log: logFile };
    processes.push(rec);
    writeFileSync(join(runDir, 'state.json'), JSON.stringify(state, null, 2));
    if (opts.detached) proc.unref();
    else {
      started.push({ proc, rec });
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        const killAll = () => {
          for (const s of started) if (isOurProcess(s.rec)) try { process.kill(s.rec.pid, 'SIGKILL'); } catch { /* gone */ }
        };
        process.on('exit', killAll);
        for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
          process.once(sig, () => {
            killAll();
            process.exit(128 + n);
          });
        }
      }
    }
    return rec;
  };

  const t0 = Date.now();
  const step = (what: string) => log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${what}`);
  const finish = (): ClusterState => {
    step('ready');
    state.startedAt = new Date().toISOString();
    writeFileSync(join(runDir, 'state.json'), JSON.stringify(state, null, 2));
    return state as ClusterState;
  };
  try {
    // 1. PKI: CA, apiserver serving cert, admin client cert (system:masters), ServiceAccount signing key. EC P-256.
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(pki, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=argo-triggers-test-ca']);
    writeFileSync(join(pki, 'server.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
    writeFileSync(join(pki, 'client.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
    for (const [name, subj, ext] of [
      ['apiserver', '/CN=kube-apiserver', 'server.ext'],
      ['admin', '/O=system:masters/CN=argo-triggers-admin', 'client.ext'],
    ]) {
      openssl(pki, ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj]);
      openssl(pki, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', ext]);
    }
    openssl(pki, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'sa.key']);
    openssl(pki, ['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
    state.pki = { ca: join(pki, 'ca.crt'), cert: join(pki, 'admin.crt'), key: join(pki, 'admin.key') };
    step('PKI');

    // 2. etcd
    const [etcdPort, peerPort, apiPort, argoPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    state.etcd = etcdUrl;
    const etcd = launch('etcd', bin.etcd, [
      '--name', 'test', '--data-dir', join(runDir, 'etcd'),
      '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `test=http://127.0.0.1:${peerPort}`,
      '--unsafe-no-fsync', '--log-level', 'warn', '--max-request-bytes', String(8 * 1024 * 1024),
    ]);
    await waitFor('etcd /health', 60_000, async () => ((await httpGetStatus(`${etcdUrl}/health`)).text.includes('"true"') ? true : undefined), [etcd]);
    step('etcd healthy');

    // 3. kube-apiserver (RBAC on; TokenRequest enabled through the SA issuer + signing key)
    const apiServer = `https://127.0.0.1:${apiPort}`;
    state.apiServer = apiServer;
    const api = launch('kube-apiserver', bin['kube-apiserver'], [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${apiPort}`,
      `--cert-dir=${join(runDir, 'apiserver-certs')}`,
      `--tls-cert-file=${join(pki, 'apiserver.crt')}`, `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
      `--client-ca-file=${join(pki, 'ca.crt')}`,
      `--service-account-issuer=${apiServer}`,
      `--service-account-key-file=${join(pki, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
      '--authorization-mode=RBAC',
      '--service-cluster-ip-range=10.0.0.0/24',
      '--endpoint-reconciler-type=none',
      '--profiling=false', '-v=1',
    ]);
    const kube = new Kube(apiServer, state.pki);
    try {
      await waitFor('kube-apiserver /readyz', 120_000, async () => ((await kube.request('GET', '/readyz')).text === 'ok' ? true : undefined), [etcd, api]);
      step('kube-apiserver ready');

      // 4. kubeconfig (JSON is valid YAML)
      const kubeconfig = join(runDir, 'kubeconfig');
      const b64 = (f: string) => readFileSync(f).toString('base64');
      writeFileSync(
        kubeconfig,
        JSON.stringify(
          {
            apiVersion: 'v1',
            kind: 'Config',
            clusters: [{ name: 'argo-triggers-test', cluster: { server: apiServer, 'certificate-authority-data': b64(state.pki.ca) } }],
            users: [{ name: 'admin', user: { 'client-certificate-data': b64(state.pki.cert), 'client-key-data': b64(state.pki.key) } }],
            contexts: [{ name: 'argo-triggers-test', context: { cluster: 'argo-triggers-test', user: 'admin', namespace: ns } }],
            'current-context': 'argo-triggers-test',
          },
          null,
          2,
        ),
        { mode: 0o600 },
      );
      state.kubeconfig = kubeconfig;

      // 5. what kube-controller-manager would otherwise provide, plus Argo's install
      await kube.ensure('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const eventSa = 'argo-events-sender';
      state.eventServiceAccount = eventSa;
      for (const sa of ['default', eventSa]) {
        await kube.ensure(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } });
      }
      // Role as in Argo's quick-start webhooks/submit-workflow-template-role: enough to POST events in client mode.
      await kube.ensure(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'submit-workflow-template' },
        rules: [
          { apiGroups: ['argoproj.io'], resources: ['workfloweventbindings'], verbs: ['list'] },
          { apiGroups: ['argoproj.io'], resources: ['workflowtemplates'], verbs: ['get'] },
          { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create'] },
        ],
      });
      await kube.ensure(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `${eventSa}-submit-workflow-template` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'submit-workflow-template' },
        subjects: [{ kind: 'ServiceAccount', name: eventSa, namespace: ns }],
      });
      await kube.ensure(`/api/v1/namespaces/${ns}/configmaps`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'workflow-controller-configmap' },
        data: { metricsConfig: 'enabled: false\n', telemetryConfig: 'enabled: false\n' },
      });
      const prefer = (process.env.CLUSTER_CRDS as 'full' | 'minimal' | undefined) ?? opts.crds ?? 'full';
      step('namespace, service accounts, RBAC, configmap');
      state.crds = await installCrds(kube, prefer, log, step);
      step(`${state.crds} CRDs established`);

      if (!withArgo) return finish();
      // 6. Argo: workflow-controller (namespaced, no leader election) and argo-server (client auth, plain HTTP)
      const ctrl = launch(
        'workflow-controller',
        bin['workflow-controller'],
        ['--kubeconfig', kubeconfig, '--namespaced', '--managed-namespace', ns, '--loglevel', 'info'],
        { LEADER_ELECTION_DISABLE: 'true', CRON_SYNC_PERIOD: '2s' },
      );
      const argoServer = `http://127.0.0.1:${argoPort}`;
      state.argoServer = argoServer;
      const srv = launch('argo-server', bin.argo, [
        'server', '--kubeconfig', kubeconfig, '--namespace', ns, '--namespaced', '--managed-namespace', ns,
        '--auth-mode', 'client', '--secure=false', '--port', String(argoPort), '--loglevel', 'info',
      ], { KUBECONFIG: kubeconfig }); // client mode builds per-request configs from KUBECONFIG, not from --kubeconfig
      await waitFor('workflow-controller "Starting CronWorkflow controller"', 90_000, async () =>
        readFileSync(ctrl.log, 'utf8').includes('Starting CronWorkflow controller') ? true : undefined, [ctrl]);
      step('workflow-controller started');
      await waitFor('argo-server HTTP', 90_000, async () => ((await httpGetStatus(`${argoServer}/`)).status === 200 ? true : undefined), [srv]);
    } finally {
      kube.close();
    }
    return finish();
  } catch (e) {
    await stopCluster(state as ClusterState, { keepRunDir: true, log });
    throw new Error(`${(e as Error).message}\n(cluster logs kept in ${runDir})`);
  }
}

/** Stops exactly the recorded processes (by pid, after checking the pid still runs the recorded binary). */
export async function stopCluster(state: ClusterState, opts: { keepRunDir?: boolean; log?: (s: string) => void } = {}): Promise<{ crashed: string[] }> {
  const log = opts.log ?? ((s: string) => process.stderr.write(s + '\n'));
  const crashed: string[] = [];
  const stopOne = async (p: ProcessRecord): Promise<void> => {
    if (!isOurProcess(p)) {
      crashed.push(p.name);
      return;
    }
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const end = Date.now() + 5_000;
    while (isOurProcess(p) && Date.now() < end) await sleep(100);
    if (isOurProcess(p)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      while (isOurProcess(p) && Date.now() < end + 5_000) await sleep(100);
    }
  };
  // Argo first (both at once), then the apiserver, then etcd.
  const procs = state.processes ?? [];
  const order = [['workflow-controller', 'argo-server'], ['kube-apiserver'], ['etcd']];
  for (const names of order) await Promise.all(procs.filter((p) => names.includes(p.name)).map(stopOne));
  await Promise.all(procs.filter((p) => !order.flat().includes(p.name)).map(stopOne));
  for (let i = started.length - 1; i >= 0; i--) if (state.processes?.some((p) => p.pid === started[i].rec.pid)) started.splice(i, 1);
  if (crashed.length) {
    for (const n of crashed) {
      const p = state.processes.find((x) => x.name === n)!;
      log(`!! ${n} (pid ${p.pid}) was no longer running before cluster:down; last lines of ${p.log}:\n${tail(p.log)}`);
    }
  }
  if (state.runDir && !opts.keepRunDir && !crashed.length) rmSync(state.runDir, { recursive: true, force: true });
  else if (state.runDir) log(`cluster logs kept in ${state.runDir}`);
  return { crashed };
}

export function readState(file: string): ClusterState {
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
}
