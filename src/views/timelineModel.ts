// Schedule timeline: from the server's argoTriggers/timeline answer to what the webview draws (lanes, runs, ticks,
// DST marks), in the user's time zone. Pure (no vscode import): unit-tested in test/src/views/timelineHtml.test.ts.
import { planRuns, type PlannedRun, type RunOutcome } from '../../core/argo/concurrency';
import type { TimelineCron, TimelineResult } from '../../server/protocol';

export interface TimelineViewOptions {
  /** IANA zone the axis and hover texts use (the user's zone). Invalid names fall back to UTC. */
  displayZone: string;
  /** Expected run length in seconds (0 = no run simulation). */
  expectedDurationSec: number;
  now: number;
}

export interface ViewRun extends PlannedRun {
  /** Indexes into the lane's schedules (several = identical instants collapsed into one run). */
  schedules: number[];
  /** RFC 3339 in the CronWorkflow's zone, as the server printed it (the scheduled-time annotation). */
  zoneText: string;
}

export interface ViewDst {
  kind: 'skipped' | 'doubled';
  schedule: number;
  wallTime: string;
  /** Instants to mark (doubled: both runs; skipped: the transition, approximately). */
  at: number[];
}

export interface ViewLane {
  id: string;
  name: string;
  namespace?: string;
  uri: string;
  line: number;
  zone: string;
  zoneSource: 'timezone' | 'controller';
  schedules: string[];
  policy: string;
  suspend: boolean;
  runs: ViewRun[];
  dst: ViewDst[];
  errors: string[];
  truncated: boolean;
  counts: Record<RunOutcome, number> & { terminated: number; borderline: number; merged: number };
}

export interface Tick {
  at: number;
  label: string;
  /** Day boundary (drawn stronger). */
  major: boolean;
}

export interface TimelineView {
  from: number;
  until: number;
  now: number;
  displayZone: string;
  /** e.g. "Europe/Berlin (UTC+01:00 now)". */
  zoneLabel: string;
  expectedDurationSec: number;
  lanes: ViewLane[];
  ticks: Tick[];
  totals: { crons: number; fires: number; errors: number };
  /** An instant in the display zone, "Sun 2026-03-08 03:00 (UTC-07:00)" (memoized: Intl formatting is the slow part). */
  fmt(ms: number): string;
}

// ---------------------------------------------------------------------------------------------------------------
// time zone helpers (Intl, cached per zone)
// ---------------------------------------------------------------------------------------------------------------

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fmtCache.set(zone, f);
  }
  return f;
}

export function validZone(zone: string): string {
  try {
    partsFormatter(zone);
    return zone;
  } catch {
    return 'UTC';
  }
}

export interface WallTime { y: number; mo: number; d: number; h: number; mi: number; s: number; wd: string }

/** Wall time from Intl (exact, slow: tens of µs per call). */
function intlWallTime(ms: number, zone: string): WallTime {
  const p: Record<string, string> = {};
  for (const x of partsFormatter(zone).formatToParts(new Date(ms))) p[x.type] = x.value;
  return { y: +p.year, mo: +p.month, d: +p.day, h: +p.hour % 24, mi: +p.minute, s: +p.second, wd: p.weekday };
}

function intlOffsetMinutes(ms: number, zone: string): number {
  const w = intlWallTime(ms, zone);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Offsets only change at transitions, which (for every zone in use today) fall on 15-minute UTC boundaries: cache the
// offset at each 15-minute boundary; when the offsets at both ends of a quarter agree, it holds inside it, otherwise
// ask Intl for the exact instant.
const QUARTER = 900_000;
const offsetCache = new Map<string, number>();
function boundaryOffset(zone: string, q: number): number {
  const key = `${zone}|${q}`;
  let o = offsetCache.get(key);
  if (o === undefined) {
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, (o = intlOffsetMinutes(q * QUARTER, zone)));
  }
  return o;
}

