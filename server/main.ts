// Language server entry: translates LSP messages to the pure language service (server/service.ts).
// Transport from argv (--stdio, --node-ipc, --socket=…), chosen by vscode-languageserver.
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  FileChangeType, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCore } from './coreImpl';
import {
  MatchEventRequest, SampleEventsRequest, StatusNotification, TimelineRequest,
  type ArgoTriggersSettings, type InitializationOptions, type StatusParams,
} from './protocol';
import { ArgoTriggersService } from './service';
import { DEFAULT_SETTINGS, SettingsCache } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = {
  error: (m: string) => connection.console.error(m),
  info: (m: string) => connection.console.info(m),
};

process.on('uncaughtException', (e) => log.error(`uncaught: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));

let caps = { workspaceFolders: false, configuration: false, watchedFilesDynamic: false, configDynamic: false, progress: false, diagRefresh: false, lensRefresh: false };
let folders: string[] = [];
let initOptions: InitializationOptions = {};
let settings = new SettingsCache(undefined);
let service: ArgoTriggersService;
let lastError: string | undefined;
let lastStatus: Partial<StatusParams> = {};

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const c = params.capabilities;
  caps = {
    workspaceFolders: !!c.workspace?.workspaceFolders,
    configuration: !!c.workspace?.configuration,
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    progress: !!c.window?.workDoneProgress,
    diagRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    lensRefresh: !!c.workspace?.codeLens?.refreshSupport,
  };
  initOptions = (params.initializationOptions && typeof params.initializationOptions === 'object' ? params.initializationOptions : {}) as InitializationOptions;
  folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (!folders.length && params.rootUri) folders = [params.rootUri];
  settings = new SettingsCache(caps.configuration
    ? async (uri) => (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'argoTriggers' }))
    : undefined);
  service = new ArgoTriggersService({
    core: realCore,
    userTimeZone: typeof initOptions.userTimeZone === 'string' ? initOptions.userTimeZone : undefined,
    log,
    settings: (uri) => settings.get(uri),
  });
  service.onError = (where, e) => {
    lastError = `${where}: ${(e as Error)?.message ?? e}`;
  };
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['/', '@'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      diagnosticProvider: { identifier: 'argo-triggers', interFileDependencies: true, workspaceDiagnostics: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'argo-triggers', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (caps.configDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'argoTriggers' }).catch(() => {});
  if (caps.watchedFilesDynamic) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.json' }],
    }).catch(() => {});
  }
  if (caps.workspaceFolders) {
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
        if (!initOptions.disableWorkspaceIndex) void indexWorkspace(e.added.map((a) => a.uri));
      });
    } catch (e) {
      log.error(`workspace folder events unavailable: ${(e as Error).message}`);
    }
  }
  if (!initOptions.disableWorkspaceIndex) void indexWorkspace(folders).catch((e) => log.error(`indexing failed: ${(e as Error)?.stack ?? e}`));
});

async function indexWorkspace(which: string[]): Promise<void> {
  if (!which.length) return;
  const s = folders.length ? await settings.get(which[0]) : DEFAULT_SETTINGS;
  indexedWith = `${s.sampleEvents.glob}|${s.index.maxFiles}|${s.maxFileSizeKb}`;
  const progress = caps.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Argo Triggers: indexing WorkflowTemplates', 0, undefined, true);
  sendStatus({ message: 'indexing' });
  const started = Date.now();
  const r = await service.scanWorkspace(which, s, (n, msg) => progress?.report(`${n} files · ${msg}`), () => !!progress?.token.isCancellationRequested);
  progress?.done();
  log.info(`indexed ${r.files} files (${r.templates} templates, ${r.samples} sample events) in ${Date.now() - started} ms${r.truncated ? ' — stopped at argoTriggers.index.maxFiles' : ''}${r.cancelled ? ' — cancelled' : ''}`);
  sendStatus({ message: r.truncated ? `index stopped at ${s.index.maxFiles} files` : undefined });
  refreshSoon();
}

// ------------------------------------------------------------------ refresh (debounced)

let refreshTimer: NodeJS.Timeout | undefined;
function refreshSoon(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    if (caps.diagRefresh) connection.languages.diagnostics.refresh();
    if (caps.lensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => {});
  }, 250);
}

// code lenses say "next run in …": keep them current while a CronWorkflow is open
setInterval(() => {
  if (!caps.lensRefresh || !service) return;
  if (service.openDocuments().some((d) => /^kind:[ \t]*["']?CronWorkflow\b/m.test(d.getText()))) {
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => {});
  }
}, 60_000).unref();

function sendStatus(extra: Partial<StatusParams> & { settings?: ArgoTriggersSettings } = {}): void {
  const s = extra.settings ?? DEFAULT_SETTINGS;
  delete extra.settings;
  lastStatus = { ...lastStatus, ...extra };
  const st: StatusParams = {
    argoVersion: s.argoVersion,
    controllerTimezone: s.controllerTimezone,
    ...lastStatus,
    state: lastError ? 'error' : (lastStatus.validationTimeMs ?? 0) > 1000 ? 'warn' : 'ok',
    indexing: service?.index.indexing ?? false,
    indexedFiles: service?.index.yamlFiles.size ?? 0,
    indexedTemplates: service?.index.templateCount() ?? 0,
    sampleEvents: service?.index.samples.size ?? 0,
    message: lastError ?? extra.message,
  };
  lastError = undefined;
  void connection.sendNotification(StatusNotification, st).catch(() => {});
}

// ------------------------------------------------------------------ documents

documents.onDidOpen((e) => {
  // ask for the document's settings now: the answer travels while the index is fed, not after the diagnostics pull
  if (e.document.languageId === 'yaml' || /\.ya?ml$/i.test(e.document.uri)) void settings.get(e.document.uri);
  service.didOpen(e.document);
});
documents.onDidChangeContent((e) => {
  if (service.didChange(e.document)) refreshSoon();
});
documents.onDidClose((e) => {
  void service.didClose(e.document.uri).then((changed) => {
    if (changed) refreshSoon();
  });
  settings.forget(e.document.uri);
});

let indexedWith: string | undefined; // sample glob + max files of the last scan
connection.onDidChangeConfiguration(async (e) => {
  settings.reset(e?.settings);
  refreshSoon();
  if (initOptions.disableWorkspaceIndex || !folders.length) return;
  const s = await settings.get(folders[0]);
  if (indexedWith !== undefined && indexedWith !== `${s.sampleEvents.glob}|${s.index.maxFiles}|${s.maxFileSizeKb}`) {
    service.index.clearSamples();
    void indexWorkspace(folders);
  }
});

connection.onDidChangeWatchedFiles(async (e) => {
  let changed = false;
  let samples = false;
  for (const ch of e.changes) {
    const s = await settings.get(ch.uri);
    if (/\.json$/i.test(ch.uri)) samples = true;
    if (await service.fileChanged(ch.uri, ch.type === FileChangeType.Deleted, s)) changed = true;
  }
  if (changed || samples) refreshSoon();
});

// ------------------------------------------------------------------ requests

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

connection.languages.diagnostics.on(async (params, token) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { kind: 'full', items: [] };
  const version = doc.version;
  const started = performance.now();
  const out = await service.diagnostics(doc, () => token.isCancellationRequested || documents.get(doc.uri)?.version !== version);
  if (out.cancelled) {
    if (token.isCancellationRequested) throw cancelled();
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
  }
  const ms = performance.now() - started;
  if (out.linted) sendStatus({ uri: doc.uri, lastValidation: Date.now(), validationTimeMs: Math.round(ms * 10) / 10, settings: await settings.get(doc.uri) });
  if (params.previousResultId && params.previousResultId === out.resultId) return { kind: 'unchanged', resultId: out.resultId };
  return { kind: 'full', resultId: out.resultId || undefined, items: out.items };
});

connection.onHover(async (p, token) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || token.isCancellationRequested) return null;
  return service.hover(doc, p.position);
});

connection.onCompletion(async (p, token) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || token.isCancellationRequested) return [];
  return service.completion(doc, p.position);
});

connection.onCodeAction(async (p, token) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || token.isCancellationRequested) return [];
  return service.codeActions(doc, p.range, p.context.only);
});

connection.onCodeLens(async (p, token) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || token.isCancellationRequested) return [];
  return service.codeLenses(doc);
});

const withCancel = <P, R>(fn: (p: P, isCancelled: () => boolean) => Promise<R>) => async (p: P, token: CancellationToken): Promise<R> => {
  const r = await fn(p, () => token.isCancellationRequested);
  if (token.isCancellationRequested) throw cancelled();
  return r;
};

connection.onRequest(TimelineRequest, withCancel((p, c) => service.timeline(p, c)));
connection.onRequest(MatchEventRequest, withCancel((p, c) => service.matchEvent(p, c)));
connection.onRequest(SampleEventsRequest, async () => service.sampleEvents());

documents.listen(connection);
connection.listen();
