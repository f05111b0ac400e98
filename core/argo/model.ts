// Compact field models of the Argo types that triggers touch (our own, written from the Go types' shapes;
// Argo's JSON schema / CRDs are only used by a test to check these lists). Subtrees we do not model
// (container, volumes, affinity, …) are 'open': anything is accepted there.
import type { ArgoVersion } from './versions';

export type Scalar = 'string' | 'int' | 'bool' | 'anyString' | 'intOrString' | 'open';
export interface FieldSpec {
  /** Scalar kind, an object model, a list, or a map of strings. */
  type: Scalar | 'object' | 'list' | 'stringMap';
  /** Go type as printed in encoding/json errors, e.g. `[]v1alpha1.Parameter`. */
  goType: string;
  model?: () => ObjModel;
  items?: FieldSpec;
  /** first release line that has the field */
  since?: ArgoVersion;
  /** first release line that no longer has it */
  removedIn?: ArgoVersion;
  doc?: string;
}
export interface ObjModel { goStruct: string; fields: Record<string, FieldSpec> }

const ORDER: ArgoVersion[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];
export function fieldExists(f: FieldSpec, v: ArgoVersion): boolean {
  const i = ORDER.indexOf(v);
  if (f.since && i < ORDER.indexOf(f.since)) return false;
  if (f.removedIn && i >= ORDER.indexOf(f.removedIn)) return false;
  return true;
}

const S = (doc?: string): FieldSpec => ({ type: 'string', goType: 'string', doc });
const I = (goType = 'int64', doc?: string): FieldSpec => ({ type: 'int', goType, doc });
const B = (doc?: string): FieldSpec => ({ type: 'bool', goType: 'bool', doc });
const OPEN = (goType = 'interface {}'): FieldSpec => ({ type: 'open', goType });
const SS: FieldSpec = { type: 'list', goType: '[]string', items: S() };
const SMAP: FieldSpec = { type: 'stringMap', goType: 'map[string]string' };
const OBJ = (model: () => ObjModel, goType: string, doc?: string): FieldSpec => ({ type: 'object', goType, model, doc });
const LIST = (model: () => ObjModel, goType: string, doc?: string): FieldSpec => ({ type: 'list', goType: `[]${goType}`, items: OBJ(model, goType), doc });
const openKeys = (...keys: string[]): Record<string, FieldSpec> => Object.fromEntries(keys.map((k) => [k, OPEN()]));

export const ObjectMeta = (): ObjModel => ({
  goStruct: 'ObjectMeta',
  fields: {
    name: S('Name of the object; CronWorkflow names are limited to 52 characters.'),
    generateName: S('Prefix for a server-generated name.'),
    namespace: S(),
    labels: SMAP,
    annotations: SMAP,
    finalizers: SS,
    ...openKeys('uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds',
      'ownerReferences', 'managedFields', 'selfLink'),
  },
});

const WorkflowMetadata = (): ObjModel => ({
  goStruct: 'WorkflowMetadata',
  fields: { labels: SMAP, annotations: SMAP, labelsFrom: OPEN() },
});

const TemplateMetadata = (): ObjModel => ({ goStruct: 'Metadata', fields: { labels: SMAP, annotations: SMAP } });

export const ValueFrom = (): ObjModel => ({
  goStruct: 'ValueFrom',
  fields: {
    configMapKeyRef: OPEN(), default: { type: 'anyString', goType: '*v1alpha1.AnyString' },
    event: S('expr-lang expression evaluated against the event (WorkflowEventBinding parameters).'),
    expression: S(), jqFilter: S(), jsonPath: S(), parameter: S(), path: S(), supplied: OPEN(),
  },
});

export const Parameter = (): ObjModel => ({
  goStruct: 'Parameter',
  fields: {
    name: S(), value: { type: 'anyString', goType: '*v1alpha1.AnyString' }, default: { type: 'anyString', goType: '*v1alpha1.AnyString' },
    description: { type: 'anyString', goType: '*v1alpha1.AnyString' }, enum: { type: 'list', goType: '[]v1alpha1.AnyString', items: { type: 'anyString', goType: 'v1alpha1.AnyString' } },
    globalName: S(), valueFrom: OBJ(ValueFrom, '*v1alpha1.ValueFrom'),
  },
});

