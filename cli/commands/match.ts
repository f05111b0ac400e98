// `argo-triggers match --event FILE [--header "Name: value"]... [--discriminator d] [--namespace ns] [--argo-version v]
//                      [--format pretty|json] [--payload] FILES|DIRS...`
// Which WorkflowEventBindings match the event, clause by clause, and the Workflow each would create.
import { stringify } from 'yaml';
import type { CliIo } from '../main';
import { matchEvent, TemplateIndex, parseArgoVersion, DEFAULT_ARGO_VERSION, type BindingMatch, type ArgoVersion } from '../../core/argo';
import type { ArgoEvent } from '../../core/expr';
import { collectFiles, parseArgs, readText } from './lint';

const USAGE = `usage: argo-triggers match --event FILE [--header "Name: value"]... [--discriminator D] [--namespace NS]
                          [--argo-version v4.1] [--format pretty|json] [--payload] FILES|DIRS...

FILE is either an event file {"payload": …, "headers": {"X-Github-Event": "push"}, "discriminator": "…", "namespace": "…"}
(headers may also be a list of [name, value] pairs) or, with --payload (or when it has no "payload" key), the request body.
--header, --discriminator and --namespace add to / override the file. Exit status: 0 some binding matched, 1 none matched,
2 usage or input error.
`;

export function eventFromJson(raw: unknown, forcePayload: boolean): ArgoEvent {
  const isEventFile = !forcePayload && raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'payload' in (raw as object)
    && Object.keys(raw as object).every((k) => ['payload', 'headers', 'discriminator', 'namespace'].includes(k));
  if (!isEventFile) return { payload: raw, headers: [], discriminator: '', namespace: '' };
  const o = raw as Record<string, unknown>;
  const headers: [string, string][] = [];
  const h = o.headers;
  if (Array.isArray(h)) {
    for (const p of h) if (Array.isArray(p) && p.length === 2) headers.push([String(p[0]), String(p[1])]);
  } else if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const x of v) headers.push([k, String(x)]);
      else headers.push([k, String(v)]);
    }
  }
  return {
    payload: o.payload,
    headers,
    discriminator: typeof o.discriminator === 'string' ? o.discriminator : '',
    namespace: typeof o.namespace === 'string' ? o.namespace : '',
  };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['event', 'header', 'discriminator', 'namespace', 'argo-version', 'format', 'name-suffix'], ['payload', 'help']);
  if (args.flags.has('help')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.error) {
    io.stderr(`argo-triggers match: ${args.error}\n${USAGE}`);
    return 2;
  }
  const eventFile = args.flags.get('event')?.at(-1);
  if (!eventFile || !args.positional.length) {
    io.stderr(USAGE);
    return 2;
  }
  const vText = args.flags.get('argo-version')?.at(-1);
  const version: ArgoVersion | undefined = vText === undefined ? DEFAULT_ARGO_VERSION : parseArgoVersion(vText);
  if (!version) {
    io.stderr(`argo-triggers match: unknown Argo version "${vText}"\n`);
    return 2;
  }
  const format = args.flags.get('format')?.at(-1) ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') {
    io.stderr(`argo-triggers match: unknown format "${format}"\n`);
    return 2;
  }
  const er = readText(eventFile);
  if (er.error) {
    io.stderr(`argo-triggers match: ${er.error}\n`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = er.text!.trim() === '' ? null : JSON.parse(er.text!);
  } catch (e) {
    io.stderr(`argo-triggers match: ${eventFile} is not JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const ev = eventFromJson(raw, args.flags.has('payload'));
  for (const h of args.flags.get('header') ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) {
      io.stderr(`argo-triggers match: --header needs "Name: value", got "${h}"\n`);
      return 2;
    }
    ev.headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
  }
  const d = args.flags.get('discriminator')?.at(-1);
  if (d !== undefined) ev.discriminator = d;
  const ns = args.flags.get('namespace')?.at(-1);
  if (ns !== undefined) ev.namespace = ns;

  const { files, errors } = collectFiles(args.positional);
  for (const e of errors) io.stderr(`argo-triggers match: ${e}\n`);
  const texts = new Map<string, string>();
  const index = new TemplateIndex();
  for (const f of files) {
    const r = readText(f);
    if (r.error) {
      io.stderr(`argo-triggers match: ${r.error}\n`);
      continue;
    }
    texts.set(f, r.text!);
    index.update(f, r.text!);
  }
  const suffix = args.flags.get('name-suffix')?.at(-1);
  const results: (BindingMatch & { file: string })[] = [];
  for (const [file, text] of texts) {
    for (const m of matchEvent(text, ev, { argoVersion: version, index, ...(suffix !== undefined ? { nameSuffix: suffix } : {}) })) results.push({ ...m, file });
  }
  if (format === 'json') {
    io.stdout(JSON.stringify(results, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
  } else {
    if (!results.length) io.stdout('no WorkflowEventBinding found in the given files\n');
    for (const r of results) io.stdout(formatMatch(r));
    const n = results.filter((r) => r.matched).length;
    io.stdout(`${n} of ${results.length} binding${results.length === 1 ? '' : 's'} matched\n`);
  }
  return results.some((r) => r.matched) ? 0 : 1;
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'nil';
  } catch {
    return String(v);
  }
}

export function formatMatch(r: BindingMatch & { file: string }): string {
  const lines: string[] = [];
  const head = r.selectorError ? '! error' : r.matched ? '✔ matched' : '✖ no match';
  lines.push(`${head}  ${r.binding.name ?? '(unnamed)'}${r.binding.namespace ? ` (${r.binding.namespace})` : ''}  ${r.file}`);
  for (const c of r.clauses) {
    const o = 'error' in c.outcome ? `error: ${c.outcome.error.message}` : show(c.outcome.value);
    lines.push(`    ${c.op ? `${c.op} ` : ''}${c.text.replace(/\s+/g, ' ').trim()}  →  ${o}`);
  }
  if (r.selectorError) lines.push(`    selector: ${r.selectorError.message}`);
  for (const p of r.parameters) lines.push(`    parameter ${p.name} = ${p.error ? `error: ${p.error.message}` : p.value}`);
  if (r.dispatchError) lines.push(`    argo-server: failed to dispatch event: ${r.dispatchError}`);
  for (const n of r.notes ?? []) lines.push(`    note: ${n}`);
  if (r.workflow) {
    lines.push('    would create:');
    for (const l of stringify(r.workflow).trimEnd().split('\n')) lines.push(`      ${l}`);
  }
  return lines.join('\n') + '\n\n';
}
