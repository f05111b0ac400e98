// Findings: what every rule reports (contract type, see /work/notes/CONTRACTS.md).
export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** 0-based UTF-16 offsets into the file text; end is exclusive. */
export interface Range { start: number; end: number }
export interface Fix { title: string; edits: { range: Range; newText: string }[]; preferred?: boolean }
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: { range: Range; message: string }[];
  /** True when the message is Argo's own text (what `argo lint` / argo-server / the controller would say). */
  argo?: boolean;
  /** Order in which Argo itself would hit this problem within its object (0 = the error `argo lint` prints). */
  argoRank?: number;
}

/** The `source` every consumer shows next to our findings. */
export const FINDING_SOURCE = 'argo-triggers';

/** Offsets of the start of every line (line 0 starts at 0). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // LF only (the usual case): indexOf skips to each break much faster than a loop over every character
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based line and UTF-16 column of an offset. */
export function positionAt(lineStarts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

export function offsetAt(lineStarts: number[], line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= lineStarts.length) return lineStarts[lineStarts.length - 1];
  return lineStarts[line] + character;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
export function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => a.range.start - b.range.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code));
}
