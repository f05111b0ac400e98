// Shared types of the cron engine (re-exported by index.ts).
export type Millis = number; // epoch milliseconds (UTC instant)
export interface Zone {
  readonly name: string;
  offsetAt(ms: Millis): number; // seconds east of UTC
  /**
   * Optional fast paths, exact with respect to offsetAt (zones built by loadZone have them):
   * the instants T in (from, until) at which offsetAt changes, with the offsets just before and from T on;
   */
  transitions?(from: Millis, until: Millis): ZoneTransition[];
  /** and the first instant in (after, limit] at which offsetAt changes (Infinity if it does not change there). */
  nextChange?(after: Millis, limit: Millis): Millis;
}

export interface ZoneTransition {
  at: Millis;
  before: number;
  after: number;
}
