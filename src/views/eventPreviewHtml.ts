// Event match preview webview HTML: summary, a binding → template graph (SVG), and per binding the clauses, the
// parameters and the Workflow that would be created. Pure: no vscode import.
import { esc, page, type PageOptions } from './html';
import { selectorMetadata, type BindingView, type EventPreviewView, type Verdict } from './eventPreviewModel';

/** Also exported (without importing this module) by eventPreview.ts. */
export const EVENT_PREVIEW_TITLE = 'Event match preview';

const CSS = `
.verdict { display: inline-block; padding: 0 7px; border-radius: 8px; font-size: 0.85em; margin-left: 8px; font-weight: 600; }
.v-matched { background: var(--vscode-testing-iconPassed, #388a34); color: var(--vscode-editor-background, #fff); }
.v-not-matched { background: var(--vscode-badge-background, #888); color: var(--vscode-badge-foreground, #fff); }
.v-error { background: var(--vscode-errorForeground, #c00); color: var(--vscode-editor-background, #fff); }
.v-not-evaluated { background: var(--vscode-disabledForeground, #999); color: var(--vscode-editor-background, #fff); }
.r-true { color: var(--vscode-testing-iconPassed, #388a34); font-weight: 600; }
.r-false { color: var(--vscode-descriptionForeground, #777); font-weight: 600; }
.r-error { color: var(--vscode-errorForeground, #c00); }
.r-value { color: var(--vscode-editorWarning-foreground, #b80); }
.scroll { overflow-x: auto; }
svg.graph { width: 100%; min-width: 820px; height: auto; display: block; margin: 6px 0; }
svg.graph text { fill: var(--vscode-foreground, #333); font-family: var(--vscode-font-family, sans-serif); font-size: 12px; }
svg.graph text.sub { fill: var(--vscode-descriptionForeground, #777); font-size: 10.5px; }
.node { fill: var(--vscode-editorWidget-background, #f3f3f3); stroke: var(--vscode-editorWidget-border, #aaa); stroke-width: 1; }
.node.n-matched { stroke: var(--vscode-testing-iconPassed, #388a34); stroke-width: 2; }
.node.n-error { stroke: var(--vscode-errorForeground, #c00); stroke-width: 2; }
.node.n-event { stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 2; }
.node.missing { stroke-dasharray: 4 3; }
.clickable { cursor: pointer; }
.edge { fill: none; stroke: var(--vscode-descriptionForeground, #999); stroke-width: 1.2; stroke-dasharray: 4 3; }
.edge.e-matched { stroke: var(--vscode-testing-iconPassed, #388a34); stroke-width: 2; stroke-dasharray: none; }
.edge.e-error { stroke: var(--vscode-errorForeground, #c00); }
.edge.e-ref { stroke-dasharray: none; }
section.binding { margin-bottom: 18px; }
`;

const VERDICT_CLASS: Record<Verdict, string> = {
  matched: 'v-matched',
  'not matched': 'v-not-matched',
  error: 'v-error',
  'not evaluated': 'v-not-evaluated',
};

