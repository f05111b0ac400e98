// expr-lang/expr engine (as argo-server evaluates WorkflowEventBinding selectors and parameters).
// Public API: see /work/notes/CONTRACTS.md (core/expr/index.ts).
import { parseExpr, ParseFail, type ANode, type Loc } from './parser';
import { check, CheckFail, type CheckEnv } from './checker';
import { gen, optimize, foldingPasses, lintGen, OptimizeFail, LocatedError, CHAIN_NIL, type Fn, type Scope } from './compile';
import { natureOf, type Nat } from './natures';
import { features, type ExprProfile, type Features } from './profile';
import { toRunes } from './lexer';
import { GoBytes, GoDuration, GoLocation, GoNamedInt, GoTime, GoUint8, RuntimeError, formatS, formatV, goFloatV, goType } from './values';
import { marshal } from './gojson';
import { displayString } from './runtime';

export type { ExprProfile } from './profile';
export interface Span { start: number; end: number }
export interface ExprError { message: string; stage: 'compile' | 'run' | 'cast'; span?: Span }
export interface ArgoEvent { payload: unknown; headers: [string, string][]; discriminator: string; namespace: string }
export type Node = { kind: string; span: Span; [k: string]: unknown };
export interface Program { readonly source: string; readonly ast: Node }

/** argo-server's webhook body limit (v3.7.14+/v4.0.5+/v4.1). */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;
export const PAYLOAD_TOO_LARGE = 'webhook request body exceeds maximum size of 2MB';
const MAX_SOURCE_LENGTH = 1024 * 1024;

// ---------------------------------------------------------------- positions and error text

function runeOffsets(src: string): number[] {
  // rune index → UTF-16 offset (one extra entry for the end)
  const offs: number[] = [];
  let i = 0;
  for (const ch of src) { offs.push(i); i += ch.length; }
  offs.push(i);
  return offs;
}

/** file.Error.Error(): "<msg> (line:col)\n | <line>\n | ....^" (no snippet when the line is empty). */
export function formatExprError(message: string, from: number, src: string, legacy = false): string {
  const runes = toRunes(src);
  if (legacy) return formatLegacy(message, from, runes);
  let line = 1, column = 0, lineStart = 0;
  for (let i = 0; i < runes.length; i++) {
    if (i === from) break;
    if (runes[i] === '\n') { lineStart = i + 1; line++; column = 0; } else column++;
  }
  let lineEnd = runes.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = runes.length;
  if (lineStart === lineEnd) return message;
  const text = runes.slice(lineStart, lineEnd).join('').replace(/\t/g, ' ');
  return `${message} (${line}:${column + 1})\n | ${text}\n | ${'.'.repeat(column)}^`;
}

/** expr ≤ v1.17.5's file.Error.Bind: the snippet exists whenever the source is non-empty; the caret line is left
 *  out when a multi-byte rune comes before (or at) the caret position. */
function formatLegacy(message: string, from: number, runes: string[]): string {
  if (runes.length === 0) return message;
  let line = 1, column = 0;
  for (let i = 0; i < runes.length; i++) {
    if (i === from) break;
    if (runes[i] === '\n') { line++; column = 0; } else column++;
  }
  const lines = runes.join('').split('\n');
  const text = (lines[line - 1] ?? '').replace(/\t/g, ' ');
  let out = `${message} (${line}:${column + 1})\n | ${text}`;
  const lr = Array.from(text);
  let ind = '\n | ';
  let i = 0;
  for (; i < column && i < lr.length; i++) {
    if (lr[i].codePointAt(0)! > 0x7f) return out;
    ind += '.';
  }
  if (i < lr.length && lr[i].codePointAt(0)! > 0x7f) return out;
  out += ind + '^';
  return out;
}

function spanOf(loc: Loc | undefined, src: string): Span | undefined {
  if (!loc) return undefined;
  const offs = runeOffsets(src);
  const clamp = (i: number): number => offs[Math.max(0, Math.min(i, offs.length - 1))];
  return { start: clamp(loc.from), end: clamp(Math.max(loc.to, loc.from)) };
}

function mkError(message: string, stage: ExprError['stage'], loc: Loc | undefined, src: string, f?: Features): ExprError {
  if (!loc) return { message: displayString(message), stage };
  message = displayString(message);
  return { message: loc ? formatExprError(message, loc.from, src, f?.legacySnippet) : message, stage, span: spanOf(loc, src) };
}

/** AST values stay JSON-serialisable: int64 literals become numbers (strings when beyond 2^53), sets arrays. */
function plainAst(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Set) return Array.from(v, plainAst);
  if (Array.isArray(v)) return v.map(plainAst);
  if (v && typeof v === 'object' && !('kind' in v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plainAst(x);
    return o;
  }
  return v;
}

