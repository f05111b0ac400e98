// The yaml package's node type guards, bound once. In the CommonJS bundles (dist/*.js) esbuild reads every use of an
// imported binding of a CommonJS package through a getter; the guards run millions of times per big file (measured:
// ≈ 3 ms of the language server's ≈ 70 ms CPU for a 500-document file went to those getters alone).
import * as yaml from 'yaml';

export const isMap = yaml.isMap;
export const isSeq = yaml.isSeq;
export const isScalar = yaml.isScalar;
export const isPair = yaml.isPair;
export const isNode = yaml.isNode;
