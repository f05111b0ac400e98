// Compares the UTC-offset transitions of EVERY zone name Go accepts, 2024–2032, between the JavaScript
// runtime's ICU data (Intl, what the engine uses) and Go's tzdata (the oracle). Prints the zones that differ.
// Usage: npx tsx scripts/cron-tzcheck.ts [fromYear] [untilYear]   (needs Go)
import { loadZone, zoneNames, zoneTransitions } from '../core/cron';
import { ensureOracle, runOracle } from '../test/core/cron/oracle';

const bin = ensureOracle();
if (!bin) {
  console.error('Go is not installed');
  process.exit(1);
}
const y0 = Number(process.argv[2] ?? 2024);
const y1 = Number(process.argv[3] ?? 2033);
const from = `${y0}-01-01T00:00:00Z`;
const until = `${y1}-01-01T00:00:00Z`;
const names = zoneNames();
const answers = runOracle(bin, names.map((zone) => JSON.stringify({ zone, from, until })), ['transitions']);
const diffs: string[] = [];
let total = 0;
names.forEach((name, i) => {
  const go = (JSON.parse(answers[i]) as { transitions: number[][] }).transitions;
  total += go.length;
  const z = loadZone(name);
  if (!z.ok) return void diffs.push(`${name}: not loadable (${z.error})`);
  const ours = zoneTransitions(z.zone, Date.parse(from), Date.parse(until)).map((t) => [t.at / 1000, t.before, t.after]);
  if (JSON.stringify(go) !== JSON.stringify(ours)) diffs.push(`${name}\n  go   ${JSON.stringify(go)}\n  intl ${JSON.stringify(ours)}`);
});
console.log(`ICU tz ${process.versions.tz ?? '?'} vs Go tzdata: ${names.length} zones, ${total} transitions in [${from}, ${until}), ${diffs.length} zones differ`);
if (diffs.length) console.log(diffs.join('\n'));
process.exit(diffs.length ? 1 : 0);
