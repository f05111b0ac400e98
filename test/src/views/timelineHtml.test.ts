// Schedule timeline view: model (runs, DST marks, ticks in the user's zone) and the webview HTML (strict CSP, SVG,
// legend, hover titles, content the e2e suite reads). The input is built with the real cron engine (core/cron), the
// way the server's argoTriggers/timeline handler builds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argoScheduleStrings, dstNotes, formatRfc3339, loadZone, mergedNextTimes, parseSchedule, type Zone } from '../../../core/cron';
import type { TimelineCron, TimelineResult } from '../../../server/protocol';
import { axisTicks, buildTimelineView, displaySchedule, formatInZone, offsetMinutes, wallTime, wallToInstant } from '../../../src/views/timelineModel';
import { renderTimelineHtml } from '../../../src/views/timelineHtml';

const zoneOf = (n: string): Zone => {
  const r = loadZone(n);
  if (!r.ok) throw new Error(r.error);
  return r.zone;
};
const UTC = zoneOf('UTC');

interface CronIn { name: string; schedules: string[]; timezone?: string; concurrencyPolicy?: string; suspend?: boolean; namespace?: string }

/** What the server answers for these CronWorkflows (same core calls as server/handlers/timeline.ts). */
function timeline(crons: CronIn[], from: number, until: number): TimelineResult {
  return {
    from,
    until,
    crons: crons.map((c, i): TimelineCron => {
      const spec = { schedules: c.schedules, timezone: c.timezone };
      const strings = argoScheduleStrings(spec);
      const zone = c.timezone ? zoneOf(c.timezone) : UTC;
      const merged = mergedNextTimes(spec, UTC, from - 1, 501);
      const fires = merged.fires.filter((f) => f.at >= from && f.at < until).map((f) => ({ at: f.at, text: formatRfc3339(f.at, zone), schedules: f.schedules }));
      const notes: TimelineCron['dstNotes'] = [];
      strings.forEach((s, k) => {
        const p = parseSchedule(s, UTC);
        if (p.ok) for (const n of dstNotes(p.schedule, from, until)) notes.push({ schedule: k, ...n });
      });
      return {
        uri: `file:///ws/cron-${i}.yaml`,
        name: c.name,
        namespace: c.namespace,
        range: { start: { line: i * 10, character: 0 }, end: { line: i * 10 + 9, character: 0 } },
        zone: c.timezone || 'UTC',
        zoneSource: c.timezone ? 'timezone' : 'controller',
        schedules: strings,
        concurrencyPolicy: c.concurrencyPolicy ?? 'Allow',
        suspend: !!c.suspend,
        fires,
        dstNotes: notes,
        errors: merged.errors.map((e) => ({ schedule: e.index, message: e.error })),
        truncated: false,
      };
    }),
  };
}

// Argo's documented DST example (docs/cron-workflows.md): America/Los_Angeles, 2020-03-08 spring forward.
const FROM = Date.UTC(2020, 2, 7, 0, 0);
const UNTIL = Date.UTC(2020, 2, 10, 0, 0);
const CRONS: CronIn[] = [
  { name: 'nightly-report', schedules: ['0 2 * * *', '0 */12 * * *'], timezone: 'America/Los_Angeles', concurrencyPolicy: 'Forbid' },
  { name: 'every-10-min', schedules: ['*/10 * * * *'], concurrencyPolicy: 'Replace' },
  { name: 'a-<b>html</b>-name', schedules: ['0 0 31 2 *', 'bogus'], namespace: 'argo' },
];

