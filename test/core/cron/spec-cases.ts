// Every case from the spec's tables (../shared/spec/cron.md §1.6, §2.3, §5.1–§5.6, errata; argo-triggers.md §2.2)
// and Argo's documented DST table (docs/cron-workflows.md "Daylight Saving", America/Los_Angeles 2022), as
// requests only. The expected answers are produced by the Go oracle into test/fixtures/cron/spec.jsonl.
import type { CronRequest } from './cases';

const R = (schedule: string, from: string, extra: Partial<CronRequest> = {}): CronRequest => ({ schedule, from, count: 3, ...extra });
const T2012 = '2012-07-09T23:35:00Z';

export function specCases(): CronRequest[] {
  const c: CronRequest[] = [];
  // §1.6 error catalogue and §1.1–§1.4 grammar notes
  for (const s of [
    '', '   ', '* * * *', '0 0 * * * *', '0 0 * * * ?', '0 0 1 1 * 2025', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 0 *',
    '* * 32 * *', '* * * 13 *', '* * * * 7', '0 0 * * 0-7', '5-3 * * * *', '* * * * SAT-SUN', '60/5 * * * *', '0 0 0/31 * *',
    '*/0 * * * *', '5/0 * * * *', '1-5/0 * * * *', '*/-5 * * * *', '-1 * * * *', '5- * * * *', '1-2-3 * * * *', '5--5 * * * *',
    '1/2/3 * * * *', '*//2 * * * *', 'a * * * *', '0 0 L * *', '5L * * * *', '0 0 * * 1#2', '0 0 15W * *', '0 0 * * MON#2',
    'H H * * *', '0 0 * * MONDAY', '0x5 * * * *', '1.5 * * * *', '* * * JAN-XYZ *', '* * * MON *', '* * * * JAN',
    '99999999999999999999 * * * *', '9223372036854775807 * * * *', '*/5-10 * * * *', '@Daily', '@daily ', '@weekdays', '@reboot',
    '@every', '@every\t1h', '@', ' @daily', '@every Xm', '@every 1e3s', '@every 3000000h', 'CRON_TZ=Bad/Zone 0 * * * *',
    'CRON_TZ=america/new_york 0 * * * *', 'CRON_TZ=../x 0 * * * *', 'cron_tz=UTC 0 * * * *', 'CRON_TZ=UTC', 'CRON_TZ=UTC ',
    'CRON_TZ=X CRON_TZ=Y 0 * * * *', 'CRON_TZ=UTC\t0 * * * *', 'CRON_TZ=UTC\t0\t*\t*\t*\t*', 'CRON_TZ=UTC\u00a00 9 * * *',
    'xyz', '0 60 * * *', '0 0 * * XYZ', 'TZ=America/New_York 15/0 * * * *', '5 j * * *', '@unrecognized', '@every ', '@every  1h',
    '@every 1h ', '@every 90', '@every 1d', '@every 1.5h', '@every 0', '@every -1h', '@every +5m', '@every 1\u03bcs', '@every 1\u00b5s',
    '@every 1h1h', '@every .5h', '@every 500ms', '@every 1500ms', '@every 2562047h', '@every 2562048h', '0 0 * * 1,', '1,,2 * * * *',
    ', * * * *', '+5 +2 * * *', '*-7 0 * * *', '*-foo-bar * * * *', '?-3 * * * *', '? ? ? ? ?', '?/5 * * * *', 'CRON_TZ=UTC  @daily ',
    '0 0 1 1 MON', '0 22-2 * * *', '* * * * FRI-MON', 'MON * * * *', '0 0 * * 0,7', '0 0 1,1 JAN,1 MON-WED,2', '0\u200b9 * * * *',
    '0 0 * * FR\u0130', '\u00e9 * * * *', '0 0 * * \u{1F600}', '0\u20030\u3000*\u0085*\u2028*', '0\u200b0 * * * *', '0\ufeff * * * *',
    'CRON_TZ= 0 9 * * *', 'TZ=Asia/Tokyo @weekly', 'CRON_TZ=Local 0 9 * * *', 'CRON_TZ=UTC 0 * * * *', 'CRON_TZ=Factory 0 * * * *',
    'CRON_TZ=Asia/Tokyo @every 1h', 'CRON_TZ=/etc/x 0 * * * *', 'CRON_TZ=\\x 0 * * * *', 'CRON_TZ=America/New York 0 * * * *',
  ]) c.push(R(s, '2025-01-01T00:00:00Z'));
  for (const tz of ['Bad/Zone', 'america/new_york', '../x', '/etc/localtime', 'America/New York', ' ', 'UTC ', 'Local', 'UTC', 'Etc/UTC', 'Factory'])
    c.push(R('0 9 * * *', '2025-01-01T00:00:00Z', { timezone: tz }));
  c.push(R('CRON_TZ=UTC 0 * * * *', '2025-01-01T00:00:00Z', { timezone: 'Asia/Tokyo' })); // double prefix (§0.1)
  c.push(R('CRON_TZ=UTC', '2025-01-01T00:00:00Z', { timezone: 'UTC' }));
  c.push(R('0 0 30 2 *', '2025-01-01T00:00:00Z'));
  c.push(R('0 0 31 4,6,9,11 *', '2025-01-01T00:00:00Z'));

  // §2.3 DST behaviour
  const NY = { timezone: 'America/New_York', count: 5 };
  c.push(R('30 2 * * *', '2025-03-08T12:00:00Z', NY), R('30 2 9 3 *', '2025-01-01T00:00:00Z', NY), R('0 * * * *', '2025-03-09T05:00:00Z', NY));
  c.push(R('15 2 * * *', '2025-10-04T00:00:00Z', { timezone: 'Australia/Lord_Howe', count: 4 }));
  c.push(R('30 1 * * *', '2025-11-01T12:00:00Z', NY), R('0 1-3 * * *', '2025-11-02T04:00:00Z', NY), R('*/20 1 * * *', '2025-11-02T04:00:00Z', { ...NY, count: 8 }));
  c.push(R('30 1 * * *', '2025-10-25T12:00:00Z', { timezone: 'Europe/London', count: 4 }), R('45 1 * * *', '2025-04-05T00:00:00Z', { timezone: 'Australia/Lord_Howe' }));
  for (const [tz, from] of [['America/Santiago', '2025-09-05T12:00:00Z'], ['America/Havana', '2025-03-07T12:00:00Z'], ['Atlantic/Azores', '2025-03-28T12:00:00Z'], ['Asia/Beirut', '2025-03-28T12:00:00Z']]) {
    c.push(R('0 0 * * *', from, { timezone: tz, count: 4 }), R('30 0 * * *', from, { timezone: tz, count: 4 }));
  }
  c.push(R('@daily', '2025-10-25T12:00:00Z', { timezone: 'Atlantic/Azores', count: 4 }), R('@daily', '2025-11-01T12:00:00Z', { timezone: 'America/Havana', count: 4 }));
  c.push(R('30 2 * * *', '2025-10-25T12:00:00Z', { timezone: 'Europe/Berlin', count: 4 }));

  // §5.1 TestActivation: "fires at T" ⇔ Next(T − 1 s) == T (times in UTC, as the oracle run)
  const act: [string, string][] = [
    ['0/15 * * * *', '2012-07-09T15:00:00Z'], ['0/15 * * * *', '2012-07-09T15:45:00Z'], ['0/15 * * * *', '2012-07-09T15:40:00Z'],
    ['5/15 * * * *', '2012-07-09T15:05:00Z'], ['5/15 * * * *', '2012-07-09T15:20:00Z'], ['5/15 * * * *', '2012-07-09T15:50:00Z'],
    ['0/15 * * Jul *', '2012-07-15T15:00:00Z'], ['0/15 * * Jun *', '2012-07-15T15:00:00Z'], ['30 08 ? Jul Sun', '2012-07-15T08:30:00Z'],
    ['30 08 ? Jul Sun', '2012-07-16T08:30:00Z'], ['30 08 15 Jul ?', '2012-07-15T08:30:00Z'], ['30 08 15 Jul ?', '2012-07-16T08:30:00Z'],
    ['@hourly', '2012-07-09T15:00:00Z'], ['@hourly', '2012-07-09T15:04:00Z'], ['@daily', '2012-07-09T15:00:00Z'], ['@daily', '2012-07-09T00:00:00Z'],
    ['@weekly', '2012-07-09T00:00:00Z'], ['@weekly', '2012-07-08T00:00:00Z'], ['@weekly', '2012-07-08T01:00:00Z'],
    ['@monthly', '2012-07-08T00:00:00Z'], ['@monthly', '2012-07-01T00:00:00Z'],
    ['* * 1,15 * Sun', '2012-07-15T00:00:00Z'], ['* * 1,15 * Sun', '2012-06-15T00:00:00Z'], ['* * 1,15 * Sun', '2012-08-01T00:00:00Z'],
    ['* * */10 * Sun', '2012-07-15T00:00:00Z'], ['* * * * Mon', '2012-07-15T00:00:00Z'], ['* * 1,15 * *', '2012-07-09T00:00:00Z'],
    ['* * 1,15 * *', '2012-07-15T00:00:00Z'], ['* * */2 * Sun', '2012-07-15T00:00:00Z'],
  ];
  for (const [s, at] of act) c.push(R(s, new Date(Date.parse(at) - 1000).toISOString().replace('.000Z', 'Z'), { count: 1 }));

  // §5.2 TestNext (5-field forms)
  for (const [from, s] of [
    ['2012-07-09T14:45:00Z', '0/15 * * * *'], ['2012-07-09T14:59:00Z', '0/15 * * * *'], ['2012-07-09T14:59:59Z', '0/15 * * * *'],
    ['2012-07-09T15:45:00Z', '20-35/15 * * * *'], ['2012-07-09T23:46:00Z', '*/15 * * * *'], ['2012-07-09T23:45:00Z', '20-35/15 * * * *'],
    [T2012, '0 0 9 Apr-Oct ?'], [T2012, '0 0 */5 Apr,Aug,Oct Mon'], [T2012, '0 0 */5 Oct Mon'], [T2012, '0 0 * Feb Mon'],
    [T2012, '0 0 * Feb Mon/2'], ['2012-12-31T23:59:45Z', '* * * * *'], [T2012, '0 0 29 Feb ?'], [T2012, '0 0 30 Feb ?'], [T2012, '0 0 31 Apr ?'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 30 2 11 Mar ?'], ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 * * * ?'],
    ['2012-03-11T01:00:00-05:00', 'CRON_TZ=America/New_York 0 * * * ?'], ['2012-03-11T03:00:00-04:00', 'TZ=America/New_York 0 * * * ?'],
    ['2012-03-11T04:00:00-04:00', 'TZ=America/New_York 0 * * * ?'], ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 1 * * ?'],
    ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?'], ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 2 * * ?'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 30 2 04 Nov ?'], ['2012-11-04T01:45:00-04:00', 'TZ=America/New_York 30 1 04 Nov ?'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 * * * ?'], ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 * * * ?'],
    ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?'], ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 1 * * ?'],
    ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 1 * * ?'], ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 2 * * ?'], ['2012-11-04T02:00:00-05:00', 'TZ=America/New_York 0 2 * * ?'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 3 * * ?'], ['2012-11-04T03:00:00-05:00', 'TZ=America/New_York 0 3 * * ?'],
    ['2012-11-04T00:00:00-04:00', '0 3 3 * ?'], ['2018-10-17T05:00:00-04:00', 'TZ=America/Sao_Paulo 0 9 10 * ?'],
    ['2018-02-14T05:00:00-05:00', 'TZ=America/Sao_Paulo 0 9 22 * ?'],
  ]) c.push(R(s, from));
  // "same results without TZ= when the input time is in New York": the controller zone is New York
  for (const s of ['0 * * * ?', '0 1 * * ?', '0 2 * * ?', '0 3 * * ?']) {
    c.push(R(s, '2012-11-04T00:00:00-04:00', { local: 'America/New_York', count: 4 }), R(s, '2012-03-11T00:00:00-05:00', { local: 'America/New_York', count: 4 }));
  }
  // §5.3 TestNextWithTz (fixed +05:30 input zone ≈ controller zone Asia/Kolkata)
  for (const from of ['2016-01-03T13:09:03+05:30', '2016-01-03T04:09:03+05:30', '2016-01-03T14:09:03+05:30']) c.push(R('14 14 * * *', from, { local: 'Asia/Kolkata' }));
  c.push(R('14 14 * * ?', '2016-01-03T14:00:00+05:30', { local: 'Asia/Kolkata' }));
  // §5.4 parser_test ranges, lifted into fields
  for (const s of ['5 * * * *', '5-5 * * * *', '5-7 * * * *', '5-6/2 * * * *', '5-7/2 * * * *', '5-7/1 * * * *', '* * * * *', '0 0 * */2 *',
    '5--5 * * * *', '0 0 1 jan-x *', '2-x * * * *', '*/-12 * * * *', '*//2 * * * *', '0 0 * * 1,5-7/2,3', '1,5-7/2,3 * * * *', '@every 5m',
    'CRON_TZ=UTC  5 * * * *', 'CRON_TZ=Asia/Tokyo 5 * * * *', 'TZ=UTC  @midnight', 'TZ=Asia/Tokyo @midnight', '@yearly', '@annually', '* * * *'])
    c.push(R(s, T2012));
  // §5.5 ConstantDelaySchedule
  for (const [from, d] of [['2012-07-09T14:45:00Z', '15m50ns'], ['2012-07-09T14:59:00Z', '15m'], ['2012-07-09T14:59:59Z', '15m'],
    ['2012-07-09T15:45:00Z', '35m'], ['2012-07-09T23:46:00Z', '14m'], ['2012-07-09T23:45:00Z', '35m'], ['2012-07-09T23:35:51Z', '44m24s'],
    ['2012-07-09T23:35:51Z', '25h44m24s'], ['2012-07-09T23:35:00Z', '2184h25m'], ['2012-12-31T23:59:45Z', '15s'], ['2012-07-09T14:45:00Z', '15ms'],
    ['2012-07-09T14:45:00.005Z', '15m'], ['2012-07-09T14:45:00.005Z', '15m50ns']]) c.push(R('@every ' + d, from));
  // §5.6 thirty edge cases
  const J = '2025-01-01T00:00:00Z';
  c.push(R('0 0 */1 * MON', J), R('0 0 1/1 * MON', J), R('0 0 *,15 * MON', J), R('0 0 15 * */1', J), R('0 0 15 * ?/2', J, { count: 4 }),
    R('0 0 13 * sun-sat', J), R('0 0 1 * MON-FRI', '2025-02-28T12:00:00Z'), R('*-7 0 * * *', J), R('*/75 * * * *', J), R('59/30 * * * *', J),
    R('60/30 * * * *', J), R('1-5/0 * * * *', J), R('0 0 * * 0-7', J), R('+5 +2 * * *', J), R(', * * * *', J),
    R('0 0 31 */2 *', '2025-06-01T00:00:00Z'), R('0 0 29 2 *', '2096-03-01T00:00:00Z'), R('0 0 30 2 *', J),
    R('CRON_TZ=America/New_York 30 2 9 3 *', J), R('CRON_TZ=America/New_York 0 1-3 * * *', '2025-11-02T04:00:00Z', { count: 5 }),
    R('CRON_TZ=Europe/London 30 1 * * *', '2025-03-29T12:00:00Z'), R('CRON_TZ=Europe/London 30 1 * * *', '2025-10-25T12:00:00Z'),
    R('CRON_TZ=America/Santiago 0 0 * * *', '2025-09-05T12:00:00Z'), R('CRON_TZ=Australia/Lord_Howe 45 1 * * *', '2025-04-05T00:00:00Z'),
    R('0 9 * * *', '2025-03-29T00:00:00Z', { local: 'Europe/Berlin' }), R('CRON_TZ= 0 9 * * *', '2025-03-29T00:00:00Z', { local: 'Europe/Berlin' }),
    R('CRON_TZ=Etc/GMT+5 0 12 * * *', J), R('TZ=Asia/Tokyo @weekly', J), R('@every 36h', '2025-03-08T17:00:00.700Z', { local: 'America/New_York' }),
    R('@every 1m0.5s', '2025-01-01T00:00:00.400Z'));
  // §3.5 differences table (robfig side)
  c.push(R('0 0 * * 4/3', J), R('0 0 * * 1/3', J), R('0 0 * * 5/1', J), R('0 2 9 3 *', J, { timezone: 'America/New_York' }));
  // Argo docs "Daylight Saving" table: America/Los_Angeles around 2022-03-13 and 2022-11-06
  for (const s of ['59 1 * * *', '0 2 * * *', '1 2 * * *', '0 3 * * *', '59 0 * * *', '0 1 * * *', '1 1 * * *', '59 1 * * *'])
    c.push(R(s, '2022-03-12T12:00:00Z', { timezone: 'America/Los_Angeles', count: 3 }), R(s, '2022-11-05T12:00:00Z', { timezone: 'America/Los_Angeles', count: 3 }));
  // The CLI example
  c.push(R('0 2 * * *', '2020-03-07T00:00:00Z', { timezone: 'America/Los_Angeles', count: 5 }));
  // Controller-zone variations of the same schedule (argo-triggers.md §2.2)
  for (const local of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin']) c.push(R('0 9 * * *', '2025-03-29T00:00:00Z', { local, count: 4 }));
  return c;
}

/**
 * Zone names outside Go's list that Go resolves through the host's zoneinfo directory (Linux with the standard
 * tzdata tree, like Argo's controller image): "a//b", "./a", directories, files used as directories, over-long
 * names, NUL bytes. Their answers depend on /usr/share/zoneinfo existing, so they live in their own fixture.
 */
export function hostPathCases(): CronRequest[] {
  const names = ['America//New_York', './UTC', 'UTC/', 'America', 'America/', 'Etc/', 'UTC/x', 'x'.repeat(300), 'America/' + 'y'.repeat(256),
    'Asia/Kolkata/', 'a\u0000b', 'Europe/./Berlin', '.', './', '//', 'America/Argentina', 'America/Argentina/Buenos_Aires/',
    'America/Argentina//Cordoba', 'America/./Argentina/./Salta', 'x/'.repeat(2100), 'US//', 'Etc/UTC/.', 'Nope/', '\u00e9'.repeat(128)];
  return names.flatMap((tz) => [
    { schedule: '0 9 * * *', timezone: tz, from: '2025-03-01T00:00:00Z', count: 2 },
    { schedule: `CRON_TZ=${tz} 0 9 * * *`, from: '2025-03-01T00:00:00Z', count: 2 },
  ]);
}
