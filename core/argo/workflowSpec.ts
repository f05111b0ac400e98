// The part of Argo's validate.Workflow that offline lint can decide for a workflowSpec: workflowTemplateRef
// resolution, template names, arguments, entrypoint, template types and template references in steps/dags.
// Messages are Argo's (workflow/validate/validate.go); each problem is reported at the node it is about.
import { type Pair } from 'yaml';
import { isMap, isSeq } from './yamlGuards';
import type { Range } from './findings';
import { getPair, getValue, nodeRange, scalarString, seqItems, isNullNode, keyRange } from './documents';
import type { TemplateLookup, TemplateInfo } from './templateIndex';
import { features, type ArgoVersion } from './versions';

export interface SpecProblem { code: string; message: string; range: Range; severity?: 'error' | 'warning' | 'information'; argo: boolean }

export interface SpecCheckOptions {
  /** validate like a Workflow submission (CronWorkflow, Workflow): arguments need values, entrypoint required */
  requireValues: boolean;
  /** WorkflowTemplate / ClusterWorkflowTemplate: entrypoint optional */
  isTemplate: boolean;
  namespace?: string;
  lookup: TemplateLookup;
  /** a workflowTemplateRef that is not in the index: true = Argo's offline error; false = information */
  missingRefIsError: boolean;
  /** range to use when a required key is absent */
  anchor: Range;
  /** Argo release line, for version-specific wording (default: v4 wording) */
  argoVersion?: ArgoVersion;
}

const TEMPLATE_TYPES = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'];
const TYPE_CHOICES = 'choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref';

