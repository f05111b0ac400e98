// Time zones: names validated like Go's time.LoadLocation (against the list of names Go's tzdata holds),
// offsets computed with Intl.DateTimeFormat and cached as transition tables per 64-day chunk.
import type { Millis, Zone, ZoneTransition } from './types';
import { GO_ZONE_NAMES } from './zoneNames.generated';
import { daysFromCivil } from './gotime';

export type ZoneResult = { ok: true; zone: Zone } | { ok: false; error: string };

class FixedZone implements Zone {
  constructor(readonly name: string, private readonly offset: number) {}
  offsetAt(_ms: Millis): number {
    return this.offset;
  }
  transitions(): ZoneTransition[] {
    return [];
  }
  nextChange(): Millis {
    return Infinity;
  }
}

export const UTC: Zone = new FixedZone('UTC', 0);

const CHUNK_MS = 64 * 86_400_000;
const SAMPLE_MS = 4 * 86_400_000; // offsets change at most once per 4 days in tzdata since 1970

interface Chunk {
  o0: number; // offset at the chunk start
  at: number[] | null; // transition instants inside the chunk (ascending)
  off: number[] | null; // offset from each transition on
}

class IntlZone implements Zone {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, Chunk>();
  private lastKey = NaN;
  private last: Chunk | undefined;

