// Shared types of the cron engine (re-exported by index.ts).
export type Millis = number; // epoch milliseconds (UTC instant)
export interface Zone {
  readonly name: string;
  offsetAt(ms: Millis): number; // seconds east of UTC
}
