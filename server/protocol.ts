// Custom LSP messages of the Argo Triggers language server. Defined once; imported by server/ and by the extension in src/.
// Every type here is plain JSON (what travels over the wire): ranges are LSP ranges (0-based line / UTF-16 character),
// instants are epoch milliseconds (UTC).
//
// Messages
//   argoTriggers/timeline       request       client → server   TimelineParams → TimelineResult
//   argoTriggers/matchEvent     request       client → server   MatchEventParams → MatchEventResult
//   argoTriggers/sampleEvents   request       client → server   SampleEventsParams → SampleEventsResult
//   argoTriggers/status         notification  server → client   StatusParams (for a LanguageStatusItem)
//
// Commands the server puts on code lenses (the extension registers them; the server never executes them):
//   Commands.showTimeline   args: [uri: string, cronName: string | undefined]
//   Commands.showMatch      args: [bindingUri: string, sampleUri: string | null (null = let the user pick), bindingName: string | undefined]
//   Commands.noop           a lens that only shows text
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type ArgoVersion = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';

/** LSP position / range (same shape as vscode-languageserver-types; repeated so this file stays dependency-light). */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

// ---------------------------------------------------------------------------------------------------------------
// argoTriggers/timeline
// ---------------------------------------------------------------------------------------------------------------

export interface TimelineParams {
  /** Files to include (open documents use their editor text). Default: every open document plus every indexed YAML file. */
  uris?: string[];
  /** Window [from, until) in epoch ms. The server caps the window at 366 days and the fires at `maxFires` per CronWorkflow. */
  from: number;
  until: number;
  /** If given, each fire gets an `outcome` simulated with the CronWorkflow's concurrencyPolicy and this run length. */
  expectedDurationSec?: number;
  /** Per CronWorkflow cap on fires (default 500, max 5000). */
  maxFires?: number;
}

/** What happens to a fire when runs are expected to last `expectedDurationSec` (core/argo/concurrency planRuns):
 *  run = submitted, nothing else active; overlap = submitted while earlier runs are active (Allow);
 *  skipped = not submitted because a run is active (Forbid); replace = active runs terminated, this one submitted
 *  (Replace); error = invalid concurrencyPolicy, nothing submitted. */
export type FireOutcome = 'run' | 'overlap' | 'skipped' | 'replace' | 'error';

export interface TimelineFire {
  at: number;
  /** RFC 3339 text in the CronWorkflow's zone (as Go prints it). */
  text: string;
  /** Indexes into TimelineCron.schedules; several = identical instants collapsed into one run. */
  schedules: number[];
  outcome?: FireOutcome;
  /** Forbid: the previous run ended within the controller's active-list lag, so this fire may still be skipped. */
  borderline?: boolean;
}

export interface TimelineDstNote {
  schedule: number;
  kind: 'skipped' | 'doubled';
  /** 'YYYY-MM-DD HH:MM' wall time in the zone. */
  wallTime: string;
  at?: number[];
}

export interface TimelineCron {
  uri: string;
  name?: string;
  namespace?: string;
  /** Range of the whole YAML document of the CronWorkflow. */
  range: Range;
  /** The zone name schedules run in (spec.timezone, or the controller zone setting). */
  zone: string;
  zoneSource: 'timezone' | 'controller';
  schedules: string[];
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace' | string;
  suspend: boolean;
  fires: TimelineFire[];
  dstNotes: TimelineDstNote[];
  /** Schedules that do not parse (robfig's message) or a bad zone. */
  errors: { schedule?: number; message: string }[];
  /** True when fires were cut at maxFires or a schedule stopped firing (5-year search exhausted). */
  truncated: boolean;
}

export interface TimelineResult {
  from: number;
  until: number;
  crons: TimelineCron[];
}

export const TimelineRequest = new RequestType<TimelineParams, TimelineResult, void>('argoTriggers/timeline');

// ---------------------------------------------------------------------------------------------------------------
// argoTriggers/matchEvent and argoTriggers/sampleEvents
// ---------------------------------------------------------------------------------------------------------------

/** The event as argo-server receives it (see spec argo-triggers.md §4.3): payload = HTTP body, headers as sent. */
export interface ArgoEvent {
  payload: unknown;
  headers: [string, string][];
  discriminator: string;
  namespace: string;
}

