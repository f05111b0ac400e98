// Schedule timeline webview HTML: an SVG time axis with one lane per CronWorkflow (fires, expected runs, what the
// concurrencyPolicy does, DST marks), a legend, and per-CronWorkflow details. Pure: no vscode import.
import type { RunOutcome } from '../../core/argo/concurrency';
import { esc, formatDuration, page, type PageOptions } from './html';
import { formatInZone, outcomeText, type TimelineView, type ViewLane, type ViewRun } from './timelineModel';

export const TIMELINE_TITLE = 'Schedule timeline';

// Geometry (SVG user units; the SVG scales to the panel width).
const W = 1200;
const LABEL_W = 250;
const X0 = LABEL_W + 10;
const X1 = W - 20;
const AXIS_H = 30;
const LANE_H = 46;
const TABLE_ROWS = 40;
/** Above this many fires in a lane, fires are drawn as blocks per time bin (fewer when there are many lanes, so the
 *  page stays around 10k marks at most). */
const MAX_MARKS = 240;
const DENSE_BINS = 160;
const MARK_BUDGET = 10_000;
const maxMarks = (lanes: number): number => Math.max(40, Math.min(MAX_MARKS, Math.floor(MARK_BUDGET / Math.max(1, lanes))));
const denseBins = (lanes: number): number => Math.max(40, Math.min(DENSE_BINS, Math.floor((MARK_BUDGET * 1.2) / Math.max(1, lanes))));

const OUTCOME_LABEL: Record<RunOutcome, string> = {
  run: 'runs',
  overlap: 'runs while another is active (Allow)',
  skipped: 'skipped (Forbid)',
  replace: 'replaces the active run (Replace)',
  error: 'error (invalid concurrencyPolicy)',
};

const CSS = `
.scroll { overflow-x: auto; }
svg.timeline { width: 100%; min-width: 960px; height: auto; display: block; margin: 6px 0 4px; user-select: none; }
svg text { fill: var(--vscode-foreground, #333); font-family: var(--vscode-font-family, sans-serif); font-size: 12px; }
svg text.sub { fill: var(--vscode-descriptionForeground, #777); font-size: 10.5px; }
svg text.tick-label { fill: var(--vscode-descriptionForeground, #777); font-size: 10.5px; }
svg text.tick-label.major { fill: var(--vscode-foreground, #333); font-weight: 600; }
.lane-bg { fill: var(--vscode-list-hoverBackground, #8881); }
.lane-bg.odd { fill: transparent; }
.lane-name { cursor: pointer; }
.lane-name:hover { text-decoration: underline; }
.grid { stroke: var(--vscode-panel-border, #8884); stroke-width: 1; }
.grid.major { stroke: var(--vscode-descriptionForeground, #888); stroke-opacity: 0.6; }
.now { stroke: var(--vscode-editorCursor-foreground, #c00); stroke-width: 1.5; stroke-dasharray: 3 3; }
.fire { stroke-width: 1.5; }
.o-run { fill: var(--vscode-charts-blue, #3794ff); stroke: var(--vscode-charts-blue, #3794ff); }
.o-overlap { fill: var(--vscode-charts-orange, #d18616); stroke: var(--vscode-charts-orange, #d18616); }
.o-skipped { fill: var(--vscode-editor-background, #fff); stroke: var(--vscode-charts-red, #f14c4c); }
.o-replace { fill: var(--vscode-charts-purple, #b180d7); stroke: var(--vscode-charts-purple, #b180d7); }
.o-error { fill: var(--vscode-errorForeground, #f14c4c); stroke: var(--vscode-errorForeground, #f14c4c); }
.fire.borderline { stroke: var(--vscode-charts-yellow, #cca700); stroke-width: 2.5; }
.merged-ring { fill: none; stroke: var(--vscode-foreground, #333); stroke-width: 1; }
.bar { fill-opacity: 0.35; stroke-opacity: 0.8; stroke-width: 1; }
.terminated { stroke: var(--vscode-charts-red, #f14c4c); stroke-width: 2; }
.dst-skipped { fill: var(--vscode-charts-red, #f14c4c); }
.dst-doubled { fill: var(--vscode-charts-yellow, #cca700); }
.suspended { fill: var(--vscode-descriptionForeground, #888); font-style: italic; }
g.lane.is-suspended .fire, g.lane.is-suspended .bar, g.lane.is-suspended .merged-ring { opacity: 0.35; }
.lane-error { fill: var(--vscode-errorForeground, #f14c4c); }
td.o { white-space: nowrap; }
.swatch-line { stroke-width: 2; }
`;

