// What differs between the Argo release lines we model (spec argo-triggers.md §0 and §3.1).
// Each line is modelled at its newest patch release (v3.5.15, v3.6.19, v3.7.18, v4.0.10, v4.1.2).
export type ArgoVersion = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';
export const ARGO_VERSIONS: readonly ArgoVersion[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];
export const DEFAULT_ARGO_VERSION: ArgoVersion = 'v4.1';

export interface VersionFeatures {
  /** `spec.schedule` (singular) exists: required in v3.5, deprecated in v3.6/3.7, removed in v4. */
  scheduleField: 'required' | 'deprecated' | 'removed';
  /** `spec.schedules` exists (v3.6+). */
  schedulesField: boolean;
  /** `when`, `stopStrategy` (v3.6+). */
  whenAndStopStrategy: boolean;
  /** v3.6/3.7 reject schedule + schedules together. */
  bothScheduleError: boolean;
  /** validate.CronWorkflow checks the name length before the "both" check (v4) or after it (v3.6/3.7). */
  bothCheckFirst: boolean;
  /** v3.5 wraps robfig errors as `cron schedule is malformed: %s` (no schedule text). */
  legacyScheduleWording: boolean;
  /** `time.LoadLocation` check at lint time (v3.7.12+, v4.0.3+). */
  timezoneValidated: boolean;
  /** v4: an empty schedules list is `cron workflow must have at least one schedule`. */
  atLeastOneSchedule: boolean;
  /** Full-CRD validation (enum, pattern, minItems) exists for `kubectl apply` (v4.0+). */
  fullCrd: boolean;
  /** GitHub webhook signature header and algorithm. */
  githubSignature: { header: 'X-Hub-Signature' | 'X-Hub-Signature-256'; algorithm: 'sha1' | 'sha256' };
  /** 2 MB webhook body limit (v3.7.14+, v4.0.5+). */
  webhookBodyLimit: boolean;
  /** WEB dispatch copies the template's workflowMetadata labels/annotations (v4.1+). */
  webCopiesTemplateMetadata: boolean;
  /** Fields added to WorkflowSpec / Template after v3.7 (accepted from v4.0 on in our model). */
  v4SpecFields: boolean;
  /** validate.go's template timeout errors end with a period (`… doesn't support timeout field.`): v3.7.18 per the
   *  v3.7 argo-lint oracle; v4.0.5 has no period. v3.5/v3.6 assumed like v3.7 (no oracle for them). */
  timeoutMessagePeriod: boolean;
}

export function features(v: ArgoVersion): VersionFeatures {
  const v4 = v === 'v4.0' || v === 'v4.1';
  return {
    scheduleField: v === 'v3.5' ? 'required' : v4 ? 'removed' : 'deprecated',
    schedulesField: v !== 'v3.5',
    whenAndStopStrategy: v !== 'v3.5',
    bothScheduleError: v === 'v3.6' || v === 'v3.7',
    bothCheckFirst: v === 'v3.6' || v === 'v3.7',
    legacyScheduleWording: v === 'v3.5',
    timezoneValidated: v === 'v3.7' || v4,
    atLeastOneSchedule: v4,
    fullCrd: v4,
    githubSignature: v === 'v3.5' || v === 'v3.6' ? { header: 'X-Hub-Signature', algorithm: 'sha1' } : { header: 'X-Hub-Signature-256', algorithm: 'sha256' },
    webhookBodyLimit: v === 'v3.7' || v4,
    webCopiesTemplateMetadata: v === 'v4.1',
    v4SpecFields: v4,
    timeoutMessagePeriod: !v4,
  };
}

export function isArgoVersion(s: string): s is ArgoVersion {
  return (ARGO_VERSIONS as readonly string[]).includes(s);
}

/** Accepts `v4.1`, `4.1`, `v4.1.2`, `3.7.18` … and returns the release line. */
export function parseArgoVersion(s: string): ArgoVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(s.trim());
  if (!m) return undefined;
  const v = `v${m[1]}.${m[2]}`;
  return isArgoVersion(v) ? v : undefined;
}
