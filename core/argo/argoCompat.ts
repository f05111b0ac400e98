// What `argo lint --offline --strict` itself would print for a file: one error per object (the first Argo hits),
// with strict-decoding errors combined the way k8s apimachinery's StrictDecodingError prints them.
import type { Finding } from './findings';
import { lintDocuments, type LintOptions } from './lint';

/** Kinds `argo lint` lints (WorkflowEventBindings are a no-op there). */
const LINTED = new Set(['CronWorkflow', 'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate']);
const STRICT = /^strict decoding error: (unknown field "[^"]*")$/;

export interface ArgoLintObjectError { object: string; message: string }

/** Lines `in "<name>" (<Kind>): <err>` as `argo lint -o simple` prints them after the file name, plus whether any object was linted. */
export function argoLintErrors(text: string, opts: LintOptions): { linted: boolean; errors: ArgoLintObjectError[] } {
  const errors: ArgoLintObjectError[] = [];
  let linted = false;
  let objIndex = 0;
  for (const g of lintDocuments(text, { ...opts, offline: true })) {
    const d = g.doc;
    if (!d) continue;
    if (!d.isArgo || !LINTED.has(d.kind ?? '')) {
      if (d.kind) objIndex++;
      continue;
    }
    // a document Go's YAML cannot read is dropped by ParseObjects (nothing printed for it)
    if (g.findings.some((f) => f.code.startsWith('yaml.') && f.severity === 'error')) continue;
    linted = true;
    const object = `"${d.name || d.generateName || `object #${objIndex + 1}`}" (${d.kind})`;
    objIndex++;
    const msg = firstMessage(g.findings);
    if (msg) errors.push({ object, message: msg });
  }
  return { linted, errors };
}

function firstMessage(fs: Finding[]): string | undefined {
  const argoErrors = fs.filter((f) => f.argo && f.severity === 'error');
  if (!argoErrors.length) return undefined;
  const type = argoErrors.filter((f) => f.code === 'strict.type').sort((a, b) => comparePaths(typePath(a.message), typePath(b.message)));
  if (type.length) return type[0].message;
  const strict = argoErrors.map((f) => STRICT.exec(f.message)?.[1]).filter((x): x is string => !!x);
  if (strict.length) {
    strict.sort((a, b) => comparePaths(a.slice(15, -1), b.slice(15, -1)));
    return `strict decoding error: ${strict.join(', ')}`;
  }
  return [...argoErrors].sort((a, b) => (a.argoRank ?? 0) - (b.argoRank ?? 0))[0].message;
}

function typePath(msg: string): string {
  const m = /Go struct field [^.]+\.(\S+) of type/.exec(msg);
  return m ? m[1] : '';
}

/** Go's json.Marshal sorts map keys, so strict errors come in depth-first, byte-sorted key order. */
function comparePaths(a: string, b: string): number {
  const seg = (p: string) => p.split(/\.|(?=\[)/).filter(Boolean);
  const A = seg(a);
  const B = seg(b);
  for (let i = 0; i < Math.min(A.length, B.length); i++) {
    if (A[i] === B[i]) continue;
    const ia = /^\[(\d+)\]$/.exec(A[i]);
    const ib = /^\[(\d+)\]$/.exec(B[i]);
    if (ia && ib) return Number(ia[1]) - Number(ib[1]);
    return A[i] < B[i] ? -1 : 1;
  }
  return A.length - B.length;
}
