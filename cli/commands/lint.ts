// `argo-triggers lint [--argo-version v] [--format pretty|simple|json] [--controller-zone Z] [--min-severity s] FILES|DIRS...`
// Same findings as the editor; pretty/simple follow `argo lint`'s layout; exit 1 when there is an error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../main';
import { lintText, positionAt, computeLineStarts, TemplateIndex, parseFile, parseArgoVersion, DEFAULT_ARGO_VERSION, MAX_FILE_CHARS,
  type Finding, type Severity, type ArgoVersion } from '../../core/argo';

const USAGE = `usage: argo-triggers lint [--argo-version v3.5|v3.6|v3.7|v4.0|v4.1] [--format pretty|simple|json]
                         [--controller-zone ZONE] [--min-severity error|warning|information|hint] FILES|DIRS...

Checks CronWorkflows, WorkflowEventBindings, (Cluster)WorkflowTemplates and Workflows like \`argo lint --offline
--strict\` (same messages) plus rules Argo does not have (DST, never-firing schedules, selector compilation, header case).
Directories are walked for *.yaml, *.yml and *.json. Exit status: 0 no errors, 1 errors (or nothing to lint), 2 usage.
`;

const SEV_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
const SEV_MARK: Record<Severity, string> = { error: '✖', warning: '⚠', information: 'ℹ', hint: '·' };

export interface CliArgs { flags: Map<string, string[]>; positional: string[]; error?: string }

export function parseArgs(argv: string[], valued: string[], booleans: string[] = []): CliArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (booleans.includes(name)) {
        flags.set(name, ['true']);
        continue;
      }
      if (!valued.includes(name)) return { flags, positional, error: `unknown option --${name}` };
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) return { flags, positional, error: `--${name} needs a value` };
      flags.set(name, [...(flags.get(name) ?? []), value]);
      continue;
    }
    positional.push(a);
  }
  return { flags, positional };
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Files given on the command line; directories are walked (sorted) for manifests. */
export function collectFiles(paths: string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  const walk = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      errors.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      return;
    }
    if (st.isDirectory()) {
      const base = p.split(/[\\/]/).pop() ?? '';
      if (!top && (base === 'node_modules' || base.startsWith('.'))) return;
      for (const n of readdirSync(p).sort()) walk(join(p, n), false);
    } else if (top || MANIFEST.test(p)) files.push(p);
  };
  for (const p of paths) walk(p, true);
  return { files, errors };
}

