// Co-existence with Red Hat YAML (redhat.vscode-yaml): when it is installed, offer Argo's published JSON schema for
// documents holding an Argo kind through its schema-contributor API. Our own diagnostics keep their own source.
// Nothing happens when the extension is absent; nothing is fetched by us (Red Hat YAML fetches the URL).
import * as vscode from 'vscode';
import { isArgoTriggerText } from './argoDocument';
import { argoSchemaUrl } from './argoSchema';

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';
const CONTRIBUTOR = 'argoTriggers';

interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

export function registerYamlSchemaContributor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const tryRegister = async (): Promise<boolean> => {
    const ext = vscode.extensions.getExtension<YamlExtensionApi>(RED_HAT_YAML_ID);
    if (!ext) return false;
    try {
      const api = ext.isActive ? ext.exports : await ext.activate();
      if (!api || typeof api.registerContributor !== 'function') return false;
      api.registerContributor(
        CONTRIBUTOR,
        (resource) => {
          const cfg = vscode.workspace.getConfiguration('argoTriggers', vscode.Uri.parse(resource));
          if (!cfg.get<boolean>('yamlSchema.enabled', true)) return undefined;
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
          if (!doc || !isArgoTriggerText(doc.getText())) return undefined;
          return argoSchemaUrl(cfg.get<string>('argoVersion', 'v4.1'));
        },
        () => undefined, // https URLs are fetched by Red Hat YAML itself
        'Argo Workflows (published schema)',
      );
      log.info(`Offered Argo's published schema to ${RED_HAT_YAML_ID}`);
      return true;
    } catch (e) {
      log.warn(`Could not register with ${RED_HAT_YAML_ID}: ${e instanceof Error ? e.message : String(e)}`);
      return true;
    }
  };
  // Not awaited: activating Red Hat YAML must not count against our activation time.
  void tryRegister().then((done) => {
    if (done) return;
    const sub = vscode.extensions.onDidChange(() => {
      void tryRegister().then((ok) => ok && sub.dispose());
    });
    context.subscriptions.push(sub);
  });
}
