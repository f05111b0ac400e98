// Generic text and YAML helpers for the adapter (no Argo knowledge here).
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Zone } from './coreApi';

/** A slice of a multi-document YAML file: from the start of a `---` line to the start of the next one. */
export interface Chunk { start: number; end: number; text: string }

/** Splits a YAML stream at document markers so each YAML document can be validated (and cached) on its own.
 *  Files with directives (`%YAML`, `%TAG`) are not split, because a directive belongs to the next document. */
export function splitDocuments(text: string): Chunk[] {
  const starts = [0];
  if (!/^%/m.test(text)) {
    const re = /^---(?=[ \t\r\n]|$)/gm;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) if (m.index > 0) starts.push(m.index);
  }
  const out: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/** The chunk holding `offset` (binary search; the last chunk owns the end of the file). */
export function chunkAt(chunks: Chunk[], offset: number): Chunk | undefined {
  let lo = 0, hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end && mid < chunks.length - 1) lo = mid + 1;
    else return c;
  }
  return undefined;
}

export type PathSeg = string | number;
export interface NodeAt { path: PathSeg[]; onKey: boolean; node?: YamlNode; keyNode?: YamlNode }

/** The key path to the YAML node at `offset` (offsets of the parsed text). `onKey` = the offset is on a map key. */
export function nodePathAt(root: unknown, offset: number): NodeAt | undefined {
  const path: PathSeg[] = [];
  let cur: unknown = root;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(cur)) {
      let next: unknown;
      for (const pair of cur.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YamlNode | null;
        const v = pair.value as YamlNode | null;
        const keyName = isScalar(k) ? String(k.value) : k ? String(k) : '';
        if (k?.range && offset >= k.range[0] && offset <= k.range[1]) {
          return { path: [...path, keyName], onKey: true, node: v ?? undefined, keyNode: k };
        }
        if (v?.range && offset >= v.range[0] && offset <= v.range[1]) {
          path.push(keyName);
          next = v;
          break;
        }
      }
      if (next === undefined) return { path, onKey: false, node: cur as YamlNode };
      cur = next;
    } else if (isSeq(cur)) {
      let next: unknown;
      cur.items.forEach((it, i) => {
        const n = it as YamlNode | null;
        if (next === undefined && n?.range && offset >= n.range[0] && offset <= n.range[1]) {
          path.push(i);
          next = n;
        }
      });
      if (next === undefined) return { path, onKey: false, node: cur as YamlNode };
      cur = next;
    } else {
      return { path, onKey: false, node: (cur ?? undefined) as YamlNode | undefined };
    }
  }
  return undefined;
}

/** Block-YAML context by indentation, for completion while the text is half-typed (does not need a clean parse).
 *  `path` = keys of the enclosing maps ('[]' for a sequence item); `key` = the key on the cursor line when the
 *  cursor is after `key:`; `prefix` = the word being typed. */
export interface IndentContext { path: string[]; inValue: boolean; key?: string; prefix: string; inSeqItem: boolean }

export function indentContextAt(text: string, offset: number, chunkStart = 0): IndentContext {
  const lineStart = Math.max(chunkStart, text.lastIndexOf('\n', offset - 1) + 1);
  const before = text.slice(lineStart, offset);
  const prefix = /[A-Za-z0-9_./@+-]*$/.exec(before)?.[0] ?? '';
  const m = /^(\s*)((?:-\s+)?)/.exec(before)!;
  const inSeqItem = m[2] !== '';
  let want = m[1].length + m[2].length;
  let inValue = false;
  let key: string | undefined;
  const kv = /^\s*(?:-\s+)?([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):\s+([^#]*)$/.exec(before);
  if (kv) {
    inValue = true;
    key = kv[1].trim().replace(/^["']|["']$/g, '');
  }
  const path: string[] = [];
  let seqMode = false;
  if (inSeqItem) {
    path.unshift('[]');
    want = m[1].length;
    seqMode = true;
  }
  let pos = lineStart;
  while (pos > chunkStart && (want > 0 || seqMode)) {
    const prevEnd = pos - 1;
    const prevStart = Math.max(chunkStart, text.lastIndexOf('\n', prevEnd - 1) + 1);
    const line = text.slice(prevStart, prevEnd).replace(/\r$/, '');
    pos = prevStart;
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    const lm = /^(\s*)((?:-\s+)?)(.*)$/.exec(line)!;
    const lineIndent = lm[1].length;
    const hasDash = lm[2] !== '';
    const contentIndent = lineIndent + lm[2].length;
    const km = /^([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):(\s*(#.*)?$|\s+[|>][-+0-9]*\s*(#.*)?$)/.exec(lm[3]);
    const keyName = km ? km[1].trim().replace(/^["']|["']$/g, '') : undefined;
    if (hasDash) {
      if (contentIndent === want && !seqMode) {
        path.unshift('[]');
        want = lineIndent;
        seqMode = true;
      } else if (contentIndent < want && lineIndent < want && keyName !== undefined) {
        path.unshift(keyName);
        path.unshift('[]');
        want = lineIndent;
        seqMode = true;
      }
      continue;
    }
    if (lineIndent < want || (seqMode && lineIndent === want)) {
      if (keyName !== undefined) {
        path.unshift(keyName);
        want = lineIndent;
        seqMode = false;
      } else if (lineIndent < want) {
        want = lineIndent; // a scalar line we cannot interpret; keep climbing
        seqMode = false;
      }
    }
  }
  return { path, inValue, key, prefix, inSeqItem };
}

// ---------------------------------------------------------------------------------------------------------------
// time formatting
// ---------------------------------------------------------------------------------------------------------------

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Wall-clock fields of an instant in a zone. */
export function wall(ms: number, zone: Zone): { y: number; mo: number; d: number; h: number; mi: number; wd: string; offset: number } {
  let offset = 0;
  try { offset = zone.offsetAt(ms); } catch { offset = 0; }
  const t = new Date(ms + offset * 1000);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), wd: WEEKDAYS[t.getUTCDay()], offset };
}

export function formatOffset(sec: number): string {
  const sign = sec < 0 ? '-' : '+';
  const a = Math.abs(sec);
  return `${sign}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}`;
}

/** 'Tue 2026-03-10 02:00 +01:00' */
export function formatWall(ms: number, zone: Zone): string {
  const w = wall(ms, zone);
  return `${w.wd} ${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)} ${formatOffset(w.offset)}`;
}

/** 'in 3 h 12 min', 'in 45 s', 'in 4 d 3 h' (ms ≥ 0) */
export function formatIn(ms: number): string {
  if (ms < 60_000) return `in ${Math.max(0, Math.ceil(ms / 1000))} s`;
  const totalMin = Math.floor(ms / 60_000);
  const d = Math.floor(totalMin / 1440), h = Math.floor((totalMin % 1440) / 60), m = totalMin % 60;
  if (d >= 1) return h ? `in ${d} d ${h} h` : `in ${d} d`;
  if (h >= 1) return m ? `in ${h} h ${m} min` : `in ${h} h`;
  return `in ${m} min`;
}

// ---------------------------------------------------------------------------------------------------------------
// globs (for sample-event file names): supports **, *, ?, {a,b}
// ---------------------------------------------------------------------------------------------------------------

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += '(?:' + glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|[\]\\*?]/g, '\\$&')).join('|') + ')';
      i = close;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** Small string hash (FNV-1a) for cache keys and result ids. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