test('model: lanes sorted by name, CRON_TZ prefixes hidden, merged fires counted, errors carried', () => {
  const v = buildTimelineView(timeline(CRONS, FROM, UNTIL), { displayZone: 'Europe/Berlin', expectedDurationSec: 0, now: FROM + 3600_000 });
  assert.deepEqual(v.lanes.map((l) => l.name), ['a-<b>html</b>-name', 'every-10-min', 'nightly-report']);
  const nightly = v.lanes[2];
  assert.deepEqual(nightly.schedules, ['0 2 * * *', '0 */12 * * *']);
  assert.equal(displaySchedule('CRON_TZ=America/Los_Angeles 0 2 * * *'), '0 2 * * *');
  // 00:00 and 12:00 from '0 */12'; 02:00 from '0 2' except on 03-08 (skipped by DST); none coincide
  const fromEngine = timeline([CRONS[0]], FROM, UNTIL).crons[0].fires.length;
  assert.equal(nightly.runs.length, fromEngine);
  assert.equal(nightly.counts.merged, 0);
  assert.ok(nightly.runs.every((r) => r.outcome === 'run'), 'no duration: every fire simply runs');
  const bad = v.lanes[0];
  assert.equal(bad.runs.length, 0);
  assert.ok(bad.errors.some((e) => e.startsWith('bogus: ')), bad.errors.join('\n'));
  assert.equal(v.totals.crons, 3);
});

test('model: DST skip in Los Angeles is placed at the spring-forward transition', () => {
  const v = buildTimelineView(timeline([CRONS[0]], FROM, UNTIL), { displayZone: 'UTC', expectedDurationSec: 0, now: FROM });
  const d = v.lanes[0].dst;
  assert.equal(d.length, 1);
  assert.equal(d[0].kind, 'skipped');
  assert.equal(d[0].wallTime, '2020-03-08 02:00');
  // the gap 02:00–03:00 PST→PDT starts at 10:00 UTC; the mark is within the next hour
  const transition = Date.UTC(2020, 2, 8, 10, 0);
  assert.ok(d[0].at[0] >= transition && d[0].at[0] <= transition + 3600_000, new Date(d[0].at[0]).toISOString());
});

test('model: merged schedules (two schedules at the same instant are one run)', () => {
  const v = buildTimelineView(timeline([{ name: 'm', schedules: ['0 0 * * *', '0 */12 * * *'] }], FROM, UNTIL), { displayZone: 'UTC', expectedDurationSec: 0, now: FROM });
  const l = v.lanes[0];
  const midnights = l.runs.filter((r) => new Date(r.at).getUTCHours() === 0);
  assert.equal(midnights.length, 3);
  assert.ok(midnights.every((r) => r.schedules.length === 2));
  assert.equal(l.counts.merged, 3);
});

test('model: expected duration drives the policy: Forbid skips, Replace terminates, Allow overlaps', () => {
  const crons: CronIn[] = [
    { name: 'f', schedules: ['*/10 * * * *'], concurrencyPolicy: 'Forbid' },
    { name: 'r', schedules: ['*/10 * * * *'], concurrencyPolicy: 'Replace' },
    { name: 'a', schedules: ['*/10 * * * *'] },
    { name: 'x', schedules: ['*/10 * * * *'], concurrencyPolicy: 'Sometimes' },
  ];
  const until = FROM + 60 * 60_000;
  const v = buildTimelineView(timeline(crons, FROM, until), { displayZone: 'UTC', expectedDurationSec: 25 * 60, now: FROM });
  const by = Object.fromEntries(v.lanes.map((l) => [l.name, l]));
  assert.deepEqual(by.f.runs.map((r) => r.outcome), ['run', 'skipped', 'skipped', 'run', 'skipped', 'skipped']);
  assert.deepEqual(by.r.runs.map((r) => r.outcome), ['run', 'replace', 'replace', 'replace', 'replace', 'replace']);
  assert.equal(by.r.counts.terminated, 5);
  assert.deepEqual(by.a.runs.map((r) => r.outcome), ['run', 'overlap', 'overlap', 'overlap', 'overlap', 'overlap']);
  assert.ok(by.x.runs.every((r) => r.outcome === 'error'));
  assert.ok(by.x.errors.includes('run policy error: invalid ConcurrencyPolicy: Sometimes'));
});

test('zone helpers: offsets, wall times and formatting follow the zone (half-hour zones too)', () => {
  const t = Date.UTC(2026, 0, 15, 12, 0);
  assert.equal(offsetMinutes(t, 'Asia/Kolkata'), 330);
  assert.equal(offsetMinutes(t, 'America/New_York'), -300);
  assert.equal(offsetMinutes(Date.UTC(2026, 6, 15), 'America/New_York'), -240);
  assert.deepEqual({ ...wallTime(t, 'Asia/Kolkata'), wd: undefined }, { y: 2026, mo: 1, d: 15, h: 17, mi: 30, s: 0, wd: undefined });
  assert.equal(formatInZone(t, 'Asia/Kolkata'), 'Thu 2026-01-15 17:30 (UTC+05:30)');
  // a doubled wall time resolves to its first instant (01:30 EDT on 2026-11-01)
  assert.equal(wallToInstant('2026-11-01 01:30', 'America/New_York'), Date.UTC(2026, 10, 1, 5, 30));
});

