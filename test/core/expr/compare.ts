// Compares engine answers with oracle answers and computes the match rates the conformance test reports.
import type { OracleAnswer, OracleRequest } from './oracle';

export type Answer = OracleAnswer | { thrown: string };

/** Error classes issue 3 requires identical text for, recognised from the oracle's (= expr's) message. */
export const STRICT_CLASSES = ['unknown-name', 'cast', 'nil-member', 'type-mismatch', 'syntax'] as const;
export type ErrorClass = (typeof STRICT_CLASSES)[number] | 'other';

export function errorClass(a: OracleAnswer): ErrorClass | undefined {
  if (!('error' in a)) return undefined;
  const m = a.error;
  if (a.error_stage === 'cast' && m.startsWith('unable to cast expression result')) return 'cast';
  if (/^unknown name /.test(m)) return 'unknown-name';
  if (/^cannot fetch \S+ from <nil>|^type nil has no field|^type <nil> has no field/.test(m)) return 'nil-member';
  if (/^invalid operation: |mismatched types|^interface conversion: |^non-bool expression|^cannot use \S+ as |^invalid argument for |^type \S+ has no field|^array elements can only be selected/.test(m)) return 'type-mismatch';
  if (a.error_stage === 'compile' && /^(unexpected token|unexpected end of expression|literal not terminated|invalid char escape|bad number syntax|invalid (integer|float|hex|octal|binary) literal|unrecognized character|Operator \(.*\) and coalesce expressions|expected |a map key must be|unknown pointer|cannot use pointer accessor outside)/.test(m)) return 'syntax';
  return 'other';
}

export interface Diff { id: string; file?: string; request: OracleRequest; oracle: OracleAnswer; engine: Answer; kind: 'outcome' | 'stage' | 'text' }

export interface Rates {
  total: number;
  outcomeSame: number;      // result/value identical, or both errors
  errorsBoth: number;       // oracle error cases
  stageSame: number;        // oracle error and engine error with the same stage
  textSame: number;         // … and identical text
  byClass: Record<string, { total: number; textSame: number }>;
  diffs: Diff[];
}

export function compare(items: { id: string; file?: string; request: OracleRequest; oracle: OracleAnswer; engine: Answer }[]): Rates {
  const r: Rates = { total: 0, outcomeSame: 0, errorsBoth: 0, stageSame: 0, textSame: 0, byClass: {}, diffs: [] };
  for (const it of items) {
    r.total++;
    const o = it.oracle;
    const e = it.engine;
    if ('error' in o) {
      r.errorsBoth++;
      const cls = errorClass(o)!;
      const c = (r.byClass[cls] ??= { total: 0, textSame: 0 });
      c.total++;
      if ('error' in e) {
        r.outcomeSame++;
        if (e.error_stage === o.error_stage) {
          r.stageSame++;
          if (e.error === o.error) { r.textSame++; c.textSame++; }
          else r.diffs.push({ ...it, kind: 'text' });
        } else r.diffs.push({ ...it, kind: 'stage' });
      } else r.diffs.push({ ...it, kind: 'outcome' });
    } else if (JSON.stringify(o) === JSON.stringify(e)) r.outcomeSame++;
    else r.diffs.push({ ...it, kind: 'outcome' });
  }
  return r;
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) + '%' : 'n/a');

export function formatRates(label: string, r: Rates): string {
  const lines = [
    `${label}: ${r.total} cases`,
    `  result/value identical (or both errors): ${r.outcomeSame}/${r.total} = ${pct(r.outcomeSame, r.total)}`,
    `  error stage identical:                   ${r.stageSame}/${r.errorsBoth} = ${pct(r.stageSame, r.errorsBoth)}`,
    `  error text identical:                    ${r.textSame}/${r.errorsBoth} = ${pct(r.textSame, r.errorsBoth)}`,
  ];
  for (const [cls, c] of Object.entries(r.byClass).sort()) {
    lines.push(`    ${cls.padEnd(14)} text identical ${c.textSame}/${c.total} = ${pct(c.textSame, c.total)}`);
  }
  return lines.join('\n');
}

export function formatDiff(d: Diff): string {
  return [
    `[${d.kind}] ${d.id}${d.file ? ` (${d.file})` : ''} ${d.request.mode}${d.request.profile ? ` profile=${d.request.profile}` : ''}`,
    `  expression: ${JSON.stringify(d.request.expression)}`,
    `  oracle:     ${JSON.stringify(d.oracle)}`,
    `  engine:     ${JSON.stringify(d.engine)}`,
  ].join('\n');
}