export function renderEventPreviewHtml(view: EventPreviewView, o: PageOptions & { footer?: string }): string {
  const c = view.counts;
  const ev = view.event;
  const head = `<h1>${esc(EVENT_PREVIEW_TITLE)}</h1>
<p class="meta">Sample event: <strong>${esc(view.sourceLabel)}</strong>${ev ? ` · namespace <code>${esc(ev.namespace || '(empty)')}</code> · discriminator <code>${esc(ev.discriminator || '(empty)')}</code>` : ''}</p>
<div class="toolbar"><button data-cmd="refresh">Refresh</button><button class="secondary" data-cmd="pick">Choose another event…</button></div>
${view.errors.length ? `<ul>${view.errors.map((e) => `<li class="error-text">${esc(e)}</li>`).join('')}</ul>` : ''}`;
  if (!ev) return page(o, `${head}<p class="error-text">The event could not be read.</p>`, CSS);
  const summary = `<p><strong>${c.matched} of ${c.total}</strong> WorkflowEventBinding(s) matched${c.error ? `, <span class="error-text">${c.error} would fail to dispatch</span>` : ''}.
${c.total === 0 ? 'No WorkflowEventBinding found in the workspace.' : ''}</p>`;
  const md = selectorMetadata(ev);
  const eventDetails = `<details><summary>The event (what selectors see)</summary>
<p class="meta">Selectors see <code>payload</code> (the body, JSON round-tripped), <code>metadata</code> (only <code>x-</code> headers,
lower-cased, each a list of values; argo-server also adds <code>x-forwarded-host</code> and <code>x-forwarded-for</code>),
<code>discriminator</code> and <code>namespace</code>.</p>
<h3>metadata</h3><pre>${esc(JSON.stringify(md, null, 2))}</pre>
<h3>payload</h3><pre>${esc(truncate(JSON.stringify(ev.payload, null, 2) ?? 'null', 20_000))}</pre>
</details>`;
  const body = `${head}
${summary}
${eventDetails}
${view.bindings.length ? `<h2>Bindings → templates</h2>${graph(view)}` : ''}
${view.bindings.map(binding).join('\n')}
${o.footer ? `<p class="meta">${esc(o.footer)}</p>` : ''}`;
  return page(o, body, CSS);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}\n… (${s.length - n} more characters)` : s;
}

// ----- graph --------------------------------------------------------------------------------------------------------

const GW = 1100;
const NODE_H = 38;
const ROW = 50;
const COL = { event: 10, binding: 330, template: 760 };
const NODE_W = { event: 220, binding: 330, template: 330 };

function graph(view: EventPreviewView): string {
  const rows = Math.max(view.bindings.length, view.templates.length, 1);
  const H = rows * ROW + 20;
  const out: string[] = [];
  out.push(`<div class="scroll"><svg class="graph" viewBox="0 0 ${GW} ${H}" role="img" aria-label="Event to binding to template graph" xmlns="http://www.w3.org/2000/svg">`);
  const evY = H / 2 - NODE_H / 2;
  const bY = (i: number): number => 10 + i * ROW + (rows - view.bindings.length) * ROW / 2;
  const tIndex = new Map(view.templates.map((t, i) => [t.key, i]));
  const tY = (i: number): number => 10 + i * ROW + (rows - view.templates.length) * ROW / 2;
  // edges first (under the nodes)
  view.bindings.forEach((b, i) => {
    const cls = b.verdict === 'matched' ? 'e-matched' : b.verdict === 'error' ? 'e-error' : '';
    out.push(curve(COL.event + NODE_W.event, evY + NODE_H / 2, COL.binding, bY(i) + NODE_H / 2, `edge ${cls}`, `${b.name}: ${b.verdict}`));
    if (b.template) {
      const ti = tIndex.get(b.template.key);
      if (ti !== undefined) {
        out.push(curve(COL.binding + NODE_W.binding, bY(i) + NODE_H / 2, COL.template, tY(ti) + NODE_H / 2, `edge e-ref ${b.verdict === 'matched' ? 'e-matched' : ''}`, `${b.name} submits ${b.template.kind} ${b.template.name}`));
      }
    }
  });
  // event node
  out.push(`<rect class="node n-event" x="${COL.event}" y="${evY}" width="${NODE_W.event}" height="${NODE_H}" rx="6"/>`);
  out.push(`<text x="${COL.event + 10}" y="${evY + 16}">event</text><text class="sub" x="${COL.event + 10}" y="${evY + 31}">${esc(clip(view.sourceLabel, 34))}</text>`);
  // binding nodes
  view.bindings.forEach((b, i) => {
    const y = bY(i);
    const cls = b.verdict === 'matched' ? 'n-matched' : b.verdict === 'error' ? 'n-error' : '';
    out.push(`<g class="clickable" data-cmd="open" data-arg-uri="${esc(b.uri)}" data-arg-line="${b.line}" role="link">`);
    out.push(`<title>${esc(`${b.namespace ? b.namespace + '/' : ''}${b.name} — ${b.verdict}${b.selector ? `\nselector: ${b.selector}` : ''}${b.selectorError ? `\n${b.selectorError}` : ''}`)}</title>`);
    out.push(`<rect class="node ${cls}" x="${COL.binding}" y="${y}" width="${NODE_W.binding}" height="${NODE_H}" rx="6"/>`);
    out.push(`<text x="${COL.binding + 10}" y="${y + 16}">${esc(clip(b.name, 36))} · ${esc(b.verdict)}</text>`);
    out.push(`<text class="sub" x="${COL.binding + 10}" y="${y + 31}">${esc(clip(b.selector ?? b.clauses.map((c) => c.text).join(' … ') ?? '', 52))}</text>`);
    out.push('</g>');
  });
  // template nodes
  view.templates.forEach((t, i) => {
    const y = tY(i);
    const open = t.uri ? ` class="clickable" data-cmd="open" data-arg-uri="${esc(t.uri)}" data-arg-line="${t.line ?? 0}" role="link"` : '';
    out.push(`<g${open}><title>${esc(`${t.kind} ${t.namespace ? t.namespace + '/' : ''}${t.name}${t.uri ? '' : ' — not found in the workspace (argo-server fetches it from the cluster)'}`)}</title>`);
    out.push(`<rect class="node${t.uri ? '' : ' missing'}" x="${COL.template}" y="${y}" width="${NODE_W.template}" height="${NODE_H}" rx="6"/>`);
    out.push(`<text x="${COL.template + 10}" y="${y + 16}">${esc(clip(t.name, 40))}</text>`);
    out.push(`<text class="sub" x="${COL.template + 10}" y="${y + 31}">${esc(t.kind)}${t.uri ? '' : ' · not in workspace'}</text></g>`);
  });
  out.push('</svg></div>');
  return out.join('\n');
}

function curve(x1: number, y1: number, x2: number, y2: number, cls: string, title: string): string {
  const mx = (x1 + x2) / 2;
  return `<path class="${cls.trim()}" d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}"><title>${esc(title)}</title></path>`;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