export interface WireExprError {
  message: string;
  stage: 'compile' | 'run' | 'cast';
  /** Where in the file the error points (when the expression sits in a YAML file the server knows). */
  range?: Range;
}

export interface WireClause {
  text: string;
  op?: 'and' | 'or';
  range?: Range;
  /** `value` is the clause's own result (true/false/other JSON); `error` when it failed alone. */
  outcome: { value: unknown } | { error: WireExprError };
}

export interface WireBindingMatch {
  uri: string;
  binding: { name?: string; namespace?: string; range: Range };
  matched: boolean;
  clauses: WireClause[];
  selectorError?: WireExprError;
  parameters: { name: string; value?: string; error?: WireExprError }[];
  /** The Workflow object argo-server would create (only for matched bindings with submit). */
  workflow?: unknown;
  /** Why the binding was not considered (other namespace) or what else happened (no submit, metadata errors). */
  notes?: string[];
  /** The dispatch error argo-server would report for this binding (HTTP 500 in sync mode), in Argo's wording. */
  dispatchError?: string;
}

export interface MatchEventParams {
  /** The event itself, or the URI of a sample event file (`*.event.json`: {payload, headers?, discriminator?, namespace?}). */
  event: ArgoEvent | { uri: string };
  /** Binding files to evaluate. Default: every open document and indexed YAML file holding a WorkflowEventBinding. */
  uris?: string[];
}

export interface MatchEventResult {
  /** The event that was evaluated (after reading the sample file). */
  event?: ArgoEvent;
  matches: WireBindingMatch[];
  /** Problems reading the sample or a binding file. */
  errors: string[];
}

export const MatchEventRequest = new RequestType<MatchEventParams, MatchEventResult, void>('argoTriggers/matchEvent');

export interface SampleEventsParams { /* reserved */ }
export interface SampleEvent { uri: string; event?: ArgoEvent; error?: string }
export interface SampleEventsResult { samples: SampleEvent[] }

export const SampleEventsRequest = new RequestType<SampleEventsParams, SampleEventsResult, void>('argoTriggers/sampleEvents');

// ---------------------------------------------------------------------------------------------------------------
// argoTriggers/status
// ---------------------------------------------------------------------------------------------------------------

export interface StatusParams {
  /** The document last validated (absent for workspace-wide updates such as indexing). */
  uri?: string;
  argoVersion: ArgoVersion;
  controllerTimezone: string;
  /** Epoch ms of the last validation and how long it took. */
  lastValidation?: number;
  validationTimeMs?: number;
  /** 'warn' when validation exceeded 1 s, 'error' when a handler failed (details in the server log). */
  state: 'ok' | 'warn' | 'error';
  indexing: boolean;
  indexedFiles: number;
  indexedTemplates: number;
  sampleEvents: number;
  message?: string;
}

export const StatusNotification = new NotificationType<StatusParams>('argoTriggers/status');

// ---------------------------------------------------------------------------------------------------------------
// initializationOptions the client may send
// ---------------------------------------------------------------------------------------------------------------

export interface InitializationOptions {
  /** The user's IANA time zone (Intl.DateTimeFormat().resolvedOptions().timeZone in the extension host).
   *  Hover shows fire times in it as well. Default: the server process's zone. */
  userTimeZone?: string;
  /** Skip the initial workspace scan (tests). */
  disableWorkspaceIndex?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Settings (section `argoTriggers`, pulled per resource with workspace/configuration)
// ---------------------------------------------------------------------------------------------------------------

export interface ArgoTriggersSettings {
  argoVersion: ArgoVersion;
  /** Zone the controller uses when spec.timezone is empty. */
  controllerTimezone: string;
  codeLens: { enabled: boolean };
  hover: { fireCount: number };
  /** Glob (relative to each workspace folder) for sample events used by the match preview. */
  sampleEvents: { glob: string };
  /** Files larger than this are not validated (an information diagnostic says so). */
  maxFileSizeKb: number;
  index: { maxFiles: number };
}

export const Commands = {
  showTimeline: 'argoTriggers.showTimeline',
  showMatch: 'argoTriggers.showMatch',
  noop: '',
} as const;
