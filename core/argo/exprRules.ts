// Expression checks embedded in YAML scalars: CronWorkflow `when` (template tags + govaluate) and
// `stopStrategy.expression` (expr-lang over {cronworkflow: …}). Errors are mapped back to file offsets.
import type { Scalar } from 'yaml';
import * as expr from '../expr';
import type { Finding, Range } from './findings';
import { mapScalar, spanToRange, type ScalarMap } from './scalarMap';
import type { ArgoVersion } from './versions';

export function exprProfile(v: ArgoVersion): expr.ExprProfile {
  return v;
}

/** Where an expression's text starts inside a scalar's value, with the scalar map. */
export interface EmbeddedSource { node: Scalar; map: ScalarMap | undefined; base: number }

export function rangeOf(e: EmbeddedSource, span: { start: number; end: number } | undefined, len: number): Range {
  const s = span ?? { start: 0, end: len };
  return spanToRange(e.map, e.node, { start: e.base + s.start, end: e.base + s.end });
}

/** A point range grows to one character so editors can show it. */
export function widen(r: Range, limit: number): Range {
  return r.end > r.start ? r : { start: r.start, end: Math.min(r.start + 1, limit) };
}

/** The env stopStrategy expressions see (argo-triggers.md §2.8); values are placeholders for type checking. */
export function stopStrategyEnv(): Record<string, unknown> {
  return {
    cronworkflow: {
      name: '', namespace: '', labels: {}, annotations: {}, failed: 0, succeeded: 0, lastScheduledTime: null,
      'labels.json': '{}', 'annotations.json': '{}',
    },
  };
}

const WHEN_VARS = new Set(['cronworkflow.name', 'cronworkflow.namespace', 'cronworkflow.labels', 'cronworkflow.annotations', 'cronworkflow.failed',
  'cronworkflow.succeeded', 'cronworkflow.lastScheduledTime', 'cronworkflow.labels.json', 'cronworkflow.annotations.json']);
const WHEN_STRING_VARS = new Set(['cronworkflow.name', 'cronworkflow.namespace', 'cronworkflow.labels.json', 'cronworkflow.annotations.json']);

export function checkEmbeddedExpr(text: string, node: Scalar, field: 'when' | 'stopStrategy', v: ArgoVersion): Finding[] {
  const out: Finding[] = [];
  const src = String(node.value);
  const map = mapScalar(text, node);
  const code = field === 'when' ? 'cron.when.invalid' : 'cron.stopStrategy.invalid';
  if (field === 'stopStrategy') {
    const r = safe(() => expr.compile(src, stopStrategyEnv(), exprProfile(v)));
    if (r && !r.ok) {
      const e: EmbeddedSource = { node, map, base: 0 };
      out.push({ code, severity: 'warning', range: widen(rangeOf(e, r.error.span, src.length), text.length),
        message: `stopStrategy.expression does not compile (the controller sets a SpecError at every fire): ${r.error.message}` });
    }
    return out;
  }
  // when: {{= expr }} tags are expr-lang; {{cronworkflow.x}} tags are plain substitutions (strings only)
  const tag = /\{\{(=?)([\s\S]*?)\}\}/g;
  for (let m = tag.exec(src); m; m = tag.exec(src)) {
    const body = m[2];
    const base = m.index + 2 + m[1].length;
    const e: EmbeddedSource = { node, map, base };
    if (m[1] === '=') {
      const r = safe(() => expr.parse(body, exprProfile(v)));
      if (r && !r.ok) {
        out.push({ code, severity: 'warning', range: widen(rangeOf(e, r.error.span, body.length), text.length),
          message: `"when" expression does not parse (every fire becomes a SubmissionError): ${r.error.message}` });
      }
    } else {
      const name = body.trim();
      const lead = body.length - body.trimStart().length;
      const span = { start: lead, end: lead + name.length };
      if (!WHEN_VARS.has(name)) {
        out.push({ code, severity: 'warning', range: widen(rangeOf(e, span, body.length), text.length),
          message: `"when" can only use cronworkflow.name, .namespace, .labels.json, .annotations.json, .failed, .succeeded and .lastScheduledTime; {{${name}}} is unresolved and fails every run` });
      } else if (!WHEN_STRING_VARS.has(name)) {
        out.push({ code, severity: 'warning', range: widen(rangeOf(e, span, body.length), text.length),
          message: `{{${name}}} is not a string, so a plain tag fails (failed to resolve {{${name}}} to string); use an expression tag: {{= ${name} }}` });
      }
    }
  }
  return out;
}

export function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