export function checkWorkflowSpec(spec: unknown, o: SpecCheckOptions): SpecProblem[] {
  const out: SpecProblem[] = [];
  if (!isMap(spec)) {
    if (o.requireValues) out.push({ code: 'workflow.entrypoint.missing', message: 'spec.entrypoint is required', range: o.anchor, argo: true });
    return out;
  }
  const refPair = getPair(spec, 'workflowTemplateRef');
  const ref = refPair?.value;
  const templatesPair = getPair(spec, 'templates');
  const templates = seqItems(templatesPair?.value);
  let refInfo: TemplateInfo | undefined;
  let refUnknown = false;
  if (refPair && isMap(ref)) {
    if (templates.length) {
      out.push({ code: 'workflow.templates.withRef', message: 'Templates is invalid field in spec if workflow referred WorkflowTemplate reference', range: keyRange(templatesPair!), argo: true });
    }
    const name = scalarString(getValue(ref, 'name')) ?? '';
    const cluster = getValue(ref, 'clusterScope');
    const isCluster = (cluster as { value?: unknown } | undefined)?.value === true;
    const kind = isCluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    refInfo = o.lookup.find(kind, name, o.namespace);
    if (!refInfo) {
      refUnknown = true;
      const r = nodeRange(getValue(ref, 'name') ?? ref);
      const msg = isCluster ? `couldn't find cluster workflow template "${name}"` : `couldn't find workflow template "${name}" in namespace "${o.namespace ?? ''}"`;
      out.push(o.missingRefIsError
        ? { code: 'workflow.templateRef.notFound', message: msg, range: r, argo: true }
        : { code: 'workflow.templateRef.notInWorkspace', severity: 'information', range: r, argo: false,
          message: `${kind} "${name}" is not in the workspace; it may exist only in the cluster (argo lint --offline would say: ${msg})` });
    }
  }

  // spec.templates[i].name
  const names = new Map<string, unknown>();
  templates.forEach((t, i) => {
    const namePair = getPair(t, 'name');
    const name = scalarString(namePair?.value);
    if (!name) {
      out.push({ code: 'workflow.template.nameRequired', message: `spec.templates[${i}].name is required`, range: nodeRange(t), argo: true });
      return;
    }
    if (names.has(name)) {
      out.push({ code: 'workflow.template.nameNotUnique', message: `spec.templates[${i}].name '${name}' is not unique`, range: nodeRange(namePair!.value), argo: true });
      return;
    }
    names.set(name, t);
  });

  // spec.arguments
  const params = seqItems(getValue(getValue(spec, 'arguments'), 'parameters'));
  const seenParams = new Set<string>();
  params.forEach((p, i) => {
    const name = scalarString(getValue(p, 'name'));
    if (!name) {
      out.push({ code: 'workflow.arguments.nameRequired', message: `spec.arguments.parameters[${i}].name is required`, range: nodeRange(p), argo: true });
      return;
    }
    if (seenParams.has(name)) {
      out.push({ code: 'workflow.arguments.nameNotUnique', message: `spec.arguments.parameters[${i}].name '${name}' is not unique`, range: nodeRange(getValue(p, 'name')), argo: true });
    }
    seenParams.add(name);
    if (o.requireValues && isNullNode(getValue(p, 'value')) && isNullNode(getValue(p, 'valueFrom'))) {
      const fromTemplate = refInfo?.parameters.find((tp) => tp.name === name && tp.hasDefault);
      if (!fromTemplate && !refUnknown) {
        out.push({ code: 'workflow.arguments.valueRequired', message: `spec.arguments.${name}.value or spec.arguments.${name}.valueFrom is required`, range: nodeRange(p), argo: true });
      }
    }
  });
  if (o.requireValues && refInfo) {
    // merged arguments: template parameters without a value that the workflow does not set
    for (const tp of refInfo.parameters) {
      if (!tp.hasDefault && !seenParams.has(tp.name)) {
        out.push({ code: 'workflow.arguments.valueRequired', message: `spec.arguments.${tp.name}.value or spec.arguments.${tp.name}.valueFrom is required`, range: nodeRange(ref), argo: true });
      }
    }
  }

  // entrypoint
  const epPair = getPair(spec, 'entrypoint');
  let entrypoint = scalarString(epPair?.value);
  if (!entrypoint && refInfo) entrypoint = refInfo.entrypoint;
  if (!entrypoint && !o.isTemplate && !refUnknown) {
    out.push({ code: 'workflow.entrypoint.missing', message: 'spec.entrypoint is required', range: epPair ? nodeRange(epPair.value ?? epPair.key) : o.anchor, argo: true });
  }
  if (entrypoint) {
    if (refInfo) {
      if (!refInfo.templates.includes(entrypoint)) {
        out.push({ code: 'workflow.entrypoint.undefined', message: `template reference ${refInfo.name}.${entrypoint} not found`, range: epPair ? nodeRange(epPair.value) : nodeRange(ref), argo: true });
      }
    } else if (!refPair && !names.has(entrypoint)) {
      out.push({ code: 'workflow.entrypoint.undefined', message: `template name '${entrypoint}' undefined`, range: epPair ? nodeRange(epPair.value) : o.anchor, argo: true });
    }
  }

  // templates: type and references, depth-first from the entrypoint (Argo validates a referenced template inside the
  // step that references it, so its errors carry the step's prefix), then every other template with `templates.<n> `.
  const visited = new Set<string>();
  const visit = (name: string, prefix: string) => {
    if (visited.has(name) || !names.has(name)) return;
    visited.add(name);
    const t = names.get(name);
    const typeProblems = checkTemplateType(name, t);
    for (const p of typeProblems) out.push({ ...p, message: prefix + p.message });
    if (!typeProblems.length) {
      const p = checkTimeout(name, t, o.argoVersion);
      if (p) out.push({ ...p, message: prefix + p.message });
    }
    const holder = (step: unknown, stepPrefix: string) => {
      const p = checkHolder(step, names, o);
      if (p) out.push({ ...p, message: prefix + stepPrefix + p.message });
      else {
        const ref = scalarString(getValue(step, 'template'));
        if (ref && !getPair(step, 'templateRef')) visit(ref, prefix + stepPrefix);
      }
    };
    seqItems(getValue(t, 'steps')).forEach((group, i) => {
      for (const step of seqItems(group)) holder(step, `templates.${name}.steps[${i}].${scalarString(getValue(step, 'name')) ?? ''} `);
    });
    for (const task of seqItems(getValue(getValue(t, 'dag'), 'tasks'))) holder(task, `templates.${name}.tasks.${scalarString(getValue(task, 'name')) ?? ''} `);
  };
  if (entrypoint && !refPair) visit(entrypoint, '');
  for (const n of names.keys()) visit(n, `templates.${n} `);
  return out;
}

function checkTemplateType(name: string, t: unknown): SpecProblem[] {
  const out: SpecProblem[] = [];
  if (!isMap(t)) return out;
  const present = TEMPLATE_TYPES.filter((k) => !isNullNode(getValue(t, k)) || (getPair(t, k) && k === 'suspend'));
  const nameRange = nodeRange(getValue(t, 'name') ?? t);
  if (present.length === 0) {
    // templateresolution.ResolveTemplate rejects a typeless template before validateTemplateType's own message
    out.push({ code: 'workflow.template.typeMissing', message: `template '${name}' type is unknown`, range: nameRange, argo: true });
  } else if (present.length > 1) {
    out.push({ code: 'workflow.template.typeMultiple', message: `templates.${name} multiple template types specified. ${TYPE_CHOICES}`, range: nameRange, argo: true });
  }
  return out;
}

