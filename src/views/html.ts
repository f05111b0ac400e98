// Shared helpers for the webview HTML (pure: no vscode import).

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A random nonce for the CSP (base64url of 16 random bytes, or a Math.random fallback). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Buffer.from(bytes).toString('base64').replace(/[+/=]/g, (m) => ({ '+': '-', '/': '_', '=': '' })[m] ?? '');
}

export interface PageOptions {
  nonce: string;
  /** webview.cspSource (allowed for images); nothing else is loaded. */
  cspSource: string;
  title: string;
}

/** Strict CSP: nothing external, styles and scripts only with the nonce, images only from the webview itself. */
export function csp(o: PageOptions): string {
  return [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
    "font-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Base styles following the editor theme (only --vscode-* variables, with fallbacks for tests and screenshots). */
export const BASE_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, #333); background: var(--vscode-editor-background, #fff); margin: 0; padding: 12px 20px 40px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.15em; font-weight: 600; margin: 1.4em 0 0.4em; border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: 2px; }
h3 { font-size: 1.05em; font-weight: 600; margin: 1em 0 0.3em; }
.muted, .meta { color: var(--vscode-descriptionForeground, #777); }
code, pre, .mono { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: var(--vscode-editor-font-size, 12px); }
code { background: var(--vscode-textCodeBlock-background, #8881); padding: 0 3px; border-radius: 3px; }
pre { background: var(--vscode-textCodeBlock-background, #8881); padding: 8px 10px; overflow: auto; max-height: 420px; border-radius: 4px; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; border-bottom: 1px solid var(--vscode-panel-border, #8883); }
th { font-weight: 600; color: var(--vscode-descriptionForeground, #666); }
button, .link { font: inherit; cursor: pointer; }
button { color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #07c); border: 1px solid var(--vscode-button-border, transparent);
  padding: 3px 10px; border-radius: 2px; margin-right: 6px; }
button:hover { background: var(--vscode-button-hoverBackground, #06a); }
button.secondary { color: var(--vscode-button-secondaryForeground, #000); background: var(--vscode-button-secondaryBackground, #ddd); }
.link { color: var(--vscode-textLink-foreground, #06c); background: none; border: none; padding: 0; text-decoration: underline; }
.link:hover { color: var(--vscode-textLink-activeForeground, #049); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.85em; margin-left: 6px;
  background: var(--vscode-badge-background, #888); color: var(--vscode-badge-foreground, #fff); }
.error-text { color: var(--vscode-errorForeground, #c00); }
.warn-text { color: var(--vscode-editorWarning-foreground, #b80); }
.toolbar { margin: 6px 0 10px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 6px 0 10px; align-items: center; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.legend svg { overflow: visible; }
.focused { outline: 1px solid var(--vscode-focusBorder, #07c); outline-offset: 4px; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #07c); outline-offset: 1px; }
`;

/** The inline script: buttons and links carry data-* attributes and post messages to the extension. */
export const BASE_SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const el = e.target instanceof Element ? e.target.closest('[data-cmd]') : null;
  if (!el) return;
  e.preventDefault();
  const msg = { type: el.getAttribute('data-cmd') };
  for (const a of el.getAttributeNames()) if (a.startsWith('data-arg-')) msg[a.slice(9)] = el.getAttribute(a);
  vscode.postMessage(msg);
});
document.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof Element && e.target.matches('[data-cmd][role="link"]')) {
    e.preventDefault();
    e.target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
});
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m && m.type === 'focus' && typeof m.id === 'string') {
    const el = document.getElementById(m.id);
    if (el) { el.scrollIntoView({ block: 'start' }); el.classList.add('focused'); }
  }
});
`;

export function page(o: PageOptions, body: string, extraCss = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp(o).replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(o.title)}</title>
<style nonce="${esc(o.nonce)}">${BASE_CSS}${extraCss}</style>
</head>
<body>
${body}
<script nonce="${esc(o.nonce)}">${BASE_SCRIPT}</script>
</body>
</html>`;
}

/** A page that only says something (loading, server not available, …). */
export function messagePage(o: PageOptions, heading: string, message: string, isError = false): string {
  return page(
    o,
    `<h1>${esc(heading)}</h1><p class="${isError ? 'error-text' : 'muted'}">${esc(message)}</p>
<div class="toolbar"><button data-cmd="refresh">Refresh</button></div>`,
  );
}

/** Compact "1 h 30 min" for a duration in seconds. */
export function formatDuration(sec: number): string {
  if (!(sec > 0)) return '0 s';
  const d = Math.floor(sec / 86400);
  const h = Math.floor((sec % 86400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = Math.floor(sec % 60);
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return parts.join(' ');
}