export function readText(file: string): { text?: string; error?: string } {
  try {
    const st = statSync(file);
    if (st.size > MAX_FILE_CHARS * 4) return { error: `${file}: file is ${st.size} bytes, more than this tool reads` };
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}` };
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['argo-version', 'format', 'controller-zone', 'min-severity', 'now'], ['help']);
  if (args.flags.has('help')) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.error) {
    io.stderr(`argo-triggers lint: ${args.error}\n${USAGE}`);
    return 2;
  }
  const vText = args.flags.get('argo-version')?.at(-1);
  const version: ArgoVersion | undefined = vText === undefined ? DEFAULT_ARGO_VERSION : parseArgoVersion(vText);
  if (!version) {
    io.stderr(`argo-triggers lint: unknown Argo version "${vText}" (v3.5, v3.6, v3.7, v4.0, v4.1)\n`);
    return 2;
  }
  const format = args.flags.get('format')?.at(-1) ?? 'pretty';
  if (!['pretty', 'simple', 'json'].includes(format)) {
    io.stderr(`argo-triggers lint: unknown formatter: ${format}\n`);
    return 2;
  }
  const minSev = (args.flags.get('min-severity')?.at(-1) ?? (format === 'json' ? 'hint' : 'warning')) as Severity;
  if (!(minSev in SEV_RANK)) {
    io.stderr(`argo-triggers lint: unknown severity "${minSev}"\n`);
    return 2;
  }
  const nowText = args.flags.get('now')?.at(-1);
  const now = nowText ? Date.parse(nowText) : Date.now();
  if (Number.isNaN(now)) {
    io.stderr(`argo-triggers lint: --now needs an RFC 3339 time\n`);
    return 2;
  }
  if (!args.positional.length) {
    io.stderr(USAGE);
    return 2;
  }
  const { files, errors } = collectFiles(args.positional);
  for (const e of errors) io.stderr(`argo-triggers lint: ${e}\n`);
  if (errors.length && !files.length) return 2;

  // like argo lint --offline: every given file is indexed first so templateRefs resolve across them
  const texts = new Map<string, string>();
  const index = new TemplateIndex();
  for (const f of files) {
    const r = readText(f);
    if (r.error) {
      io.stderr(`argo-triggers lint: ${r.error}\n`);
      continue;
    }
    texts.set(f, r.text!);
    index.update(f, r.text!);
  }
  const controllerZone = args.flags.get('controller-zone')?.at(-1) ?? 'UTC';
  const results: { file: string; text: string; findings: Finding[]; objects: ObjectLabel[] }[] = [];
  let linted = false;
  for (const [file, text] of texts) {
    const findings = lintText(text, { argoVersion: version, controllerZone, now, index, uri: file, offline: true });
    const parsed = parseFile(text);
    const objects = parsed.docs.map((d, i) => ({
      start: d.range.start, end: d.range.end,
      label: `"${d.name || d.generateName || `object #${i + 1}`}" (${d.kind ?? 'unknown'})`, argo: d.isArgo,
    }));
    if (parsed.docs.some((d) => d.isArgo) || findings.some((f) => f.severity === 'error')) linted = true;
    results.push({ file, text, findings, objects });
  }
  const nErrors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);

  if (format === 'json') {
    const rows = results.flatMap((r) => {
      const ls = computeLineStarts(r.text);
      return r.findings.filter((f) => SEV_RANK[f.severity] <= SEV_RANK[minSev]).map((f) => {
        const s = positionAt(ls, f.range.start);
        const e = positionAt(ls, f.range.end);
        return { file: r.file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
      });
    });
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
  } else {
    let nWarnings = 0;
    for (const r of results) {
      const ls = computeLineStarts(r.text);
      const shown = r.findings.filter((f) => SEV_RANK[f.severity] <= SEV_RANK[minSev]);
      nWarnings += r.findings.filter((f) => f.severity === 'warning').length;
      if (!shown.length) continue;
      if (format === 'pretty') io.stdout(`${r.file}:\n`);
      for (const f of shown) {
        const p = positionAt(ls, f.range.start);
        const where = objectLabel(r.objects, f.range.start);
        const body = `${where ? `in ${where}: ` : ''}${f.message}`;
        const loc = `${p.line + 1}:${p.character + 1}`;
        if (format === 'pretty') io.stdout(`   ${SEV_MARK[f.severity]} ${body} (${loc} ${f.code})\n`);
        else io.stdout(`${r.file}: ${f.severity === 'error' ? '' : `${f.severity}: `}${body} (${loc} ${f.code})\n`);
      }
      if (format === 'pretty') io.stdout('\n');
    }
    if (format === 'pretty') {
      if (!linted) io.stdout('✖ found nothing to lint in the specified paths, failing...\n');
      else if (nErrors) io.stdout(`✖ ${nErrors} linting errors found!\n`);
      else io.stdout('✔ no linting errors found!\n');
      if (nWarnings && SEV_RANK.warning <= SEV_RANK[minSev]) io.stdout(`⚠ ${nWarnings} warning${nWarnings === 1 ? '' : 's'}\n`);
    } else if (!linted) io.stdout('found nothing to lint in the specified paths, failing...\n');
    else if (!nErrors) io.stdout('no linting errors found!\n');
  }
  return nErrors || !linted ? 1 : 0;
}

interface ObjectLabel { start: number; end: number; label: string; argo: boolean }

function objectLabel(objects: ObjectLabel[], offset: number): string | undefined {
  const o = objects.find((x) => offset >= x.start && offset < x.end) ?? objects.find((x) => offset === x.end);
  return o?.label;
}
