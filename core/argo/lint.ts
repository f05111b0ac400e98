// lintText: every finding for one file (YAML, strict structure, CronWorkflow, WorkflowEventBinding, templates).
import { isMap } from './yamlGuards';
import type { Finding } from './findings';
import { sortFindings } from './findings';
import { parseFile, yamlFindings, getPair, keyRange, pairRange, nodeRange, valueOrKeyRange, ARGO_API_VERSION, type ArgoDocument, type ParsedFile } from './documents';

/** validate.Workflow / WorkflowTemplate / ClusterWorkflowTemplate name limits (CronWorkflow: 52, in cronRules). */
const NAME_LIMITS: Record<string, { max: number; what: string }> = {
  Workflow: { max: 63, what: 'workflow' },
  WorkflowTemplate: { max: 63, what: 'workflow template' },
  ClusterWorkflowTemplate: { max: 63, what: 'cluster workflow template' },
};
import { checkStructure } from './structure';
import { checkCronWorkflow, scheduleToSchedulesFix } from './cronRules';
import { checkBinding } from './bindingRules';
import { checkWorkflowSpec } from './workflowSpec';
import { overlayLookup, templateInfoOf, type TemplateIndex, type TemplateInfo, type TemplateLookup } from './templateIndex';
import { features, type ArgoVersion } from './versions';

export type { ArgoVersion } from './versions';

export interface LintOptions {
  argoVersion: ArgoVersion;
  /** default 'UTC' */
  controllerZone: string;
  now: number;
  index?: TemplateIndex | TemplateLookup;
  /** uri of this text (so the index entry for this same file is not used twice); optional */
  uri?: string;
  /** argo lint --offline semantics: a workflowTemplateRef that cannot be resolved is an error (CLI). Default false:
   *  information, since the template may live only in the cluster (editor). */
  offline?: boolean;
  /** parseFile(text) when the caller already has it (the language server keeps each YAML document's parse for hover,
   *  lenses and the template index): it is used instead of parsing `text` again. It must be the parse of exactly
   *  `text`; lint does not modify it. */
  parsed?: ParsedFile;
}

export function lintText(text: string, opts: LintOptions): Finding[] {
  let out: Finding[] = [];
  try {
    out = lintInner(text, opts);
  } catch (e) {
    out = [{ code: 'internal.error', severity: 'warning', range: { start: 0, end: Math.min(1, text.length) },
      message: `argo-triggers could not check this file (internal error: ${(e as Error)?.message ?? String(e)})` }];
  }
  return sortFindings(out);
}

/** Findings grouped per document (what the CLI prints per object). */
export function lintDocuments(text: string, opts: LintOptions): { doc?: ArgoDocument; findings: Finding[] }[] {
  const parsed = parseFile(text);
  const all = lintText(text, opts);
  const groups = parsed.docs.map((doc) => ({ doc, findings: all.filter((f) => f.range.start >= doc.range.start && (f.range.start < doc.range.end || (f.range.start === doc.range.end && doc.range.end === text.length))) }));
  const assigned = new Set(groups.flatMap((g) => g.findings));
  const rest = all.filter((f) => !assigned.has(f));
  return rest.length ? [{ findings: rest }, ...groups] : groups;
}

