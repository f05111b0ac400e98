// Unit cases for the expr engine, grouped by the part they exercise. Expected answers are NOT written here:
// they are recorded from the Go oracle (scripts/expr-engine-units.ts → test/fixtures/expr-engine/units.jsonl).
import type { OracleRequest } from './oracle';

const GH = {
  payload: { action: 'opened', number: 42, pr: { title: 'Fix: bug', labels: [{ name: 'bug' }, { name: 'ci' }], draft: false },
    tags: ['a', 'b'], count: '7', ratio: 0.5, ids: [1, 2, 3], nothing: null, s: 'abc', big: 12345678901234567890, ts: 1700000000,
    txt: 'a"b<c>&d\ne\tf\\g', u: '\\u003c' },
  headers: [['X-GitHub-Event', 'pull_request'], ['X-Multi', 'one'], ['x-multi', 'two'], ['Authorization', 'secret']] as [string, string][],
  discriminator: 'github', namespace: 'argo',
};
const S = (expression: string, event: OracleRequest['event'] = GH): OracleRequest => ({ mode: 'selector', expression, event });
const P = (expression: string, event: OracleRequest['event'] = GH): OracleRequest => ({ mode: 'parameter', expression, event });

const groups: Record<string, OracleRequest[]> = {
  lexer: [
    P('"\\x41\\101\\u0041\\U00000041"'), P("'single' + \"double\""), P('`raw\\n`'), P('0x1F + 0o17 + 0b101 + 1_000 + 017'),
    P('.5 + 1. + 1e3'), P('1E'), P('0b15'), P('"a\\qb"'), P('"unterminated'), P('"\\u{1F600}"'), P('`a``b`'),
    P('1 /* c */ + 2 // tail'), P('7 // 2'), P('@'), P('9223372036854775808'), P('1e400'), P("'it\\'s'"), P('"\\?"'),
  ],
  parser: [
    P('-2 ** 2'), P('2 ^ 3 ^ 2'), P('not true == false'), P('1 < 2 < 3'), P('a ?? b + c'), P('payload.missing ?? "d" | upper()'),
    P('1 + if true { 2 } else { 3 }'), P('if 1 == 2 { "no" } else if 1 == 1 { "yes" } else { "maybe" }'), P('1; 2; 3'),
    P('let x = 1; x + 2'), P('[1, 2, 3,,]'), P('{a: 1, "b": 2, 3: 4, (k): v}'), P('{a}'), P('foo.'), P('a+'), P(''),
    P('payload.tags[1:]'), P('payload.tags[:1]'), P('"hello"[1:3]'), P('3..5[0]'), P('payload?.pr?.["title"]'),
    P('payload.pr.title | lower() | trimPrefix("fix: ")'), P('payload.in'), P('true ? 1 : 2 ? 3 : 4'), P('nil ?: 3'),
    P('filter(payload.ids, # > 1)'), P('map(payload.pr.labels, .name)'), P('#'), P('1 not == 2'), P('x ?? y || z'),
  ],
  checker: [
    S('foo == nil'), S('discriminator == 1'), S('1 and true'), S('not 1'), S('payload ? 1 : 2'), S('len(1)'), S('upper(1)'),
    S('upper()'), S('filter(payload, true)'), S('1 in payload'), S('"a" matches "(a"'), S('$env.foo'), S('$env?.foo == nil'),
    S('payload()'), S('nil.foo'), S('1 % 0'), S('payload.tags + 1'), S('namespace + 1 == 2'),
    { mode: 'selector', expression: 'payload.foo', event: { ...GH, payload: 'hi' } },
    { mode: 'selector', expression: 'payload?.foo', event: { ...GH, payload: null } },
    { mode: 'selector', expression: 'payload.foo', event: { ...GH, payload: [1, 2] } },
  ],
  evaluator: [
    S('payload.number % 2 == 0'), S('int(payload.number) % 2 == 0'), S('payload.ids == [1, 2, 3]'), S('payload.pr == {"title": "Fix: bug"}'),
    S('payload.pr?.missing.deeper == nil'), S('payload.pr.missing?.deeper.x == nil'), S('payload.count > 5'), S('payload.count == 7'),
    S('payload.ratio * 2 == 1'), S('payload.pr.title matches "(?i)^fix"'), S('payload.tags?.[5] == nil'), S('payload.number in 40..45'),
    S('payload.missing.x || true'), S('payload.missing.x && false'), S('payload.s && true'), S('payload.missing in ["", "x"]'),
    S('payload.number in ["a"]'), S('payload.s[0] == 97'), S('"a" in payload.s'), S('payload.missing matches "a"'),
    P('9223372036854775807 + 1'), P('7 / 2'), P('1 / 0'), P('-7 % 3'), P('string(1234567.0)'), P('string(payload.ts)'),
    P('string({"a": 1})'), P('len("héllo")'), P('abs(-0.0)'), P('upper("ß")'), P('{a: 1, a: 2}.a'), P('sum([1, 2.5])'),
    P('reduce(1..5, #acc + #, 0)'), P('groupBy(payload.pr.labels, .name)'), P('sortBy(payload.tags, #, "desc")'),
    P('find(payload.ids, # > 1)'), P('findIndex(payload.ids, # > 5)'), P('count(payload.ids, # > 1)'), P('one(payload.ids, # == 2)'),
    P('toJSON(payload.pr)'), P('fromJSON("[1, 2]")'), P('split("a,b,c", ",", 2)'), P('trim("__x__", "_")'), P('replace("aaa", "a", "b")'),
    P('indexOf("héllo", "l")'), P('max(1, 2.5, [7])'), P('mean([1, 2])'), P('median([3, 1, 2])'), P('first([])'), P('get([1], 5)'),
    P('uniq([1, 1, 2])'), P('concat([1], [2])'), P('flatten([[1], [2, [3]]])'), P('reverse([1, 2])'), P('keys({a: 1})'),
    P('toBase64("hi")'), P('fromBase64("aGk=")'), P('bitand(6, 3)'), P('repeat("ab", 3)'), P('repeat("ab", 600000)'), P('1..1000000'),
    P('int("4.5")'), P('float("1.5")'), P('round(2.5)'), P('ceil(1.2)'), P('take([1, 2, 3], 2)'), P('duration("1h30m")'),
  ],
  environment: [
    S('metadata["x-github-event"] == ["pull_request"]'), S('"pull_request" in metadata["x-github-event"]'),
    S('metadata["X-GitHub-Event"] == nil'), S('metadata["x-multi"] == ["one", "two"]'), S('metadata.authorization == nil'),
    S('discriminator == "github" && namespace == "argo"'), P('payload.big'), P('metadata'),
    { mode: 'selector', expression: 'payload == nil', event: { headers: [], discriminator: '', namespace: '' } },
  ],
  stringify: [
    P('payload.txt'), P('payload.u'), P('payload.pr'), P('payload.tags'), P('nil'), P('true'), P('3.0'), P('1e21'), P('1e-7'),
    P('-0.0'), P('""'), P('toJSON(payload.tags)'), P('float("NaN")'), P('"\\u2028"'), P('"\\b\\f"'), S('"hello"'), S('1.5'),
    S('[1, "a", nil]'), S('{a: 1}'), S('payload.nothing'),
  ],
  optimizer: [
    S('8 >= findLastIndex([1, 2], # > 5)'), S('"x" startsWith findLast(["a"], true)'), P('sum([1, "a", nil])'), P('sum(1..10000000)'),
    P('len(filter(payload.ids, # > 1))'), P('filter(payload.ids, # > 5)[0]'), P('last(filter(payload.ids, # > 1))'),
    P('map(filter(payload.ids, # > 1), # * 2)'), S('all(payload.ids, # > 0) && all(payload.ids, # < 3)'),
    S('count(payload.ids, # > 1) > 0'), P('reduce(1..100, # + #acc)'), P('1e-9 ** 15'), P('(-8) ** (1/3)'),
    P('payload.ids | sort("desc")'), P('sort(toPairs({a: 1}))'), P('{"a": payload.missing.x && true}'),
  ],
  time: [
    P('date("2023-10-01T12:00:00Z").Year()'), P('date("2023-10-01", "2006-01-02", "Europe/Berlin").Month()'),
    S('date("2023-10-01").Weekday().String() == "Sunday"'), P('date("2023-10-01 12:00", "2006-01-02 15:04", "Europe/Berlin")'),
    P('date("01/02/2024", "0;1/02/2006")'), P('duration("1h30m")'), P('duration("72d")'), P('duration("1.5")'),
    P('duration("90m").Hours()'), P('date("2024-02-29T23:59:59+02:00").Format("2006-01-02 15:04 MST")'),
    S('date("2024-01-01") < date("2024-02-01")'), P('date("bad")'),
  ],
  profiles: [
    { ...P('"\\u{1F600}"'), profile: 'v3.5' }, { ...P('`a``b`'), profile: 'v3.5' }, { ...P('b"x"'), profile: 'v4.0' },
    { ...P('if 1 == 2 { 1 } else if true { 2 } else { 3 }'), profile: 'v3.5' }, { ...P('reduce([], #acc)'), profile: 'v4.0' },
    P('reduce([], #acc)'), { ...P('"北京" not startsWith fromBase64("x")'), profile: 'v3.5' }, { ...P('(1 + '), profile: 'v3.5' },
    { ...S('count(payload.ids, # > 1) > 0'), profile: 'v4.0' },
  ],
  safety: [
    S('payload.constructor == nil'), S('payload.__proto__ == nil'), S('payload.toString == nil'), S('payload.hasOwnProperty == nil'),
    S('payload["__proto__"] == nil'), S('metadata.constructor == nil'), P('$env.constructor'), P('toString'),
  ],
  // differences found by random live oracle batches after the golden fixtures matched (notes: expr-differences.txt)
  residual: [
    P('float(payload.nothing)'), P('float(findIndex([1], {false}))'), { ...P('float(payload.nothing)'), profile: 'v3.5' },
    P('max(payload.s)'), P('min(payload.nothing)'), P('max(payload.pr)'), P('max(payload.pr, 1)'), P('max(payload.tags)'),
    S('find(payload.tags, true && true) ?? (payload.tags) | max()'), P('max(b"ab")'), P('mean(b"ab")'),
    P('take(2..3, 1) not in fromPairs([["v1", 1]])'), P('take(split("a,b", ","), 1) in fromPairs([["v1", 1]])'),
    P('take(b"abc", 2) in fromPairs([["v1", 1]])'), P('take(payload.tags, -1)'), P('take(2..5, 9)'), P('type(b"abc")'),
    P('sortBy(2..3, #) in fromPairs([["v1", 1]])'), P('sort(sortBy(toPairs({"a": 1}), #[0]))'), P('sort(take(toPairs({"a": 1}), 1))'),
    P('map([1, 676], {findLastIndex(payload.tags, {true})})'), P('map(1..7, {findLastIndex([1, 2, 3], {# == 2})})'),
    P('map(1..7, {findLast([1, 2, 3], {false})})'), P('map([1, 2, 3], {# > 1 ? findLastIndex([1, 2], {true}) : 7})'),
    P('filter([1, 2, 3], {findLastIndex([1, 2], {true}) == 1})'), { ...P('map(1..4, {findLastIndex([1], {false})})'), profile: 'v3.5' },
    P('hasPrefix(get($env["namespace"] ?? metadata, 2), payload)'), P('upper(payload.s[0])'), P('count(payload.s)'),
    P('type(payload.s[0])'), P('-payload.s[0]'), P('payload.s[0] * payload.s[0]'), P('payload.s[0] + "a"'), P('payload.s[0] % 2.0'),
    P('map(payload.s, #) == [97, 98, 99]'), P('toJSON(map(payload.s, #))'), P('bitand(payload.s[0], 3)'), P('payload.s[0] ? 1 : 2'),
    P('find(payload.pr, true)'), P('findLast(payload.pr, true)'), P('findLastIndex(payload.pr, true)'), P('filter(payload.pr, true)'),
    P('groupBy(payload.pr, true)'), P('sortBy(payload.pr, 1)'), P('reduce(payload.pr, 1)'), P('len(filter(payload.pr, true))'),
    P('upper(get(payload.s, 1))'), P('type(get(payload.s, -1))'), P('type(first(b"ab"))'), P('last(payload.s)'),
    P('len(groupBy(payload.s + "a", #))'), P('groupBy(payload.s + "a", #)[97]'),
    P('fromPairs(payload.s)'), P('fromPairs(payload.pr)'), P('fromPairs(payload.nothing)'), P('fromPairs(payload.ratio)'),
    S('"feature/" matches fromBase64(`argo`)'), S('"x" matches ("a" + fromBase64("gA=="))'), { ...S('"x" matches fromBase64("KIA=")'), profile: 'v3.5' },
    S('concat(payload.tags[2:], payload.tags[2:]) ?? true'), P('concat([], []) ?? 1'), P('join(payload.nothing, "v1")'),
    { ...P('join(payload.nothing, "v1")'), profile: 'v4.0' }, S('findIndex(payload.ids, {# > 5}) == payload.ratio % payload.ratio'),
  ],
};

export const UNIT_CASES: { id: string; group: string; request: OracleRequest }[] = Object.entries(groups).flatMap(
  ([group, reqs]) => reqs.map((request, i) => ({ id: `${group}-${i}`, group, request })),
);