  constructor(readonly name: string, intlName: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: intlName,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset straight from Intl (slow path), for an instant floored to the second. */
  raw(ms: Millis): number {
    const t = Math.floor(ms / 1000) * 1000;
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const p of this.fmt.formatToParts(t)) {
      switch (p.type) {
        case 'year': y = Number(p.value); break;
        case 'month': mo = Number(p.value); break;
        case 'day': d = Number(p.value); break;
        case 'hour': h = Number(p.value); break;
        case 'minute': mi = Number(p.value); break;
        case 'second': s = Number(p.value); break;
        case 'era': bc = p.value.startsWith('B'); break;
      }
    }
    if (bc) y = 1 - y;
    const local = (daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000;
    return Math.round((local - t) / 1000);
  }

  private build(key: number): Chunk {
    const start = key * CHUNK_MS;
    const o0 = this.raw(start);
    let at: number[] | null = null;
    let off: number[] | null = null;
    let prevT = start;
    let prevO = o0;
    for (let t = start + SAMPLE_MS; t <= start + CHUNK_MS; t += SAMPLE_MS) {
      const o = this.raw(t);
      // Find every change in (prevT, t]: bisect to the first second with a different offset, repeat.
      let lo = prevT;
      let loO = prevO;
      while (loO !== o) {
        let a = lo;
        let b = t;
        while (b - a > 1000) {
          const mid = Math.floor((a + b) / 2000) * 1000;
          if (this.raw(mid) === loO) a = mid;
          else b = mid;
        }
        const bo = this.raw(b);
        if (b < start + CHUNK_MS) {
          (at ??= []).push(b);
          (off ??= []).push(bo);
        }
        lo = b;
        loO = bo;
      }
      prevT = t;
      prevO = o;
    }
    return { o0, at, off };
  }

  private chunk(key: number): Chunk {
    if (key === this.lastKey) return this.last!;
    let c = this.chunks.get(key);
    if (!c) {
      c = this.build(key);
      this.chunks.set(key, c);
    }
    this.lastKey = key;
    this.last = c;
    return c;
  }

  /**
   * Every change of offsetAt in (from, until), read from the transition tables (the same tables offsetAt uses, so
   * this is exact with respect to offsetAt): each table entry, plus a chunk start whose offset differs from the
   * offset just before it.
   */
  transitions(from: Millis, until: Millis): ZoneTransition[] {
    const out: ZoneTransition[] = [];
    if (!(until > from)) return out;
    const k1 = Math.floor(until / CHUNK_MS);
    for (let k = Math.floor(from / CHUNK_MS); k <= k1; k++) {
      const c = this.chunk(k);
      const start = k * CHUNK_MS;
      if (start > from && start < until) {
        const before = this.offsetAt(start - 1);
        if (before !== c.o0) out.push({ at: start, before, after: c.o0 });
      }
      if (c.at === null) continue;
      let o = c.o0;
      for (let i = 0; i < c.at.length; i++) {
        const at = c.at[i];
        const next = c.off![i];
        if (at > from && at < until) out.push({ at, before: o, after: next });
        o = next;
      }
    }
    return out;
  }

  /** The first instant in (after, limit] at which offsetAt changes; Infinity if none. */
  nextChange(after: Millis, limit: Millis): Millis {
    if (!(limit > after)) return Infinity;
    const o = this.offsetAt(after);
    const k1 = Math.floor(limit / CHUNK_MS);
    for (let k = Math.floor(after / CHUNK_MS); k <= k1; k++) {
      const c = this.chunk(k);
      const start = k * CHUNK_MS;
      if (start > after && c.o0 !== o) return start;
      if (c.at === null) continue;
      for (let i = 0; i < c.at.length; i++) {
        if (c.at[i] > after) return c.at[i] <= limit ? c.at[i] : Infinity;
      }
    }
    return Infinity;
  }

  offsetAt(ms: Millis): number {
    const key = Math.floor(ms / CHUNK_MS);
    const c = key === this.lastKey ? this.last! : this.chunk(key);
    if (c.at === null) return c.o0;
    let o = c.o0;
    const at = c.at;
    for (let i = 0; i < at.length; i++) {
      if (ms >= at[i]) o = c.off![i];
      else break;
    }
    return o;
  }
}

/** The same zone under another name (what Go reports as the location's name). */
function alias(name: string, z: Zone): Zone {
  const out: Zone = { name, offsetAt: (ms) => z.offsetAt(ms) };
  if (z.transitions && z.nextChange) {
    const tr = z.transitions.bind(z);
    const nc = z.nextChange.bind(z);
    return { ...out, transitions: tr, nextChange: nc };
  }
  return out;
}

let goNames: Set<string> | undefined;
function goNameSet(): Set<string> {
  return (goNames ??= new Set(GO_ZONE_NAMES));
}

const zoneCache = new Map<string, Zone>();

function containsDotDot(s: string): boolean {
  return s.includes('..');
}

/** The zone names Go's time.LoadLocation accepts from Go's tzdata (for completion). */
export function zoneNames(): string[] {
  return [...GO_ZONE_NAMES];
}

let processLocal: Zone | undefined;
/** The process's own zone (what Go calls time.Local when TZ is not overridden). */
export function processZone(): Zone {
  if (processLocal) return processLocal;
  const tz = process.env.TZ;
  let z: Zone = UTC;
  if (tz !== undefined && tz !== '') {
    const r = loadNamed(tz.startsWith(':') ? tz.slice(1) : tz);
    if (r.ok) z = r.zone;
  } else if (tz === undefined) {
    try {
      const name = new Intl.DateTimeFormat().resolvedOptions().timeZone;
      const r = name ? loadNamed(name) : undefined;
      if (r?.ok) z = r.zone;
    } catch {
      /* keep UTC */
    }
  }
  processLocal = alias('Local', z);
  return processLocal;
}

function makeZone(name: string): Zone | undefined {
  const cached = zoneCache.get(name);
  if (cached) return cached;
  let z: Zone;
  if (name === 'Factory') z = new FixedZone(name, 0);
  else {
    try {
      z = new IntlZone(name, name);
    } catch {
      return undefined;
    }
  }
  zoneCache.set(name, z);
  return z;
}

let goDirs: Set<string> | undefined;
/** Directories of the zoneinfo tree implied by Go's zone names ("America", "America/Argentina", …). */
function goDirSet(): Set<string> {
  if (goDirs) return goDirs;
  goDirs = new Set();
  for (const n of GO_ZONE_NAMES) {
    const parts = n.split('/');
    for (let i = 1; i < parts.length; i++) goDirs.add(parts.slice(0, i).join('/'));
  }
  return goDirs;
}

const utf8 = new TextEncoder();

/**
 * A name that is not in Go's zip: Go then opens <zoneinfo dir>/<name> on the host, so what the host's file
 * system says becomes the error (Linux, with the standard tzdata tree under /usr/share/zoneinfo, as in Argo's
 * controller image): a NUL byte → "invalid argument", a path component over 255 bytes → "file name too long",
 * a zone file used as a directory → "not a directory", a directory → "is a directory". "a//b" and "./a"
 * resolve to the file "a/b" / "a" and load. Anything else is "unknown time zone <name>".
 */
function loadNamed(name: string): ZoneResult {
  if (goNameSet().has(name)) {
    const z = makeZone(name);
    return z ? { ok: true, zone: z } : { ok: false, error: `unknown time zone ${name}` };
  }
  const unknown: ZoneResult = { ok: false, error: `unknown time zone ${name}` };
  if (name.includes('\u0000')) return { ok: false, error: 'invalid argument' };
  if (utf8.encode(name).length + '/usr/share/zoneinfo/'.length >= 4095) return { ok: false, error: 'file name too long' };
  const parts = name.split('/');
  const trailingSlash = parts.length > 1 && (parts[parts.length - 1] === '' || parts[parts.length - 1] === '.');
  let path = '';
  let isFile = false;
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i];
    if (c === '' || c === '.') continue;
    if (utf8.encode(c).length > 255) return { ok: false, error: 'file name too long' };
    if (isFile) return { ok: false, error: 'not a directory' };
    const next = path === '' ? c : `${path}/${c}`;
    if (goNameSet().has(next)) isFile = true;
    else if (!goDirSet().has(next)) return unknown;
    path = next;
  }
  if (path === '') return { ok: false, error: 'is a directory' };
  if (isFile) {
    if (trailingSlash) return { ok: false, error: 'not a directory' };
    const z = makeZone(path);
    return z ? { ok: true, zone: alias(name, z) } : unknown;
  }
  return { ok: false, error: 'is a directory' };
}

/**
 * Go's time.LoadLocation: "" and "UTC" → UTC; "Local" → the process's zone (callers that emulate a
 * controller pass their own zone instead); names containing ".." or starting with "/" or "\" →
 * "time: invalid location name"; any other name must be in Go's tzdata (case-sensitive) or the error is
 * "unknown time zone <name>".
 */
export function loadZone(name: string): ZoneResult {
  if (name === '' || name === 'UTC') return { ok: true, zone: UTC };
  if (name === 'Local') return { ok: true, zone: processZone() };
  if (containsDotDot(name) || name[0] === '/' || name[0] === '\\') return { ok: false, error: 'time: invalid location name' };
  return loadNamed(name);
}