function lintInner(text: string, opts: LintOptions): Finding[] {
  const out: Finding[] = [];
  const parsed = opts.parsed ?? parseFile(text);
  if (parsed.problems) for (const p of parsed.problems) out.push({ ...p }); // copies: `parsed` may be shared
  const v = opts.argoVersion;
  const local: TemplateInfo[] = parsed.docs.map((d) => templateInfoOf(d, opts.uri ?? '')).filter((x): x is TemplateInfo => !!x);
  const lookup = overlayLookup(local, opts.index, opts.uri);
  for (const d of parsed.docs) {
    const before = out.length;
    lintDoc(d);
    let rank = 0;
    for (let i = before; i < out.length; i++) if (out[i].argo && out[i].severity === 'error') out[i].argoRank = rank++;
  }
  return out;

  function lintDoc(d: ArgoDocument): void {
    const yf = yamlFindings(d, text.length);
    out.push(...yf);
    if (yf.some((f) => f.severity === 'error')) return;
    if (!d.isArgo || !isMap(d.doc.contents)) return;
    const kind = d.kind!;
    if (d.apiVersion !== ARGO_API_VERSION) {
      const p = getPair(d.doc.contents, 'apiVersion');
      out.push({ code: 'doc.apiVersion', severity: 'error', range: p ? valueOrKeyRange(p) : { start: d.range.start, end: Math.min(d.range.end, d.range.start + 1) },
        message: `apiVersion must be ${ARGO_API_VERSION} for ${kind} (the API server rejects ${d.apiVersion ?? 'a missing apiVersion'})`,
        fixes: p ? [{ title: `Use ${ARGO_API_VERSION}`, preferred: true, edits: [{ range: valueOrKeyRange(p), newText: ARGO_API_VERSION }] }] : undefined });
    }
    const nameMax = NAME_LIMITS[kind];
    if (nameMax && (d.name ?? '').length > nameMax.max) {
      out.push({ code: 'workflow.name.tooLong', severity: 'error', argo: true, range: nodeRange(getPair(getPair(d.doc.contents, 'metadata')?.value, 'name')?.value),
        message: `${nameMax.what} name ${JSON.stringify(d.name)} must not be more than ${nameMax.max} characters long (currently ${d.name!.length})` });
    }
    out.push(...structureFindings(text, d, v));
    switch (kind) {
      case 'CronWorkflow':
        out.push(...checkCronWorkflow({ text, doc: d, v, controllerZone: opts.controllerZone || 'UTC', now: opts.now, lookup, missingRefIsError: !!opts.offline }));
        break;
      case 'WorkflowEventBinding':
        out.push(...checkBinding({ text, doc: d, v, lookup }));
        break;
      case 'Workflow':
      case 'WorkflowTemplate':
      case 'ClusterWorkflowTemplate': {
        const specPair = getPair(d.doc.contents, 'spec');
        const isTemplate = kind !== 'Workflow';
        const problems = checkWorkflowSpec(specPair?.value, {
          requireValues: false, isTemplate, namespace: d.namespace, lookup, missingRefIsError: !!opts.offline, argoVersion: v,
          anchor: specPair ? keyRange(specPair) : { start: d.range.start, end: Math.min(d.range.end, d.range.start + 1) },
        });
        for (const p of problems) out.push({ code: p.code, severity: p.severity ?? 'error', range: p.range, message: p.message, argo: p.argo });
        break;
      }
    }
  }
}

function structureFindings(text: string, d: ArgoDocument, v: ArgoVersion): Finding[] {
  // a type mismatch is fatal in Argo's strict decoding and is reported before unknown fields
  const fs = checkStructure(d.doc.contents, d.kind!, v).sort((a, b) => (a.code === 'strict.type' ? 0 : 1) - (b.code === 'strict.type' ? 0 : 1));
  if (d.kind !== 'CronWorkflow') return fs;
  const spec = getPair(d.doc.contents, 'spec')?.value;
  const f = features(v);
  for (const x of fs) {
    if (x.message === 'strict decoding error: unknown field "spec.schedule"' && f.scheduleField === 'removed') {
      x.code = 'cron.schedule.removed';
      const p = getPair(spec, 'schedule');
      const hasSchedules = !!getPair(spec, 'schedules');
      if (p) {
        x.fixes = hasSchedules
          ? [{ title: 'Remove "schedule" (v4 only reads "schedules")', edits: [{ range: pairRange(p), newText: '' }] }]
          : [scheduleToSchedulesFix(text, p)];
        x.related = [{ range: keyRange(p), message: 'Argo v4 removed spec.schedule; `argo convert` rewrites it to spec.schedules' }];
      }
    } else if (x.message === 'strict decoding error: unknown field "spec.schedules"' && !f.schedulesField) {
      x.code = 'cron.schedules.unsupported';
      x.related = [{ range: x.range, message: 'spec.schedules needs Argo v3.6 or later; v3.5 reads spec.schedule' }];
    }
  }
  return fs;
}
