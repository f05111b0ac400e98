import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type Finding, type LintOptions, type ArgoVersion, type Fix } from '../../../core/argo';

export const NOW = Date.UTC(2026, 10, 26, 0, 0, 0);
export const CORPUS = join(__dirname, '../../../../shared/corpus');
export const EXAMPLES = join(CORPUS, 'argo-examples');

export function lint(text: string, v: ArgoVersion = 'v4.1', extra: Partial<LintOptions> = {}): Finding[] {
  return lintText(text, { argoVersion: v, controllerZone: 'UTC', now: NOW, ...extra });
}

export function codes(fs: Finding[]): string[] {
  return fs.map((f) => f.code);
}

export function only(fs: Finding[], code: string): Finding[] {
  return fs.filter((f) => f.code === code);
}

export function one(fs: Finding[], code: string): Finding {
  const m = only(fs, code);
  if (m.length !== 1) throw new Error(`expected exactly one ${code}, got ${m.length}: ${JSON.stringify(fs.map((f) => [f.code, f.message]), null, 1)}`);
  return m[0];
}

/** The error `argo lint` would print for the object (argoRank 0). */
export function firstArgoError(fs: Finding[]): Finding | undefined {
  return fs.find((f) => f.argo && f.severity === 'error' && f.argoRank === 0);
}

export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function slice(text: string, f: Finding): string {
  return text.slice(f.range.start, f.range.end);
}

export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n)) out.push(p);
    }
  };
  walk(EXAMPLES);
  return out;
}

export function read(p: string): string {
  return readFileSync(p, 'utf8');
}

export function cron(specBody: string, name = 'c'): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: ${name}
spec:
${specBody}
  workflowSpec:
    entrypoint: main
    templates:
      - name: main
        container:
          image: busybox
`;
}
