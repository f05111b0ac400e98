// Canonical dump of what the `yaml` package's documents hold (every field the rules read), for comparing two parsers.
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

function dumpNode(n: unknown, out: string[], ind: string): void {
  if (n === null || n === undefined) {
    out.push(`${ind}${n}`);
    return;
  }
  if (isMap(n) || isSeq(n)) {
    const x = n as { range?: number[]; flow?: boolean; tag?: string; anchor?: string; items: unknown[] };
    out.push(`${ind}${isMap(n) ? 'MAP' : 'SEQ'} ${JSON.stringify(x.range)} flow=${!!x.flow} tag=${x.tag} anchor=${x.anchor}`);
    for (const it of x.items) {
      if (isPair(it)) {
        out.push(`${ind} PAIR`);
        dumpNode(it.key, out, ind + '  k ');
        dumpNode(it.value, out, ind + '  v ');
      } else dumpNode(it, out, ind + '  ');
    }
    return;
  }
  if (isScalar(n)) {
    const v = n.value;
    const val = v instanceof Date ? `Date(${v.getTime()})` : typeof v === 'bigint' ? `${v}n` : typeof v === 'number' ? `${Object.is(v, -0) ? '-0' : String(v)}` : JSON.stringify(v);
    out.push(`${ind}SCALAR ${typeof v} ${val} ${JSON.stringify(n.range)} type=${n.type} src=${JSON.stringify(n.source)} tag=${n.tag} fmt=${n.format} anchor=${n.anchor} minFrac=${(n as { minFractionDigits?: number }).minFractionDigits}`);
    return;
  }
  out.push(`${ind}OTHER ${Object.prototype.toString.call(n)}`);
}

export function dumpDocuments(docs: Document.Parsed[]): string {
  const out: string[] = [];
  for (const d of docs) {
    out.push(`DOC ${JSON.stringify(d.range)} errors=${d.errors.length} warnings=${d.warnings.length} docStart=${d.directives?.docStart ?? null}`);
    dumpNode(d.contents, out, '  ');
  }
  return out.join('\n');
}
