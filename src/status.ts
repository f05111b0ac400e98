// LanguageStatusItem: the Argo version targeted and the last validation (from the server's argoTriggers/status).
import * as vscode from 'vscode';
import type { StatusParams } from '../server/protocol';
import type { ArgoClient } from './client';

export const STATUS_ITEM_ID = 'argoTriggers.status';

export function registerStatusItem(context: vscode.ExtensionContext, client: ArgoClient, showOutputCommand: string): void {
  const item = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, [{ language: 'yaml' }]);
  item.name = 'Argo Triggers';
  item.command = { title: 'Show Output', command: showOutputCommand };
  context.subscriptions.push(item);

  const configured = (): string => vscode.workspace.getConfiguration('argoTriggers').get<string>('argoVersion', 'v4.1');
  const idle = (): void => {
    item.text = `Argo ${configured()}`;
    item.detail = 'server starts when an Argo document opens';
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.busy = false;
  };
  idle();

  context.subscriptions.push(
    client.onState((s) => {
      if (s === 'starting') {
        item.busy = true;
        item.detail = 'starting the language server';
      } else if (s === 'running') {
        item.busy = false;
        if (!client.lastStatus) item.detail = 'language server running';
      } else if (s === 'failed') {
        item.busy = false;
        item.severity = vscode.LanguageStatusSeverity.Error;
        item.detail = 'language server stopped (see output)';
      } else {
        item.busy = false;
      }
    }),
    client.onStatus((p) => render(item, p)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('argoTriggers.argoVersion') && !client.lastStatus) idle();
    }),
  );
}

export function render(item: vscode.LanguageStatusItem, p: StatusParams): void {
  item.busy = p.indexing;
  item.text = `Argo ${p.argoVersion}`;
  const parts: string[] = [];
  if (p.lastValidation !== undefined) {
    const at = new Date(p.lastValidation).toLocaleTimeString();
    parts.push(`validated ${at}${p.validationTimeMs !== undefined ? ` in ${Math.round(p.validationTimeMs)} ms` : ''}`);
  } else {
    parts.push('not validated yet');
  }
  parts.push(`controller zone ${p.controllerTimezone}`);
  if (p.indexedTemplates) parts.push(`${p.indexedTemplates} template(s)`);
  if (p.message) parts.push(p.message);
  item.detail = parts.join(' · ');
  item.severity =
    p.state === 'error' ? vscode.LanguageStatusSeverity.Error : p.state === 'warn' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}
