// The slice of the pure core (core/cron, core/expr, core/argo — see notes/CONTRACTS.md) that the server uses, as one
// injectable object. server/coreImpl.ts binds it to the real modules; tests may pass a different object.
// Types are structural copies of the contract so the server type-checks on its own.
import type { Document } from 'yaml';

export type Millis = number;
export interface Zone { readonly name: string; offsetAt(ms: Millis): number }
export type ZoneResult = { ok: true; zone: Zone } | { ok: false; error: string };
export interface CronSchedule { readonly source: string; readonly kind: 'spec' | 'every'; readonly zone: Zone; next(after: Millis): Millis | null }
export type ParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string; timezoneError?: boolean };
export interface ArgoCronSpec { schedule?: string; schedules?: string[]; timezone?: string }
export interface MergedFire { at: Millis; schedules: number[] }
export interface DstNote { kind: 'skipped' | 'doubled'; wallTime: string; at?: Millis[] }

export type ExprProfile = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';
export interface Span { start: number; end: number }
export interface ExprError { message: string; stage: 'compile' | 'run' | 'cast'; span?: Span }
export interface ArgoEvent { payload: unknown; headers: [string, string][]; discriminator: string; namespace: string }
export interface Clause { span: Span; text: string; op?: 'and' | 'or'; outcome: { value: unknown } | { error: ExprError } }

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export interface OffsetRange { start: number; end: number }
export interface Fix { title: string; edits: { range: OffsetRange; newText: string }[]; preferred?: boolean }
export interface Finding { code: string; severity: Severity; message: string; range: OffsetRange; fixes?: Fix[]; related?: { range: OffsetRange; message: string }[] }
export interface ArgoDocument { index: number; kind?: string; apiVersion?: string; name?: string; namespace?: string; range: OffsetRange; doc: Document.Parsed }
export type ArgoVersion = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';
export interface TemplateInfo {
  kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate'; name: string; namespace?: string; uri: string;
  parameters: { name: string; hasDefault: boolean }[]; entrypoint?: string; templates: string[];
}
export interface TemplateIndexLike {
  update(uri: string, text: string): void;
  /** Like update, from documents already parsed with parseFile (optional: update is used without it). */
  updateDocs?(uri: string, docs: ArgoDocument[]): void;
  /** The templates of one file (optional: all() filtered by uri without it). */
  forUri?(uri: string): TemplateInfo[];
  /** Every template with this name, in a stable order (optional: all() grouped by name without it). */
  named?(name: string): TemplateInfo[];
  /** Does any template have this name (optional: named() is asked without it)? */
  hasName?(name: string): boolean;
  /** How many templates there are (optional: all().length without it). */
  size?(): number;
  remove(uri: string): void;
  find(kind: string, name: string, namespace?: string): TemplateInfo | undefined;
  all(): TemplateInfo[];
}
/** What parseFile returns. */
export interface ParsedFileLike { docs: ArgoDocument[]; lineStarts: number[]; problems?: Finding[] }
/** `parsed`: parseFile(text) of exactly the linted text, when the caller has it (lint then does not parse again). */
export interface LintOptions { argoVersion: ArgoVersion; controllerZone: string; now: number; index?: TemplateIndexLike; uri?: string; parsed?: ParsedFileLike }
export interface BindingMatch {
  binding: { name?: string; namespace?: string; range: OffsetRange }; matched: boolean; clauses: Clause[]; selectorError?: ExprError;
  parameters: { name: string; value?: string; error?: ExprError }[]; workflow?: unknown;
  notes?: string[]; dispatchError?: string;
}

/** Field knowledge for completion and key hover (optional: the core may not provide it). */
export interface FieldInfo { name: string; doc?: string; values?: string[]; type?: string }

export interface CoreApi {
  // core/cron
  loadZone(name: string): ZoneResult;
  parseSchedule(text: string, defaultZone?: Zone): ParseResult;
  nextTimes(s: CronSchedule, after: Millis, count: number): { times: Millis[]; exhausted: boolean };
  formatRfc3339(ms: Millis, zone: Zone): string;
  describeSchedule(text: string): string;
  argoScheduleStrings(spec: ArgoCronSpec): string[];
  mergedNextTimes(spec: ArgoCronSpec, controllerZone: Zone, after: Millis, count: number):
    { fires: MergedFire[]; errors: { index: number; error: string }[]; exhausted: boolean };
  dstNotes(s: CronSchedule, from: Millis, until: Millis): DstNote[];
  zoneNames(): string[];
  // core/expr
  explainSelector(src: string, ev: ArgoEvent, profile?: ExprProfile): Clause[];
  buildEnvironment(ev: ArgoEvent): Record<string, unknown>;
  evalSelector(src: string, ev: ArgoEvent, profile?: ExprProfile): { ok: true; result: boolean } | { ok: false; error: ExprError };
  evalParameter(src: string, ev: ArgoEvent, profile?: ExprProfile): { ok: true; value: string } | { ok: false; error: ExprError };
  // core/argo
  parseFile(text: string): ParsedFileLike;
  lintText(text: string, opts: LintOptions): Finding[];
  newTemplateIndex(): TemplateIndexLike;
  matchEvent(bindingsText: string, ev: ArgoEvent, opts: { argoVersion: ArgoVersion; index?: TemplateIndexLike }): BindingMatch[];
  /** Child fields of the object at `path` ('[]' = any sequence item) in a document of `kind`, if the core knows them. */
  /** core/argo/concurrency planRuns: what each fire does under a concurrencyPolicy with an expected run length. */
  planRuns?(fires: readonly Millis[], durationMs: number, policy: unknown): { runs: { at: Millis; outcome: string; borderline?: boolean }[]; error?: string };
  /** File range of a span inside a YAML scalar's value (core/argo/scalarMap); undefined when not exactly mappable. */
  scalarSpanToRange?(text: string, node: unknown, span: Span): OffsetRange | undefined;
  fieldsAt?(kind: string, apiVersion: string | undefined, path: string[], argoVersion: ArgoVersion): FieldInfo[] | undefined;
}
