// CronWorkflow → the Workflow the controller creates at a scheduled time (argo-triggers.md §2.4,
// workflow/common/convert.go), or the one a manual submit (`argo submit --from cronwf/NAME`) creates.
import { formatRfc3339, loadZone, type Zone } from '../cron';

export interface CronToWorkflowOptions {
  /** zone used for the scheduled-time annotation when spec.timezone is empty (the controller's zone; default UTC) */
  controllerZone?: string;
  /** manual submit: generateName `<cron>-` instead of the deterministic name */
  manual?: boolean;
}

const COPIED_LABELS = ['workflows.argoproj.io/creator', 'workflows.argoproj.io/creator-email', 'workflows.argoproj.io/creator-preferred-username',
  'workflows.argoproj.io/controller-instanceid'];

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const strMap = (x: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(x))) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
};

export function cronWorkflowToWorkflow(cron: unknown, scheduledAt: number, opts: CronToWorkflowOptions = {}): unknown {
  const c = obj(cron);
  const meta = obj(c.metadata);
  const spec = obj(c.spec);
  const name = typeof meta.name === 'string' ? meta.name : '';
  const tz = typeof spec.timezone === 'string' ? spec.timezone : '';
  let zone: Zone | undefined;
  const z = loadZone(tz !== '' ? tz : opts.controllerZone || 'UTC');
  if (z.ok) zone = z.zone;
  else {
    const u = loadZone('UTC');
    if (u.ok) zone = u.zone;
  }
  const cronLabels = strMap(meta.labels);
  const wm = obj(spec.workflowMetadata);
  const labels: Record<string, string> = { 'workflows.argoproj.io/cron-workflow': name };
  for (const k of COPIED_LABELS) if (cronLabels[k] !== undefined) labels[k] = cronLabels[k];
  Object.assign(labels, strMap(wm.labels));
  const annotations: Record<string, string> = { 'workflows.argoproj.io/scheduled-time': zone ? formatRfc3339(scheduledAt, zone) : new Date(scheduledAt).toISOString() };
  Object.assign(annotations, strMap(wm.annotations));
  const metadata: Obj = {};
  if (opts.manual) metadata.generateName = `${name}-`;
  else metadata.name = `${name}-${Math.floor(scheduledAt / 1000)}`;
  if (typeof meta.namespace === 'string' && meta.namespace) metadata.namespace = meta.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;
  const finalizers = Array.isArray(wm.finalizers) ? wm.finalizers.filter((f): f is string => typeof f === 'string') : [];
  if (finalizers.length) metadata.finalizers = finalizers;
  const owner: Obj = { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', name };
  if (typeof meta.uid === 'string') owner.uid = meta.uid;
  owner.controller = true;
  owner.blockOwnerDeletion = true;
  metadata.ownerReferences = [owner];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata,
    spec: structuredClone(obj(spec.workflowSpec)),
  };
}
