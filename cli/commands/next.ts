// `argo-triggers next`: the next fire times of a cron schedule exactly as Argo's cron controller computes them
// (robfig/cron v3.0.1 semantics, CRON_TZ composition, the controller's zone for schedules without a timezone).
import type { CliIo } from '../main';
import {
  answerLine, describeSchedule, dstNotes, formatRfc3339, loadZone, nextTimes, parseRfc3339, parseSchedule,
} from '../../core/cron';

const USAGE = `usage: argo-triggers next "<schedule>" [--timezone TZ] [--local TZ] [--from RFC3339] [--count N] [--json]
       argo-triggers next --jsonl < requests.jsonl

Prints the next N times Argo's cron controller fires the schedule (robfig/cron v3.0.1 rules).
  --timezone TZ   the CronWorkflow's spec.timezone (IANA name, case-sensitive); the controller runs
                  "CRON_TZ=<TZ> <schedule>"
  --local TZ      the workflow-controller's own zone (its time.Local), used when --timezone is empty (default UTC)
  --from TIME     start after this RFC3339 time (default: now)
  --count N       how many fire times (1..1000, default 5)
  --json          print one JSON object
  --jsonl         read requests {"schedule","timezone","local","from","count"} from stdin, one per line, and
                  answer each with {"times":[...]} (+ "exhausted":true), {"error":...} or {"timezone_error":...}
Exit codes: 0 ok, 1 schedule or timezone error, 2 usage error.`;

interface Options {
  schedule?: string;
  timezone: string;
  local: string;
  from?: string;
  count: number;
  json: boolean;
  jsonl: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { timezone: '', local: 'UTC', count: 5, json: false, jsonl: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--timezone':
      case '--local':
      case '--from':
      case '--count': {
        const v = value();
        if (v === undefined) return `${name} needs a value`;
        if (name === '--timezone') o.timezone = v;
        else if (name === '--local') o.local = v;
        else if (name === '--from') o.from = v;
        else {
          if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) return `--count must be a whole number from 1 to 1000, got "${v}"`;
          o.count = Number(v);
        }
        break;
      }
      case '--json':
        o.json = true;
        break;
      case '--jsonl':
        o.jsonl = true;
        break;
      case '--':
        positional.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('--')) return `unknown option ${a}`;
        positional.push(a);
    }
  }
  if (o.jsonl) {
    if (positional.length) return '--jsonl reads its requests from standard input; do not pass a schedule';
    return o;
  }
  if (positional.length !== 1) return positional.length ? 'pass exactly one schedule (quote it: "0 2 * * *")' : 'missing the schedule';
  o.schedule = positional[0];
  return o;
}

async function runJsonl(io: CliIo): Promise<number> {
  for await (const line of io.readStdin()) {
    if (line.trim() === '') continue;
    io.stdout(answerLine(line) + '\n');
  }
  return 0;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const o = parseArgs(argv);
  if (typeof o === 'string') {
    io.stderr(`argo-triggers next: ${o}\n${USAGE}\n`);
    return 2;
  }
  if (o.jsonl) return runJsonl(io);
  const schedule = o.schedule!;
  const lz = loadZone(o.local);
  if (!lz.ok) {
    io.stderr(`argo-triggers next: invalid --local zone "${o.local}": ${lz.error}\n`);
    return 2;
  }
  let from: number;
  if (o.from === undefined) from = Date.now();
  else {
    const f = parseRfc3339(o.from);
    if (f === undefined) {
      io.stderr(`argo-triggers next: --from must be an RFC3339 time such as 2025-03-08T00:00:00Z, got "${o.from}"\n`);
      return 2;
    }
    from = f;
  }
  const fail = (obj: Record<string, string>, human: string): number => {
    if (o.json) io.stdout(JSON.stringify({ schedule, timezone: o.timezone, local: o.local, ...obj }) + '\n');
    else io.stderr(human + '\n');
    return 1;
  };
  // The same steps as Argo: validate the raw schedule, then the timezone, then parse the composed text.
  const raw = parseSchedule(schedule, lz.zone);
  const PANIC_HINT = ' (robfig/cron panics on this text: a CRON_TZ=/TZ= prefix must be followed by an ASCII space and the schedule)';
  if (!raw.ok) return fail({ error: raw.error }, `cron schedule ${schedule} is malformed: ${raw.error}${raw.panic ? PANIC_HINT : ''}`);
  let text = schedule;
  if (o.timezone !== '') {
    const tz = loadZone(o.timezone);
    if (!tz.ok) return fail({ timezone_error: tz.error }, `invalid timezone "${o.timezone}": ${tz.error}`);
    text = `CRON_TZ=${o.timezone} ${schedule}`;
  }
  const p = parseSchedule(text, lz.zone);
  if (!p.ok) return fail({ error: p.error }, `the controller cannot schedule "${text}": ${p.error}${p.panic ? PANIC_HINT : ''}`);
  // Times are shown in the zone the schedule runs in (@every is zone-blind: the controller zone).
  const display = p.schedule.kind === 'every' ? lz.zone : p.schedule.zone;
  const displayName = display.name;
  const { times, exhausted } = nextTimes(p.schedule, from, o.count);
  const description = describeSchedule(text);
  const until = times.length ? times[times.length - 1] + 1000 : from;
  const notes = p.schedule.kind === 'spec' ? dstNotes(p.schedule, from, until) : [];
  if (o.json) {
    const out: Record<string, unknown> = {
      schedule, timezone: o.timezone, local: o.local, from: formatRfc3339(from, display), zone: displayName,
      times: times.map((t) => formatRfc3339(t, display)), description,
    };
    if (exhausted) out.exhausted = true;
    if (notes.length) out.dstNotes = notes.map((n) => ({ kind: n.kind, wallTime: n.wallTime, ...(n.at ? { at: n.at.map((t) => formatRfc3339(t, display)) } : {}) }));
    io.stdout(JSON.stringify(out) + '\n');
    return 0;
  }
  const lines: string[] = [];
  lines.push(`${description}`);
  lines.push(`zone: ${displayName}${display === lz.zone ? ' (the controller zone, --local)' : ''}`);
  if (p.schedule.kind === 'every') {
    lines.push('note: @every counts from when the controller (re)registers the CronWorkflow; these times assume it registered at --from');
  }
  lines.push(`next ${times.length} fire time${times.length === 1 ? '' : 's'} after ${formatRfc3339(from, display)}:`);
  for (const t of times) lines.push(`  ${formatRfc3339(t, display)}`);
  if (exhausted) lines.push("  (no further runs: robfig's 5-year search finds no matching time)");
  for (const n of notes) {
    lines.push(n.kind === 'skipped'
      ? `DST: ${n.wallTime} does not exist (spring forward): that run is skipped`
      : `DST: ${n.wallTime} happens twice (fall back): it runs twice, at ${n.at!.map((t) => formatRfc3339(t, display)).join(' and ')}`);
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
