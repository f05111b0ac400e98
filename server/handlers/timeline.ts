// argoTriggers/timeline: for every CronWorkflow in the requested files, the merged fire times in a window,
// DST notes, errors, and (with an expected run length) what the concurrencyPolicy does with each fire.
import type { ServiceContext } from '../context';
import { Yielder } from '../context';
import type { TimelineCron, TimelineParams, TimelineResult } from '../protocol';
import { controllerZone } from './hover';
import { cronSpecOf, specOf } from './locate';
import type { FileSource } from './match';

const MAX_WINDOW_MS = 366 * 86_400_000;
const DEFAULT_MAX_FIRES = 500;

export async function computeTimeline(ctx: ServiceContext, files: FileSource, params: TimelineParams, isCancelled: () => boolean = () => false): Promise<TimelineResult> {
  const from = Number.isFinite(params?.from) ? params.from : ctx.now();
  let until = Number.isFinite(params?.until) ? params.until : from + 7 * 86_400_000;
  if (until < from) until = from;
  if (until - from > MAX_WINDOW_MS) until = from + MAX_WINDOW_MS;
  const maxFires = Math.min(5000, Math.max(1, Math.floor(params?.maxFires ?? DEFAULT_MAX_FIRES)));
  const res: TimelineResult = { from, until, crons: [] };
  const uris = Array.isArray(params?.uris) ? params.uris.filter((u) => typeof u === 'string') : files.urisWithKind('CronWorkflow');
  const y = new Yielder();
  for (const uri of uris) {
    await y.maybe();
    if (isCancelled()) break;
    const f = await files.text(uri);
    if (!f) continue;
    const settings = await files.settings(uri);
    const cz = controllerZone(ctx, settings);
    for (const c of f.state.chunks) {
      if (!/^kind:[ \t]*["']?CronWorkflow\b/m.test(c.text)) continue;
      for (const d of ctx.parsed(c.state)) {
        if (d.kind !== 'CronWorkflow') continue;
        const spec = specOf(d);
        if (!spec) continue;
        try {
          res.crons.push(oneCron(ctx, uri, f.doc, c.start, d, spec, cz, from, until, maxFires, params.expectedDurationSec, settings.controllerTimezone));
        } catch (e) {
          ctx.log.error(`timeline failed for ${uri}: ${(e as Error).stack ?? e}`);
        }
        await y.maybe();
        if (isCancelled()) return res;
      }
    }
  }
  return res;
}

function oneCron(ctx: ServiceContext, uri: string, doc: import('vscode-languageserver-textdocument').TextDocument, base: number,
  d: import('../coreApi').ArgoDocument, spec: Record<string, unknown>, cz: import('../coreApi').Zone, from: number, until: number,
  maxFires: number, durationSec: number | undefined, controllerTz: string): TimelineCron {
  const cronSpec = cronSpecOf(spec);
  const strings = ctx.core.argoScheduleStrings(cronSpec);
  const zone = (cronSpec.timezone ? ctx.zone(cronSpec.timezone) : undefined) ?? cz;
  const merged = ctx.core.mergedNextTimes(cronSpec, cz, from - 1, maxFires + 1);
  const inWindow = merged.fires.filter((x) => x.at >= from && x.at < until);
  const truncated = inWindow.length > maxFires || (merged.exhausted && merged.fires.length === 0 && merged.errors.length === 0);
  const fires = inWindow.slice(0, maxFires).map((x) => ({ at: x.at, text: ctx.core.formatRfc3339(x.at, zone), schedules: x.schedules }));
  const errors: TimelineCron['errors'] = merged.errors.map((e) => ({ schedule: e.index, message: e.error }));
  const dstNotes: TimelineCron['dstNotes'] = [];
  strings.forEach((s, i) => {
    const p = ctx.core.parseSchedule(s, cz);
    if (!p.ok) return;
    try {
      for (const n of ctx.core.dstNotes(p.schedule, from, until)) dstNotes.push({ schedule: i, ...n });
    } catch (e) {
      ctx.log.error(`dstNotes failed: ${(e as Error).message}`);
    }
  });
  const policy = spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === null || spec.concurrencyPolicy === '' ? 'Allow' : String(spec.concurrencyPolicy);
  if (durationSec !== undefined && Number.isFinite(durationSec) && ctx.core.planRuns) {
    const plan = ctx.core.planRuns(fires.map((x) => x.at), durationSec * 1000, spec.concurrencyPolicy);
    plan.runs.forEach((r, i) => {
      if (fires[i] && fires[i].at === r.at) {
        (fires[i] as { outcome?: string }).outcome = r.outcome;
        if (r.borderline) (fires[i] as { borderline?: boolean }).borderline = true;
      }
    });
    if (plan.error && !errors.some((e) => e.message === plan.error)) errors.push({ message: plan.error });
  }
  return {
    uri, name: d.name, namespace: d.namespace,
    range: { start: doc.positionAt(base + d.range.start), end: doc.positionAt(base + d.range.end) },
    zone: cronSpec.timezone || controllerTz,
    zoneSource: cronSpec.timezone ? 'timezone' : 'controller',
    schedules: strings,
    concurrencyPolicy: policy,
    suspend: spec.suspend === true,
    fires: fires as TimelineCron['fires'],
    dstNotes,
    errors,
    truncated,
  };
}
