// Argo version → expr-lang behaviour profile (spec/expr.md §0 table and §2.7).
// Each Argo minor line maps to the expr version of its LATEST patch release:
//   v3.5 → v3.5.15 (expr v1.17.5), v3.6 → v3.6.19 (v1.17.7), v3.7 → v3.7.18 (v1.17.7),
//   v4.0 → v4.0.x (v1.17.7), v4.1 → v4.1.x (v1.17.8).
export type ExprProfile = 'v3.5' | 'v3.6' | 'v3.7' | 'v4.0' | 'v4.1';

export interface Features {
  readonly exprVersion: string;
  readonly rawStrings: boolean;          // `raw` strings (≥1.16.0)
  readonly octBinLiterals: boolean;      // 0o17 / 0b101 (≥1.16.0)
  readonly comments: boolean;            // // and /* */ (≥1.12)
  readonly let: boolean;                 // let x = …; (≥1.15)
  readonly ifElse: boolean;              // if c { } else { } and `;` sequences (≥1.17.0)
  readonly unicodeBraceEscape: boolean;  // "\u{1F600}" (≥1.17.7)
  readonly doubledBacktick: boolean;     // `a``b` (≥1.17.7)
  readonly bytesLiterals: boolean;       // b"…" (1.17.8)
  readonly lenRunes: boolean;            // len(string) counts runes (≥1.17.0)
  readonly eagerLexer: boolean;          // ≤1.17.5 lexes the whole source before parsing (lexer errors win)
  readonly legacySnippet: boolean;
  readonly elseIf: boolean;
  readonly rangeCountOptimizers: boolean; // sumRange, countAny, countThreshold optimizer passes (1.17.8)              // `else if` chains (≥1.17.7)       // ≤1.17.5 error snippet: no caret line when a multi-byte rune precedes it
}

const C17_5: Features = {
  exprVersion: '1.17.5', rawStrings: true, octBinLiterals: true, comments: true, let: true, ifElse: true,
  unicodeBraceEscape: false, doubledBacktick: false, bytesLiterals: false, lenRunes: true,
  eagerLexer: true, legacySnippet: true, elseIf: false, rangeCountOptimizers: false,
};
const C17_7: Features = {
  ...C17_5, exprVersion: '1.17.7', unicodeBraceEscape: true, doubledBacktick: true, eagerLexer: false, legacySnippet: false, elseIf: true,
};
const C17_8: Features = { ...C17_7, exprVersion: '1.17.8', bytesLiterals: true, rangeCountOptimizers: true };

export const PROFILES: Record<ExprProfile, Features> = {
  'v3.5': C17_5, 'v3.6': C17_7, 'v3.7': C17_7, 'v4.0': C17_7, 'v4.1': C17_8,
};
export const DEFAULT_PROFILE: ExprProfile = 'v4.1';
export function features(p: ExprProfile | undefined): Features {
  return PROFILES[p ?? DEFAULT_PROFILE] ?? C17_8;
}