/** Offset of `zone` at instant `ms`, in minutes east of UTC. */
export function offsetMinutes(ms: number, zone: string): number {
  const q = Math.floor(ms / QUARTER);
  const a = boundaryOffset(zone, q);
  return a === boundaryOffset(zone, q + 1) ? a : intlOffsetMinutes(ms, zone);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallTime(ms: number, zone: string): WallTime {
  const d = new Date(ms + offsetMinutes(ms, zone) * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: WEEKDAYS[d.getUTCDay()] };
}

export function formatOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "Sun 2026-03-08 03:00 (UTC-07:00)" in the zone. */
export function formatInZone(ms: number, zone: string, withSeconds = false): string {
  const off = offsetMinutes(ms, zone);
  const w = wallTime(ms, zone);
  const t = `${pad(w.h)}:${pad(w.mi)}${withSeconds ? ':' + pad(w.s) : ''}`;
  return `${w.wd} ${w.y}-${pad(w.mo)}-${pad(w.d)} ${t} (UTC${formatOffset(off)})`;
}

/** The instant a wall time 'YYYY-MM-DD HH:MM' names in the zone: the earlier one when it happens twice, and for a
 *  time in a DST gap (which does not exist) an instant within an hour or so after the transition. */
export function wallToInstant(wall: string, zone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(wall);
  if (!m) return undefined;
  const naive = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const before = naive - offsetMinutes(naive - DAY, zone) * 60_000;
  const after = naive - offsetMinutes(naive + DAY, zone) * 60_000;
  const same = (t: number): boolean => {
    const w = wallTime(t, zone);
    return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) === naive;
  };
  const ok = [before, after].filter(same).sort((a, b) => a - b);
  return ok.length ? ok[0] : before;
}