export interface TimelineRenderOptions extends PageOptions {
  /** Shown in the footer (e.g. "computed in 12 ms"). */
  footer?: string;
}

export function renderTimelineHtml(view: TimelineView, o: TimelineRenderOptions): string {
  const dur = view.expectedDurationSec;
  const head = `<h1>${esc(TIMELINE_TITLE)}</h1>
<p class="meta">Next fire times of every CronWorkflow in the workspace, ${esc(formatInZone(view.from, view.displayZone))} →
${esc(formatInZone(view.until, view.displayZone))}. Axis and times in <strong>your zone: ${esc(view.zoneLabel)}</strong>;
each CronWorkflow fires in its own zone (shown per lane). Expected run length:
<strong>${dur > 0 ? esc(formatDuration(dur)) : 'not simulated'}</strong> (setting <code>argoTriggers.timeline.expectedDurationSec</code>).</p>
<div class="toolbar"><button data-cmd="refresh">Refresh</button><button class="secondary" data-cmd="settings">Timeline settings</button></div>`;
  if (!view.lanes.length) {
    return page(o, `${head}<p class="muted">No CronWorkflow found in the workspace. Open or create a YAML file with
<code>kind: CronWorkflow</code> and it appears here.</p>`, CSS);
  }
  const body = `${head}
${legend(dur > 0)}
${svg(view)}
<p class="meta">${view.totals.crons} CronWorkflow(s), ${view.totals.fires} fire(s) in the window${view.totals.errors ? `, <span class="error-text">${view.totals.errors} problem(s)</span>` : ''}.
Hover a mark for details; click a name to open its file.</p>
${view.lanes.map((l) => details(l, view)).join('\n')}
${o.footer ? `<p class="meta">${esc(o.footer)}</p>` : ''}`;
  return page(o, body, CSS);
}

function x(view: TimelineView, t: number): number {
  const span = Math.max(1, view.until - view.from);
  const v = X0 + ((t - view.from) / span) * (X1 - X0);
  return Math.round(Math.min(X1, Math.max(X0, v)) * 10) / 10;
}

function legend(simulated: boolean): string {
  const dot = (cls: string, extra = '') => `<svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><circle r="4.5" class="fire ${cls}"${extra}/></svg>`;
  const items = [
    `<span>${dot('o-run')} fire (runs)</span>`,
    simulated ? `<span>${dot('o-overlap')} overlaps an active run (Allow)</span>` : '',
    simulated ? `<span>${dot('o-skipped')} skipped: a run is active (Forbid)</span>` : '',
    simulated ? `<span>${dot('o-replace')} terminates the active run, starts anew (Replace)</span>` : '',
    simulated ? `<span><svg width="22" height="12" viewBox="0 -6 22 12" aria-hidden="true"><rect x="0" y="-3" width="18" height="6" class="bar o-run"/><line x1="18" x2="18" y1="-5" y2="5" class="terminated"/></svg> expected run; red end = terminated by Replace</span>` : '',
    simulated ? `<span>${dot('o-run borderline')} ended &lt; 10 s before: Forbid may still skip</span>` : '',
    `<span><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true"><circle r="4" class="fire o-run"/><circle r="6.5" class="merged-ring"/></svg> several schedules at once (one run)</span>`,
    `<span><svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><path d="M-5,-4 L5,-4 L0,5 Z" class="dst-skipped"/></svg> DST: a run is skipped</span>`,
    `<span><svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><path d="M-5,-4 L5,-4 L0,5 Z" class="dst-doubled"/></svg> DST: a run happens twice</span>`,
    `<span><svg width="14" height="12" viewBox="0 -6 14 12" aria-hidden="true"><line x1="7" x2="7" y1="-6" y2="6" class="now"/></svg> now</span>`,
  ];
  return `<div class="legend" role="list" aria-label="Legend">${items.filter(Boolean).join('')}</div>`;
}

