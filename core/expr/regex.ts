// Go RE2 regular expressions through re2js (linear time; Go's syntax and error texts).
import { RE2JS } from 're2js';

export type Regex = RE2JS;
const cache = new Map<string, RE2JS | string>();

/** Compiles a pattern; returns the Go error text on failure. */
export function compileRegex(pattern: string): RE2JS | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let r: RE2JS | string;
  // Go checks the pattern's UTF-8 first; the engine keeps an invalid byte as a lone surrogate U+DC80–U+DCFF, and
  // the error quotes the pattern from that byte on
  const bad = pattern.search(/[\uDC80-\uDCFF]/);
  if (bad >= 0) r = `error parsing regexp: invalid UTF-8: \`${pattern.slice(bad)}\``;
  else try {
    r = RE2JS.compile(pattern);
  } catch (e) {
    r = (e as Error).message;
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, r);
  return r;
}

/** Unanchored match like Go's regexp.MatchString. */
export function regexFind(re: RE2JS, s: string): boolean {
  return re.matcher(s).find();
}