function toPublicAst(n: ANode, offs: number[]): Node {
  const clamp = (i: number): number => offs[Math.max(0, Math.min(i, offs.length - 1))];
  const out: Node = { kind: n.kind, span: { start: clamp(n.loc.from), end: clamp(n.loc.to) } };
  for (const [k, v] of Object.entries(n)) {
    if (k === 'kind' || k === 'loc' || k === 't' || k === 'regex' || k === 'leakChecked') continue;
    if (v && typeof v === 'object' && typeof (v as ANode).kind === 'string' && (v as ANode).loc) out[k] = toPublicAst(v as ANode, offs);
    else if (Array.isArray(v)) out[k] = v.map((x) => (x && typeof x === 'object' && x.loc ? toPublicAst(x, offs) : plainAst(x)));
    else out[k] = plainAst(v);
  }
  return out;
}

// ---------------------------------------------------------------- parse / compile / run

export function parse(src: string, profile?: ExprProfile): { ok: true; ast: Node } | { ok: false; error: ExprError } {
  if (src.length > MAX_SOURCE_LENGTH) return { ok: false, error: { message: `expression too long (${src.length} characters, limit ${MAX_SOURCE_LENGTH})`, stage: 'compile' } };
  try {
    const ast = parseExpr(src, features(profile));
    return { ok: true, ast: toPublicAst(ast, runeOffsets(src)) };
  } catch (e) {
    if (e instanceof ParseFail) return { ok: false, error: mkError(e.msg, 'compile', e.loc, src, features(profile)) };
    if (e instanceof RangeError) return { ok: false, error: { message: 'compilation failed: expression too deeply nested', stage: 'compile' } };
    throw e;
  }
}

interface CompiledProgram extends Program { readonly fn: Fn; readonly f: Features; readonly vars: number }
const INTERNAL = Symbol('compiledProgram');

function envNatures(env: Map<string, unknown>): CheckEnv {
  const natures = new Map<string, Nat>();
  for (const [k, v] of env) natures.set(k, natureOf(v));
  return { natures };
}

export function compile(src: string, env: Record<string, unknown>, profile?: ExprProfile):
  { ok: true; program: Program } | { ok: false; error: ExprError } {
  const f = features(profile);
  if (src.length > MAX_SOURCE_LENGTH) return { ok: false, error: { message: `expression too long (${src.length} characters, limit ${MAX_SOURCE_LENGTH})`, stage: 'compile' } };
  const genv = toGoEnv(env);
  let ast: ANode;
  try {
    ast = parseExpr(src, f);
    check(ast, envNatures(genv));
    ast = optimize(ast, f);
  } catch (e) {
    if (e instanceof ParseFail || e instanceof CheckFail || e instanceof OptimizeFail) return { ok: false, error: mkError(e.msg, 'compile', e.loc, src, f) };
    if (e instanceof RangeError) return { ok: false, error: { message: 'compilation failed: expression too deeply nested', stage: 'compile' } };
    throw e;
  }
  const ctx = { f, predDepth: 0, vars: [] as string[] };
  let fn: Fn;
  try {
    fn = gen(ast, ctx);
  } catch (e) {
    if (e instanceof OptimizeFail) return { ok: false, error: mkError(e.msg, 'compile', e.loc, src, f) };
    if (e instanceof RangeError) return { ok: false, error: { message: 'compilation failed: expression too deeply nested', stage: 'compile' } };
    throw e;
  }
  const finalAst = ast;
  let publicAst: Node | undefined;
  const getAst = (): Node => (publicAst ??= toPublicAst(finalAst, runeOffsets(src)));
  const program = { source: src, get ast() { return getAst(); }, fn, f, vars: 0 } as CompiledProgram;
  const pub: Program = { source: src, get ast() { return getAst(); } };
  Object.defineProperty(pub, INTERNAL, { value: program, enumerable: false });
  return { ok: true, program: pub };
}

// ---------------------------------------------------------------- lint: compile's outcome without a program

export type LintResult = { readonly ok: true } | { readonly ok: false; readonly error: ExprError };

const LINT_MEMO_ENTRIES = 4096;        // per environment and feature set
const LINT_MEMO_MAX_SOURCE = 4096;     // longer sources are checked every time

/** An environment's natures, computed once, for lintCompile, with its memo: feature set → source → outcome. */
export interface LintEnv { readonly natures: CheckEnv; readonly memo: Map<Features, Map<string, LintResult>> }

