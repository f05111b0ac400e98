// The JSONL protocol shared by the Go oracle (test/oracle/cron) and `argo-triggers next --jsonl`:
// request {"schedule","timezone","local","from","count"} → {"times":[…]} (+ "exhausted":true),
// {"error":"<robfig text>"}, {"timezone_error":"<Go LoadLocation text>"} or {"request_error":"…"}.
// The steps and their order mirror the oracle (and Argo): validate the raw schedule, then the timezone,
// then parse the composed "CRON_TZ=<timezone> <schedule>" in the controller zone (`local`, default UTC).
import { formatRfc3339, parseRfc3339 } from './gotime';
import { nextTimes } from './argo';
import { parseSchedule } from './parser';
import { loadZone } from './zone';

export type CronAnswer =
  | { times: string[]; exhausted?: true }
  | { error: string }
  | { timezone_error: string }
  | { request_error: string };

/** Go decodes JSON strings to UTF-8, turning lone surrogates into U+FFFD; do the same. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function answerRequest(req: unknown): CronAnswer {
  if (req === null || typeof req !== 'object' || Array.isArray(req)) return { request_error: 'request must be a JSON object' };
  const r = req as Record<string, unknown>;
  const str = (k: string): string | undefined | null => {
    const v = r[k];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? wellFormed(v) : null;
  };
  const schedule = str('schedule');
  const timezone = str('timezone');
  const local = str('local');
  const from = str('from');
  if (schedule === null || timezone === null || local === null || from === null) return { request_error: 'schedule, timezone, local and from must be strings' };
  let count = 5;
  if (r.count !== undefined && r.count !== null) {
    if (typeof r.count !== 'number' || !Number.isInteger(r.count)) return { request_error: 'count must be an integer' };
    count = r.count;
  }
  if (count < 1 || count > 1000) return { request_error: 'count must be between 1 and 1000' };
  const lz = loadZone(local ?? 'UTC');
  if (!lz.ok) return { request_error: 'bad local zone: ' + lz.error };
  const ref = parseRfc3339(from ?? '');
  if (ref === undefined) return { request_error: `bad from: not an RFC3339 time: ${JSON.stringify(from ?? '')}` };
  const raw = parseSchedule(schedule ?? '', lz.zone);
  if (!raw.ok) return { error: raw.error };
  let text = schedule ?? '';
  if (timezone) {
    const tz = loadZone(timezone);
    if (!tz.ok) return { timezone_error: tz.error };
    text = `CRON_TZ=${timezone} ${text}`;
  }
  const p = parseSchedule(text, lz.zone);
  if (!p.ok) return { error: p.error };
  const { times, exhausted } = nextTimes(p.schedule, ref, count);
  const out: { times: string[]; exhausted?: true } = { times: times.map((t) => formatRfc3339(t, lz.zone)) };
  if (exhausted) out.exhausted = true;
  return out;
}

/** JSON text exactly as Go's encoder (SetEscapeHTML(false)) writes it. */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** One protocol line in, one answer line out (without the newline). */
export function answerLine(line: string): string {
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return goJson({ request_error: 'bad JSON: ' + (e instanceof Error ? e.message : String(e)) });
  }
  return goJson(answerRequest(req));
}