export const Arguments = (): ObjModel => ({
  goStruct: 'Arguments',
  fields: { parameters: LIST(Parameter, 'v1alpha1.Parameter'), artifacts: { type: 'list', goType: 'v1alpha1.Artifacts', items: OPEN('v1alpha1.Artifact') } },
});

const Inputs = (): ObjModel => ({
  goStruct: 'Inputs',
  fields: { parameters: LIST(Parameter, 'v1alpha1.Parameter'), artifacts: { type: 'list', goType: 'v1alpha1.Artifacts', items: OPEN('v1alpha1.Artifact') } },
});

export const TemplateRef = (): ObjModel => ({ goStruct: 'TemplateRef', fields: { name: S(), template: S(), clusterScope: B() } });
export const WorkflowTemplateRef = (): ObjModel => ({ goStruct: 'WorkflowTemplateRef', fields: { name: S(), clusterScope: B() } });

const stepFields = (): Record<string, FieldSpec> => ({
  name: S(), template: S(), templateRef: OBJ(TemplateRef, '*v1alpha1.TemplateRef'), inline: OBJ(Template, '*v1alpha1.Template'),
  arguments: OBJ(Arguments, 'v1alpha1.Arguments'), when: S(),
  ...openKeys('continueOn', 'hooks', 'onExit', 'withItems', 'withParam', 'withSequence'),
});
export const WorkflowStep = (): ObjModel => ({ goStruct: 'WorkflowStep', fields: stepFields() });
export const DAGTask = (): ObjModel => ({ goStruct: 'DAGTask', fields: { ...stepFields(), dependencies: SS, depends: S() } });
const DAGTemplate = (): ObjModel => ({ goStruct: 'DAGTemplate', fields: { tasks: LIST(DAGTask, 'v1alpha1.DAGTask'), target: S(), failFast: OPEN() } });

export const Template = (): ObjModel => ({
  goStruct: 'Template',
  fields: {
    name: S(), inputs: OBJ(Inputs, 'v1alpha1.Inputs'), outputs: OPEN('v1alpha1.Outputs'), metadata: OBJ(TemplateMetadata, 'v1alpha1.Metadata'),
    steps: { type: 'list', goType: '[]v1alpha1.ParallelSteps', items: { type: 'list', goType: 'v1alpha1.ParallelSteps', items: OBJ(WorkflowStep, 'v1alpha1.WorkflowStep') } },
    dag: OBJ(DAGTemplate, '*v1alpha1.DAGTemplate'),
    ...openKeys('activeDeadlineSeconds', 'affinity', 'annotations', 'archiveLocation', 'automountServiceAccountToken', 'container', 'containerSet',
      'daemon', 'data', 'executor', 'failFast', 'hostAliases', 'http', 'initContainers', 'memoize', 'metrics', 'nodeSelector',
      'parallelism', 'plugin', 'podSpecPatch', 'priorityClassName', 'resource', 'retryStrategy', 'schedulerName', 'script',
      'securityContext', 'serviceAccountName', 'sidecars', 'suspend', 'synchronization', 'tolerations', 'volumes'),
    timeout: S('Max duration of a leaf template (Go duration string, e.g. 10m; a bare integer is rejected).'),
    // HEAD (v4.1) fields: the v4.0.5 argo-lint oracle rejects them as unknown (cases 50/51)
    pendingTimeout: { ...OPEN(), since: 'v4.1' }, podResources: { ...OPEN(), since: 'v4.1' }, resourceClaims: { ...OPEN(), since: 'v4.1' },
  },
});

export const WorkflowSpec = (): ObjModel => ({
  goStruct: 'WorkflowSpec',
  fields: {
    entrypoint: S('Name of the template the workflow starts at.'), templates: LIST(Template, 'v1alpha1.Template'),
    arguments: OBJ(Arguments, 'v1alpha1.Arguments'), workflowTemplateRef: OBJ(WorkflowTemplateRef, '*v1alpha1.WorkflowTemplateRef'),
    workflowMetadata: OBJ(WorkflowMetadata, '*v1alpha1.WorkflowMetadata'), onExit: S(), serviceAccountName: S(),
    ...openKeys('activeDeadlineSeconds', 'affinity', 'archiveLogs', 'artifactGC', 'artifactRepositoryRef', 'automountServiceAccountToken',
      'dnsConfig', 'dnsPolicy', 'executor', 'hooks', 'hostAliases', 'hostNetwork', 'imagePullSecrets', 'metrics', 'nodeSelector',
      'parallelism', 'podDisruptionBudget', 'podGC', 'podMetadata', 'podPriorityClassName', 'podSpecPatch', 'priority',
      'retryStrategy', 'schedulerName', 'securityContext', 'shutdown', 'suspend', 'synchronization', 'templateDefaults', 'tolerations',
      'ttlStrategy', 'volumeClaimGC', 'volumeClaimTemplates', 'volumes'),
    // HEAD (v4.1) fields: the v4.0.5 argo-lint oracle rejects them as unknown (cases 50/51)
    executorPlugins: { ...OPEN(), since: 'v4.1' }, podResources: { ...OPEN(), since: 'v4.1' }, resourceClaims: { ...OPEN(), since: 'v4.1' },
  },
});

