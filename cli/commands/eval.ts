// `argo-triggers eval`: evaluate a WorkflowEventBinding selector or parameter expression exactly as argo-server
// would (core/expr). User documentation: docs/expr-cli.md.
import { readFileSync, statSync } from 'node:fs';
import type { CliIo } from '../main';
import {
  evalParameter, evalSelector, explainSelector, MAX_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE,
  type ArgoEvent, type ExprError, type ExprProfile,
} from '../../core/expr';

const USAGE = `usage: argo-triggers eval "<expression>" [--event event.json] [--header "X-Name: value"]...
                          [--discriminator d] [--namespace ns] [--parameter] [--argo-version v4.1]
                          [--explain] [--json]
       argo-triggers eval --jsonl [--argo-version v4.1]   (requests on stdin, one JSON object a line)

Evaluates a WorkflowEventBinding expression the way argo-server does: as spec.event.selector (default; must
return a bool) or, with --parameter, as submit.arguments.parameters[].valueFrom.event (prints the parameter
string argo-server would put into the Workflow).

  --event FILE        the event: either a bare JSON payload (the webhook body), or an object
                      {"payload": …, "headers": [["Name","value"],…] | {"Name": "value"|["v1","v2"]},
                       "discriminator": "…", "namespace": "…"}  — "-" reads standard input.
                      An empty file is an empty body (payload nil). Without --event the payload is nil.
  --payload-only      read --event as a bare payload even if it looks like an event object
  --header "N: v"     add a request header (repeatable; only X-… headers reach metadata, lower-cased)
  --discriminator D   the URL's last segment (/api/v1/events/<namespace>/<discriminator>); default ""
  --namespace NS      the URL's namespace; default ""
  --parameter         evaluate as a parameter instead of a selector
  --argo-version V    v3.5, v3.6, v3.7, v4.0 or v4.1 (default v4.1; patch versions like v3.7.18 are accepted)
  --explain           (selector) also show each top-level and/or clause with its own outcome
  --json              print the answer as one JSON line (the --jsonl answer format)
  --jsonl             read requests {"mode":"selector"|"parameter","expression":"…","event":{"payload":…,
                      "headers":[["Name","value"],…],"discriminator":"…","namespace":"…"},"profile":"v4.1"}
                      from stdin and write {"result":…} | {"value":"…"} | {"error":"…","error_stage":"…"}
                      (stages: compile, run, cast; "request" for a malformed line)

Exit status: 0 = selector true / parameter evaluated; 1 = selector false, or an expression error
(compile, run or cast); 2 = usage error or an unreadable event (with --jsonl: 0 unless a usage error).`;

const PROFILES: ExprProfile[] = ['v3.5', 'v3.6', 'v3.7', 'v4.0', 'v4.1'];

type Answer = { result: boolean } | { value: string } | { error: string; error_stage: string };

class UsageError extends Error {}

/** "v3.7", "3.7", "v3.7.18" → 'v3.7'. */
export function profileOf(version: string): ExprProfile {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  const p = m ? (`v${m[1]}.${m[2]}` as ExprProfile) : undefined;
  if (!p || !PROFILES.includes(p)) {
    throw new UsageError(`unsupported --argo-version "${version}" (supported: ${PROFILES.join(', ')})`);
  }
  return p;
}

function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  if (i <= 0) throw new UsageError(`--header must look like "Name: value", got "${h}"`);
  const name = h.slice(0, i).trim();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new UsageError(`invalid header name "${name}"`);
  return [name, h.slice(i + 1).trim()]; // Go's net/http trims the value's surrounding white space
}

function headersOf(v: unknown, where: string): [string, string][] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    return v.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new UsageError(`${where}: headers[${i}] must be ["Name", "value"]`);
      }
      return [pair[0], pair[1]] as [string, string];
    });
  }
  if (typeof v === 'object') {
    const out: [string, string][] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      for (const x of Array.isArray(val) ? val : [val]) {
        if (typeof x !== 'string') throw new UsageError(`${where}: header "${k}" values must be strings`);
        out.push([k, x]);
      }
    }
    return out;
  }
  throw new UsageError(`${where}: headers must be a list of ["Name", "value"] pairs or an object`);
}