/** Prepares `env` for lintCompile. The env is read now: later changes to it are not seen. */
export function lintEnvironment(env: Record<string, unknown>): LintEnv {
  return { natures: envNatures(toGoEnv(env)), memo: new Map() };
}

const LINT_OK: LintResult = Object.freeze({ ok: true as const });

/**
 * Exactly compile(src, env, profile)'s outcome (ok, or the same error: message, stage, span), without building the
 * runnable program: parse, type-check, the optimizer passes that can change a compile error (foldingPasses) and the
 * compile-time failures of code generation (lintGen). test/core/expr/lintCompile.test.ts checks the equality on every
 * expr fixture and on generated expressions.
 *
 * Results are memoized per LintEnv, keyed by the profile's feature set and the source. That is sound because the
 * outcome is a pure function of (source, feature set, the env's natures): the natures are fixed when the LintEnv is
 * made, and parse/check/fold/lintGen read nothing else (no clock, no locale, no mutable global state; regex
 * compilation is deterministic). Internal errors (exceptions other than compile errors) are not memoized; they are
 * thrown every time. Each memo holds at most LINT_MEMO_ENTRIES outcomes (the oldest entry goes first). The returned
 * objects are frozen and shared between calls.
 */
export function lintCompile(src: string, env: LintEnv, profile?: ExprProfile): LintResult {
  const f = features(profile);
  if (src.length > LINT_MEMO_MAX_SOURCE) return lintUncached(src, env, f);
  let memo = env.memo.get(f);
  if (!memo) { memo = new Map(); env.memo.set(f, memo); }
  const hit = memo.get(src);
  if (hit) return hit;
  const r = lintUncached(src, env, f);
  if (memo.size >= LINT_MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  memo.set(src, r);
  return r;
}

function lintUncached(src: string, env: LintEnv, f: Features): LintResult {
  if (src.length > MAX_SOURCE_LENGTH) return frozenError({ message: `expression too long (${src.length} characters, limit ${MAX_SOURCE_LENGTH})`, stage: 'compile' });
  try {
    let ast = parseExpr(src, f);
    check(ast, env.natures);
    ast = foldingPasses(ast);
    lintGen(ast);
  } catch (e) {
    if (e instanceof ParseFail || e instanceof CheckFail || e instanceof OptimizeFail) return frozenError(mkError(e.msg, 'compile', e.loc, src, f));
    if (e instanceof RangeError) return frozenError({ message: 'compilation failed: expression too deeply nested', stage: 'compile' });
    throw e;
  }
  return LINT_OK;
}

function frozenError(error: ExprError): LintResult {
  if (error.span) Object.freeze(error.span);
  return Object.freeze({ ok: false as const, error: Object.freeze(error) });
}

/** Runs a compiled program; the value is in the engine's Go value model (see values.ts: int = bigint, maps = Map). */
export function run(p: Program, env: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; error: ExprError } {
  const cp = (p as { [INTERNAL]?: CompiledProgram })[INTERNAL];
  if (!cp) return { ok: false, error: { message: 'program was not produced by compile()', stage: 'run' } };
  const scope: Scope = { env: toGoEnv(env), vars: [], frames: [], mem: 0, ops: 0 };
  try {
    const v = cp.fn(scope);
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof LocatedError) return { ok: false, error: mkError(e.msg, 'run', e.loc, cp.source, cp.f) };
    if (e instanceof RuntimeError) return { ok: false, error: { message: e.message, stage: 'run' } };
    if (e === CHAIN_NIL) return { ok: true, value: null };
    if (e instanceof RangeError) return { ok: false, error: { message: 'evaluation aborted: recursion too deep', stage: 'run' } };
    throw e;
  }
}

// ---------------------------------------------------------------- Go value conversion

const ENV_MARK = Symbol('goEnv');
/** Converts plain JS data (JSON-like) into the engine's Go model; Maps/bigints are kept as they are. */
export function toGo(v: unknown, depth = 0): unknown {
  if (depth > 10000) throw new RangeError('value nested too deeply');
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': case 'string': case 'number': case 'bigint': return v;
    case 'object': break;
    default: return null;
  }
  if (Array.isArray(v)) {
    let same = true;
    const out = v.map((x) => { const y = toGo(x, depth + 1); if (y !== x) same = false; return y; });
    return same ? v : out;
  }
  if (v instanceof Map || v instanceof GoTime || v instanceof GoDuration || v instanceof GoBytes) return v;
  const m = new Map<string, unknown>();
  for (const k of Object.keys(v as object)) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    m.set(k, toGo((v as Record<string, unknown>)[k], depth + 1));
  }
  return m;
}
function toGoEnv(env: Record<string, unknown>): Map<string, unknown> {
  const cached = (env as { [ENV_MARK]?: Map<string, unknown> })[ENV_MARK];
  if (cached) {
    // still valid unless the caller replaced or added top-level entries
    const keys = Object.keys(env);
    if (keys.length === cached.size && keys.every((k) => cached.has(k) && cached.get(k) === env[k])) return cached;
  }
  // foreign env objects are converted on every call (they may be mutated between calls); buildEnvironment's
  // results carry their converted form
  const m = new Map<string, unknown>();
  for (const k of Object.keys(env)) m.set(k, toGo(env[k]));
  return m;
}

