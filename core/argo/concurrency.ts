// What a CronWorkflow's concurrencyPolicy does when scheduled runs overlap (spec argo-triggers.md §2.6).
//
// The controller decides at each fire, from `status.active` (the child Workflows still running):
//   Allow / ""  → always submit; runs may overlap.
//   Forbid      → skip the fire when anything is active (the skipped fire starts nothing).
//   Replace     → terminate every active run (spec.shutdown: Terminate), then submit the new one at once.
//   other       → `invalid ConcurrencyPolicy: X`, a SubmissionError on every fire (nothing runs).
// Given the fire times and an *expected* run duration this module plans what would happen. It is a model: real runs
// vary in length, and `status.active` is rebuilt only every CRON_SYNC_PERIOD (10 s by default), so a run that
// finished just before a fire can still block a Forbid fire; such fires are flagged `borderline`.

export type Millis = number;

export type PolicyName = 'Allow' | 'Forbid' | 'Replace';

/** Default `CRON_SYNC_PERIOD` of the workflow-controller: how stale `status.active` can be. */
export const DEFAULT_ACTIVE_LAG_MS = 10_000;

export type RunOutcome =
  | 'run' // submitted, nothing else active
  | 'overlap' // submitted while earlier runs are still active (Allow)
  | 'skipped' // Forbid: not submitted because something is active
  | 'replace' // Replace: active runs terminated, this one submitted
  | 'error'; // invalid policy: SubmissionError, nothing submitted

export interface PlannedRun {
  /** Fire time (the scheduled time of the run). */
  at: Millis;
  outcome: RunOutcome;
  /** When the run is expected to end: at + duration, or the time a later Replace terminated it. Equals `at` when nothing runs. */
  end: Millis;
  /** Set when a later fire (Replace) terminated this run before its expected end. */
  terminatedAt?: Millis;
  /** Indexes (into the result) of runs active at this fire. */
  active: number[];
  /** Replace: indexes of runs this fire terminates. */
  terminates: number[];
  /** Forbid: a run ended less than the active-list lag before this fire, so the controller may still see it as active. */
  borderline?: boolean;
  /** For outcome 'error': the controller's message. */
  error?: string;
}

export interface PlanResult {
  policy: PolicyName | 'invalid';
  runs: PlannedRun[];
  /** The SubmissionError the controller reports on every fire when the policy is invalid. */
  error?: string;
}

/** Normalises spec.concurrencyPolicy: undefined or '' mean Allow; anything not exactly Allow/Forbid/Replace is invalid. */
export function normalizePolicy(policy: unknown): { ok: true; policy: PolicyName } | { ok: false; error: string } {
  if (policy === undefined || policy === null || policy === '') return { ok: true, policy: 'Allow' };
  if (policy === 'Allow' || policy === 'Forbid' || policy === 'Replace') return { ok: true, policy };
  return { ok: false, error: `run policy error: invalid ConcurrencyPolicy: ${String(policy)}` };
}

/**
 * Plans the runs for fire times `fires` (ascending; equal times are treated as one fire, as the controller's
 * deterministic child name makes the second submit an ignored AlreadyExists) with an expected duration.
 */
export function planRuns(
  fires: readonly Millis[],
  durationMs: number,
  policy: unknown,
  opts: { activeLagMs?: number } = {},
): PlanResult {
  const lag = Math.max(0, opts.activeLagMs ?? DEFAULT_ACTIVE_LAG_MS);
  const duration = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
  const norm = normalizePolicy(policy);
  const times = dedupeSorted(fires);
  if (!norm.ok) {
    return {
      policy: 'invalid',
      error: norm.error,
      runs: times.map((at) => ({ at, outcome: 'error' as const, end: at, active: [], terminates: [], error: norm.error })),
    };
  }
  const runs: PlannedRun[] = [];
  // Indexes of submitted runs that might still be active; pruned as time moves on.
  let live: number[] = [];
  for (const at of times) {
    live = live.filter((i) => runs[i].end > at);
    const active = [...live];
    const run: PlannedRun = { at, outcome: 'run', end: at + duration, active, terminates: [] };
    switch (norm.policy) {
      case 'Allow':
        if (active.length) run.outcome = 'overlap';
        break;
      case 'Forbid':
        if (active.length) {
          run.outcome = 'skipped';
          run.end = at;
        } else if (lag > 0 && recentlyEnded(runs, at, lag, duration)) {
          run.borderline = true;
        }
        break;
      case 'Replace':
        if (active.length) {
          run.outcome = 'replace';
          run.terminates = active;
          for (const i of active) {
            runs[i].terminatedAt = at;
            runs[i].end = at;
          }
          live = [];
        }
        break;
    }
    runs.push(run);
    if (run.outcome !== 'skipped' && run.end > at) live.push(runs.length - 1);
  }
  return { policy: norm.policy, runs };
}

function recentlyEnded(runs: PlannedRun[], at: Millis, lag: number, duration: number): boolean {
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i];
    if (r.at + duration <= at - lag) break; // this run and every earlier one ended before the lag window
    if (r.outcome === 'skipped' || r.outcome === 'error') continue;
    if (r.end <= at && r.end > at - lag && r.end > r.at) return true;
  }
  return false;
}

function dedupeSorted(fires: readonly Millis[]): Millis[] {
  const out: Millis[] = [];
  for (const t of [...fires].filter((x) => Number.isFinite(x)).sort((a, b) => a - b)) {
    if (out.length === 0 || out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

/** Counts per outcome, for summaries and legends. */
export function summarizePlan(plan: PlanResult): Record<RunOutcome, number> & { terminated: number; borderline: number } {
  const s = { run: 0, overlap: 0, skipped: 0, replace: 0, error: 0, terminated: 0, borderline: 0 };
  for (const r of plan.runs) {
    s[r.outcome]++;
    if (r.terminatedAt !== undefined) s.terminated++;
    if (r.borderline) s.borderline++;
  }
  return s;
}
