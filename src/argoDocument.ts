// Decides whether a YAML text holds an Argo trigger document (the gate that starts the language server).
// Pure: no vscode import, so it is unit-tested directly (test/src/argoDocument.test.ts).

/** Kinds whose presence starts the language server. Templates count too: bindings and crons refer to them. */
export const ARGO_TRIGGER_KINDS = ['CronWorkflow', 'WorkflowEventBinding', 'WorkflowTemplate', 'ClusterWorkflowTemplate'] as const;

/** Texts above this size are only scanned in their first part (the server applies its own size cap). */
export const SCAN_LIMIT = 1 << 20;

const KIND_RE = /^[ \t]*kind[ \t]*:[ \t]*["']?(CronWorkflow|WorkflowEventBinding|WorkflowTemplate|ClusterWorkflowTemplate)["']?[ \t]*(?:#.*)?$/m;
const API_RE = /^[ \t]*apiVersion[ \t]*:[ \t]*["']?argoproj\.io\//m;

/** True when the text has a top-level-looking `kind:` of an Argo trigger kind and an `apiVersion: argoproj.io/...`.
 *  A cheap textual check (a few regex scans), deliberately generous: the server does the real parse. */
export function isArgoTriggerText(text: string): boolean {
  const t = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  return KIND_RE.test(t) && API_RE.test(t);
}

/** The first Argo trigger kind named in the text, if any (used to pick a schema for Red Hat YAML). */
export function argoKindOf(text: string): string | undefined {
  if (!isArgoTriggerText(text)) return undefined;
  const t = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  return KIND_RE.exec(t)?.[1];
}