// ---------------------------------------------------------------- argo-server environment

/**
 * argo-server's expressionEnvironment (spec expr.md §1.2–1.3): payload JSON round-tripped (numbers float64, objects
 * → maps), metadata = headers whose lower-cased name starts with "x-", each a list of values in order.
 * Strings given as payload are taken as the body text only by evalSelector/evalParameter's callers; here the
 * payload is already-parsed JSON (undefined/null → nil).
 */
export function buildEnvironment(ev: ArgoEvent): Record<string, unknown> {
  const meta = new Map<string, unknown>();
  for (const [name, value] of ev.headers ?? []) {
    const k = String(name).toLowerCase();
    if (!k.startsWith('x-')) continue;
    const list = meta.get(k) as unknown[] | undefined;
    if (list) list.push(String(value)); else meta.set(k, [String(value)]);
  }
  const payload = jsonRoundTrip(ev.payload);
  const env: Record<string, unknown> = {
    payload,
    metadata: meta,
    discriminator: ev.discriminator ?? '',
    namespace: ev.namespace ?? '',
  };
  const m = new Map<string, unknown>([['discriminator', env.discriminator], ['metadata', meta], ['namespace', env.namespace], ['payload', payload]]);
  Object.defineProperty(env, ENV_MARK, { value: m, enumerable: false, configurable: true });
  return env;
}

function jsonRoundTrip(v: unknown): unknown {
  if (v === undefined) return null;
  // JSON.stringify drops undefined/functions like Go would reject them; the result is JSON-decoded data.
  return toGo(JSON.parse(JSON.stringify(v) ?? 'null'));
}

/** Size check applied by evalSelector/evalParameter (argo-server's 2 MB webhook limit). */
function payloadError(ev: ArgoEvent): ExprError | undefined {
  let size = 0;
  try { size = Buffer.byteLength(JSON.stringify(ev.payload) ?? ''); } catch { size = 0; }
  if (size > MAX_PAYLOAD_BYTES) return { message: PAYLOAD_TOO_LARGE, stage: 'run' };
  return undefined;
}

// ---------------------------------------------------------------- selectors and parameters

export { formatS };

function evaluate(src: string, ev: ArgoEvent, profile?: ExprProfile): { ok: true; value: unknown } | { ok: false; error: ExprError } {
  const big = payloadError(ev);
  if (big) return { ok: false, error: big };
  const env = buildEnvironment(ev);
  const c = compile(src, env, profile);
  if (!c.ok) return c;
  return run(c.program, env);
}

export function evalSelector(src: string, ev: ArgoEvent, profile?: ExprProfile): { ok: true; result: boolean } | { ok: false; error: ExprError } {
  const r = evaluate(src, ev, profile);
  if (!r.ok) return r;
  if (typeof r.value !== 'boolean') {
    return { ok: false, error: { message: displayString(`unable to cast expression result '${formatS(r.value)}' to bool`), stage: 'cast' } };
  }
  return { ok: true, result: r.value };
}

/** Parameter text exactly like argo-server: Go json.Marshal of the result, outer quotes of a string stripped
 *  (escapes kept), then the literal text \u003c \u003e \u0026 replaced by < > &. */
export function stringifyParameter(value: unknown): { ok: true; value: string } | { ok: false; error: ExprError } {
  let json: string;
  try {
    json = marshal(value);
  } catch (e) {
    if (e instanceof RuntimeError) return { ok: false, error: { message: e.message, stage: 'cast' } };
    throw e;
  }
  let s = json;
  if (s.length > 0 && s[0] === '"') s = s.slice(1, s.endsWith('"') ? -1 : undefined);
  s = s.split('\\u003c').join('<').split('\\u003e').join('>').split('\\u0026').join('&');
  return { ok: true, value: s };
}

