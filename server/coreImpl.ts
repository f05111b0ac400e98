// Binds the server's CoreApi to the real pure core (core/cron, core/expr, core/argo). The only file in server/
// that imports core modules' functions.
import * as cron from '../core/cron';
import * as expr from '../core/expr';
import { lintText } from '../core/argo/lint';
import { parseFile } from '../core/argo/documents';
import { TemplateIndex } from '../core/argo/templateIndex';
import { matchEvent } from '../core/argo/eventMatch';
import { planRuns, type PolicyName } from '../core/argo/concurrency';
import { mapScalar, spanToRange } from '../core/argo/scalarMap';
import { fieldExists, modelForKind, type FieldSpec } from '../core/argo/model';
import { isScalar } from 'yaml';
import type { CoreApi, FieldInfo, LintOptions } from './coreApi';

const POLICIES: PolicyName[] = ['Allow', 'Forbid', 'Replace'];
const ENUMS: Record<string, string[]> = { concurrencyPolicy: POLICIES };

function fieldsAt(kind: string, _apiVersion: string | undefined, path: string[], v: LintOptions['argoVersion']): FieldInfo[] | undefined {
  const root = modelForKind(kind);
  if (!root) return undefined;
  let spec: FieldSpec = { type: 'object', goType: root.goStruct, model: () => root };
  for (const seg of path) {
    if (seg === '[]') {
      if (spec.type !== 'list' || !spec.items) return undefined;
      spec = spec.items;
      continue;
    }
    if (spec.type !== 'object' || !spec.model) return undefined;
    const f = spec.model().fields[seg];
    if (!f) return undefined;
    spec = f;
  }
  if (spec.type !== 'object' || !spec.model) return undefined;
  return Object.entries(spec.model().fields)
    .filter(([, f]) => fieldExists(f, v))
    .map(([name, f]) => ({ name, type: f.type, doc: [f.doc, `Go type \`${f.goType}\``].filter(Boolean).join('\n\n'), values: ENUMS[name] }));
}

export const realCore: CoreApi = {
  loadZone: cron.loadZone,
  parseSchedule: cron.parseSchedule,
  nextTimes: cron.nextTimes,
  formatRfc3339: cron.formatRfc3339,
  describeSchedule: cron.describeSchedule,
  argoScheduleStrings: cron.argoScheduleStrings,
  mergedNextTimes: cron.mergedNextTimes,
  dstNotes: cron.dstNotes,
  zoneNames: cron.zoneNames,
  explainSelector: expr.explainSelector,
  buildEnvironment: expr.buildEnvironment,
  evalSelector: expr.evalSelector,
  evalParameter: expr.evalParameter,
  parseFile: (text) => parseFile(text),
  lintText: (text, opts) => lintText(text, opts as Parameters<typeof lintText>[1]),
  newTemplateIndex: () => new TemplateIndex(),
  matchEvent: (text, ev, opts) => matchEvent(text, ev, opts as Parameters<typeof matchEvent>[2]),
  planRuns: (fires, durationMs, policy) => planRuns(fires, durationMs, policy),
  scalarSpanToRange: (text, node, span) => {
    if (!isScalar(node)) return undefined;
    const m = mapScalar(text, node);
    return m ? spanToRange(m, node, span) : undefined;
  },
  fieldsAt,
};
