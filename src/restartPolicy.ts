// Bounded restart policy for the language server (pure; the ErrorHandler in src/client.ts asks it what to do).
// A crash is restarted while fewer than `maxRestarts` crashes happened within `windowMs`; after that the server
// stays down until the user restarts it (command "Argo Triggers: Restart Language Server").

export interface RestartPolicyOptions { maxRestarts: number; windowMs: number }

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60_000 };

export class RestartPolicy {
  private crashes: number[] = [];
  constructor(private readonly opts: RestartPolicyOptions = DEFAULT_RESTART_POLICY, private readonly now: () => number = Date.now) {}

  /** Record a crash; true = restart the server, false = give up. */
  onCrash(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.opts.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.opts.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get recentCrashes(): number {
    const t = this.now();
    return this.crashes.filter((c) => t - c < this.opts.windowMs).length;
  }

  /** A manual restart forgets the history. */
  reset(): void {
    this.crashes = [];
  }
}
