// CronWorkflow rules: Argo's validate.CronWorkflow (order and wording per version) plus the warnings Argo
// does not give (never-firing schedules, DST, CRON_TZ= with timezone, @every, when/stopStrategy, deadline,
// collapsing instants).
import { goQuote } from '../go/strings';
import { type Pair, type Scalar } from 'yaml';
import { isMap, isSeq, isScalar } from './yamlGuards';
import * as cron from '../cron';
import type { Finding, Fix, Range } from './findings';
import { getPair, getValue, keyRange, nodeRange, scalarString, seqItems, isNullNode, pairRange, type ArgoDocument } from './documents';
import { features, type ArgoVersion } from './versions';
import { checkWorkflowSpec } from './workflowSpec';
import type { TemplateLookup } from './templateIndex';
import { checkEmbeddedExpr } from './exprRules';
import { collisions, type Collision } from './cronCollisions';

export interface CronRuleContext {
  text: string;
  doc: ArgoDocument;
  v: ArgoVersion;
  controllerZone: string;
  now: number;
  lookup: TemplateLookup;
  missingRefIsError: boolean;
  /** For tests: another implementation of the collision search to compare with (default: cronCollisions.collisions). */
  collisions?: (a: cron.CronSchedule, b: cron.CronSchedule, from: number, until: number) => Collision | undefined;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
export const CRON_NAME_MAX = 52;
/** Matches Argo v4's CRD pattern for schedules items. */
const CRD_SCHEDULE_PATTERN = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every\s+([0-9]+(ns|us|µs|ms|s|m|h))+|([A-Za-z0-9*,/?-]+\s+){4}[A-Za-z0-9*,/?-]+)$/;
const POLICIES = ['Allow', 'Forbid', 'Replace'];