/** Go type names of the template types (wfv1.TemplateType) and which of them are leaves (Template.IsLeaf). */
const TYPE_NAMES: Record<string, string> = { container: 'Container', containerSet: 'ContainerSet', steps: 'Steps', script: 'Script', resource: 'Resource', dag: 'DAG', suspend: 'Suspend', data: 'Data', http: 'HTTP', plugin: 'Plugin' };
const NOT_LEAF = new Set(['steps', 'dag', 'suspend']);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** validateTemplate's timeout rule: only leaf templates may set `timeout`, and it must not be a bare integer
 *  (strconv.Atoi succeeds). Runs after the template-type check, before the template's steps/tasks are validated. */
function checkTimeout(name: string, t: unknown, v: ArgoVersion | undefined): SpecProblem | undefined {
  const tp = getPair(t, 'timeout');
  const timeout = scalarString(tp?.value);
  if (!timeout) return undefined;
  const end = v && features(v).timeoutMessagePeriod ? '.' : '';
  const type = TEMPLATE_TYPES.find((k) => !isNullNode(getValue(t, k)) || (getPair(t, k) && k === 'suspend'));
  if (!type) return undefined;
  if (NOT_LEAF.has(type)) {
    return { code: 'workflow.template.timeoutNotLeaf', message: `${TYPE_NAMES[type]} template doesn't support timeout field${end}`, range: keyRange(tp as Pair), argo: true };
  }
  // {{…}} is substituted before the check; what it becomes is not known offline
  if (!timeout.includes('{{') && /^[+-]?[0-9]+$/.test(timeout)) {
    const n = BigInt(timeout);
    if (n >= INT64_MIN && n <= INT64_MAX) {
      return { code: 'workflow.template.timeoutInvalid', message: `${name} has invalid duration format in timeout${end}`, range: nodeRange(tp!.value), argo: true };
    }
  }
  return undefined;
}

function checkHolder(step: unknown, names: Map<string, unknown>, o: SpecCheckOptions): SpecProblem | undefined {
  const tPair = getPair(step, 'template');
  const refPair = getPair(step, 'templateRef');
  const tname = scalarString(tPair?.value);
  if (refPair && isMap(refPair.value)) {
    const ref = refPair.value;
    if (tname) return { code: 'workflow.step.templateAndRef', message: 'template name cannot be specified with templateRef.', range: keyRange(tPair as Pair), argo: true };
    const rn = scalarString(getValue(ref, 'name')) ?? '';
    const rt = scalarString(getValue(ref, 'template')) ?? '';
    if (!rn) return { code: 'workflow.templateRef.nameRequired', message: 'resource name is required', range: nodeRange(ref), argo: true };
    if (!rt) return { code: 'workflow.templateRef.templateRequired', message: 'template name is required', range: nodeRange(ref), argo: true };
    if (rn.includes('{{') || rt.includes('{{')) return undefined;
    const cluster = (getValue(ref, 'clusterScope') as { value?: unknown } | undefined)?.value === true;
    const kind = cluster ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    const info = o.lookup.find(kind, rn, o.namespace);
    if (!info) {
      const msg = cluster ? `couldn't find cluster workflow template "${rn}"` : `couldn't find workflow template "${rn}" in namespace "${o.namespace ?? ''}"`;
      return o.missingRefIsError
        ? { code: 'workflow.templateRef.notFound', message: msg, range: nodeRange(getValue(ref, 'name')), argo: true }
        : { code: 'workflow.templateRef.notInWorkspace', severity: 'information', message: `${kind} "${rn}" is not in the workspace; it may exist only in the cluster`, range: nodeRange(getValue(ref, 'name')), argo: false };
    }
    if (!info.templates.includes(rt)) {
      return { code: 'workflow.templateRef.templateNotFound', message: `template reference ${rn}.${rt} not found`, range: nodeRange(getValue(ref, 'template')), argo: true };
    }
    return undefined;
  }
  if (tname && !tname.includes('{{') && !names.has(tname)) {
    return { code: 'workflow.step.templateUndefined', message: `template name '${tname}' undefined`, range: nodeRange(tPair!.value), argo: true };
  }
  return undefined;
}

export { isSeq };