// ----- per binding --------------------------------------------------------------------------------------------------

function binding(b: BindingView): string {
  const title = `${b.namespace ? b.namespace + '/' : ''}${b.name}`;
  const clauses = b.clauses.length
    ? `<table><thead><tr><th>#</th><th></th><th>clause</th><th>result</th></tr></thead><tbody>${b.clauses
        .map((c, i) => `<tr><td>${i + 1}</td><td class="muted">${esc(c.op ?? '')}</td><td>${c.line !== undefined ? `<button class="link" data-cmd="open" data-arg-uri="${esc(b.uri)}" data-arg-line="${c.line}" title="open in the editor"><code>${esc(c.text)}</code></button>` : `<code>${esc(c.text)}</code>`}</td><td class="r-${c.result}">${c.result === 'error' ? `error: ${esc(c.detail)}` : c.result === 'value' ? `${esc(c.detail)} (not a bool)` : esc(c.detail)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const params = b.parameters.length
    ? `<h3>Parameters</h3><table><thead><tr><th>name</th><th>value</th></tr></thead><tbody>${b.parameters
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${p.error ? `<span class="error-text">${esc(p.error)}</span>` : `<code>${esc(p.value ?? '')}</code>`}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const notes = [...b.notes.map((n) => `<li class="muted">${esc(n)}</li>`), b.dispatchError ? `<li class="error-text">argo-server would fail this binding (HTTP 500 in sync mode): ${esc(b.dispatchError)}</li>` : '']
    .filter(Boolean)
    .join('');
  return `<section class="binding" id="${esc(b.key)}">
<h2><button class="link" data-cmd="open" data-arg-uri="${esc(b.uri)}" data-arg-line="${b.line}">${esc(title)}</button><span class="verdict ${VERDICT_CLASS[b.verdict]}">${esc(b.verdict)}</span></h2>
${b.selector !== undefined ? `<p class="meta">selector: <code>${esc(b.selector)}</code></p>` : ''}
${b.selectorError ? `<p class="error-text">Selector error: ${esc(b.selectorError)}</p>` : ''}
${clauses}
${notes ? `<ul>${notes}</ul>` : ''}
${params}
${b.template ? `<p class="meta">Submits ${esc(b.template.kind)} <code>${esc(b.template.name)}</code></p>` : ''}
${b.workflowYaml ? `<h3>Workflow that would be created</h3><pre>${esc(b.workflowYaml)}</pre>` : ''}
</section>`;
}