function svg(view: TimelineView): string {
  const H = AXIS_H + view.lanes.length * LANE_H + 6;
  const out: string[] = [];
  out.push(`<div class="scroll"><svg class="timeline" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${TIMELINE_TITLE} in ${view.displayZone}`)}" xmlns="http://www.w3.org/2000/svg">`);
  out.push(`<title>${esc(`${TIMELINE_TITLE} — ${view.zoneLabel}`)}</title>`);
  // lanes backgrounds
  view.lanes.forEach((l, i) => {
    out.push(`<rect class="lane-bg${i % 2 ? ' odd' : ''}" x="0" y="${AXIS_H + i * LANE_H}" width="${W}" height="${LANE_H}"/>`);
  });
  // grid + tick labels
  for (const t of view.ticks) {
    const tx = x(view, t.at);
    out.push(`<line class="grid${t.major ? ' major' : ''}" x1="${tx}" x2="${tx}" y1="${AXIS_H - 6}" y2="${H - 4}"/>`);
    out.push(`<text class="tick-label${t.major ? ' major' : ''}" x="${tx}" y="${AXIS_H - 10}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  out.push(`<text class="sub" x="8" y="${AXIS_H - 10}">${esc(view.zoneLabel)}</text>`);
  // now
  if (view.now >= view.from && view.now <= view.until) {
    const nx = x(view, view.now);
    out.push(`<line class="now" x1="${nx}" x2="${nx}" y1="${AXIS_H - 4}" y2="${H - 4}"><title>now: ${esc(formatInZone(view.now, view.displayZone))}</title></line>`);
  }
  view.lanes.forEach((l, i) => out.push(lane(view, l, AXIS_H + i * LANE_H)));
  out.push('</svg></div>');
  return out.join('\n');
}

function laneSubtitle(l: ViewLane): string {
  return `${l.zone}${l.zoneSource === 'controller' ? ' (controller)' : ''} · ${l.policy}${l.suspend ? ' · suspended' : ''}`;
}

function lane(view: TimelineView, l: ViewLane, top: number): string {
  const cy = top + 20;
  const out: string[] = [];
  const name = l.namespace ? `${l.namespace}/${l.name}` : l.name;
  const short = name.length > 34 ? name.slice(0, 33) + '…' : name;
  out.push(`<g class="lane${l.suspend ? ' is-suspended' : ''}" data-lane="${esc(l.id)}">`);
  out.push(`<text class="lane-name" x="8" y="${top + 18}" data-cmd="open" data-arg-uri="${esc(l.uri)}" data-arg-line="${l.line}" role="link" tabindex="0"><title>${esc(`${name} — ${l.schedules.join(' | ')} — open the file`)}</title>${esc(short)}</text>`);
  out.push(`<text class="sub" x="8" y="${top + 34}">${esc(laneSubtitle(l))}</text>`);
  if (l.errors.length && !l.runs.length) {
    out.push(`<text class="lane-error" x="${X0 + 6}" y="${cy + 4}">${esc(l.errors[0].slice(0, 120))}<title>${esc(l.errors.join('\n'))}</title></text>`);
  } else if (!l.runs.length) {
    out.push(`<text class="sub" x="${X0 + 6}" y="${cy + 4}">no fire in this window</text>`);
  }
  if (l.suspend && l.runs.length) out.push(`<text class="suspended" x="${X1}" y="${top + 40}" text-anchor="end">suspended: nothing runs until resumed</text>`);
  if (l.runs.length > maxMarks(view.lanes.length)) {
    out.push(denseMarks(view, l, cy));
  } else {
    // expected runs (bars) under the marks
    if (view.expectedDurationSec > 0) {
      for (const r of l.runs) {
        if (r.outcome === 'skipped' || r.outcome === 'error' || r.end <= r.at) continue;
        const bx = x(view, r.at);
        const ex = x(view, Math.min(r.end, view.until));
        out.push(`<rect class="bar o-${r.outcome}" x="${bx}" y="${cy + 7}" width="${Math.max(1, Math.round((ex - bx) * 10) / 10)}" height="7"/>`);
        if (r.terminatedAt !== undefined && r.terminatedAt <= view.until) out.push(`<line class="terminated" x1="${ex}" x2="${ex}" y1="${cy + 5}" y2="${cy + 16}"/>`);
      }
    }
    // fire marks
    for (const r of l.runs) {
      const fx = x(view, r.at);
      const merged = r.schedules.length > 1 ? `<circle class="merged-ring" cx="${fx}" cy="${cy}" r="7"/>` : '';
      out.push(`${merged}<circle class="fire o-${r.outcome}${r.borderline ? ' borderline' : ''}" cx="${fx}" cy="${cy}" r="4.5"><title>${esc(fireTitle(view, l, r))}</title></circle>`);
    }
  }
  // DST marks
  for (const d of l.dst) {
    for (const at of d.at) {
      if (at < view.from || at > view.until) continue;
      const dx = x(view, at);
      const title = d.kind === 'skipped'
        ? `DST: ${d.wallTime} does not exist in ${l.zone} — the run of ${l.schedules[d.schedule] ?? 'this schedule'} is skipped that day`
        : `DST: ${d.wallTime} happens twice in ${l.zone} — ${l.schedules[d.schedule] ?? 'this schedule'} runs twice (${view.fmt(at)})`;
      out.push(`<path class="dst-${d.kind}" d="M${dx - 5},${top + 3} L${dx + 5},${top + 3} L${dx},${top + 11} Z"><title>${esc(title)}</title></path>`);
    }
  }
  out.push('</g>');
  return out.join('');
}

const OUTCOME_RANK: RunOutcome[] = ['error', 'skipped', 'replace', 'overlap', 'run'];

/** Too many fires for one mark each: one block per time bin, coloured by the most notable outcome in it. */
function denseMarks(view: TimelineView, l: ViewLane, cy: number): string {
  const span = Math.max(1, view.until - view.from);
  const nBins = denseBins(view.lanes.length);
  const bins = new Map<number, ViewRun[]>();
  for (const r of l.runs) {
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(((r.at - view.from) / span) * nBins)));
    let a = bins.get(b);
    if (!a) bins.set(b, (a = []));
    a.push(r);
  }
  const w = (X1 - X0) / nBins;
  const out: string[] = [];
  for (const [b, runs] of bins) {
    const outcome = OUTCOME_RANK.find((o) => runs.some((r) => r.outcome === o)) ?? 'run';
    const counts = OUTCOME_RANK.map((o) => [o, runs.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n);
    const title = `${l.name}: ${runs.length} fire(s), ${view.fmt(runs[0].at)} … ${view.fmt(runs[runs.length - 1].at)}\n${counts.map(([o, n]) => `${n} ${OUTCOME_LABEL[o]}`).join(', ')}`;
    out.push(`<rect class="fire o-${outcome}" x="${(X0 + b * w).toFixed(1)}" y="${cy - 5}" width="${Math.max(1, w - 1).toFixed(1)}" height="10"><title>${esc(title)}</title></rect>`);
  }
  return out.join('');
}

function fireTitle(view: TimelineView, l: ViewLane, r: ViewRun): string {
  const sched = r.schedules.map((i) => l.schedules[i]).filter(Boolean);
  return [
    `${l.name}: ${view.fmt(r.at)}`,
    r.zoneText ? `scheduled-time ${r.zoneText} (${l.zone})` : '',
    sched.length > 1 ? `schedules ${sched.join(' + ')} fire together: one run` : sched.length ? `schedule ${sched[0]}` : '',
    `${l.policy}: ${outcomeText(r, l, view.fmt)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function details(l: ViewLane, view: TimelineView): string {
  const c = l.counts;
  const name = l.namespace ? `${l.namespace}/${l.name}` : l.name;
  const summary = [
    `${l.runs.length} fire(s)`,
    c.overlap ? `${c.overlap} overlapping` : '',
    c.skipped ? `${c.skipped} skipped by Forbid` : '',
    c.replace ? `${c.replace} replacing (${c.terminated} terminated)` : '',
    c.borderline ? `${c.borderline} borderline` : '',
    c.merged ? `${c.merged} with several schedules at once` : '',
    l.truncated ? 'list cut (fire cap reached or the schedule stops firing)' : '',
  ].filter(Boolean);
  const maxRows = view.lanes.length > 30 ? 10 : TABLE_ROWS;
  const rows = l.runs.slice(0, maxRows).map((r) => {
    const sched = r.schedules.map((i) => `<code>${esc(l.schedules[i] ?? `#${i}`)}</code>`).join(' + ');
    return `<tr><td class="mono">${esc(view.fmt(r.at))}</td><td class="mono">${esc(r.zoneText)}</td><td>${sched}</td><td class="o">${esc(OUTCOME_LABEL[r.outcome])}${r.borderline ? ' <span class="warn-text">(borderline)</span>' : ''}</td></tr>`;
  });
  const more = l.runs.length > maxRows ? `<p class="meta">… and ${l.runs.length - maxRows} more in the window.</p>` : '';
  const dst = l.dst.length
    ? `<ul>${l.dst.map((d) => `<li class="${d.kind === 'skipped' ? 'error-text' : 'warn-text'}">DST ${d.kind === 'skipped' ? 'skip' : 'duplicate'}: <code>${esc(l.schedules[d.schedule] ?? '')}</code> at ${esc(d.wallTime)} ${esc(l.zone)} — ${d.kind === 'skipped' ? 'that wall time does not exist, the run is skipped' : 'that wall time happens twice, the schedule runs twice'}</li>`).join('')}</ul>`
    : '';
  const errors = l.errors.length ? `<ul>${l.errors.map((e) => `<li class="error-text">${esc(e)}</li>`).join('')}</ul>` : '';
  return `<section class="cron" id="${esc(l.id)}">
<h2><button class="link" data-cmd="open" data-arg-uri="${esc(l.uri)}" data-arg-line="${l.line}">${esc(name)}</button>${l.suspend ? '<span class="badge">suspended</span>' : ''}</h2>
<p class="meta">Zone <strong>${esc(l.zone)}</strong>${l.zoneSource === 'controller' ? ' (no spec.timezone: the controller\'s zone)' : ''} ·
concurrencyPolicy <strong>${esc(l.policy)}</strong> · schedules ${l.schedules.map((s) => `<code>${esc(s)}</code>`).join(', ') || '<em>none</em>'}</p>
<p>${esc(summary.join(' · '))}${view.expectedDurationSec > 0 ? '' : ' (run simulation off)'}</p>
${errors}${dst}
${rows.length ? `<table><thead><tr><th>Your time (${esc(view.displayZone)})</th><th>scheduled-time annotation</th><th>schedule</th><th>outcome</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}` : ''}
</section>`;
}
