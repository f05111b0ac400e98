// expr engine speed vs the Go library itself (the expr oracle's -bench-ms mode times expr-lang/expr v1.17.8
// inside Go on the same expressions and events). Two measurements per case:
//   compile+eval: compile(src, env) + run + the selector's bool check, i.e. what argo-server does per event;
//   eval:         run(program, env) with a program compiled once (what a long-lived preview could do).
// Goal (issue 3): eval within 3× of Go. Run: npm run bench -- expr   (or node --import tsx bench/expr.bench.ts)
// First, in-process (issue 4): the WorkflowEventBinding rules over the server benchmark file's 200 bindings (goal ≤ 8 ms)
// and lint-compile (lintCompile) vs compile per expression.
import { compile, run, buildEnvironment, lintCompile, lintEnvironment, type ExprProfile } from '../core/expr';
import { checkBinding } from '../core/argo/bindingRules';
import { parseFile } from '../core/argo/documents';
import { overlayLookup, templateInfoOf, type TemplateInfo } from '../core/argo/templateIndex';
import { makeFile } from './server.bench';
import { benchOracle, goVersion, type OracleRequest } from '../test/core/expr/oracle';
import { EVENTS } from '../test/core/expr/events';
import { toArgoEvent } from '../test/core/expr/engine';

const MIN_MS = Number(process.env.BENCH_MS || 400);

const CASES: { name: string; request: OracleRequest }[] = [
  {
    name: 'github push, 3 clauses',
    request: {
      mode: 'selector', event: EVENTS['github-push'],
      expression: 'metadata["x-github-event"] == ["push"] && payload.ref == "refs/heads/main" && payload.repository.full_name startsWith "acme/"',
    },
  },
  {
    name: 'pull_request, 3 clauses + predicate',
    request: {
      mode: 'selector', event: EVENTS['github-pull-request'],
      expression: 'payload.action in ["opened", "synchronize"] and not payload.pull_request.draft and any(payload.pull_request.labels, .name == "ci")',
    },
  },
  {
    name: 'gitlab MR, 3 clauses',
    request: {
      mode: 'selector', event: EVENTS['gitlab-merge-request'],
      expression: '"Merge Request Hook" in metadata["x-gitlab-event"] && payload.object_attributes.target_branch == "master" && payload.object_attributes.state == "opened"',
    },
  },
  {
    name: 'parameter: join of mapped commits',
    request: { mode: 'parameter', event: EVENTS['github-push'], expression: 'payload.commits | map(.id[:7]) | join(",")' },
  },
];

function measure(minMs: number, f: () => void): number {
  for (let i = 0; i < 200; i++) f(); // warm-up (JIT)
  let n = 1, total = 0;
  let elapsed = 0;
  while (elapsed < minMs) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    elapsed += Number(process.hrtime.bigint() - t0) / 1e6;
    total += n;
    if (n < 1 << 20) n *= 2;
  }
  return (elapsed * 1e6) / total; // ns per op
}

function tsTimes(req: OracleRequest): { compileRun: number; run: number } {
  const profile: ExprProfile = 'v4.1';
  const env = buildEnvironment(toArgoEvent(req.event));
  const c = compile(req.expression, env, profile);
  if (!c.ok) throw new Error(`bench case does not compile: ${c.error.message}`);
  let sink = 0;
  const compileRun = measure(MIN_MS, () => {
    const p = compile(req.expression, env, profile);
    if (p.ok) { const r = run(p.program, env); if (r.ok && r.value === true) sink++; }
  });
  const runOnly = measure(MIN_MS, () => { const r = run(c.program, env); if (r.ok && r.value === true) sink++; });
  if (sink < 0) console.log(sink);
  return { compileRun, run: runOnly };
}

const fmt = (ns: number) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);

/**
 * The WorkflowEventBinding rules of the server benchmark's 500-document file (200 bindings: a selector each, distinct
 * per file, and the same parameter expression): checkBinding per file with a fresh seed every run, so the selectors
 * are always new and only what a long-running server would have seen (the parameter) is in lintCompile's memo.
 * Also per expression: compile() (the previous lint path) vs lintCompile() with an empty memo.
 */
