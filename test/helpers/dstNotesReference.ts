// dstNotes as it was first written (a Date per skipped minute, fires by chaining a next function), kept as the
// reference the faster dstNotes is compared with. The callers pick the transition source and the next function of
// the version they compare against (the hour walk + robfig's loop, or the zone tables + next()).
import { civilIn, newCivil } from '../../core/cron/gotime';
import type { CronSchedule, SpecSchedule } from '../../core/cron/schedule';
import type { Zone } from '../../core/cron';

export interface Transition { at: number; before: number; after: number }
export interface DstNoteRef { kind: 'skipped' | 'doubled'; wallTime: string; at?: number[] }

const pad2 = (n: number) => String(n).padStart(2, '0');
function wall(ms: number, zone: Zone): string {
  const c = civilIn(ms, zone);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}`;
}

export function dstNotesReference(s: CronSchedule, from: number, until: number,
  transitions: (zone: Zone, from: number, until: number) => Transition[],
  next: (spec: SpecSchedule, t: number) => number | null): DstNoteRef[] {
  if (s.kind !== 'spec' || !(until > from)) return [];
  const spec = s as SpecSchedule;
  const zone = s.zone;
  const span = Math.min(until, from + 6 * 366 * 86_400_000);
  const notes: DstNoteRef[] = [];
  // spring forward: every wall minute in the gap the schedule matches is a skipped run
  for (const tr of transitions(zone, from, span)) {
    if (tr.after <= tr.before) continue;
    const startLocal = tr.at + tr.before * 1000;
    const endLocal = tr.at + tr.after * 1000;
    const c = newCivil();
    for (let l = Math.ceil(startLocal / 60_000) * 60_000; l < endLocal; l += 60_000) {
      const days = Math.floor(l / 86_400_000);
      const secs = (l - days * 86_400_000) / 1000;
      c.hour = Math.floor(secs / 3600);
      c.minute = Math.floor((secs % 3600) / 60);
      const base = new Date(days * 86_400_000);
      c.year = base.getUTCFullYear();
      c.month = base.getUTCMonth() + 1;
      c.day = base.getUTCDate();
      c.weekday = base.getUTCDay();
      if (spec.matchesWall(c)) notes.push({ kind: 'skipped', wallTime: `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}` });
    }
  }
  // fall back: two fires with the same wall time are a doubled run
  for (const tr of transitions(zone, from - 86_400_000, span)) {
    if (tr.after >= tr.before) continue;
    const delta = (tr.before - tr.after) * 1000;
    const seen = new Map<string, number>();
    let t: number | null = Math.max(from, tr.at - delta) - 1000;
    for (let i = 0; i < 10_000; i++) {
      t = next(spec, t);
      if (t === null || t >= tr.at + delta || t >= span) break;
      const w = wall(t, zone);
      const prev = seen.get(w);
      if (prev !== undefined) notes.push({ kind: 'doubled', wallTime: w, at: [prev, t] });
      else seen.set(w, t);
    }
  }
  return notes.sort((a, b) => (a.wallTime < b.wallTime ? -1 : a.wallTime > b.wallTime ? 1 : 0));
}
