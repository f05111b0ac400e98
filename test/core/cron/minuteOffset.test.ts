// Zones whose UTC offset is not a whole number of minutes (local mean time; Africa/Monrovia was -0:44:30 until
// 1972-01-07). robfig truncates to the minute in absolute time (Go's Time.Truncate), which there is not the wall
// minute, so Next can pass over a wall minute that matches every field: SpecSchedule.next's wall-clock fast path must
// not apply (it did, and answered 11:00 where robfig answers 11:30). Checked against robfig's loop and, when Go is
// installed, against robfig/cron v3.0.1 itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerLine, loadZone, parseSchedule } from '../../../core/cron';
import { civilIn } from '../../../core/cron/gotime';
import type { SpecSchedule } from '../../../core/cron/schedule';
import { rng } from '../../helpers/rng';
import { ensureOracle, goAvailable, runOracle } from './oracle';

const SCHEDULES = ['0,30 9-17 * * *', '*/15 * * * *', '0 12 * * 1-5', '45 * * * *', '*/7 3-5 * * *', '0 0 * * *', '30 2 1 * *', '0 * * * *'];
// [zone, from, until] with an offset that is not a whole minute over the whole stretch
const STRETCHES: [string, number, number][] = [
  ['Africa/Monrovia', Date.UTC(1970, 0, 1), Date.UTC(1971, 11, 20)],
  ['Asia/Kolkata', Date.UTC(1880, 0, 1), Date.UTC(1900, 0, 1)],
  ['Europe/Amsterdam', Date.UTC(1920, 0, 1), Date.UTC(1930, 0, 1)],
];

function requests(): { schedule: string; timezone: string; from: string; count: number }[] {
  const r = rng(1971);
  const out = [];
  for (let i = 0; i < 300; i++) {
    const [zone, lo, hi] = STRETCHES[i % STRETCHES.length];
    const from = lo + Math.floor(r() * ((hi - lo) / 1000)) * 1000;
    out.push({ schedule: SCHEDULES[Math.floor(r() * SCHEDULES.length)], timezone: zone, from: new Date(from).toISOString().replace('.000Z', 'Z'), count: 5 });
  }
  return out;
}

test('next() equals robfig\'s loop where the offset is not a whole minute (and robfig does skip wall minutes there)', () => {
  let steps = 0;
  let skipsWallMinute = 0;
  for (const q of requests()) {
    const z = loadZone(q.timezone);
    assert.ok(z.ok);
    const p = parseSchedule(q.schedule, z.zone);
    assert.ok(p.ok && p.schedule.kind === 'spec');
    const s = p.schedule as SpecSchedule;
    let t: number | null = Date.parse(q.from);
    for (let k = 0; k < q.count && t !== null; k++) {
      const want = s.robfigNext(t);
      assert.equal(s.next(t), want, `${q.schedule} ${q.timezone} after ${new Date(t).toISOString()}`);
      steps++;
      // the first whole second after t whose wall clock matches (second 0): what a fixed whole-minute zone would give
      let u = Math.floor(t / 1000) * 1000 + 1000;
      while (civilIn(u, s.zone).second !== 0) u += 1000;
      for (; want !== null && u < want && u < t + 2 * 86_400_000; u += 60_000) {
        const c = civilIn(u, s.zone);
        if (c.second === 0 && s.matchesWall(c)) {
          skipsWallMinute++;
          break;
        }
      }
      t = want;
    }
  }
  console.log(`# ${steps} steps; robfig passed over a matching wall minute in ${skipsWallMinute}`);
  assert.ok(steps > 1000 && skipsWallMinute > 50, `${steps} steps, ${skipsWallMinute} skips`);
});

test('where the offset is not a whole minute, next times agree byte for byte with robfig/cron in Go', {
  skip: goAvailable() ? false : 'SKIPPED LOUDLY: `go` is not on PATH, so the robfig oracle cannot run',
}, () => {
  const bin = ensureOracle()!;
  // Monrovia only: before 1970 Go's tzdata and ICU (Intl) disagree on many zones' history (Go merges zones such as
  // Europe/Amsterdam into Europe/Brussels), which is not what this test is about
  const lines = requests().filter((q) => q.timezone === 'Africa/Monrovia').map((q) => JSON.stringify(q));
  const oracle = runOracle(bin, lines);
  assert.equal(oracle.length, lines.length);
  const diffs = lines.map((l, i) => [l, answerLine(l), oracle[i]]).filter(([, ours, go]) => ours !== go);
  console.log(`# ${lines.length} requests against the oracle, ${diffs.length} differences`);
  assert.deepEqual(diffs.slice(0, 5), []);
});
