// Cron engine benchmark: "next 5 fire times with a timezone" — our engine vs cron-parser 5.10.6 on the
// same inputs in the same run, and vs robfig/cron v3.0.1 timed inside Go (the oracle's bench mode, so
// process start-up is not measured) when Go is installed. Targets: ≥ 5× faster than cron-parser, within
// 10× of robfig. Usage: npm run bench -- cron
// Also: the CronWorkflow rules (checkCronWorkflow) over the 200 CronWorkflows of the server benchmark's 500-document
// file, in process, with the collision search of core/argo/cronCollisions.ts and with the plain walk it replaced.
import { CronExpressionParser } from 'cron-parser';
import { parseSchedule, nextTimes, parseRfc3339, type CronSchedule } from '../core/cron';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureOracle } from '../test/core/cron/oracle';
import { rng } from '../test/core/cron/cases';
import { makeFile } from './server.bench';
import { parseFile } from '../core/argo/documents';
import { checkCronWorkflow } from '../core/argo/cronRules';
import { collisionsByWalk } from '../core/argo/cronCollisions';
import { overlayLookup } from '../core/argo/templateIndex';

const SCHEDULES = ['0 2 * * *', '*/15 9-17 * * 1-5', '30 1 * * *', '0 0 1 * *', '5 4 * * 0', '0 */6 * * *', '0 9 1-7 * *', '45 23 * * 6', '0 12 15 6 *', '10,40 * * * *'];
const ZONES = ['America/Los_Angeles', 'Europe/Berlin', 'America/Santiago', 'Asia/Kolkata', 'Australia/Sydney', 'America/New_York'];
const r = rng(7);
const cases = Array.from({ length: 240 }, (_, i) => ({
  schedule: SCHEDULES[i % SCHEDULES.length],
  timezone: ZONES[Math.floor(i / SCHEDULES.length) % ZONES.length],
  from: new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 5 * 365 * 86400) * 1000).toISOString().replace('.000Z', 'Z'),
  count: 5,
}));

function timeIt(label: string, fn: () => number, minMs = 1500): number {
  fn(); // warm-up
  fn();
  let ops = 0;
  const t0 = performance.now();
  let el = 0;
  while ((el = performance.now() - t0) < minMs) ops += fn();
  const ns = (el * 1e6) / ops;
  console.log(`${label.padEnd(44)} ${(ns / 1000).toFixed(2).padStart(9)} µs/op`);
  return ns;
}

let sink = 0;
const ours = timeIt('ours: parse + next 5 (CRON_TZ=<tz> …)', () => {
  for (const c of cases) {
    const p = parseSchedule(`CRON_TZ=${c.timezone} ${c.schedule}`);
    if (!p.ok) throw new Error(p.error);
    const ts = nextTimes(p.schedule, parseRfc3339(c.from)!, 5).times;
    sink += ts[4];
  }
  return cases.length;
});
const parsed: [CronSchedule, number][] = cases.map((c) => {
  const p = parseSchedule(`CRON_TZ=${c.timezone} ${c.schedule}`);
  if (!p.ok) throw new Error(p.error);
  return [p.schedule, parseRfc3339(c.from)!];
});
const oursNext = timeIt('ours: next 5 only (parsed once)', () => {
  for (const [s, from] of parsed) sink += nextTimes(s, from, 5).times[4];
  return parsed.length;
});
const peer = timeIt('cron-parser 5.10.6: parse + next 5', () => {
  for (const c of cases) {
    const it = CronExpressionParser.parse(c.schedule, { tz: c.timezone, currentDate: new Date(c.from) });
    for (let i = 0; i < 5; i++) sink += it.next().getTime();
  }
  return cases.length;
});

console.log(`\nratio cron-parser / ours (parse + next 5): ${(peer / ours).toFixed(1)}×  (target ≥ 5×)`);
const bin = (() => {
  try {
    return ensureOracle();
  } catch (e) {
    console.log(`Go oracle could not be built: ${e instanceof Error ? e.message : e}`);
    return undefined;
  }
})();
if (!bin) console.log('robfig comparison SKIPPED: `go` is not on PATH (install Go to measure robfig/cron inside Go)');
else {
  // robfig's speed depends on the zone files: Go's embedded tzdata is "slim" (rules past the last listed
  // transition are recomputed from the POSIX TZ string on every lookup); most hosts ship "fat" files.
  // Argo's controller reads the host's zoneinfo first, then Go's embedded copy: measure both.
  const sources: [string, string][] = [['Go embedded tzdata (slim)', '']];
  if (existsSync('/usr/share/zoneinfo/America/Los_Angeles')) sources.push(['host /usr/share/zoneinfo', '/usr/share/zoneinfo']);
  for (const [label, zoneinfo] of sources) {
    const p = spawnSync(bin, ['bench', '300'], { input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8', env: { ...process.env, ZONEINFO: zoneinfo } });
    const g = JSON.parse(p.stdout) as { parse_next_ns_per_op: number; next_only_ns_per_op: number };
    console.log(`\nrobfig in Go, ${label}:`);
    console.log(`  parse + next 5                             ${(g.parse_next_ns_per_op / 1000).toFixed(2).padStart(9)} µs/op`);
    console.log(`  next 5 only                                ${(g.next_only_ns_per_op / 1000).toFixed(2).padStart(9)} µs/op`);
    console.log(`  ratio ours / robfig (parse + next 5): ${(ours / g.parse_next_ns_per_op).toFixed(2)}×  (target ≤ 10×)`);
    console.log(`  ratio ours / robfig (next 5 only):    ${(oursNext / g.next_only_ns_per_op).toFixed(2)}×  (target ≤ 10×)`);
  }
}
{
  // a distinct file per lint (as the server benchmark does), parsed outside the timed part
  const lookup = overlayLookup([], undefined, '');
  const crons = (seed: number) => {
    const text = makeFile(500, seed);
    return { text, docs: parseFile(text).docs.filter((d) => d.kind === 'CronWorkflow') };
  };
  const lintCrons = (f: ReturnType<typeof crons>, walk: boolean): number => {
    const now = Date.now();
    const t = performance.now();
    for (const doc of f.docs) {
      sink += checkCronWorkflow({ text: f.text, doc, v: 'v4.1', controllerZone: 'UTC', now, lookup, missingRefIsError: false, ...(walk ? { collisions: collisionsByWalk } : {}) }).length;
    }
    return performance.now() - t;
  };
  const runs = process.env.BENCH_QUICK ? 5 : 20;
  const warm = 8;
  const files = Array.from({ length: runs + warm }, (_, i) => crons(100 + i));
  const measure = (walk: boolean) => {
    for (let i = 0; i < warm; i++) lintCrons(files[i], walk); // warm-up (JIT, zone tables)
    const ms = files.slice(warm).map((f) => lintCrons(f, walk)).sort((a, b) => a - b);
    return ms[ms.length >> 1];
  };
  const fast = measure(false);
  const walk = measure(true);
  console.log(`\ncron rules of ${files[0].docs.length} CronWorkflows: ${fast.toFixed(1)} ms (median of ${runs} lints of distinct 500-document files; target ≤ 10 ms)`);
  console.log(`  with the plain collision walk instead:  ${walk.toFixed(1)} ms  (${(walk / fast).toFixed(1)}× slower)`);
}
if (sink === 42) console.log('');
