// Public API of the cron engine (contract: /work/notes/CONTRACTS.md "core/cron/index.ts").
// An own TypeScript implementation of robfig/cron v3.0.1 as Argo's cron controller uses it.
export type { Millis, Zone } from './types';
export type { ZoneResult } from './zone';
export { loadZone, zoneNames, UTC, processZone } from './zone';
export type { CronSchedule } from './schedule';
export type { ParseResult } from './parser';
export { parseSchedule, splitZonePrefix } from './parser';
export { formatRfc3339, parseRfc3339 } from './gotime';
export { describeSchedule } from './describe';
export type { ArgoCronSpec, MergedFire, DstNote } from './argo';
export { nextTimes, argoScheduleStrings, mergedNextTimes, dstNotes, argoParse, rawSchedules, zoneTransitions } from './argo';
export type { CronAnswer } from './protocol';
export { answerRequest, answerLine } from './protocol';
export { GO_TZDATA_VERSION } from './zoneNames.generated';
