// Finding.fixes → quick-fix code actions for the findings that touch the requested range.
import { CodeActionKind, type CodeAction, type Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceContext } from '../context';
import type { ArgoTriggersSettings } from '../protocol';
import { documentFindings, toDiagnostic } from './diagnostics';

export async function computeCodeActions(ctx: ServiceContext, doc: TextDocument, range: LspRange, settings: ArgoTriggersSettings,
  only?: string[]): Promise<CodeAction[]> {
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === CodeActionKind.Empty)) return [];
  const st = ctx.cache.get(doc);
  if (st.text.length > settings.maxFileSizeKb * 1024) return [];
  const { findings } = await documentFindings(ctx, st, settings);
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const out: CodeAction[] = [];
  for (const f of findings) {
    if (!f.fixes?.length) continue;
    if (f.range.end < from || f.range.start > to) continue;
    const diag = toDiagnostic(doc, f);
    for (const fix of f.fixes) {
      if (!fix.edits?.length) continue;
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: fix.preferred || undefined,
        edit: {
          changes: {
            [doc.uri]: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.range.start), end: doc.positionAt(e.range.end) }, newText: e.newText })),
          },
        },
      });
    }
  }
  return out;
}
