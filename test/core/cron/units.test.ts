// Unit tests of the engine's pieces. Expected values are the oracle-verified ones quoted in
// ../shared/spec/cron.md (§1, §2.3, §2.4, §5.6), or properties (round trips, invariants).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  argoScheduleStrings, describeSchedule, dstNotes, formatRfc3339, loadZone, mergedNextTimes, nextTimes, parseRfc3339,
  parseSchedule, UTC, zoneNames, type Zone,
} from '../../../core/cron';
import { goAtoi, goFields, goQuote, goTimeQuote, goTrimSpace } from '../../../core/go/strings';
import { parseGoDuration } from '../../../core/cron/duration';
import { goDate } from '../../../core/cron/gotime';

const zone = (n: string): Zone => {
  const z = loadZone(n);
  assert.ok(z.ok, n);
  return z.zone;
};
const iso = (ms: number | null, z: Zone = UTC) => (ms === null ? null : formatRfc3339(ms, z));

test('Go strings.Fields / TrimSpace use unicode.IsSpace (U+200B and U+FEFF are not spaces)', () => {
  assert.deepEqual(goFields('a\u00a0b\u2003c\u0085d\u3000e'), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(goFields('a\u200bb\ufeffc'), ['a\u200bb\ufeffc']);
  assert.equal(goTrimSpace('\u2028 @daily \u00a0'), '@daily');
});

test('strconv.Quote and time.quote escaping (§1.3, §1.4)', () => {
  assert.equal(goQuote('0\u200b9'), '"0\\u200b9"');
  assert.equal(goQuote('a"b\\'), '"a\\"b\\\\"');
  assert.equal(goQuote('\u0000\t\u007f'), '"\\x00\\t\\x7f"');
  assert.equal(goQuote('\u{1F600}é'), '"\u{1F600}é"');
  assert.equal(goTimeQuote('1μs'), '"1\\xce\\xbcs"');
});

test('strconv.Atoi: sign, leading zeros, syntax and range errors', () => {
  assert.deepEqual(goAtoi('+5'), { ok: true, value: 5 });
  assert.deepEqual(goAtoi('007'), { ok: true, value: 7 });
  assert.equal((goAtoi('') as { error: string }).error, 'strconv.Atoi: parsing "": invalid syntax');
  assert.equal((goAtoi('99999999999999999999') as { error: string }).error, 'strconv.Atoi: parsing "99999999999999999999": value out of range');
  assert.deepEqual(goAtoi('-9223372036854775808'), { ok: true, value: -9223372036854775808n });
  assert.equal((goAtoi('9223372036854775808') as { error: string }).error, 'strconv.Atoi: parsing "9223372036854775808": value out of range');
});

test('time.ParseDuration (§1.4)', () => {
  assert.deepEqual(parseGoDuration('1h1h'), { ok: true, ns: 7_200_000_000_000n });
  assert.deepEqual(parseGoDuration('.5h'), { ok: true, ns: 1_800_000_000_000n });
  assert.deepEqual(parseGoDuration('-1h'), { ok: true, ns: -3_600_000_000_000n });
  assert.deepEqual(parseGoDuration('1h '), { ok: false, error: 'time: unknown unit "h " in duration "1h "' });
  assert.deepEqual(parseGoDuration('90'), { ok: false, error: 'time: missing unit in duration "90"' });
  assert.deepEqual(parseGoDuration('3000000h'), { ok: false, error: 'time: invalid duration "3000000h"' });
});

test('parser: error catalogue samples (§1.6) and the star-bit rule (§2.2, §5.6 #1–#6)', () => {
  const err = (s: string) => { const r = parseSchedule(s); assert.ok(!r.ok, s); return r.error; };
  assert.equal(err('60/30 * * * *'), 'beginning of range (60) beyond end of range (59): 60/30');
  assert.equal(err('1-5/0 * * * *'), 'step of range should be a positive number: 1-5/0');
  assert.equal(err('0 0 * * 0-7'), 'end of range (7) above maximum (6): 0-7');
  assert.equal(err('* * * JAN-XYZ *'), 'failed to parse int from XYZ: strconv.Atoi: parsing "XYZ": invalid syntax');
  assert.equal(err('cron_tz=UTC 0 * * * *'), 'expected exactly 5 fields, found 6: [cron_tz=UTC 0 * * * *]');
  assert.equal(err('CRON_TZ=../x 0 * * * *'), 'provided bad location ../x: time: invalid location name');
  const tzErr = parseSchedule('CRON_TZ=america/new_york 0 * * * *');
  assert.ok(!tzErr.ok && tzErr.timezoneError);
  const jan1 = Date.parse('2025-01-01T00:00:00Z');
  const days = (s: string) => { const r = parseSchedule(s); assert.ok(r.ok, s); return nextTimes(r.schedule, jan1, 3).times.map((t) => iso(t)!.slice(5, 10)); };
  assert.deepEqual(days('0 0 */1 * MON'), ['01-06', '01-13', '01-20']);
  assert.deepEqual(days('0 0 1/1 * MON'), ['01-02', '01-03', '01-04']);
  assert.deepEqual(days('0 0 *,15 * MON'), ['01-06', '01-13', '01-20']);
  assert.deepEqual(days('0 0 15 * */1'), ['01-15', '02-15', '03-15']);
  assert.deepEqual(days('0 0 13 * sun-sat'), ['01-02', '01-03', '01-04']);
});

test('5-year limit: never-firing schedules give null, not a hang (§2.5)', () => {
  for (const [s, from] of [['0 0 30 2 *', '2025-01-01T00:00:00Z'], [', * * * *', '2025-01-01T00:00:00Z'], ['0 0 29 2 *', '2096-03-01T00:00:00Z']]) {
    const r = parseSchedule(s);
    assert.ok(r.ok);
    assert.equal(r.schedule.next(Date.parse(from)), null, s);
    assert.deepEqual(nextTimes(r.schedule, Date.parse(from), 3), { times: [], exhausted: true });
  }
});

test('zones: LoadLocation rules, case-sensitive, Go list (§1.1, §6)', () => {
  assert.equal(loadZone('').ok && loadZone('UTC').ok, true);
  assert.deepEqual(loadZone('america/new_york'), { ok: false, error: 'unknown time zone america/new_york' });
  assert.deepEqual(loadZone('../x'), { ok: false, error: 'time: invalid location name' });
  assert.deepEqual(loadZone('/etc/localtime'), { ok: false, error: 'time: invalid location name' });
  assert.ok(loadZone('Local').ok);
  const names = zoneNames();
  for (const n of ['Asia/Kolkata', 'Asia/Calcutta', 'EST5EDT', 'Etc/GMT+5', 'US/Eastern', 'Zulu', 'UTC']) assert.ok(names.includes(n), n);
  assert.equal(zone('Etc/GMT+5').offsetAt(Date.parse('2025-01-01T00:00:00Z')), -5 * 3600); // POSIX sign inversion
  assert.equal(zone('Asia/Kolkata').offsetAt(Date.parse('2025-06-01T00:00:00Z')), 19800);
});

test('Go time.Date disambiguation in gaps and overlaps (§2.4)', () => {
  const ny = zone('America/New_York');
  const berlin = zone('Europe/Berlin');
  assert.equal(iso(goDate(2025, 3, 9, 2, 30, 0, ny), ny), '2025-03-09T01:30:00-05:00'); // west: gap moves back
  assert.equal(iso(goDate(2025, 11, 2, 1, 30, 0, ny), ny), '2025-11-02T01:30:00-04:00'); // west: overlap → first
  assert.equal(iso(goDate(2025, 3, 30, 2, 30, 0, berlin), berlin), '2025-03-30T03:30:00+02:00'); // east: gap moves forward
  assert.equal(iso(goDate(2025, 10, 26, 2, 30, 0, berlin), berlin), '2025-10-26T02:30:00+01:00'); // east: overlap → second
  assert.equal(iso(goDate(2025, 14, 0, 0, 0, 0, UTC)), '2026-01-31T00:00:00Z'); // norm(): month 14, day 0
});

test('DST: skipped, doubled and midnight-gap days (§2.3, §5.6 #19–#24)', () => {
  const run = (s: string, from: string, n: number) => { const r = parseSchedule(s); assert.ok(r.ok); return nextTimes(r.schedule, Date.parse(from), n).times.map((t) => iso(t)); };
  assert.deepEqual(run('CRON_TZ=America/New_York 0 1-3 * * *', '2025-11-02T04:00:00Z', 5),
    ['2025-11-02T05:00:00Z', '2025-11-02T06:00:00Z', '2025-11-02T07:00:00Z', '2025-11-02T08:00:00Z', '2025-11-03T06:00:00Z']);
  assert.deepEqual(run('CRON_TZ=America/Santiago 0 0 * * *', '2025-09-05T12:00:00Z', 3), ['2025-09-06T04:00:00Z', '2025-09-08T03:00:00Z', '2025-09-09T03:00:00Z']);
  assert.deepEqual(run('CRON_TZ=Australia/Lord_Howe 45 1 * * *', '2025-04-05T00:00:00Z', 3), ['2025-04-05T14:45:00Z', '2025-04-05T15:15:00Z', '2025-04-06T15:15:00Z']);
  assert.deepEqual(run('CRON_TZ=America/New_York 30 2 9 3 *', '2025-01-01T00:00:00Z', 2), ['2026-03-09T06:30:00Z', '2027-03-09T07:30:00Z']);
});

test('dstNotes reports the skipped spring-forward run and the doubled fall-back run', () => {
  const p = parseSchedule('CRON_TZ=America/New_York 30 2 * * *');
  assert.ok(p.ok);
  const spring = dstNotes(p.schedule, Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-04-01T00:00:00Z'));
  assert.deepEqual(spring, [{ kind: 'skipped', wallTime: '2025-03-09 02:30' }]);
  const q = parseSchedule('CRON_TZ=America/New_York 30 1 * * *');
  assert.ok(q.ok);
  const fall = dstNotes(q.schedule, Date.parse('2025-10-01T00:00:00Z'), Date.parse('2025-12-01T00:00:00Z'));
  assert.deepEqual(fall, [{ kind: 'doubled', wallTime: '2025-11-02 01:30', at: [Date.parse('2025-11-02T05:30:00Z'), Date.parse('2025-11-02T06:30:00Z')] }]);
  const utc = parseSchedule('30 1 * * *');
  assert.ok(utc.ok);
  assert.deepEqual(dstNotes(utc.schedule, Date.parse('2025-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z')), []);
});

test('Argo composition: CRON_TZ prefix, controller zone, merged schedules (argo-triggers.md §2.2)', () => {
  assert.deepEqual(argoScheduleStrings({ schedules: ['0 9 * * *', '@hourly'], timezone: 'Asia/Tokyo' }), ['CRON_TZ=Asia/Tokyo 0 9 * * *', 'CRON_TZ=Asia/Tokyo @hourly']);
  assert.deepEqual(argoScheduleStrings({ schedules: ['0 9 * * *'] }), ['0 9 * * *']);
  const from = Date.parse('2025-01-01T00:00:00Z');
  const m = mergedNextTimes({ schedules: ['0 * * * *', '0 */2 * * *', 'bad'], timezone: '' }, UTC, from, 3);
  assert.deepEqual(m.fires.map((f) => [iso(f.at), f.schedules]), [['2025-01-01T01:00:00Z', [0]], ['2025-01-01T02:00:00Z', [0, 1]], ['2025-01-01T03:00:00Z', [0]]]);
  assert.deepEqual(m.errors, [{ index: 2, error: 'cron schedule bad is malformed: expected exactly 5 fields, found 1: [bad]' }]);
  const berlin = mergedNextTimes({ schedules: ['0 9 * * *'] }, zone('Europe/Berlin'), Date.parse('2025-03-29T00:00:00Z'), 2);
  assert.deepEqual(berlin.fires.map((f) => iso(f.at)), ['2025-03-29T08:00:00Z', '2025-03-30T07:00:00Z']); // §5.6 #25
  const dbl = mergedNextTimes({ schedules: ['CRON_TZ=UTC 0 * * * *'], timezone: 'Asia/Tokyo' }, UTC, from, 1);
  assert.equal(dbl.errors.length, 1);
  assert.match(dbl.errors[0].error, /expected exactly 5 fields, found 6: \[CRON_TZ=UTC 0 \* \* \* \*\]/);
  const never = mergedNextTimes({ schedules: ['0 0 30 2 *'] }, UTC, from, 3);
  assert.deepEqual(never, { fires: [], errors: [], exhausted: true });
});

test('RFC3339 parse/format round trip with offsets and fractions', () => {
  const ms = parseRfc3339('2025-03-08T17:00:00.700-05:00');
  assert.equal(ms, Date.parse('2025-03-08T22:00:00.700Z'));
  assert.equal(formatRfc3339(ms!, zone('America/New_York')), '2025-03-08T17:00:00-05:00');
  assert.equal(formatRfc3339(ms!, UTC), '2025-03-08T22:00:00Z');
  assert.equal(formatRfc3339(Date.parse('2025-06-01T00:00:00Z'), zone('Asia/Kolkata')), '2025-06-01T05:30:00+05:30');
  for (const bad of ['2025-02-30T00:00:00Z', '2025-01-01 00:00:00Z', '2025-01-01T24:00:00Z', 'yesterday']) assert.equal(parseRfc3339(bad), undefined, bad);
});

test('describeSchedule: cronstrue for validated 5-field text, own words otherwise, never throws', () => {
  assert.match(describeSchedule('0 9 * * 1-5'), /09:00/);
  assert.match(describeSchedule('CRON_TZ=Asia/Tokyo 0 9 * * *'), /Asia\/Tokyo/);
  assert.match(describeSchedule('@every 1h30m'), /^Every 1h30m/);
  assert.match(describeSchedule('@daily'), /00:00 every day/);
  assert.match(describeSchedule('0 0 1/1 * MON'), /^At 00:00$|every day/i);
  assert.match(describeSchedule('60 * * * *'), /^Invalid schedule: end of range \(60\) above maximum \(59\): 60$/);
  assert.match(describeSchedule(', * * * *'), /Never/);
  for (const s of ['', '\u0000', '* * * * * * * *', '@every 9999999h', 'CRON_TZ=UTC', '?-3 +5 */2 jan-MAR sun,6']) assert.equal(typeof describeSchedule(s), 'string');
});
