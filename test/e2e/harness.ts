// End-to-end harness: a real VS Code (code-server 4.100.3, VS Code 1.100.3) in Debian's Chromium driven by
// playwright-core, with the built extension installed unpacked. Everything runs on 127.0.0.1 with fresh user-data,
// extensions and workspace folders per run, and is torn down by process id.
// Install the tools with scripts/setup-e2e.sh (npm run setup does it); see shared/notes/code-server-e2e.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';

export const REPO = resolve(__dirname, '../..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = process.env.ARGO_TRIGGERS_CODE_SERVER_DIR ?? join(homedir(), '.cache/argo-triggers', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(REPO, '.test-artifacts', 'e2e');
export const DOC_IMAGES = join(REPO, 'docs', 'images');
const MANIFEST = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;

/** Why the suite cannot run here, or undefined when everything is installed. */
export function missingTools(): string | undefined {
  const missing: string[] = [];
  if (!existsSync(join(CODE_SERVER_DIR, '.complete')) || !existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server ${CODE_SERVER_VERSION} (expected in ${CODE_SERVER_DIR})`);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  try {
    require.resolve('playwright-core');
  } catch {
    missing.push('playwright-core (npm ci)');
  }
  return missing.length ? `${missing.join(', ')} not installed; run scripts/setup-e2e.sh (npm run setup)` : undefined;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a flaky UI step. */
export async function retry<T>(what: string, fn: (attempt: number) => Promise<T>, attempts = 3, pauseMs = 1500): Promise<T> {
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await fn(i);
    } catch (e) {
      last = e;
      if (i < attempts) {
        console.log(`  [e2e] ${what}: attempt ${i} failed (${firstLine(e)}); retrying`);
        await sleep(pauseMs);
      }
    }
  }
  throw new Error(`${what}: failed after ${attempts} attempts: ${firstLine(last)}`, { cause: last });
}
const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split('\n')[0];

/** Polls until fn returns a truthy value (or throws the last error at the deadline). */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${firstLine(last)}` : ''}`);
    await sleep(everyMs);
  }
}

/** Builds the extension as it ships (production bundles) into an unpacked extension folder. */
export function installUnpackedExtension(extensionsDir: string): string {
  const dir = join(extensionsDir, `${EXTENSION_ID}-${MANIFEST.version}`);
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [join(REPO, 'scripts/build.mjs'), '--production', `--outdir=${join(dir, 'dist')}`], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`production build failed:\n${r.stdout}\n${r.stderr}`);
  rmSync(join(dir, 'dist', 'cli.js'), { force: true });
  for (const f of ['package.json', 'README.md', 'LICENSE', 'syntaxes', 'media', 'resources']) {
    if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(dir, f), { recursive: true });
  }
  return dir;
}

export interface Session {
  root: string;
  workspace: string;
  userData: string;
  extensionsDir: string;
  url: string;
  port: number;
  server: ChildProcess;
  serverLog: string[];
  browser: Browser;
  context: BrowserContext;
  page: Page;
  startedMs: number;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Folder copied as the workspace (default demo/). */
  workspaceSource?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** TZ of the code-server process (the extension host's zone, i.e. "the user's zone"). */
  tz?: string;
  viewport?: { width: number; height: number };
}

/** Starts code-server on a free loopback port with the built extension and a copy of the demo workspace, then
 *  Chromium on the workbench. Call close() (by pid) when done. */
export async function start(opts: StartOptions = {}): Promise<Session> {
  const t0 = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'argo-triggers-e2e-'));
  const workspace = join(root, 'workspace');
  const userData = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  try {
    cpSync(opts.workspaceSource ?? join(REPO, 'demo'), workspace, { recursive: true });
    installUnpackedExtension(extensionsDir);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.experimentalOnboarding': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'editor.hover.delay': 200,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'window.restoreWindows': 'none',
    'files.autoSave': 'off',
    'git.enabled': false,
    ...opts.settings,
  }, null, 2));
  const config = join(root, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.VSCODE_PID;
  env.TZ = opts.tz ?? env.TZ ?? 'UTC';
  // code-server asks an extension gallery at start; point it at a closed loopback port so nothing leaves the host.
  env.EXTENSIONS_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });
  const server = spawn(process.execPath, [
    CODE_SERVER_ENTRY,
    '--config', config,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    workspace,
  ], { env, cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog: string[] = [];
  const session: Partial<Session> = { root, workspace, userData, extensionsDir, server, serverLog };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await session.browser?.close().catch(() => undefined);
    await stopProcessGroup(server);
    if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
    else console.log(`  [e2e] kept ${root}`);
  };
  session.close = close;
  try {
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`code-server did not start within 60 s:\n${serverLog.join('')}`)), 60_000);
      const onData = (b: Buffer) => {
        const s = b.toString();
        serverLog.push(s);
        const m = /HTTPS? server listening on (https?:\/\/[^\s/]+)/i.exec(serverLog.join(''));
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.once('exit', (code, sig) => {
        clearTimeout(timer);
        rej(new Error(`code-server exited (${code ?? sig}):\n${serverLog.join('')}`));
      });
    });
    session.url = url;
    session.port = Number(new URL(url).port);
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`code-server is not on loopback: ${url}`);

    const { chromium } = await import('playwright-core');
    session.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-features=Translate,MediaRouter', '--disable-dev-shm-usage'],
    });
    session.context = await session.browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    session.page = await session.context.newPage();
    session.page.on('dialog', (d) => void d.accept().catch(() => undefined));
    session.page.setDefaultTimeout(30_000);
    await retry('open the workbench', async () => {
      await session.page!.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await session.page!.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await session.page!.locator('.explorer-folders-view, .explorer-viewlet, [id="workbench.view.explorer"]').first().waitFor({ timeout: 60_000 });
    });
    session.startedMs = Date.now() - t0;
    return session as Session;
  } catch (e) {
    await close();
    throw e;
  }
}

/** SIGTERM the process group we started (by its pid), SIGKILL after a grace period. */
export async function stopProcessGroup(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-p.pid!, sig);
    } catch {
      try { p.kill(sig); } catch { /* gone */ }
    }
  };
  kill('SIGTERM');
  const t = setTimeout(() => kill('SIGKILL'), 5000);
  let t2: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([exited, new Promise<void>((r) => (t2 = setTimeout(r, 10_000)))]);
  clearTimeout(t);
  clearTimeout(t2);
}

// ------------------------------------------------------------------------------------------------------------
// Workbench helpers
// ------------------------------------------------------------------------------------------------------------

const QUICK_INPUT = '.quick-input-widget';

/** Runs a command from the command palette by its title (exact, as listed). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await retry(`run command "${title}"`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    // wait until the focused (first) entry is the command, then run it with Enter (rows re-render while filtering)
    await waitFor(`"${title}" in the palette`, async () => {
      const label = await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`).first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
      return label !== null && label.startsWith(title);
    }, 10_000, 100);
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
  });
}

