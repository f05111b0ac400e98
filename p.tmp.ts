import { evalSelector, buildEnvironment } from './core/expr/index';
const ev = { payload: { big: 'x'.repeat(1_900_000) }, headers: [], discriminator: '', namespace: '' };
for (const src of ['let a = 1..999999; all(a, # in a)', 'len(uniq(1..999999)) > 0', 'all(1..999, payload.big contains "y" == false)', 'all(1..100000, payload.big matches "^x")', 'let a = 1..999; all(a, all(a, a == a))', 'all(1..99999, len(upper(payload.big)) > 0)']) {
  const t0 = Date.now(); const r = evalSelector(src, ev); console.log(src, JSON.stringify(r).slice(0, 120), Date.now() - t0, 'ms');
}
