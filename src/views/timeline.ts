// Command "Argo: Show Schedule Timeline": a webview drawing the next fire times of every CronWorkflow in the workspace
// (data: the server's argoTriggers/timeline request; model and HTML: timelineModel.ts / timelineHtml.ts, pure).
import * as vscode from 'vscode';
import { TimelineRequest } from '../../server/protocol';
import { userTimeZone, type ArgoClient } from '../client';
import { isYaml, LivePanel } from './panel';
import { buildTimelineView, laneId } from './timelineModel';
import { renderTimelineHtml, TIMELINE_TITLE } from './timelineHtml';

export const TIMELINE_COMMAND = 'argoTriggers.showTimeline';
const DAY = 86_400_000;

export function registerTimeline(context: vscode.ExtensionContext, client: ArgoClient): void {
  const panel = new LivePanel(context, client, {
    viewType: 'argoTriggers.timeline',
    title: TIMELINE_TITLE,
    settingsQuery: 'argoTriggers.timeline',
    watchGlob: '**/*.{yaml,yml}',
    affects: isYaml,
    render: async ({ token, page }) => {
      const cfg = vscode.workspace.getConfiguration('argoTriggers.timeline');
      const days = clamp(cfg.get<number>('days', 7), 1, 366);
      const durationSec = clamp(cfg.get<number>('expectedDurationSec', 600), 0, 604_800);
      const now = Date.now();
      const from = Math.floor(now / 60_000) * 60_000;
      const t0 = performance.now();
      const result = await client.sendRequest(TimelineRequest, { from, until: from + days * DAY, maxFires: 500 }, token);
      const t1 = performance.now();
      const view = buildTimelineView(result, { displayZone: userTimeZone(), expectedDurationSec: durationSec, now });
      const t2 = performance.now();
      const footer = `Server ${(t1 - t0).toFixed(0)} ms · view ${(t2 - t1).toFixed(1)} ms · updated ${new Date(now).toLocaleTimeString()}`;
      const html = renderTimelineHtml(view, { ...page, footer });
      const t3 = performance.now();
      client.log.info(`timeline: ${view.totals.crons} CronWorkflow(s), ${view.totals.fires} fire(s) over ${days} d; request ${(t1 - t0).toFixed(1)} ms, model ${(t2 - t1).toFixed(1)} ms, html ${(t3 - t2).toFixed(1)} ms (${html.length} chars)`);
      return html;
    },
  });
  context.subscriptions.push(
    panel,
    // Arguments come from the server's code lens: [uri, cronName] (both optional).
    vscode.commands.registerCommand(TIMELINE_COMMAND, (uri?: unknown, cronName?: unknown) => {
      if (typeof uri === 'string') panel.pendingFocus = laneId(uri, typeof cronName === 'string' ? cronName : undefined);
      panel.show();
    }),
  );
}

function clamp(v: unknown, lo: number, hi: number): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? v : lo;
  return Math.min(hi, Math.max(lo, n));
}