/** Opens a workspace file (path relative to the workspace) with Quick Open and waits for its editor tab. */
export async function openFile(page: Page, rel: string): Promise<void> {
  const base = rel.split('/').pop()!;
  await retry(`open ${rel}`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(rel);
    // the results update asynchronously: press Enter only once the focused entry is the file
    await waitFor(`${base} focused in Quick Open`, async () => {
      const label = await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`).first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
      return label !== null && label.includes(base);
    }, 15_000, 100);
    await page.keyboard.press('Enter');
    await waitFor(`the active tab to be ${base}`, async () => {
      const active = await page.locator('.tabs-container .tab.active').allInnerTexts().catch(() => [] as string[]);
      return active.some((t) => t.includes(base));
    }, 10_000);
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
  });
}

/** Moves the cursor with "Go to Line/Column" (1-based line and column). */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await retry(`go to ${line}:${column}`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
  });
}

/** 1-based line and column of the first occurrence of `needle` in a workspace file (optionally after `after`). */
export function positionOf(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after ? text.indexOf(after) : 0;
  if (from < 0) throw new Error(`"${after}" not found`);
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Text of the Problems panel (opened with Ctrl+Shift+M): every rendered row's aria-label and text. The list is
 *  virtualized, so pass `filter` (e.g. the file name) to bring the rows of interest into view. */
export async function problemsText(page: Page, filter = ''): Promise<string> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
  const box = page.locator('input[placeholder^="Filter (e.g."]').first();
  if ((await box.inputValue({ timeout: 5000 }).catch(() => filter)) !== filter) {
    await box.fill(filter);
    await sleep(300); // the filter applies after a short delay
  }
  // (browser-side code as a string: this project compiles without the DOM library)
  return page.evaluate<string>(`[...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .map((r) => (r.getAttribute('aria-label') || '') + ' ' + r.innerText).join('\\n')`);
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I, "Show or Focus Hover") and returns its text once `expect` accepts it. */
export async function hoverAtCursor(page: Page, expect: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  let last = '';
  try {
    return await retry('hover', async (attempt) => {
      await page.keyboard.press('Escape');
      if (attempt === 1) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      } else {
        await runCommand(page, 'Show or Focus Hover');
      }
      return waitFor('hover content', async () => {
        last = await page.evaluate<string>(`[...document.querySelectorAll('.monaco-hover .monaco-hover-content, .monaco-hover .hover-contents')]
          .filter((e) => e.offsetParent !== null).map((e) => e.innerText).join('\\n')`);
        return expect(last) ? last : undefined;
      }, timeoutMs);
    });
  } catch (e) {
    throw new Error(`${(e as Error).message}\nlast hover text: ${last || '(none)'}`);
  }
}

/** Text of the active editor as rendered (may be clipped to the viewport). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

/** The frame inside a webview panel whose body contains `needle` (webviews nest two iframes). */
export async function webviewFrame(page: Page, hasText: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
  return waitFor(`a webview containing ${hasText}`, async () => {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const body = await f.locator('body').innerText({ timeout: 1000 }).catch(() => '');
      if (typeof hasText === 'string' ? body.includes(hasText) : hasText.test(body)) return f;
    }
    return undefined;
  }, timeoutMs, 500);
}

/** Saves a screenshot under .test-artifacts/e2e (and docs/images with UPDATE_SCREENSHOTS=1). */
export async function screenshot(target: Page | Locator, name: string, opts: { forDocs?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await target.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === '1' && opts.forDocs !== false) {
    mkdirSync(DOC_IMAGES, { recursive: true });
    cpSync(file, join(DOC_IMAGES, `${name}.png`));
  }
  return file;
}

/** All files under dir (recursive) whose path matches re. */
export function findFiles(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (re.test(relative(dir, p))) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The extension host log and our "Argo Triggers" output channel log of the session. */
export function logs(s: Session): { exthost: string; ours: string; files: string[] } {
  const logDir = join(s.userData, 'logs');
  const exthostFiles = findFiles(logDir, /exthost\d*[\\/]remoteexthost\.log$/);
  const ourFiles = findFiles(logDir, /Argo Triggers\.log$/);
  return {
    exthost: exthostFiles.map((f) => readFileSync(f, 'utf8')).join('\n'),
    ours: ourFiles.map((f) => readFileSync(f, 'utf8')).join('\n'),
    files: [...exthostFiles, ...ourFiles],
  };
}

/** Titles of contributed commands by id (the palette shows "Category: Title"). */
export function commandTitle(id: string): string | undefined {
  const c = (MANIFEST.contributes?.commands ?? []).find((x: { command: string }) => x.command === id);
  return c ? (c.category ? `${c.category}: ${c.title}` : c.title) : undefined;
}

export function manifestCommands(): { command: string; title: string; category?: string }[] {
  return JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).contributes?.commands ?? [];
}

/** Decodes an 8-bit RGB/RGBA PNG (what Chromium writes) and counts distinct colours: a blank or failed render has
 *  one or two, a drawn view many. */
export function pngColourCount(file: string): { width: number; height: number; colours: number } {
  const { inflateSync } = require('node:zlib') as typeof import('node:zlib');
  const buf = readFileSync(file);
  let p = 8, width = 0, height = 0, colorType = 0, bitDepth = 0;
  const idat: Buffer[] = [];
  while (p < buf.length) {
    const len = buf.readUInt32BE(p), type = buf.toString('ascii', p + 4, p + 8), data = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); bitDepth = data[8]; colorType = data[9]; }
    if (type === 'IDAT') idat.push(data);
    p += 12 + len;
  }
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6)) throw new Error(`unsupported PNG (depth ${bitDepth}, colour type ${colorType})`);
  const bpp = colorType === 6 ? 4 : 3, stride = width * bpp, raw = inflateSync(Buffer.concat(idat));
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0, b = y ? out[(y - 1) * stride + x] : 0, c = x >= bpp && y ? out[(y - 1) * stride + x - bpp] : 0;
      const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
      const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  const seen = new Set<number>();
  for (let i = 0; i < out.length; i += bpp) seen.add((out[i] << 16) | (out[i + 1] << 8) | out[i + 2]);
  return { width, height, colours: seen.size };
}
