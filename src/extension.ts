// Extension entry (dist/extension.js). activate() only wires things up: the language server starts when an Argo
// trigger document is open (or when a view needs it), so opening unrelated YAML costs almost nothing.
// activate() measures itself and logs "activate() took N ms" to the "Argo Triggers" output (the e2e suite reads it).
import * as vscode from 'vscode';
import { isArgoTriggerText } from './argoDocument';
import { ArgoClient } from './client';
import { registerStatusItem } from './status';
import { registerYamlSchemaContributor } from './yamlSchema';
import { registerEventPreview } from './views/eventPreview';
import { registerTimeline } from './views/timeline';

/** Command ids owned by the extension shell (views add theirs in src/views/*; all are listed in package.json). */
export const ShellCommands = {
  restartServer: 'argoTriggers.restartServer',
  showOutput: 'argoTriggers.showOutput',
} as const;

let argoClient: ArgoClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Argo Triggers', { log: true });
  context.subscriptions.push(log);
  const client = new ArgoClient(context, log);
  argoClient = client;
  context.subscriptions.push(client);

  context.subscriptions.push(
    vscode.commands.registerCommand(ShellCommands.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(ShellCommands.restartServer, () => client.restart()),
  );
  registerStatusItem(context, client, ShellCommands.showOutput);
  registerYamlSchemaContributor(context, log);

  // ---- Views and view commands (src/views/*): each gets the lazy client and registers its own commands. ----------
  // (add registerX(context, client) calls here)
  registerTimeline(context, client);
  registerEventPreview(context, client);
  // ----------------------------------------------------------------------------------------------------------------

  startWhenArgoDocumentOpens(context, client);

  const ms = performance.now() - t0;
  log.info(`activate() took ${ms.toFixed(2)} ms (trusted workspace: ${vscode.workspace.isTrusted})`);
}

/** Starts the language server as soon as a YAML document with an Argo trigger kind is open (now or later). */
function startWhenArgoDocumentOpens(context: vscode.ExtensionContext, client: ArgoClient): void {
  let started = false;
  const subs: vscode.Disposable[] = [];
  const check = (doc: vscode.TextDocument): void => {
    if (started || doc.languageId !== 'yaml' || !isArgoTriggerText(doc.getText())) return;
    started = true;
    for (const s of subs) s.dispose();
    client.log.info(`Argo document opened (${vscode.workspace.asRelativePath(doc.uri)}); starting the language server`);
    client.ready().catch(() => undefined); // failures are logged by the client
  };
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  subs.push(
    vscode.workspace.onDidOpenTextDocument(check),
    // A new or untitled document may become an Argo document while typing: re-check, debounced.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (started || e.document.languageId !== 'yaml') return;
      const key = e.document.uri.toString();
      clearTimeout(pending.get(key));
      pending.set(key, setTimeout(() => { pending.delete(key); check(e.document); }, 300));
    }),
    new vscode.Disposable(() => pending.forEach((t) => clearTimeout(t))),
  );
  context.subscriptions.push(...subs);
  // Deferred so that the scan of already open documents is not part of activate().
  setTimeout(() => vscode.workspace.textDocuments.forEach(check), 0);
}

export async function deactivate(): Promise<void> {
  await argoClient?.stop();
  argoClient = undefined;
}