export function checkCronWorkflow(c: CronRuleContext): Finding[] {
  const out: Finding[] = [];
  const f = features(c.v);
  const root = c.doc.doc.contents;
  const specPair = getPair(root, 'spec');
  const spec = specPair?.value;
  const metaName = getPair(getValue(root, 'metadata'), 'name');
  const docAnchor: Range = { start: c.doc.range.start, end: Math.min(c.doc.range.end, c.doc.range.start + 1) };
  const anchor = specPair ? keyRange(specPair) : docAnchor;
  const err = (code: string, range: Range, message: string, extra: Partial<Finding> = {}): void => {
    out.push({ code, severity: 'error', range, message, argo: true, ...extra });
  };

  const schedulePair = getPair(spec, 'schedule');
  const schedulesPair = getPair(spec, 'schedules');
  const hasSchedule = !!schedulePair && !isNullNode(schedulePair.value) && scalarString(schedulePair.value) !== '';
  const scheduleItems = seqItems(schedulesPair?.value);

  // 0. (v3.6/3.7) both schedule and schedules
  const bothCheck = () => {
    if (f.bothScheduleError && hasSchedule && scheduleItems.length > 0) {
      err('cron.schedule.both', keyRange(schedulePair!), 'cron workflow cant be configured with both Spec.Schedule and Spec.Schedules', {
        fixes: [{ title: 'Remove the deprecated "schedule"', edits: [{ range: pairLineRange(c.text, schedulePair!), newText: '' }] }],
      });
    }
  };
  if (f.bothCheckFirst) bothCheck();

  // 1. name length
  const name = c.doc.name ?? '';
  if (name.length > CRON_NAME_MAX) {
    err('cron.name.tooLong', nodeRange(metaName?.value), `cron workflow name ${goQuote(name)} must not be more than 52 characters long (currently ${name.length})`);
  }

  // 2 + 3. schedules
  const schedules: { text: string; node: unknown }[] = [];
  if (f.scheduleField === 'required') {
    // v3.5: ParseStandard(spec.schedule)
    const s = scalarString(schedulePair?.value) ?? '';
    const r = parseCached(s);
    if (!r.ok) err(s === '' ? 'cron.schedules.missing' : 'cron.schedule.invalid', schedulePair ? nodeRange(schedulePair.value ?? schedulePair.key) : anchor, `cron schedule is malformed: ${r.error}`);
    else schedules.push({ text: s, node: schedulePair!.value });
  } else {
    const list: { text: string; node: unknown }[] = [];
    if (f.scheduleField === 'deprecated' && hasSchedule) list.push({ text: scalarString(schedulePair!.value) ?? '', node: schedulePair!.value });
    else for (const it of scheduleItems) list.push({ text: scalarString(it) ?? '', node: it });
    if (f.scheduleField === 'deprecated' && hasSchedule && !(f.bothScheduleError && scheduleItems.length)) {
      out.push({ code: 'cron.schedule.deprecated', severity: 'warning', range: keyRange(schedulePair!), message: '"schedule" is deprecated since Argo v3.6 and removed in v4.0; use "schedules"',
        fixes: schedulesPair ? fillEmptySchedulesFix(c.text, schedulePair!, schedulesPair) : [scheduleToSchedulesFix(c.text, schedulePair!)] });
    }
    if (list.length === 0 && f.atLeastOneSchedule) {
      err('cron.schedules.missing', schedulesPair ? nodeRange(schedulesPair.value ?? schedulesPair.key) : anchor, 'cron workflow must have at least one schedule');
    }
    for (const s of list) {
      const r = parseCached(s.text);
      if (!r.ok) err('cron.schedule.invalid', nodeRange(s.node), `cron schedule ${s.text} is malformed: ${r.error}`);
      else schedules.push(s);
    }
  }

  // 4. timezone
  const tzPair = getPair(spec, 'timezone');
  const tz = scalarString(tzPair?.value) ?? '';
  let zone: cron.Zone | undefined;
  if (tz !== '') {
    const z = cron.loadZone(tz);
    if (!z.ok) {
      if (f.timezoneValidated) err('cron.timezone.invalid', nodeRange(tzPair!.value), `invalid timezone ${goQuote(tz)}: ${z.error}`);
      else out.push({ code: 'cron.timezone.invalid', severity: 'warning', range: nodeRange(tzPair!.value),
        message: `Argo ${c.v} does not check the timezone at lint time, but the controller cannot schedule this CronWorkflow: provided bad location ${tz}: ${z.error}` });
    } else zone = z.zone;
  }

  // 5. concurrencyPolicy
  const cpPair = getPair(spec, 'concurrencyPolicy');
  const cp = scalarString(cpPair?.value) ?? '';
  if (cp !== '' && !POLICIES.includes(cp)) {
    const near = POLICIES.find((p) => p.toLowerCase() === cp.toLowerCase());
    err('cron.concurrencyPolicy.invalid', nodeRange(cpPair!.value), `'${cp}' is not a valid concurrencyPolicy`,
      near ? { fixes: [{ title: `Change to "${near}"`, edits: [{ range: nodeRange(cpPair!.value), newText: near }], preferred: true }] } : {});
  }

  // 6. startingDeadlineSeconds
  const sdPair = getPair(spec, 'startingDeadlineSeconds');
  const sdNode = sdPair?.value;
  const sd = isScalar(sdNode) && typeof sdNode.value === 'number' ? sdNode.value : undefined;
  if (sd !== undefined && sd < 0) err('cron.startingDeadlineSeconds.negative', nodeRange(sdNode), 'startingDeadlineSeconds must be positive');

  if (!f.bothCheckFirst) bothCheck();

  // 7. the workflow the CronWorkflow creates
  const wsPair = getPair(spec, 'workflowSpec');
  if (isMap(spec)) {
    const problems = checkWorkflowSpec(wsPair?.value, {
      requireValues: true, isTemplate: false, namespace: c.doc.namespace, lookup: c.lookup, missingRefIsError: c.missingRefIsError, argoVersion: c.v,
      anchor: wsPair ? keyRange(wsPair) : anchor,
    });
    for (const p of problems) {
      out.push({ code: p.code, severity: p.severity ?? 'error', range: p.range, argo: p.argo, message: p.argo ? `cannot validate Workflow: ${p.message}` : p.message });
    }
  }

  // ---------- our own warnings ----------
  const controller = cron.loadZone(c.controllerZone || 'UTC');
  const controllerZone = controller.ok ? controller.zone : (cron.loadZone('UTC') as { ok: true; zone: cron.Zone }).zone;
  if (tz === '' && schedules.length && !schedules.some((s) => /^\s*(CRON_)?TZ=/.test(s.text))) {
    out.push({ code: 'cron.timezone.missing', severity: 'information', range: schedulesPair ? keyRange(schedulesPair) : schedulePair ? keyRange(schedulePair) : anchor,
      message: `no timezone: the schedules run in the workflow-controller's zone (assumed ${controllerZone.name}); \`argo cron list\` and the UI assume UTC` });
  }
  const parsed: { s: cron.CronSchedule; node: unknown; text: string }[] = [];
  for (const s of schedules) {
    const hasPrefix = /^\s*(CRON_)?TZ=/.test(s.text);
    if (hasPrefix && tz !== '') {
      out.push({ code: 'cron.schedule.crontzWithTimezone', severity: 'warning', range: nodeRange(s.node),
        message: `schedule has its own CRON_TZ=/TZ= prefix and spec.timezone is set: Argo prefixes "CRON_TZ=${tz} " again and the controller cannot add the entry (expected exactly 5 fields, found 6); it never runs`,
        fixes: [removePrefixFix(c.text, s.node)] });
      continue;
    }
    if (hasPrefix && f.fullCrd) {
      out.push({ code: 'cron.schedule.crdPattern', severity: 'warning', range: nodeRange(s.node),
        message: 'a CRON_TZ=/TZ= prefix inside a schedule is rejected by the v4 CRD pattern when the full CRDs are installed; use spec.timezone' });
    } else if (f.fullCrd && !CRD_SCHEDULE_PATTERN.test(s.text)) {
      out.push({ code: 'cron.schedule.crdPattern', severity: 'warning', range: nodeRange(s.node),
        message: `"${s.text}" does not match the v4 CRD pattern for schedules; \`kubectl apply\` with the full CRDs rejects it` });
    }
    const withTz = tz !== '' && zone ? `CRON_TZ=${tz} ${s.text}` : s.text;
    const r = parseCached(withTz, controllerZone);
    if (!r.ok) continue;
    parsed.push({ s: r.schedule, node: s.node, text: s.text });
    if (r.schedule.kind === 'every') {
      out.push({ code: 'cron.schedule.every', severity: 'information', range: nodeRange(s.node),
        message: '@every counts from when the controller (re)adds the entry, which happens on every update and resync (20 min) and ignores the timezone; exact run times cannot be predicted and intervals longer than the resync may never fire. Prefer a cron expression.' });
      continue;
    }
    const nx = r.schedule.next(c.now);
    if (nx === null) {
      out.push({ code: 'cron.schedule.neverFires', severity: 'warning', range: nodeRange(s.node),
        message: `schedule "${s.text}" never fires: robfig/cron finds no matching time within 5 years` });
      continue;
    }
    const notes = zoneHasTransitions(r.schedule.zone, c.now, c.now + YEAR_MS) ? cron.dstNotes(r.schedule, c.now, c.now + YEAR_MS) : [];
    if (notes.length) {
      const describe = (k: 'skipped' | 'doubled') => notes.filter((n) => n.kind === k).map((n) => n.wallTime);
      const sk = describe('skipped');
      const db = describe('doubled');
      const parts: string[] = [];
      if (sk.length) parts.push(`skipped (no catch-up) at ${list(sk)}`);
      if (db.length) parts.push(`run twice at ${list(db)}`);
      // schedules that fire many times an hour lose/double a whole hour of runs: expected, so only information
      out.push({ code: 'cron.schedule.dst', severity: notes.length > 8 ? 'information' : 'warning', range: nodeRange(s.node),
        message: `daylight saving time in ${r.schedule.zone.name} in the next year: runs ${parts.join('; ')}` });
    }
  }

  // identical instants across schedules collapse into one run (same child name <cron>-<unix seconds>)
  if (parsed.length > 1) {
    let reported = false;
    for (let i = 0; i < parsed.length && !reported; i++) {
      for (let j = i + 1; j < parsed.length && !reported; j++) {
        if (parsed[i].s.kind !== 'spec' || parsed[j].s.kind !== 'spec') continue;
        const col = (c.collisions ?? collisions)(parsed[i].s, parsed[j].s, c.now, c.now + YEAR_MS);
        if (!col) continue;
        reported = true;
        const z = parsed[i].s.zone;
        out.push({ code: 'cron.schedules.collide', severity: 'information', range: schedulesPair ? keyRange(schedulesPair) : anchor,
          message: `schedules ${i + 1} and ${j + 1} fire at the same instant (first ${cron.formatRfc3339(col.first, z)}; ${col.count}${col.capped ? '+' : ''} times in the next year): the child Workflow name <name>-<unix time> is the same, so only one run is created` });
      }
    }
  }

  // startingDeadlineSeconds that cannot cover a missed run
  if (sd !== undefined && sd > 0 && parsed.length) {
    if (sd < 60) {
      out.push({ code: 'cron.startingDeadlineSeconds.tooShort', severity: 'warning', range: nodeRange(sdNode),
        message: `startingDeadlineSeconds ${sd} is shorter than a controller restart usually takes: a run missed while the controller was down is only caught up if it restarts within ${sd} s of the missed time` });
    }
  }

  // when / stopStrategy
  if (f.whenAndStopStrategy) {
    const whenPair = getPair(spec, 'when');
    if (whenPair && isScalar(whenPair.value) && typeof (whenPair.value as Scalar).value === 'string') {
      out.push(...checkEmbeddedExpr(c.text, whenPair.value as Scalar, 'when', c.v));
    }
    const ssExpr = getPair(getValue(spec, 'stopStrategy'), 'expression');
    if (ssExpr && isScalar(ssExpr.value) && typeof (ssExpr.value as Scalar).value === 'string') {
      out.push(...checkEmbeddedExpr(c.text, ssExpr.value as Scalar, 'stopStrategy', c.v));
    }
  }
  return out;
}