test('axis ticks sit on local hour starts and local midnights, across DST and in half-hour zones', () => {
  const from = Date.UTC(2026, 2, 27, 0, 0); // Europe/Berlin switches to CEST on 2026-03-29
  const until = from + 7 * 86_400_000;
  const ticks = axisTicks(from, until, 'Europe/Berlin');
  assert.ok(ticks.length >= 10 && ticks.length <= 16, String(ticks.length));
  for (const t of ticks) {
    const w = wallTime(t.at, 'Europe/Berlin');
    assert.equal(w.mi, 0);
    assert.equal(w.h % 12, 0);
    assert.equal(t.major, w.h === 0);
  }
  assert.equal(ticks.filter((t) => t.major).length, 7);
  for (const t of axisTicks(from, from + 86_400_000, 'Asia/Kolkata')) assert.equal(wallTime(t.at, 'Asia/Kolkata').mi, 0);
  const long = axisTicks(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 'UTC');
  assert.ok(long.length >= 12 && long.length <= 17, String(long.length));
  assert.ok(long.every((t) => new Date(t.at).getUTCHours() === 0));
});

test('HTML: strict CSP with nonce, no external resources, no inline handlers or style attributes', () => {
  const v = buildTimelineView(timeline(CRONS, FROM, UNTIL), { displayZone: 'Europe/Berlin', expectedDurationSec: 1800, now: FROM + 3600_000 });
  const html = renderTimelineHtml(v, { nonce: 'N0NCE', cspSource: 'vscode-resource:', title: 'Schedule timeline' });
  const cspMeta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(cspMeta);
  assert.match(cspMeta[1], /default-src 'none'/);
  assert.match(cspMeta[1], /script-src 'nonce-N0NCE'/);
  assert.match(cspMeta[1], /style-src 'nonce-N0NCE'/);
  assert.doesNotMatch(cspMeta[1], /unsafe-inline|unsafe-eval|https?:/);
  for (const m of html.matchAll(/<(script|style)\b([^>]*)>/g)) assert.match(m[2], /nonce="N0NCE"/, m[0]);
  assert.doesNotMatch(html, /\s(src|href)\s*=\s*"(https?:)?\/\//i);
  assert.doesNotMatch(html, /<link\b|<img\b|<iframe\b/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attributes (blocked by the CSP)');
  assert.doesNotMatch(html, /var\(--(?!vscode-)/, 'only --vscode-* theme variables');
});

test('HTML: headings, names (escaped), zone label, legend, hover titles per fire and DST marks', () => {
  const v = buildTimelineView(timeline(CRONS, FROM, UNTIL), { displayZone: 'Europe/Berlin', expectedDurationSec: 1800, now: FROM + 3600_000 });
  const html = renderTimelineHtml(v, { nonce: 'n', cspSource: 'x', title: 'Schedule timeline' });
  assert.match(html, /<h1>Schedule timeline<\/h1>/);
  assert.match(html, /nightly-report/);
  assert.match(html, /every-10-min/);
  assert.match(html, /a-&lt;b&gt;html&lt;\/b&gt;-name/);
  assert.doesNotMatch(html, /<b>html<\/b>/);
  assert.match(html, /your zone: Europe\/Berlin \(UTC\+01:00 now\)/);
  for (const l of ['skipped: a run is active (Forbid)', 'terminates the active run, starts anew (Replace)', 'DST: a run is skipped', 'several schedules at once']) {
    assert.ok(html.includes(l.replace(/</g, '&lt;')), `legend: ${l}`);
  }
  // sparse lanes: one titled mark per fire; the every-10-minutes lane (432 fires) is drawn as titled blocks per time bin
  const sparse = v.lanes.filter((l) => l.runs.length <= 240).reduce((n, l) => n + l.runs.length, 0);
  const circles = [...html.matchAll(/<circle class="fire o-[a-z]+[^"]*" cx="[\d.]+" cy="[\d.]+" r="4.5"><title>/g)].length;
  assert.equal(circles, sparse, 'one titled mark per fire');
  const dense = v.lanes.find((l) => l.name === 'every-10-min')!;
  assert.ok(dense.runs.length > 240);
  const blocks = [...html.matchAll(/<rect class="fire o-([a-z]+)"[^>]*><title>every-10-min: (\d+) fire\(s\)/g)];
  assert.ok(blocks.length > 50 && blocks.length <= 160, String(blocks.length));
  assert.equal(blocks.reduce((n, m) => n + Number(m[2]), 0), dense.runs.length, 'the blocks account for every fire');
  assert.ok(blocks.every((m) => m[1] === 'replace' || m[1] === 'run'));
  assert.match(html, /<path class="dst-skipped"[^>]*><title>DST: 2020-03-08 02:00 does not exist in America\/Los_Angeles/);
  assert.match(html, /class="fire o-replace/);
  assert.match(html, /class="terminated"/);
  assert.match(html, /data-cmd="open" data-arg-uri="file:\/\/\/ws\/cron-0.yaml" data-arg-line="0"/);
  assert.match(html, /bogus: /);
  // SVG coordinates stay inside the drawing
  for (const m of html.matchAll(/\bc?x[12]?="(-?[\d.]+)"/g)) assert.ok(+m[1] >= -10 && +m[1] <= 1200, m[0]);
});

test('HTML: a suspended CronWorkflow is labelled and its marks are faded', () => {
  const v = buildTimelineView(timeline([{ ...CRONS[0], suspend: true }], FROM, UNTIL), { displayZone: 'UTC', expectedDurationSec: 0, now: FROM });
  const html = renderTimelineHtml(v, { nonce: 'n', cspSource: 'x', title: 't' });
  assert.match(html, /<g class="lane is-suspended"/);
  assert.match(html, /suspended: nothing runs until resumed/);
  assert.match(html, /<span class="badge">suspended<\/span>/);
});

test('HTML: empty workspace says so', () => {
  const html = renderTimelineHtml(buildTimelineView({ from: FROM, until: UNTIL, crons: [] }, { displayZone: 'UTC', expectedDurationSec: 0, now: FROM }), { nonce: 'n', cspSource: 'x', title: 't' });
  assert.match(html, /No CronWorkflow found in the workspace/);
  assert.match(html, /Schedule timeline/);
});

test('an invalid display zone falls back to UTC instead of throwing', () => {
  const v = buildTimelineView(timeline([CRONS[1]], FROM, FROM + 3600_000), { displayZone: 'Mars/Olympus', expectedDurationSec: 0, now: FROM });
  assert.equal(v.displayZone, 'UTC');
});

test('the cached-offset wall time agrees with Intl at random instants and around every DST transition', () => {
  const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
  const ref = (ms: number, zone: string) => {
    const p: Record<string, string> = {};
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
    return { y: +p.year, mo: +p.month, d: +p.day, h: +p.hour % 24, mi: +p.minute, s: +p.second, wd: p.weekday };
  };
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const start = Date.UTC(2020, 0, 1);
  const span = Date.UTC(2030, 0, 1) - start;
  let checked = 0;
  for (const zone of zones) {
    // random instants
    for (let i = 0; i < 300; i++) {
      const ms = start + Math.floor(rnd() * span / 1000) * 1000;
      assert.deepEqual(wallTime(ms, zone), ref(ms, zone), `${zone} ${new Date(ms).toISOString()}`);
      checked++;
    }
    // every minute around each offset change in 2026 (found by an hourly scan with Intl)
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3600_000) {
      if (offsetMinutes(t, zone) === offsetMinutes(t + 3600_000, zone)) continue;
      for (let ms = t - 3600_000; ms <= t + 2 * 3600_000; ms += 60_000) {
        assert.deepEqual(wallTime(ms, zone), ref(ms, zone), `${zone} ${new Date(ms).toISOString()}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 4000, String(checked));
});