export function evalParameter(src: string, ev: ArgoEvent, profile?: ExprProfile): { ok: true; value: string } | { ok: false; error: ExprError } {
  const r = evaluate(src, ev, profile);
  if (!r.ok) return r;
  return stringifyParameter(r.value);
}

// ---------------------------------------------------------------- clause-by-clause explanation

export interface Clause { span: Span; text: string; op?: 'and' | 'or'; outcome: { value: unknown } | { error: ExprError } }

/** Splits the top-level and/&&/or/|| chain of a selector and evaluates each clause on its own (for previews). */
export function explainSelector(src: string, ev: ArgoEvent, profile?: ExprProfile): Clause[] {
  const p = parse(src, profile);
  if (!p.ok) return [{ span: { start: 0, end: src.length }, text: src, outcome: { error: p.error } }];
  const parts: { node: Node; op?: 'and' | 'or' }[] = [];
  const isBool = (n: Node): boolean => n.kind === 'Binary' && ['and', '&&', 'or', '||'].includes(n.op as string);
  const flatten = (n: Node, op?: 'and' | 'or'): void => {
    if (isBool(n)) {
      const o = (n.op === 'and' || n.op === '&&') ? 'and' : 'or';
      flatten(n.left as Node, op);
      flatten(n.right as Node, o);
    } else parts.push({ node: n, op });
  };
  flatten(p.ast);
  const big = payloadError(ev);
  const env = buildEnvironment(ev);
  return parts.map(({ node, op }) => {
    const { start, end } = extent(node);
    const text = trimParens(src, start, end);
    const outcome = big ? { error: big } : evalClause(text.text, env, profile);
    return { span: { start: text.start, end: text.end }, text: text.text, op, outcome };
  });
}

function extent(n: Node): Span {
  let start = n.span.start, end = n.span.end;
  for (const v of Object.values(n)) {
    const kids = Array.isArray(v) ? v : [v];
    for (const k of kids) {
      if (k && typeof k === 'object' && 'span' in k && 'kind' in k) {
        const e = extent(k as Node);
        start = Math.min(start, e.start);
        end = Math.max(end, e.end);
      }
    }
  }
  return { start, end };
}

function trimParens(src: string, start: number, end: number): { start: number; end: number; text: string } {
  // widen to include balanced surrounding parentheses / closing brackets of calls that belong to the clause
  let s = start, e = end;
  const count = (t: string, ch: string): number => t.split(ch).length - 1;
  let t = src.slice(s, e);
  for (let guard = 0; guard < 1000; guard++) {
    const open = count(t, '(') + count(t, '[') + count(t, '{');
    const close = count(t, ')') + count(t, ']') + count(t, '}');
    if (open > close) {
      const m = /^\s*[)\]}]/.exec(src.slice(e));
      if (!m) break;
      e += m[0].length;
    } else if (close > open) {
      const before = src.slice(0, s);
      const m = /[([{]\s*$/.exec(before);
      if (!m) break;
      s -= m[0].length;
    } else break;
    t = src.slice(s, e);
  }
  // extend over trailing string/identifier tails the span might miss
  const rest = /^[\w$.?"'`\]\)]*/.exec(src.slice(e));
  if (rest && rest[0] && !/^\s/.test(rest[0])) {
    const cand = src.slice(s, e + rest[0].length);
    if (balanced(cand)) { e += rest[0].length; t = cand; }
  }
  return { start: s, end: e, text: src.slice(s, e).trim() };
}
function balanced(t: string): boolean {
  let d = 0;
  for (const c of t) { if ('([{'.includes(c)) d++; else if (')]}'.includes(c)) { d--; if (d < 0) return false; } }
  return d === 0;
}

function evalClause(text: string, env: Record<string, unknown>, profile?: ExprProfile): { value: unknown } | { error: ExprError } {
  const c = compile(text, env, profile);
  if (!c.ok) return { error: c.error };
  const r = run(c.program, env);
  if (!r.ok) return { error: r.error };
  return { value: toPlain(r.value) };
}

/** Converts an engine value to plain JSON-able JS (ints → numbers when safe, maps → objects) for display.
 *  explainSelector's clause values are already plain; run() returns the engine's Go value model. */
export function toPlain(v: unknown): unknown {
  if (v instanceof GoNamedInt) return v.name;
  if (v instanceof GoUint8) return Number(v.v);
  if (v instanceof GoBytes) return new TextDecoder().decode(v.bytes);
  if (v instanceof GoLocation) return v.name;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = Object.create(null);
    for (const [k, x] of v) o[String(k)] = toPlain(x);
    return o;
  }
  if (v instanceof GoDuration) return Number(v.ns);
  if (v instanceof GoTime) return String(v);
  return v;
}
