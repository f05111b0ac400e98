// Hover: schedules (next fires in the schedule's zone and the user's zone, wording, DST notes, merged list),
// field docs from the core's model, and event selectors / parameter expressions (environment, clauses, samples).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArgoEvent, CronSchedule, Zone } from '../coreApi';
import type { ServiceContext } from '../context';
import type { ArgoTriggersSettings } from '../protocol';
import { formatWall, formatIn, type PathSeg } from '../text';
import { cronSpecOf, locate, specOf } from './locate';

const YEAR_MS = 366 * 86_400_000;
const MAX_SAMPLES_IN_HOVER = 5;

export function controllerZone(ctx: ServiceContext, settings: ArgoTriggersSettings): Zone {
  return ctx.zone(settings.controllerTimezone) ?? ctx.zone('UTC')!;
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
const esc = (s: string) => s.replace(/[\\`*_{}[\]<>|]/g, (c) => '\\' + c);

export function computeHover(ctx: ServiceContext, doc: TextDocument, pos: Position, settings: ArgoTriggersSettings): Hover | null {
  const loc = locate(ctx, doc, pos);
  if (!loc?.argo || !loc.at) return null;
  const { argo, at } = loc;
  const kind = argo.kind ?? '';
  const path = at.path;
  const p = path.map((s) => (typeof s === 'number' ? '[]' : s));
  const range = at.onKey && at.keyNode?.range
    ? { start: doc.positionAt(loc.chunk.start + at.keyNode.range[0]), end: doc.positionAt(loc.chunk.start + at.keyNode.range[1]) }
    : at.node?.range && !at.onKey ? { start: doc.positionAt(loc.chunk.start + at.node.range[0]), end: doc.positionAt(loc.chunk.start + at.node.range[1]) } : undefined;
  let md: string | undefined;

  if (kind === 'CronWorkflow' && p[0] === 'spec' && (p[1] === 'schedules' || p[1] === 'schedule')) {
    md = scheduleHover(ctx, argo, path, settings);
  } else if (kind === 'WorkflowEventBinding' && p.join('.') === 'spec.event.selector') {
    md = selectorHover(ctx, argo, settings, 'selector');
  } else if (kind === 'WorkflowEventBinding' && p[0] === 'spec' && p[1] === 'submit' && p[p.length - 1] === 'event' && p.includes('valueFrom')) {
    md = selectorHover(ctx, argo, settings, 'parameter', path);
  } else if (kind === 'CronWorkflow' && p.join('.') === 'spec.timezone' && !at.onKey) {
    md = zoneHover(ctx, argo, settings);
  }
  if (!md && at.onKey) md = fieldHover(ctx, kind, argo.apiVersion, p, settings);
  if (!md) return null;
  return { contents: { kind: MarkupKind.Markdown, value: md }, range };
}

function fieldHover(ctx: ServiceContext, kind: string, apiVersion: string | undefined, p: string[], settings: ArgoTriggersSettings): string | undefined {
  if (!ctx.core.fieldsAt || !p.length) return undefined;
  const name = p[p.length - 1];
  const fields = ctx.core.fieldsAt(kind, apiVersion, p.slice(0, -1), settings.argoVersion);
  const f = fields?.find((x) => x.name === name);
  if (!f) return undefined;
  const lines = [`**${esc(name)}**${f.type ? ` · ${code(f.type)}` : ''} — ${esc(kind)} ${code(p.join('.'))}`];
  if (f.doc) lines.push('', f.doc);
  if (f.values?.length) lines.push('', `Values: ${f.values.map(code).join(', ')}`);
  return lines.join('\n');
}

function zoneHover(ctx: ServiceContext, argo: import('../coreApi').ArgoDocument, settings: ArgoTriggersSettings): string | undefined {
  const spec = specOf(argo);
  const tz = typeof spec?.timezone === 'string' ? spec.timezone : '';
  const lines = [`**timezone** — schedules are evaluated in this zone (Argo adds ${code('CRON_TZ=' + (tz || '<zone>'))} to each schedule).`];
  const r = ctx.core.loadZone(tz);
  const now = ctx.now();
  if (r.ok) {
    lines.push('', `Now in ${code(r.zone.name || 'UTC')}: ${formatWall(now, r.zone)}; controller default (setting): ${code(settings.controllerTimezone)}.`);
  } else {
    lines.push('', `⚠ ${esc(r.error)}`);
  }
  return lines.join('\n');
}

function fireTable(times: number[], zone: Zone, user: Zone, extra?: (i: number) => string): string[] {
  const same = zone.name === user.name;
  const head = same ? `| # | ${esc(zone.name || 'UTC')} |${extra ? ' schedules |' : ''}` : `| # | ${esc(zone.name || 'UTC')} | ${esc(user.name)} (you) |${extra ? ' schedules |' : ''}`;
  const sep = same ? `|---|---|${extra ? '---|' : ''}` : `|---|---|---|${extra ? '---|' : ''}`;
  const rows = times.map((t, i) => `| ${i + 1} | ${formatWall(t, zone)} |${same ? '' : ` ${formatWall(t, user)} |`}${extra ? ` ${extra(i)} |` : ''}`);
  return [head, sep, ...rows];
}

function scheduleHover(ctx: ServiceContext, argo: import('../coreApi').ArgoDocument, path: PathSeg[], settings: ArgoTriggersSettings): string | undefined {
  const spec = specOf(argo);
  if (!spec) return undefined;
  const cronSpec = cronSpecOf(spec);
  const cz = controllerZone(ctx, settings);
  const user = ctx.userZone();
  const now = ctx.now();
  const n = settings.hover.fireCount;
  const out: string[] = [];
  const zoneNote = cronSpec.timezone ? `spec.timezone ${code(cronSpec.timezone)}` : `no timezone: the controller's zone ${code(settings.controllerTimezone)} (setting argoTriggers.controllerTimezone)`;

  // the single schedule under the cursor
  let single: string | undefined;
  if (path[1] === 'schedule' && typeof spec.schedule === 'string') single = spec.schedule;
  if (path[1] === 'schedules' && typeof path[2] === 'number' && Array.isArray(spec.schedules) && typeof spec.schedules[path[2]] === 'string') single = spec.schedules[path[2]] as string;
  if (single !== undefined) {
    const composed = ctx.core.argoScheduleStrings({ schedules: [single], timezone: cronSpec.timezone })[0] ?? single;
    const parsed = ctx.core.parseSchedule(composed, cz);
    out.push(`**Schedule** ${code(single)}${describe(ctx, single)}`, '', `Zone: ${zoneNote}.`);
    if (!parsed.ok) {
      out.push('', `⚠ ${esc(parsed.error)}`);
    } else {
      const s = parsed.schedule;
      const minute = Math.floor(now / 60_000) * 60_000;
      const { times, exhausted } = ctx.memo(`next|${composed}|${cz.name}|${minute}|${n}`, () => ctx.core.nextTimes(s, minute, n));
      if (!times.length) out.push('', '⚠ This schedule never fires (no time within the 5-year search).');
      else {
        out.push('', `Next ${times.length} fire time${times.length === 1 ? '' : 's'} (first ${formatIn(times[0] - now)}):`, '', ...fireTable(times, s.zone, user));
        if (exhausted && times.length < n) out.push('', `Only ${times.length} fire times exist within the 5-year search.`);
      }
      if (s.kind === 'every') out.push('', '`@every` counts from when the controller (re)adds the schedule, so exact times depend on controller restarts and edits; the times above assume it was added now.');
      out.push(...dstSection(ctx, s, now, `${composed}|${cz.name}`));
    }
  }
  // merged list across all schedules
  const count = (cronSpec.schedules?.length ?? 0) + (cronSpec.schedule !== undefined ? 1 : 0);
  if (single === undefined || count > 1) {
    const minute = Math.floor(now / 60_000) * 60_000;
    const merged = ctx.memo(`merged|${JSON.stringify(cronSpec)}|${cz.name}|${minute}|${n}`, () => ctx.core.mergedNextTimes(cronSpec, cz, minute, n));
    const all = ctx.core.argoScheduleStrings(cronSpec);
    if (single === undefined) out.push(`**Schedules** (${all.length}) — zone: ${zoneNote}.`);
    if (merged.fires.length) {
      const z = zoneFor(ctx, cronSpec.timezone, cz);
      out.push('', `**All schedules merged** — the next ${merged.fires.length} runs (identical instants collapse into one run):`, '',
        ...fireTable(merged.fires.map((f) => f.at), z, user, (i) => merged.fires[i].schedules.map((k) => `#${k + 1}`).join(' + ')));
    } else if (!merged.errors.length) out.push('', '⚠ None of the schedules fires within the 5-year search.');
    for (const e of merged.errors) out.push('', `⚠ schedule #${e.index + 1}: ${esc(e.error)}`);
  }
  return out.join('\n');
}

function zoneFor(ctx: ServiceContext, tz: string | undefined, fallback: Zone): Zone {
  if (!tz) return fallback;
  return ctx.zone(tz) ?? fallback;
}

function describe(ctx: ServiceContext, s: string): string {
  try {
    const d = ctx.core.describeSchedule(s);
    return d ? ` — ${esc(d)}` : '';
  } catch {
    return '';
  }
}

function dstSection(ctx: ServiceContext, s: CronSchedule, now: number, key: string): string[] {
  let notes: ReturnType<typeof ctx.core.dstNotes> = [];
  try {
    const hour = Math.floor(now / 3_600_000) * 3_600_000;
    notes = ctx.memo(`dst|${key}|${hour}`, () => ctx.core.dstNotes(s, hour, hour + YEAR_MS));
  } catch (e) {
    ctx.log.error(`dstNotes failed: ${(e as Error).message}`);
  }
  if (!notes.length) return [];
  const lines = ['', '**Daylight saving time** in the next 12 months:'];
  for (const n of notes.slice(0, 12)) {
    lines.push(n.kind === 'skipped'
      ? `- ${n.wallTime} does not exist in ${esc(s.zone.name)}: that run is **skipped** (no catch-up).`
      : `- ${n.wallTime} happens twice in ${esc(s.zone.name)}: the schedule **fires twice**${n.at?.length ? ` (${n.at.map((t) => formatWall(t, s.zone)).join(', ')})` : ''}.`);
  }
  if (notes.length > 12) lines.push(`- … ${notes.length - 12} more`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------

const ENV_DOC = [
  'argo-server evaluates this with expr-lang against the environment:',
  '- `payload` — the HTTP body as JSON (every number is a float64; an empty body is `nil`)',
  '- `metadata` — only `x-*` request headers, names lower-cased, each value a **list** of strings: `metadata["x-github-event"] == ["push"]` or `"push" in metadata["x-github-event"]`',
  '- `discriminator` — the last segment of `/api/v1/events/{namespace}/{discriminator}`',
  '- `namespace` — the namespace the event was posted to',
  '',
  'There is no `event` variable, and sprig functions are not available here. A compile error, a run error or a non-bool result makes argo-server answer HTTP 500 (sync dispatch) and record a `WorkflowEventBindingError` event.',
].join('\n');

const PARAM_DOC = [
  'argo-server evaluates this expr-lang expression against the same environment as the selector (`payload`, `metadata`, `discriminator`, `namespace`).',
  'The result is JSON-encoded and, for a string, only the outer quotes are removed: `"bar"` → `bar`, `3` → `3`, `nil` → `null`.',
].join('\n');

const EMPTY_EVENT: ArgoEvent = { payload: null, headers: [], discriminator: '', namespace: '' };

function getIn(spec: unknown, path: PathSeg[]): unknown {
  let cur = spec;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg as string];
  }
  return cur;
}

function fmtValue(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '…' : s;
  } catch {
    return String(v);
  }
}

function selectorHover(ctx: ServiceContext, argo: import('../coreApi').ArgoDocument, settings: ArgoTriggersSettings, what: 'selector' | 'parameter', path?: PathSeg[]): string | undefined {
  const spec = specOf(argo);
  const src = what === 'selector' ? getIn(spec, ['event', 'selector']) : getIn(spec, path!.slice(1));
  const lines: string[] = [what === 'selector' ? '**Event selector** (expr-lang, must return a bool)' : '**Parameter from the event** (expr-lang)', '', what === 'selector' ? ENV_DOC : PARAM_DOC];
  if (typeof src !== 'string') return lines.join('\n');
  const profile = settings.argoVersion;
  if (what === 'selector') {
    let clauses: ReturnType<typeof ctx.core.explainSelector> = [];
    try {
      clauses = ctx.core.explainSelector(src, EMPTY_EVENT, profile);
    } catch (e) {
      ctx.log.error(`explainSelector failed: ${(e as Error).message}`);
    }
    if (clauses.length > 1) {
      lines.push('', `**Clauses** (${clauses.length}; each must hold for a match when joined by \`and\`/\`&&\`):`);
      clauses.forEach((c, i) => lines.push(`${i + 1}. ${code(c.text)}${c.op ? ` — joined with \`${c.op}\`` : ''}`));
    }
  }
  const samples = [...ctx.index.samples.values()].filter((s) => s.event).slice(0, MAX_SAMPLES_IN_HOVER);
  if (samples.length) {
    lines.push('', '**Against the sample events:**');
    for (const s of samples) {
      const name = s.uri.slice(s.uri.lastIndexOf('/') + 1);
      try {
        if (what === 'selector') {
          const cl = ctx.core.explainSelector(src, s.event!, profile);
          const whole = ctx.core.evalSelector(src, s.event!, profile);
          const head = whole.ok ? (whole.result ? '✓ matches' : '✗ no match') : `⚠ error: ${esc(whole.error.message)}`;
          lines.push(`- ${esc(name)}: ${head}`);
          if (cl.length > 1) for (const c of cl) lines.push(`  - ${code(c.text)} → ${'value' in c.outcome ? code(fmtValue(c.outcome.value)) : `error: ${esc(c.outcome.error.message)}`}`);
        } else {
          const r = ctx.core.evalParameter(src, s.event!, profile);
          lines.push(`- ${esc(name)}: ${r.ok ? code(r.value) : `error: ${esc(r.error.message)}`}`);
        }
      } catch (e) {
        lines.push(`- ${esc(name)}: internal error`);
        ctx.log.error(`sample evaluation failed: ${(e as Error).message}`);
      }
    }
  }
  return lines.join('\n');
}