const PARSE_CACHE_MAX = 4096;
const parseCaches = new WeakMap<cron.Zone, Map<string, cron.ParseResult>>();
/** parseSchedule memoised per default zone and text: parsed schedules are immutable, and an editor re-lints the same
 *  schedules on every keystroke (and the rules parse each schedule twice). */
function parseCached(text: string, zone: cron.Zone = cron.UTC): cron.ParseResult {
  if (text.length > 1000) return cron.parseSchedule(text, zone);
  let m = parseCaches.get(zone);
  if (!m) parseCaches.set(zone, (m = new Map()));
  let r = m.get(text);
  if (r === undefined) {
    if (m.size >= PARSE_CACHE_MAX) m.clear();
    m.set(text, (r = cron.parseSchedule(text, zone)));
  }
  return r;
}

const TRANSITIONS = new Map<string, boolean>();
/** Memoised per zone and hour: most zones (UTC, Asia/Tokyo, …) have no DST, so dstNotes can be skipped. */
function zoneHasTransitions(zone: cron.Zone, from: number, until: number): boolean {
  const key = `${zone.name}|${Math.floor(from / 3_600_000)}|${Math.floor(until / 3_600_000)}`;
  let v = TRANSITIONS.get(key);
  if (v === undefined) {
    if (TRANSITIONS.size > 1000) TRANSITIONS.clear();
    TRANSITIONS.set(key, (v = cron.zoneTransitions(zone, from - 86_400_000, until).length > 0));
  }
  return v;
}