function bindingRules(): void {
  const load = (seed: number) => {
    const text = makeFile(500, seed);
    const parsed = parseFile(text);
    const local = parsed.docs.map((d) => templateInfoOf(d, '')).filter((x): x is TemplateInfo => !!x);
    return { text, docs: parsed.docs.filter((d) => d.kind === 'WorkflowEventBinding'), lookup: overlayLookup(local, undefined, undefined) };
  };
  const times: number[] = [];
  let findings = 0;
  let first: ReturnType<typeof load> | undefined;
  for (let k = 0; k < 40; k++) {
    const f = load(5000 + k); // parsed outside the timed part; one file alive at a time, like a server
    first ??= f;
    if (f.docs.length !== 200) throw new Error(`expected 200 bindings, got ${f.docs.length}`);
    const t0 = process.hrtime.bigint();
    for (const doc of f.docs) findings += checkBinding({ text: f.text, doc, v: 'v4.1', lookup: f.lookup }).length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const steady = times.slice(10).sort((a, b) => a - b);
  const median = steady[steady.length >> 1];
  console.log(`binding rules of 200 bindings: ${median.toFixed(2)} ms (median of ${steady.length} files after 10 warm-up files, min ${steady[0].toFixed(2)} ms; ${findings / times.length} findings a file; goal ≤ 8 ms)`);

  const env = buildEnvironment({ payload: {}, headers: [], discriminator: '', namespace: '' });
  const srcs = first!.docs.flatMap((d) => {
    const m = /selector: (.*)\n[\s\S]*event: (.*)\n/.exec(first!.text.slice(d.range.start, d.range.end));
    return m ? [m[1], m[2]] : [];
  });
  if (srcs.length !== 400) throw new Error(`expected 400 expressions, got ${srcs.length}`);
  let i = 0;
  const viaCompile = measure(MIN_MS, () => { compile(srcs[i++ % srcs.length], env, 'v4.1'); });
  const viaLint = measure(MIN_MS, () => { lintCompile(srcs[i++ % srcs.length], lintEnvironment(env), 'v4.1'); });
  console.log(`lint-compile per expression: ${fmt(viaLint)} with an empty memo (compile(): ${fmt(viaCompile)}; ${(viaCompile / viaLint).toFixed(1)}× faster)`);
}

function main() {
  bindingRules();
  const go = goVersion();
  const goTimes = go ? benchOracle(CASES.map((c) => c.request), MIN_MS) : undefined;
  if (!go) console.log('peer missing: Go is not on PATH, so the Go expr timings cannot be measured (TypeScript timings only)');
  else console.log(`peer: expr-lang/expr v1.17.8 in Go (${go}), timed inside Go by test/oracle/expr -bench-ms=${MIN_MS}`);
  const rows: string[][] = [['case', 'TS compile+eval', 'Go compile+eval', 'ratio', 'TS eval', 'Go eval', 'ratio']];
  const evalRatios: number[] = [];
  CASES.forEach((c, i) => {
    const ts = tsTimes(c.request);
    const g = goTimes?.[i];
    if (g && 'error' in g.answer) throw new Error(`Go could not evaluate bench case ${c.name}: ${JSON.stringify(g.answer)}`);
    const r1 = g ? ts.compileRun / g.compile_run_ns : NaN;
    const r2 = g ? ts.run / g.run_ns : NaN;
    if (g) evalRatios.push(r2);
    rows.push([c.name, fmt(ts.compileRun), g ? fmt(g.compile_run_ns) : '-', g ? `${r1.toFixed(2)}×` : '-', fmt(ts.run), g ? fmt(g.run_ns) : '-', g ? `${r2.toFixed(2)}×` : '-']);
  });
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const r of rows) console.log(r.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join('  '));
  if (evalRatios.length) {
    const worst = Math.max(...evalRatios);
    console.log(`eval ratio TS/Go: worst ${worst.toFixed(2)}× (goal ≤ 3×): ${worst <= 3 ? 'MET' : 'NOT MET'}`);
  }
}

main();