const StopStrategy = (): ObjModel => ({ goStruct: 'StopStrategy', fields: { expression: S('expr-lang condition over cronworkflow.* that stops scheduling when true.') } });

export const CronWorkflowSpec = (): ObjModel => ({
  goStruct: 'CronWorkflowSpec',
  fields: {
    workflowSpec: OBJ(WorkflowSpec, 'v1alpha1.WorkflowSpec', 'The Workflow created on every run.'),
    schedule: { ...S('Legacy single schedule (removed in v4; use schedules).'), removedIn: 'v4.0' },
    schedules: { ...SS, since: 'v3.6', doc: 'robfig/cron v3 schedules (5 fields, descriptors, @every).' },
    concurrencyPolicy: S('Allow (default), Forbid or Replace.'),
    suspend: B('Stops scheduling while true.'),
    startingDeadlineSeconds: I('*int64', 'How long after a missed schedule a single catch-up run may still start.'),
    successfulJobsHistoryLimit: I('*int32', 'Completed successful children to keep (default 3).'),
    failedJobsHistoryLimit: I('*int32', 'Failed children to keep (default 1).'),
    timezone: S('IANA zone the schedules are evaluated in (default: the controller\'s zone).'),
    workflowMetadata: OBJ(ObjectMeta, '*v1.ObjectMeta', 'Labels, annotations and finalizers copied to every child Workflow.'),
    stopStrategy: { ...OBJ(StopStrategy, '*v1alpha1.StopStrategy'), since: 'v3.6' },
    when: { ...S('Template + expr condition evaluated at every fire; false skips the run.'), since: 'v3.6' },
  },
});

const Event = (): ObjModel => ({ goStruct: 'Event', fields: { selector: S('expr-lang condition over payload, metadata, discriminator, namespace.') } });
const Submit = (): ObjModel => ({
  goStruct: 'Submit',
  fields: {
    workflowTemplateRef: OBJ(WorkflowTemplateRef, 'v1alpha1.WorkflowTemplateRef'),
    metadata: OBJ(ObjectMeta, 'v1.ObjectMeta'),
    arguments: OBJ(Arguments, '*v1alpha1.Arguments'),
  },
});
export const WorkflowEventBindingSpec = (): ObjModel => ({
  goStruct: 'WorkflowEventBindingSpec',
  fields: { event: OBJ(Event, 'v1alpha1.Event'), submit: OBJ(Submit, '*v1alpha1.Submit') },
});

const top = (goStruct: string, spec: FieldSpec, status: boolean): ObjModel => ({
  goStruct,
  fields: { apiVersion: S(), kind: S(), metadata: OBJ(ObjectMeta, 'v1.ObjectMeta'), spec, ...(status ? { status: OPEN() } : {}) },
});

export function modelForKind(kind: string): ObjModel | undefined {
  switch (kind) {
    case 'CronWorkflow':
      return top('CronWorkflow', OBJ(CronWorkflowSpec, 'v1alpha1.CronWorkflowSpec'), true);
    case 'Workflow':
      return top('Workflow', OBJ(WorkflowSpec, 'v1alpha1.WorkflowSpec'), true);
    case 'WorkflowTemplate':
    case 'ClusterWorkflowTemplate':
      return top(kind, OBJ(WorkflowSpec, 'v1alpha1.WorkflowSpec'), false);
    case 'WorkflowEventBinding':
      return top('WorkflowEventBinding', OBJ(WorkflowEventBindingSpec, 'v1alpha1.WorkflowEventBindingSpec'), false);
    default:
      return undefined;
  }
}
