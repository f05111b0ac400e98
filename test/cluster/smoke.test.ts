// Smoke tests against the real cluster (etcd + kube-apiserver + Argo workflow-controller + argo-server, built from
// Go modules by test/cluster/build.sh). Cron and event tests run concurrently: the cron ones wait for minute
// boundaries, so the file takes about 1.5-2.5 minutes plus cluster start-up.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { argoRequest } from './cluster';
import { useCluster, type ClusterHandle } from './harness';

const cluster = useCluster();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Unique names, so the file can also run repeatedly against one `npm run cluster:up` cluster.
const SFX = Math.random().toString(36).slice(2, 7);
const CRON = `smoke-cron-${SFX}`;
const CONTROL = `smoke-control-${SFX}`;
const TMPL = `smoke-event-tmpl-${SFX}`;
const BINDING = `smoke-binding-${SFX}`;
const DISCRIMINATOR = `smoke-${SFX}`;

const CRON_LABEL = 'workflows.argoproj.io/cron-workflow';
const SCHEDULED_ANN = 'workflows.argoproj.io/scheduled-time';
const BINDING_LABEL = 'workflows.argoproj.io/workflow-event-binding';

const argoPath = (ns: string, plural: string, name = '') => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/${plural}${name ? `/${name}` : ''}`;

async function listWorkflows(c: ClusterHandle, selector: string): Promise<any[]> {
  const b = await c.kube.ok('GET', `${argoPath(c.namespace, 'workflows')}?labelSelector=${encodeURIComponent(selector)}`);
  return b.items;
}

async function poll<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(1000);
  }
}

/** A CronWorkflow firing every minute whose Workflow needs no pod (a 1 s suspend runs inside the controller). */
const cronWorkflow = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'CronWorkflow',
  metadata: { name },
  spec: {
    schedules: ['* * * * *'],
    workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', suspend: { duration: '1s' } }] },
  },
});

const scheduledSeconds = (wf: any, cron: string): number => {
  const m = new RegExp(`^${cron}-(\\d+)$`).exec(wf.metadata.name);
  assert.ok(m, `workflow name ${wf.metadata.name} is not <cron>-<unix seconds>`);
  return Number(m[1]);
};

describe('real cluster: Argo triggers', { concurrency: true }, () => {
  test('CronWorkflow fires every minute: Workflow <cron>-<unix seconds> with label + scheduled-time; suspend stops it', { timeout: 240_000 }, async (t) => {
    const c = cluster.get(t);
    if (!c) return;
    const ns = c.namespace;
    const created = Math.floor(Date.now() / 1000);
    t.after(async () => {
      // no garbage collector without kube-controller-manager: delete the children explicitly
      for (const n of [CRON, CONTROL]) {
        await c.kube.request('DELETE', argoPath(ns, 'cronworkflows', n));
        await c.kube.request('DELETE', `${argoPath(ns, 'workflows')}?labelSelector=${encodeURIComponent(`${CRON_LABEL}=${n}`)}`);
      }
    });
    await c.kube.ok('POST', argoPath(ns, 'cronworkflows'), cronWorkflow(CRON));
    await c.kube.ok('POST', argoPath(ns, 'cronworkflows'), cronWorkflow(CONTROL));

    // First scheduled run: at the next minute boundary after creation (plus controller latency).
    const [wf] = await poll(`the first run of ${CRON}`, 130_000, async () => {
      const items = await listWorkflows(c, `${CRON_LABEL}=${CRON}`);
      return items.length ? items : undefined;
    });
    const secs = scheduledSeconds(wf, CRON);
    assert.equal(secs % 60, 0, 'a "* * * * *" schedule fires on minute boundaries');
    assert.ok(secs >= created && secs <= Math.ceil(Date.now() / 1000), `scheduled time ${secs} within the test window`);
    assert.equal(wf.metadata.labels[CRON_LABEL], CRON);
    const ann = wf.metadata.annotations?.[SCHEDULED_ANN];
    assert.ok(ann, 'scheduled-time annotation present');
    assert.match(ann, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/, 'RFC3339');
    assert.equal(Date.parse(ann) / 1000, secs, 'annotation and name carry the same instant');
    const owner = wf.metadata.ownerReferences?.[0];
    assert.equal(owner?.kind, 'CronWorkflow');
    assert.equal(owner?.name, CRON);
    assert.equal(owner?.controller, true);

    // Suspend with the same merge patch the CLI/UI/server use, then wait for the control CronWorkflow's next
    // minute: it must fire, the suspended one must not.
    const patched = await c.kube.ok(
      'PATCH',
      argoPath(ns, 'cronworkflows', CRON),
      { spec: { suspend: true } },
      'application/merge-patch+json',
    );
    assert.equal(patched.spec.suspend, true);
    const before = (await listWorkflows(c, `${CRON_LABEL}=${CRON}`)).map((w) => scheduledSeconds(w, CRON));
    assert.ok(Math.max(...before) < secs + 60, 'no run of the next minute yet when suspending');
    await poll('the control CronWorkflow to fire at the next minute', 130_000, async () => {
      const items = await listWorkflows(c, `${CRON_LABEL}=${CONTROL}`);
      return items.some((w) => scheduledSeconds(w, CONTROL) >= secs + 60) ? true : undefined;
    });
    await sleep(3000); // both entries fire in the same second; give the suspended one time to (wrongly) submit
    const afterRuns = (await listWorkflows(c, `${CRON_LABEL}=${CRON}`)).map((w) => scheduledSeconds(w, CRON));
    assert.deepEqual(afterRuns.sort(), before.sort(), 'a suspended CronWorkflow submits no further runs');
  });

  test('event API: POST /api/v1/events/{ns}/{discriminator} with a TokenRequest bearer token submits from the binding', { timeout: 120_000 }, async (t) => {
    const c = cluster.get(t);
    if (!c) return;
    const ns = c.namespace;
    t.after(async () => {
      await c.kube.request('DELETE', argoPath(ns, 'workfloweventbindings', BINDING));
      await c.kube.request('DELETE', argoPath(ns, 'workflowtemplates', TMPL));
      await c.kube.request('DELETE', `${argoPath(ns, 'workflows')}?labelSelector=${encodeURIComponent(`${BINDING_LABEL}=${BINDING}`)}`);
    });
    await c.kube.ok('POST', argoPath(ns, 'workflowtemplates'), {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: TMPL },
      spec: {
        entrypoint: 'main',
        arguments: { parameters: [{ name: 'salutation', value: 'hello' }] },
        templates: [{ name: 'main', suspend: { duration: '1s' } }],
      },
    });
    await c.kube.ok('POST', argoPath(ns, 'workfloweventbindings'), {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowEventBinding',
      metadata: { name: BINDING },
      spec: {
        event: { selector: `discriminator == "${DISCRIMINATOR}" && payload.appellation != ""` },
        submit: {
          workflowTemplateRef: { name: TMPL },
          arguments: { parameters: [{ name: 'appellation', valueFrom: { event: 'payload.appellation' } }] },
        },
      },
    });
    const token = await c.eventToken();
    const auth = { authorization: `Bearer ${token}` };
    const selector = `${BINDING_LABEL}=${BINDING}`;

    // Without credentials: rejected (no webhook-clients secret either), nothing submitted.
    const anon = await argoRequest(c.argoServer, 'POST', `/api/v1/events/${ns}/${DISCRIMINATOR}`, { appellation: 'Anon' });
    assert.ok(anon.status === 401 || anon.status === 403, `unauthenticated event rejected, got ${anon.status}: ${anon.text.slice(0, 200)}`);
    // A discriminator the selector does not match: accepted, nothing submitted.
    const miss = await argoRequest(c.argoServer, 'POST', `/api/v1/events/${ns}/other`, { appellation: 'Nobody' }, auth);
    assert.equal(miss.status, 200, miss.text.slice(0, 300));
    assert.equal((await listWorkflows(c, selector)).length, 0, 'non-matching events submit nothing');

    const r = await argoRequest(c.argoServer, 'POST', `/api/v1/events/${ns}/${DISCRIMINATOR}`, { appellation: 'Argo' }, auth);
    assert.equal(r.status, 200, r.text.slice(0, 300));
    // Dispatch is synchronous by default: the Workflow exists when the response arrives.
    const wfs = await listWorkflows(c, selector);
    assert.equal(wfs.length, 1);
    const wf = wfs[0];
    assert.equal(wf.metadata.labels[BINDING_LABEL], BINDING);
    assert.equal(wf.metadata.labels['workflows.argoproj.io/workflow-template'], TMPL);
    assert.match(wf.metadata.name, new RegExp(`^${TMPL}-[a-z0-9]{5}$`));
    assert.equal(wf.spec.workflowTemplateRef.name, TMPL);
    assert.deepEqual(wf.spec.arguments.parameters, [{ name: 'appellation', value: 'Argo' }]);
  });
});