/** A schedule as the user wrote it: Argo's `CRON_TZ=<zone> ` prefix (added from spec.timezone) removed. */
export function displaySchedule(s: string): string {
  return s.replace(/^(?:CRON_TZ|TZ)=\S+\s+/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// axis ticks
// ---------------------------------------------------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Ticks at local hour starts (step chosen from the window length; local midnights are major), or every n local
 *  midnights for long windows. Sampled on every UTC hour, so half-hour zones and DST changes come out right. */
export function axisTicks(from: number, until: number, zone: string, maxTicks = 16): Tick[] {
  const span = Math.max(1, until - from);
  const step = [1, 2, 3, 6, 12, 24].find((h) => span / (h * HOUR) <= maxTicks);
  const nDays = step === undefined ? Math.max(1, Math.ceil(span / DAY / maxTicks)) : 1;
  const ticks: Tick[] = [];
  let midnights = 0;
  for (let t = Math.floor(from / HOUR) * HOUR; t < until; t += HOUR) {
    const w = wallTime(t, zone);
    const at = t - w.mi * 60_000 - w.s * 1000; // start of this local hour
    if (at < from || at >= until) continue;
    if (ticks.length && ticks[ticks.length - 1].at === at) continue;
    const midnight = w.h === 0;
    if (step !== undefined) {
      if (w.h % step !== 0) continue;
      ticks.push({ at, major: midnight, label: midnight ? `${w.wd} ${pad(w.d)}/${pad(w.mo)}` : `${pad(w.h)}:00` });
    } else if (midnight) {
      if (midnights++ % nDays !== 0) continue;
      ticks.push({ at, major: w.d === 1, label: `${pad(w.d)}/${pad(w.mo)}${w.d === 1 || ticks.length === 0 ? '/' + w.y : ''}` });
    }
  }
  return ticks;
}

// ---------------------------------------------------------------------------------------------------------------
// the view
// ---------------------------------------------------------------------------------------------------------------

export function buildTimelineView(result: TimelineResult, opts: TimelineViewOptions): TimelineView {
  const zone = validZone(opts.displayZone || 'UTC');
  const duration = Math.max(0, opts.expectedDurationSec || 0);
  const lanes: ViewLane[] = result.crons.map((c) => buildLane(c, duration));
  const memo = new Map<number, string>();
  const fmt = (ms: number): string => {
    let t = memo.get(ms);
    if (t === undefined) memo.set(ms, (t = formatInZone(ms, zone)));
    return t;
  };
  lanes.sort((a, b) => a.name.localeCompare(b.name) || a.uri.localeCompare(b.uri));
  return {
    from: result.from,
    until: result.until,
    now: opts.now,
    displayZone: zone,
    zoneLabel: `${zone} (UTC${formatOffset(offsetMinutes(opts.now, zone))} now)`,
    expectedDurationSec: duration,
    lanes,
    ticks: axisTicks(result.from, result.until, zone),
    totals: {
      crons: lanes.length,
      fires: lanes.reduce((n, l) => n + l.runs.length, 0),
      errors: lanes.reduce((n, l) => n + l.errors.length, 0),
    },
    fmt,
  };
}

/** Stable element id of a CronWorkflow's section (the code lens "timeline" command scrolls to it). */
export function laneId(uri: string, name: string | undefined): string {
  return `cron:${uri}#${name ?? ''}`;
}

function buildLane(c: TimelineCron, durationSec: number): ViewLane {
  const fires = [...c.fires].sort((a, b) => a.at - b.at);
  const plan = planRuns(
    fires.map((f) => f.at),
    durationSec * 1000,
    c.concurrencyPolicy,
  );
  const byAt = new Map(fires.map((f) => [f.at, f]));
  const runs = plan.runs as ViewRun[];
  for (const r of runs) {
    const f = byAt.get(r.at);
    r.schedules = f?.schedules ?? [];
    r.zoneText = f?.text ?? '';
  }
  const counts = { run: 0, overlap: 0, skipped: 0, replace: 0, error: 0, terminated: 0, borderline: 0, merged: 0 };
  for (const r of runs) {
    counts[r.outcome]++;
    if (r.terminatedAt !== undefined) counts.terminated++;
    if (r.borderline) counts.borderline++;
    if (r.schedules.length > 1) counts.merged++;
  }
  const dst: ViewDst[] = c.dstNotes.map((n) => {
    const at = n.at && n.at.length ? n.at : [wallToInstant(n.wallTime, c.zone || 'UTC') ?? NaN].filter((x) => Number.isFinite(x));
    return { kind: n.kind, schedule: n.schedule, wallTime: n.wallTime, at };
  });
  const errors = c.errors.map((e) => (e.schedule !== undefined && c.schedules[e.schedule] !== undefined ? `${displaySchedule(c.schedules[e.schedule])}: ${e.message}` : e.message));
  if (plan.error && !errors.includes(plan.error)) errors.push(plan.error);
  return {
    id: laneId(c.uri, c.name),
    name: c.name ?? '(unnamed CronWorkflow)',
    namespace: c.namespace,
    uri: c.uri,
    line: c.range?.start?.line ?? 0,
    zone: c.zone || 'UTC',
    zoneSource: c.zoneSource,
    schedules: c.schedules.map(displaySchedule),
    policy: c.concurrencyPolicy || 'Allow',
    suspend: !!c.suspend,
    runs,
    dst,
    errors,
    truncated: !!c.truncated,
    counts,
  };
}

/** What the policy does, in words, for a run (hover titles and the table). */
export function outcomeText(r: ViewRun, lane: ViewLane, fmt: (ms: number) => string): string {
  const names = (ix: number[]): string => ix.map((i) => (lane.runs[i] ? fmt(lane.runs[i].at).replace(/ \(UTC.*\)$/, '') : '?')).join(', ');
  switch (r.outcome) {
    case 'run':
      return r.borderline
        ? 'runs — but the previous run ended less than 10 s before, and status.active is refreshed only every 10 s, so Forbid may still skip it'
        : 'runs';
    case 'overlap':
      return `runs alongside ${r.active.length} active run(s) started ${names(r.active)} (Allow)`;
    case 'skipped':
      return `skipped: a run started ${names(r.active)} is still active (Forbid)`;
    case 'replace':
      return `terminates the run(s) started ${names(r.terminates)} and starts a new one (Replace)`;
    case 'error':
      return r.error ?? 'error';
  }
}