function list(xs: string[]): string {
  return xs.length <= 4 ? xs.join(', ') : `${xs.slice(0, 4).join(', ')} and ${xs.length - 4} more`;
}


/** The range of a pair including its whole line(s), for deleting it. */
function pairLineRange(text: string, p: Pair): Range {
  const r = pairRange(p);
  let start = r.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = r.end;
  while (end < text.length && text[end] !== '\n') end++;
  if (end < text.length) end++;
  return { start, end };
}

export function scheduleToSchedulesFix(text: string, p: Pair): Fix {
  const value = scalarString(p.value) ?? '';
  const r = pairRange(p);
  // keep any trailing comment on the line untouched: replace only key..value
  return { title: 'Convert "schedule" to "schedules"', preferred: true, edits: [{ range: r, newText: `schedules: [${JSON.stringify(value)}]` }] };
}

/** `schedule: x` next to an empty or null `schedules`: move x into `schedules` and delete the `schedule` line (converting
 *  `schedule` in place would leave two `schedules` keys). No fix when both sit on one line (flow style). */
function fillEmptySchedulesFix(text: string, p: Pair, schedules: Pair): Fix[] {
  const del = pairLineRange(text, p);
  const put = pairRange(schedules);
  if (put.start < del.end && del.start < put.end) return [];
  return [{ title: 'Move "schedule" into the empty "schedules"', preferred: true,
    edits: [{ range: put, newText: `schedules: [${JSON.stringify(scalarString(p.value) ?? '')}]` }, { range: del, newText: '' }] }];
}

function removePrefixFix(text: string, node: unknown): Fix {
  const s = isScalar(node) ? String((node as Scalar).value) : '';
  const stripped = s.replace(/^\s*(CRON_)?TZ=\S+\s+/, '');
  return { title: 'Remove the CRON_TZ= prefix (spec.timezone applies)', edits: [{ range: nodeRange(node), newText: JSON.stringify(stripped) }] };
}

export { isSeq };
