// The Argo Triggers language client: started lazily (only when an Argo trigger document is open, or when a feature
// needs the server), with a bounded restart policy, per-resource settings pulled by the server, and the user's time
// zone in the initialization options. Views (src/views/*) get an ArgoClient and call `ready()` / `sendRequest()`.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { NotificationType, RequestType } from 'vscode-languageclient/node';
import { StatusNotification, type InitializationOptions, type StatusParams } from '../server/protocol';
import { RestartPolicy } from './restartPolicy';

export const CLIENT_ID = 'argoTriggers';
export const CLIENT_NAME = 'Argo Triggers';

/** Documents the server handles. Sample events (*.event.json) are read by the server from the workspace itself. */
export const DOCUMENT_SELECTOR = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

export class ArgoClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly policy = new RestartPolicy();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly stateEmitter = new vscode.EventEmitter<'starting' | 'running' | 'stopped' | 'failed'>();
  private lastStatusValue: StatusParams | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Server status notifications (argoTriggers/status). */
  readonly onStatus = this.statusEmitter.event;
  /** Client lifecycle as the status item shows it. */
  readonly onState = this.stateEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, readonly log: vscode.LogOutputChannel) {}

  /** The running client, if started. */
  get running(): LanguageClient | undefined {
    return this.client && this.client.state === State.Running ? this.client : undefined;
  }

  get lastStatus(): StatusParams | undefined {
    return this.lastStatusValue;
  }

  /** Starts the server if needed; resolves once it answers requests. */
  ready(): Promise<LanguageClient> {
    if (this.client && this.client.state === State.Running) return Promise.resolve(this.client);
    if (!this.starting) {
      this.starting = this.start().finally(() => (this.starting = undefined));
    }
    return this.starting;
  }

  /** Sends a custom request, starting the server first when needed. */
  async sendRequest<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
    const c = await this.ready();
    return token ? c.sendRequest(type, params, token) : c.sendRequest(type, params);
  }

  /** Registers a handler for a server → client notification (re-attached after restarts). */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable {
    this.extraNotifications.push({ type: type as NotificationType<unknown>, handler: handler as (p: unknown) => void });
    if (this.client) this.client.onNotification(type, handler);
    return new vscode.Disposable(() => {
      this.extraNotifications = this.extraNotifications.filter((n) => n.handler !== handler);
    });
  }
  private extraNotifications: { type: NotificationType<unknown>; handler: (p: unknown) => void }[] = [];

  /** Manual restart: forgets the crash history. */
  async restart(): Promise<void> {
    this.policy.reset();
    if (this.client) {
      this.log.info('Restarting the language server (user request)');
      try {
        await this.client.stop(2000);
      } catch (e) {
        this.log.warn(`Stopping the server failed: ${String(e)}`);
      }
      await this.client.dispose().catch(() => undefined);
      this.client = undefined;
    }
    await this.ready();
  }

  private async start(): Promise<LanguageClient> {
    this.stateEmitter.fire('starting');
    const t0 = performance.now();
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const initializationOptions: InitializationOptions = { userTimeZone: userTimeZone() };
    const phase: { running: boolean; client?: LanguageClient } = { running: false };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // The server pulls the `argoTriggers` section per resource (workspace/configuration); this makes the client
      // notify it of changes so it drops its per-resource cache.
      synchronize: { configurationSection: CLIENT_ID },
      initializationOptions,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.errorHandler(phase),
      markdown: { isTrusted: false, supportHtml: false },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    phase.client = client;
    client.onNotification(StatusNotification, (p) => {
      this.lastStatusValue = p;
      this.statusEmitter.fire(p);
    });
    for (const n of this.extraNotifications) client.onNotification(n.type, n.handler);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.stateEmitter.fire('running');
      else if (e.newState === State.Stopped) this.stateEmitter.fire('stopped');
    });
    try {
      await client.start();
      phase.running = true;
    } catch (e) {
      if (this.client === client) this.client = undefined;
      await client.dispose().catch(() => undefined);
      // A crash while starting is restarted here (not by the client library, whose restart races its own
      // failed initialization), within the same bounded budget.
      if (this.policy.onCrash()) {
        this.log.warn(`The language server failed to start (${e instanceof Error ? e.message : String(e)}); retrying (${this.policy.recentCrashes} crash(es) in the last 3 minutes)`);
        return this.start();
      }
      this.stateEmitter.fire('failed');
      this.log.error(`The language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.log.info(`Language server started in ${(performance.now() - t0).toFixed(1)} ms (user time zone ${initializationOptions.userTimeZone})`);
    return client;
  }

  private errorHandler(phase: { running: boolean; client?: LanguageClient }): ErrorHandler {
    return {
      error: (error, _message, count): ErrorHandlerResult => {
        this.log.error(`Connection to the language server: ${error.message} (count ${count ?? '?'})`);
        // Transient read/write errors: keep going for a few, then shut the connection down (closed() decides restarts).
        return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        // Still starting: start() sees the failure and decides (see there).
        if (!phase.running) return { action: CloseAction.DoNotRestart, handled: true };
        if (this.policy.onCrash()) {
          this.log.warn(`The language server stopped unexpectedly; restarting (${this.policy.recentCrashes} crash(es) in the last 3 minutes)`);
          this.stateEmitter.fire('starting');
          // We restart with a fresh LanguageClient rather than the library's in-place restart: in
          // vscode-languageclient 9.0.1 the restarted client no longer pulls diagnostics for documents opened
          // afterwards (seen in the e2e suite), and a fresh client re-sends didOpen for every open document.
          const crashed = phase.client;
          setTimeout(() => void this.replace(crashed), 300);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const message = 'The Argo Triggers language server crashed repeatedly and will not be restarted. Run "Argo Triggers: Restart Language Server" after checking the output.';
        this.log.error(message);
        this.stateEmitter.fire('failed');
        void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
          if (choice) this.log.show(true);
        });
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  /** Drops a crashed client and starts a new one (unless something else replaced it meanwhile). */
  private async replace(crashed: LanguageClient | undefined): Promise<void> {
    if (!crashed || this.client !== crashed) return;
    this.client = undefined;
    await crashed.dispose(2000).catch(() => undefined);
    await this.ready().catch(() => undefined); // failures are logged by start()
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.statusEmitter.dispose();
    this.stateEmitter.dispose();
  }

  /** Stops the server (deactivate). */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop(2000).catch(() => undefined);
  }
}

/** The extension host's IANA zone (what the user's clock shows). */
export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
