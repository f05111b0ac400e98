// Code lenses: over each CronWorkflow "next run in 3 h 12 min (Tue 02:00 Europe/Berlin)"; over each
// WorkflowEventBinding the match result for every sample event in the workspace.
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ArgoDocument, BindingMatch } from '../coreApi';
import type { ServiceContext } from '../context';
import { Commands, type ArgoTriggersSettings } from '../protocol';
import { diagnosticsKey } from '../settings';
import { formatIn, wall } from '../text';
import { controllerZone } from './hover';
import { cronSpecOf, specOf } from './locate';

const MAX_SAMPLE_LENSES = 3;

interface LensSpec { rel: number; title: string; command: string; args: unknown[] }

export function computeCodeLenses(ctx: ServiceContext, doc: TextDocument, settings: ArgoTriggersSettings): CodeLens[] {
  if (!settings.codeLens.enabled) return [];
  const st = ctx.cache.get(doc);
  if (st.text.length > settings.maxFileSizeKb * 1024) return [];
  const now = ctx.now();
  const samples = [...ctx.index.samples.values()].filter((s) => s.event);
  const key = `${diagnosticsKey(settings)}|m${Math.floor(now / 60_000)}|i${ctx.index.version}|s${samples.map((s) => s.uri).join(',')}|${ctx.index.samplesVersion}`;
  const out: CodeLens[] = [];
  for (const c of st.chunks) {
    if (!/^kind:[ \t]*["']?(CronWorkflow|WorkflowEventBinding)\b/m.test(c.text)) continue;
    if (c.state.lens?.key !== key) {
      let specs: LensSpec[] = [];
      try {
        specs = chunkLenses(ctx, doc.uri, c.text, ctx.parsed(c.state), settings, now, samples);
      } catch (e) {
        ctx.log.error(`code lens failed in ${doc.uri}: ${(e as Error).stack ?? e}`);
      }
      c.state.lens = { key, value: specs };
    }
    for (const l of c.state.lens.value as LensSpec[]) {
      const p = doc.positionAt(c.start + l.rel);
      out.push({ range: { start: p, end: p }, command: { title: l.title, command: l.command, arguments: l.args } });
    }
  }
  return out;
}

function anchor(d: ArgoDocument): number {
  const root = d.doc.contents as { range?: [number, number, number] } | null;
  return root?.range?.[0] ?? d.range.start;
}

function chunkLenses(ctx: ServiceContext, uri: string, text: string, docs: ArgoDocument[], settings: ArgoTriggersSettings,
  now: number, samples: { uri: string; event?: import('../coreApi').ArgoEvent }[]): LensSpec[] {
  const out: LensSpec[] = [];
  for (const d of docs) {
    if (d.kind === 'CronWorkflow') {
      const spec = specOf(d);
      if (!spec) continue;
      out.push({ rel: anchor(d), title: cronTitle(ctx, spec, settings, now), command: Commands.showTimeline, args: [uri, d.name] });
    } else if (d.kind === 'WorkflowEventBinding' && samples.length) {
      const sub = text.slice(0, d.range.end);
      for (const s of samples.slice(0, MAX_SAMPLE_LENSES)) {
        let m: BindingMatch | undefined;
        try {
          const all = ctx.core.matchEvent(sub, s.event!, { argoVersion: settings.argoVersion, index: ctx.index.templates });
          m = all.find((x) => x.binding.range.start >= d.range.start && x.binding.range.start <= d.range.end) ?? all[all.length - 1];
        } catch (e) {
          ctx.log.error(`matchEvent failed: ${(e as Error).message}`);
        }
        const name = s.uri.slice(s.uri.lastIndexOf('/') + 1);
        out.push({ rel: anchor(d), title: `${name}: ${matchTitle(m)}`, command: Commands.showMatch, args: [uri, s.uri, d.name] });
      }
      if (samples.length > MAX_SAMPLE_LENSES) out.push({ rel: anchor(d), title: `+${samples.length - MAX_SAMPLE_LENSES} more samples`, command: Commands.showMatch, args: [uri, null, d.name] });
    }
  }
  return out;
}

export function matchTitle(m: BindingMatch | undefined): string {
  if (!m) return 'not evaluated';
  if (m.selectorError) return `⚠ error: ${short(m.selectorError.message)}`;
  if (!m.matched) {
    const i = m.clauses.findIndex((c) => 'value' in c.outcome && c.outcome.value !== true);
    return m.clauses.length > 1 && i >= 0 ? `✗ no match (clause ${i + 1} is ${JSON.stringify((m.clauses[i].outcome as { value: unknown }).value)})` : '✗ no match';
  }
  const perr = m.parameters.find((p) => p.error);
  if (perr) return `⚠ matches, but parameter ${perr.name} fails: ${short(perr.error!.message)}`;
  return m.parameters.length ? `✓ matches (${m.parameters.map((p) => `${p.name}=${short(p.value ?? '', 20)}`).join(', ')})` : '✓ matches';
}

const short = (s: string, n = 60) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function cronTitle(ctx: ServiceContext, spec: Record<string, unknown>, settings: ArgoTriggersSettings, now: number): string {
  const cronSpec = cronSpecOf(spec);
  const cz = controllerZone(ctx, settings);
  const r = ctx.core.mergedNextTimes(cronSpec, cz, now, 1);
  const suspended = spec.suspend === true ? 'suspended · ' : '';
  if (!r.fires.length) {
    if (r.errors.length) return `${suspended}⚠ ${short(r.errors[0].error, 80)}`;
    return `${suspended}never fires`;
  }
  const at = r.fires[0].at;
  const zone = (cronSpec.timezone && ctx.zone(cronSpec.timezone)) || cz;
  const w = wall(at, zone);
  const hhmm = `${String(w.h).padStart(2, '0')}:${String(w.mi).padStart(2, '0')}`;
  const errs = r.errors.length ? ` · ⚠ ${r.errors.length} schedule error${r.errors.length > 1 ? 's' : ''}` : '';
  return `${suspended}${suspended ? 'next run would be' : 'next run'} ${formatIn(at - now)} (${w.wd} ${hhmm} ${zone.name || 'UTC'})${errs}`;
}
