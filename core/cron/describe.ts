// Human wording of a schedule: cronstrue for validated 5-field text (normalised to a form whose meaning
// cronstrue reads the way robfig runs it), our own words for descriptors, @every and the timezone prefix.
import cronstrue from 'cronstrue';
import { parseSchedule, splitZonePrefix } from './parser';
import type { SpecSchedule } from './schedule';

const DESCRIPTORS: Record<string, string> = {
  '@yearly': 'At 00:00 on 1 January, once a year',
  '@annually': 'At 00:00 on 1 January, once a year',
  '@monthly': 'At 00:00 on the first day of every month',
  '@weekly': 'At 00:00 every Sunday',
  '@daily': 'At 00:00 every day',
  '@midnight': 'At 00:00 every day',
  '@hourly': 'At the start of every hour',
};

function fieldText(bits: Uint8Array, star: boolean, min: number, max: number): string {
  if (star) return '*';
  const vals: number[] = [];
  for (let i = min; i <= max; i++) if (bits[i] === 1) vals.push(i);
  if (vals.length === max - min + 1) return '*';
  // An arithmetic progression running to the end of the range reads better as a step: */s or N/s.
  if (vals.length >= 3) {
    const step = vals[1] - vals[0];
    const last = vals[vals.length - 1];
    if (step > 1 && last + step > max && vals.every((v, i) => i === 0 || v - vals[i - 1] === step)) {
      return vals[0] === min ? `*/${step}` : `${vals[0]}/${step}`;
    }
  }
  // compress consecutive runs into ranges
  const parts: string[] = [];
  for (let i = 0; i < vals.length; ) {
    let j = i;
    while (j + 1 < vals.length && vals[j + 1] === vals[j] + 1) j++;
    parts.push(j - i >= 2 ? `${vals[i]}-${vals[j]}` : j === i ? `${vals[i]}` : `${vals[i]},${vals[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function formatEvery(ms: number): string {
  let s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const out = `${h ? h + 'h' : ''}${m ? m + 'm' : ''}${s || (!h && !m) ? s + 's' : ''}`;
  return out;
}

/** Never throws. Invalid text is described as invalid (with robfig's error), never guessed at. */
export function describeSchedule(text: string): string {
  try {
    const p = parseSchedule(text);
    if (!p.ok) return `Invalid schedule: ${p.error}`;
    const s = p.schedule;
    const pre = splitZonePrefix(text);
    const zoneName = pre.zoneName !== undefined ? (pre.zoneName === '' ? 'UTC' : pre.zoneName) : undefined;
    const rest = pre.zoneName !== undefined ? pre.rest : text.trim();
    let words: string;
    if (s.kind === 'every') {
      const d = (s as unknown as { delayMs: number }).delayMs;
      words = `Every ${formatEvery(d)}, counted from when the controller (re)registers the schedule (exact times are not predictable)`;
      return words; // @every ignores the timezone
    }
    if (rest.startsWith('@') && DESCRIPTORS[rest]) words = DESCRIPTORS[rest];
    else {
      const f = (s as SpecSchedule).fields;
      const domAll = !f.dom.star && fieldText(f.dom.bits, false, 1, 31) === '*';
      const dowAll = !f.dow.star && fieldText(f.dow.bits, false, 0, 6) === '*';
      let dom = fieldText(f.dom.bits, f.dom.star, 1, 31);
      let dow = fieldText(f.dow.bits, f.dow.star, 0, 6);
      // robfig: both restricted → OR; a full non-star range makes every day match.
      if (!f.dom.star && !f.dow.star && (domAll || dowAll)) {
        dom = '*';
        dow = '*';
      }
      const minute = fieldText(f.minute.bits, false, 0, 59);
      const hour = fieldText(f.hour.bits, false, 0, 23);
      const month = fieldText(f.month.bits, false, 1, 12);
      if (minute === '' || hour === '' || dom === '' || month === '' || dow === '') return 'Never runs (a field has no values)';
      const canonical = [minute, hour, dom, month, dow].join(' ');
      try {
        words = cronstrue.toString(canonical, { use24HourTimeFormat: true, verbose: false });
      } catch {
        words = `Runs at "${canonical}"`;
      }
    }
    return zoneName !== undefined ? `${words} (${zoneName} time)` : words;
  } catch {
    return 'Schedule could not be described';
  }
}