const EVENT_KEYS = new Set(['payload', 'headers', 'discriminator', 'namespace']);

/** An event file's content: a bare payload, or an event object (see USAGE). */
export function eventFromText(text: string, where: string, payloadOnly = false): ArgoEvent {
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES + 64 * 1024) throw new UsageError(`${where}: ${PAYLOAD_TOO_LARGE}`);
  if (text.trim() === '') return { payload: null, headers: [], discriminator: '', namespace: '' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where}: not valid JSON (${(e as Error).message})`);
  }
  const isEvent = !payloadOnly && v !== null && typeof v === 'object' && !Array.isArray(v) &&
    'payload' in (v as object) && Object.keys(v as object).every((k) => EVENT_KEYS.has(k));
  if (!isEvent) return { payload: v, headers: [], discriminator: '', namespace: '' };
  const o = v as Record<string, unknown>;
  for (const k of ['discriminator', 'namespace']) {
    if (o[k] !== undefined && typeof o[k] !== 'string') throw new UsageError(`${where}: "${k}" must be a string`);
  }
  return {
    payload: o.payload === undefined ? null : o.payload,
    headers: headersOf(o.headers, where),
    discriminator: (o.discriminator as string | undefined) ?? '',
    namespace: (o.namespace as string | undefined) ?? '',
  };
}

function errorAnswer(e: ExprError): Answer {
  return { error: e.message, error_stage: e.stage };
}

export function answer(mode: 'selector' | 'parameter', expression: string, ev: ArgoEvent, profile: ExprProfile): Answer {
  if (mode === 'selector') {
    const r = evalSelector(expression, ev, profile);
    return r.ok ? { result: r.result } : errorAnswer(r.error);
  }
  const r = evalParameter(expression, ev, profile);
  return r.ok ? { value: r.value } : errorAnswer(r.error);
}

/** One --jsonl request line → one answer (malformed requests get error_stage "request"). */
export function answerLine(line: string, defaultProfile: ExprProfile): Answer {
  let req: Record<string, unknown>;
  let parsed: { mode: 'selector' | 'parameter'; expression: string; ev: ArgoEvent; profile: ExprProfile };
  try {
    req = JSON.parse(line) as Record<string, unknown>;
    if (!req || typeof req !== 'object' || Array.isArray(req)) throw new Error('a request must be a JSON object');
    if (req.mode !== 'selector' && req.mode !== 'parameter') throw new Error('"mode" must be "selector" or "parameter"');
    if (typeof req.expression !== 'string') throw new Error('"expression" must be a string');
    const evRaw = (req.event ?? {}) as Record<string, unknown>;
    if (typeof evRaw !== 'object' || Array.isArray(evRaw)) throw new Error('"event" must be an object');
    for (const k of ['discriminator', 'namespace']) {
      if (evRaw[k] !== undefined && typeof evRaw[k] !== 'string') throw new Error(`"event.${k}" must be a string`);
    }
    const profile = req.profile === undefined ? defaultProfile : profileOf(String(req.profile));
    const ev: ArgoEvent = {
      payload: evRaw.payload === undefined ? null : evRaw.payload,
      headers: Array.isArray(evRaw.headers) || evRaw.headers === undefined ? headersOf(evRaw.headers, 'event') : (() => { throw new Error('"event.headers" must be a list of ["Name", "value"] pairs'); })(),
      discriminator: (evRaw.discriminator as string | undefined) ?? '',
      namespace: (evRaw.namespace as string | undefined) ?? '',
    };
    parsed = { mode: req.mode, expression: req.expression, ev, profile };
  } catch (e) {
    return { error: `invalid request: ${(e as Error).message}`, error_stage: 'request' };
  }
  try {
    return answer(parsed.mode, parsed.expression, parsed.ev, parsed.profile);
  } catch (e) {
    // An engine bug must not end the batch: report it on this line and go on.
    return { error: `internal error: ${(e as Error).message}`, error_stage: 'internal' };
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof Map) return `map(${v.size} keys)`;
  if (Array.isArray(v)) return `array(${v.length})`;
  return String(v);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let expression: string | undefined;
  let eventFile: string | undefined;
  const headers: [string, string][] = [];
  let discriminator: string | undefined;
  let namespace: string | undefined;
  let parameter = false, jsonl = false, json = false, explain = false, payloadOnly = false;
  let profile: ExprProfile = 'v4.1';
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const value = (): string => {
        const eq = a.indexOf('=');
        if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
        if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
        return argv[++i];
      };
      const flag = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
      switch (flag) {
        case '--help': case '-h': io.stdout(USAGE + '\n'); return 0;
        case '--event': case '-e': eventFile = value(); break;
        case '--header': case '-H': headers.push(parseHeader(value())); break;
        case '--discriminator': discriminator = value(); break;
        case '--namespace': case '-n': namespace = value(); break;
        case '--parameter': case '-p': parameter = true; break;
        case '--argo-version': profile = profileOf(value()); break;
        case '--jsonl': jsonl = true; break;
        case '--json': json = true; break;
        case '--explain': explain = true; break;
        case '--payload-only': payloadOnly = true; break;
        case '--': if (i + 1 < argv.length) { if (expression !== undefined || i + 2 < argv.length) throw new UsageError('only one expression may be given'); expression = argv[++i]; } break;
        default:
          if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
          if (expression !== undefined) throw new UsageError('only one expression may be given (quote it)');
          expression = a;
      }
    }
    if (jsonl) {
      if (expression !== undefined || eventFile !== undefined || headers.length || parameter || explain || json) {
        throw new UsageError('--jsonl reads everything from standard input and takes only --argo-version');
      }
      for await (const line of io.readStdin()) {
        if (line.trim() === '') continue;
        io.stdout(JSON.stringify(answerLine(line, profile)) + '\n');
      }
      return 0;
    }
    if (expression === undefined) throw new UsageError('missing the expression');
    let ev: ArgoEvent = { payload: null, headers: [], discriminator: '', namespace: '' };
    if (eventFile !== undefined) {
      let text: string;
      if (eventFile === '-') {
        const parts: string[] = [];
        for await (const line of io.readStdin()) parts.push(line);
        text = parts.join('\n');
      } else {
        try {
          if (statSync(eventFile).size > MAX_PAYLOAD_BYTES + 64 * 1024) throw new UsageError(`${eventFile}: ${PAYLOAD_TOO_LARGE}`);
          text = readFileSync(eventFile, 'utf8');
        } catch (e) {
          if (e instanceof UsageError) throw e;
          throw new UsageError(`cannot read ${eventFile}: ${(e as Error).message}`);
        }
      }
      ev = eventFromText(text, eventFile === '-' ? 'stdin' : eventFile, payloadOnly);
    }
    ev = {
      payload: ev.payload,
      headers: [...ev.headers, ...headers],
      discriminator: discriminator ?? ev.discriminator,
      namespace: namespace ?? ev.namespace,
    };
    const mode = parameter ? 'parameter' : 'selector';
    const ans = answer(mode, expression, ev, profile);
    if (json) io.stdout(JSON.stringify(ans) + '\n');
    else if ('result' in ans) io.stdout(`${ans.result}\n`);
    else if ('value' in ans) io.stdout(`${ans.value}\n`);
    else io.stderr(`${ans.error_stage} error: ${ans.error}\n`);
    if (explain && !parameter && !json) {
      const clauses = explainSelector(expression, ev, profile);
      if (clauses.length > 1) {
        io.stdout('clauses:\n');
        for (const c of clauses) {
          const out = 'error' in c.outcome ? `${c.outcome.error.stage} error: ${c.outcome.error.message.split('\n')[0]}` : describe(c.outcome.value);
          io.stdout(`  ${c.op ? c.op.padEnd(4) : '    '}${c.text.replace(/\s+/g, ' ').trim()}  →  ${out}\n`);
        }
      }
    }
    if ('result' in ans) return ans.result ? 0 : 1;
    return 'value' in ans ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`argo-triggers eval: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
