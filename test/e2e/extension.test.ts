// The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) + Debian Chromium via playwright-core.
// One code-server per run (fresh user-data, extensions and workspace folders), the demo workspace, assertions made
// through the page. Expected values come from our own engines (core/cron, core/argo), never typed in by hand.
// Tools: scripts/setup-e2e.sh. Without them the suite is skipped with a loud reason (and fails under CI=true).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cron from '../../core/cron';
import { lintText, matchEvent, parseFile, type Finding } from '../../core/argo';
import type { ArgoEvent } from '../../core/expr';
import {
  ARTIFACTS, commandTitle, editorText, gotoLine, hoverAtCursor, logs, manifestCommands, missingTools, openFile, pngColourCount,
  positionOf, problemsText, REPO, retry, runCommand, screenshot, start, waitFor, webviewFrame, type Session,
} from './harness';

const USER_TZ = 'Europe/Paris'; // the extension host's zone = "the user's zone" (shown next to the schedule's zone)
const demoSettings = JSON.parse(readFileSync(join(REPO, 'demo/.vscode/settings.json'), 'utf8'));
const ARGO_VERSION = demoSettings['argoTriggers.argoVersion'] ?? 'v4.1';
const CONTROLLER_TZ = demoSettings['argoTriggers.controllerTimezone'] ?? 'UTC';
const FIRE_COUNT = 10; // argoTriggers.hover.fireCount default (package.json)

const why = missingTools();
if (why) {
  console.warn(`\n!!! E2E SUITE SKIPPED: ${why} !!!\n`);
  if (process.env.CI) test('e2e tools are installed (CI runs scripts/setup-e2e.sh)', () => assert.fail(why));
}

const saveText = (name: string, text: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.txt`), text);
};
const demoFiles = (dir: string) => readdirSync(join(REPO, 'demo', dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`).sort();
/** A sample event file as argo-server would receive it (headers as an object or [name, value] pairs). */
function sampleEvent(text: string): ArgoEvent {
  const o = JSON.parse(text);
  const headers: [string, string][] = Array.isArray(o.headers)
    ? o.headers.map((h: [string, string]) => [h[0], String(h[1])])
    : Object.entries(o.headers ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)] as [string, string]));
  return { payload: o.payload, headers, discriminator: o.discriminator ?? '', namespace: o.namespace ?? '' };
}
const demoText = (rel: string) => readFileSync(join(REPO, 'demo', rel), 'utf8');
const lint = (rel: string, text = demoText(rel)): Finding[] =>
  lintText(text, { argoVersion: ARGO_VERSION, controllerZone: CONTROLLER_TZ, now: Date.now() });
/** 'YYYY-MM-DD HH:MM' of an instant in a zone, from our engine's RFC 3339 formatter. */
const wallMinute = (ms: number, zone: cron.Zone) => cron.formatRfc3339(ms, zone).replace('T', ' ').slice(0, 16);

describe('extension in code-server', { skip: why ? `E2E SKIPPED: ${why}` : false, timeout: 900_000 }, () => {
  let s: Session;
  const t0 = Date.now();

  before(async () => {
    s = await start({ tz: USER_TZ });
    console.log(`  [e2e] code-server ${s.url} + Chromium ready in ${s.startedMs} ms (workspace ${s.workspace})`);
  }, { timeout: 240_000 });

  after(async () => {
    await s?.close();
    console.log(`  [e2e] total e2e run time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  test('the extension activates and logs its activate() time', { timeout: 90_000 }, async () => {
    const activation = await waitFor('activation in the extension host log', () => {
      const l = logs(s);
      return /ExtensionService#_doActivateExtension argo-triggers\.argo-triggers\b/.test(l.exthost) && /activate\(\) took [\d.]+ ms/.test(l.ours) ? l : undefined;
    }, 60_000);
    const ms = Number(/activate\(\) took ([\d.]+) ms/.exec(activation.ours)![1]);
    const event = /_doActivateExtension argo-triggers\.argo-triggers, startup: \w+, activationEvent: '([^']+)'/.exec(activation.exthost)?.[1];
    console.log(`  [e2e] activate() took ${ms} ms (activation event: ${event})`);
    assert.ok(Number.isFinite(ms) && ms >= 0);
    assert.ok(event && /^(onLanguage:yaml|workspaceContains:)/.test(event), `activated by ${event}`);
  });

  test('Problems shows a broken schedule and a header-case selector', { timeout: 180_000 }, async () => {
    // broken schedules: what our core reports (robfig's error texts, Argo's wording) must reach the Problems panel
    const cronFindings = lint('cron/broken-schedules.yaml').filter((f) => f.severity === 'error' || f.severity === 'warning');
    const invalid = cronFindings.find((f) => f.code === 'cron.schedule.invalid');
    assert.ok(invalid, 'the demo has a malformed schedule');
    const parse = cron.parseSchedule('0 25 * * *');
    assert.ok(!parse.ok && invalid.message.includes(parse.error), 'the finding carries the engine\'s parse error');
    await openFile(s.page, 'cron/broken-schedules.yaml');
    await waitFor('broken-schedule diagnostics in Problems', async () => {
      const text = await problemsText(s.page, 'broken-schedules.yaml');
      return cronFindings.every((f) => text.includes(f.message)) ? text : undefined;
    }, 60_000);
    await screenshot(s.page, 'diagnostics-cron');

    const webFindings = lint('events/header-case.yaml').filter((f) => f.code.startsWith('web.header.'));
    assert.ok(webFindings.some((f) => f.code === 'web.header.case'), 'the demo has a header-case mistake');
    await openFile(s.page, 'events/header-case.yaml');
    const text = await waitFor('header-case diagnostics in Problems', async () => {
      const t = await problemsText(s.page, 'header-case.yaml');
      return webFindings.every((f) => t.includes(f.message)) ? t : undefined;
    }, 60_000);
    assert.match(text, /x-github-event/);
    await screenshot(s.page, 'diagnostics');
    await problemsText(s.page, ''); // clear the filter for the later screenshots
  });

  test('the language status item shows the targeted Argo version and the last validation', { timeout: 120_000 }, async () => {
    await openFile(s.page, 'cron/nightly-backup.yaml');
    const text = await retry('language status hover', async () => {
      await s.page.keyboard.press('Escape');
      const item = s.page.locator('[id="status.languageStatus"]');
      await item.waitFor({ state: 'visible', timeout: 15_000 });
      await item.hover();
      return waitFor('our item in the language status hover', async () => {
        const t = await s.page.evaluate<string>(`[...document.querySelectorAll('.monaco-hover, .context-view')]
          .filter((e) => e.offsetParent !== null).map((e) => e.innerText).join('\\n')`);
        return t.includes(`Argo ${ARGO_VERSION}`) && /validated \d/.test(t) ? t : undefined;
      }, 15_000);
    });
    assert.match(text, new RegExp(`controller zone ${CONTROLLER_TZ}`));
    await screenshot(s.page, 'language-status');
    await s.page.keyboard.press('Escape');
    await s.page.mouse.move(700, 300);
  });

  test('hovering a schedule shows the next fire times computed by our engine for its zone', { timeout: 180_000 }, async () => {
    const rel = 'cron/nightly-backup.yaml';
    const text = demoText(rel);
    const sched = '30 2 * * *';
    const tz = /timezone:\s*(\S+)/.exec(text)![1];
    await openFile(s.page, rel);
    const at = positionOf(text, sched);
    await gotoLine(s.page, at.line, at.column + 1);
    const expected = (now: number) => {
      const r = cron.parseSchedule(`CRON_TZ=${tz} ${sched}`);
      assert.ok(r.ok, 'schedule parses');
      const user = cron.loadZone(USER_TZ);
      assert.ok(user.ok);
      const { times } = cron.nextTimes(r.schedule, now, FIRE_COUNT);
      return { zone: times.map((t) => wallMinute(t, r.schedule.zone)), user: times.map((t) => wallMinute(t, user.zone)) };
    };
    const before = Date.now();
    const hover = await hoverAtCursor(s.page, (h) => h.includes(sched) && /\d{4}-\d\d-\d\d \d\d:\d\d/.test(h));
    // a fire time could pass between our computation and the server's: accept the list as of either instant
    const candidates = [expected(before), expected(Date.now())];
    const ok = candidates.find((e) => e.zone.every((w) => hover.includes(w)));
    assert.ok(ok, `hover lists the next ${FIRE_COUNT} fires in ${tz}:\n  expected ${candidates[0].zone.join(', ')}\n  hover:\n${hover}`);
    assert.ok(ok.user.every((w) => hover.includes(w)), `hover also shows them in the user's zone ${USER_TZ}: ${ok.user.join(', ')}\n${hover}`);
    assert.ok(hover.includes(tz), 'hover names the zone');
    await screenshot(s.page, 'hover');
  });

  test('the quick fix rewrites schedule to schedules', { timeout: 180_000 }, async () => {
    const rel = 'cron/legacy-schedule.yaml';
    const original = demoText(rel);
    const finding = lint(rel, original).find((f) => f.code === 'cron.schedule.removed');
    assert.ok(finding?.fixes?.length, 'core offers a fix for spec.schedule on v4');
    const fix = finding.fixes[0];
    // the file as it must be after the fix: the core's edits applied (end to start)
    let want = original;
    for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) want = want.slice(0, e.range.start) + e.newText + want.slice(e.range.end);
    await openFile(s.page, rel);
    const at = positionOf(original, 'schedule:');
    await retry('apply the quick fix', async () => {
      await gotoLine(s.page, at.line, at.column + 2);
      await s.page.keyboard.press('Control+.');
      const item = s.page.locator('.action-widget .monaco-list-row', { hasText: fix.title }).first();
      await item.waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot(s.page, 'quick-fix');
      // move the focus onto our fix (the menu may hold others), then apply it with Enter
      for (let i = 0; i < 10; i++) {
        const focused = await s.page.locator('.action-widget .monaco-list-row.focused').first().innerText({ timeout: 2000 }).catch(() => '');
        if (focused.includes(fix.title)) break;
        await s.page.keyboard.press('ArrowDown');
      }
      await s.page.keyboard.press('Enter');
      await waitFor('the edit in the editor', async () => (await editorText(s.page)).includes('schedules:'), 10_000);
    });
    await s.page.keyboard.press('Control+S');
    const onDisk = await waitFor('the saved file', () => {
      const t = readFileSync(join(s.workspace, rel), 'utf8');
      return t !== original ? t : undefined;
    }, 15_000);
    assert.equal(onDisk, want);
    assert.equal(lint(rel, onDisk).filter((f) => f.code.startsWith('cron.schedule.')).length, 0, 'the fixed file is clean');
  });

  test('completion offers zone names', { timeout: 180_000 }, async () => {
    const rel = 'cron/business-reports.yaml';
    const text = demoText(rel);
    const prefix = 'Europe/Be';
    const want = cron.zoneNames().filter((z) => z.startsWith(prefix));
    assert.ok(want.length >= 2, `zoneNames() has several ${prefix}* names`);
    await openFile(s.page, rel);
    const at = positionOf(text, 'Europe/Berlin', 'timezone:');
    const labels = await retry('zone completion', async () => {
      await gotoLine(s.page, at.line, at.column);
      await s.page.keyboard.press('Shift+End');
      await s.page.keyboard.type(prefix, { delay: 20 });
      await s.page.keyboard.press('Control+Space');
      try {
        return await waitFor('zone suggestions', async () => {
          const got = await s.page.evaluate<string[]>(`[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')]
            .map((r) => r.getAttribute('aria-label') || r.innerText)`);
          return want.every((z) => got.some((g) => g.includes(z))) ? got : undefined;
        }, 15_000);
      } finally {
        await screenshot(s.page, 'completion').catch(() => undefined);
        await s.page.keyboard.press('Escape');
        await runCommand(s.page, 'File: Revert File');
      }
    });
    console.log(`  [e2e] zone suggestions for "${prefix}": ${labels.slice(0, 8).join(' | ')}`);
  });

  test('the schedule timeline renders', { timeout: 180_000 }, async () => {
    const id = 'argoTriggers.showTimeline';
    const title = commandTitle(id);
    assert.ok(title, `package.json contributes ${id} (has: ${manifestCommands().map((c) => c.command).join(', ')})`);
    // every CronWorkflow of the demo, as our document model finds them
    const crons = demoFiles('cron').flatMap((f) => parseFile(demoText(f)).docs.filter((d) => d.kind === 'CronWorkflow').map((d) => d.name!));
    assert.ok(crons.length >= 5);
    await openFile(s.page, 'cron/nightly-backup.yaml');
    await runCommand(s.page, title);
    const frame = await webviewFrame(s.page, crons[0], 60_000);
    const body = await waitFor('every CronWorkflow in the timeline', async () => {
      const b = await frame.locator('body').innerText();
      return crons.every((c) => b.includes(c)) ? b : undefined;
    }, 30_000);
    saveText('timeline', body);
    // the next runs of nightly-backup (two schedules merged, America/Los_Angeles) as our engine computes them,
    // shown as the scheduled-time annotation the controller would write (RFC 3339 in the zone)
    const spec = { schedules: ['30 2 * * *', '30 1 * * 0'], timezone: 'America/Los_Angeles' };
    assert.ok(demoText('cron/nightly-backup.yaml').includes(spec.schedules[1]));
    const la = cron.loadZone(spec.timezone);
    assert.ok(la.ok);
    const utc = cron.loadZone(CONTROLLER_TZ);
    assert.ok(utc.ok);
    const firstFires = (now: number) => cron.mergedNextTimes(spec, utc.zone, now, 5).fires.map((f) => cron.formatRfc3339(f.at, la.zone));
    const expected = [firstFires(Date.now() - 120_000), firstFires(Date.now())].find((l) => l.every((t) => body.includes(t)));
    assert.ok(expected, `the timeline lists nightly-backup's next runs ${firstFires(Date.now()).join(', ')}`);
    // a broken schedule is reported with the engine's error text
    const broken = cron.parseSchedule('0 25 * * *');
    assert.ok(!broken.ok && body.includes(broken.error), 'the broken schedule\'s error is shown');
    const file = await screenshot(s.page, 'timeline');
    const { colours } = pngColourCount(file);
    assert.ok(colours > 50, `the timeline screenshot has content (${colours} colours)`);
  });

  test('the event preview renders', { timeout: 180_000 }, async () => {
    const cmd = manifestCommands().find((c) => /preview event/i.test(c.title));
    assert.ok(cmd, `package.json contributes a "Preview event match" command (has: ${manifestCommands().map((c) => c.title).join(', ')})`);
    const title = commandTitle(cmd.command)!;
    const rel = 'events/samples/push-main.event.json';
    const event = sampleEvent(demoText(rel));
    // which bindings of the demo match, per our core (expr engine + argo-server's dispatch rules)
    const results = demoFiles('events').flatMap((f) => matchEvent(demoText(f), event, { argoVersion: ARGO_VERSION }));
    const matched = results.filter((m) => m.matched).map((m) => m.binding.name!);
    const unmatched = results.filter((m) => !m.matched).map((m) => m.binding.name!);
    assert.ok(matched.length >= 1 && unmatched.length >= 1, `the demo sample matches some bindings and not others (${matched} / ${unmatched})`);
    await openFile(s.page, rel);
    await runCommand(s.page, title);
    const frame = await webviewFrame(s.page, matched[0], 60_000);
    const body = await waitFor('every binding in the preview', async () => {
      const b = await frame.locator('body').innerText();
      return [...matched, ...unmatched].every((n) => b.includes(n)) ? b : undefined;
    }, 30_000);
    saveText('event-preview', body);
    for (const n of matched) assert.match(body, new RegExp(`${n}\\s*·?\\s*matched`), `${n} is shown as matched`);
    for (const n of unmatched) assert.match(body, new RegExp(`${n}\\s*·?\\s*not matched`), `${n} is shown as not matched`);
    // the parameters the Workflow would get, evaluated by our engine
    for (const m of results.filter((r) => r.matched)) {
      for (const p of m.parameters) if (p.value !== undefined) assert.ok(body.includes(p.value), `parameter ${p.name} = ${p.value} is shown`);
    }
    const file = await screenshot(s.page, 'event-preview');
    const { colours } = pngColourCount(file);
    assert.ok(colours > 50, `the event preview screenshot has content (${colours} colours)`);
  });

  test('the logs show the language server running and no errors', { timeout: 60_000 }, async () => {
    const l = logs(s);
    assert.match(l.ours, /Language server started in [\d.]+ ms/);
    const ourErrors = l.ours.split('\n').filter((x) => /\[error\]/.test(x));
    assert.deepEqual(ourErrors, [], 'no errors in the "Argo Triggers" output');
    const hostErrors = l.exthost.split('\n').filter((x) => /\[error\]/.test(x) && /argo-triggers|argoTriggers/i.test(x));
    assert.deepEqual(hostErrors, [], 'no extension host errors from our extension');
  });

  // Last, because it provokes errors on purpose: the bounded restart policy brings a killed server back.
  test('a crashed language server is restarted', { timeout: 120_000 }, async () => {
    // our server processes: command lines (from /proc) naming the server bundle in this run's extensions dir
    const serverPids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        return cmd.includes(join(s.extensionsDir, '')) && cmd.includes('dist/server.js');
      } catch {
        return false; // exited meanwhile
      }
    }).map(Number);
    await openFile(s.page, 'cron/nightly-backup.yaml'); // an Argo document: the server runs
    await waitFor('the server to be running', () => /Language server started/.test(logs(s).ours), 60_000);
    const [pid] = await waitFor('the language server process', () => { const p = serverPids(); return p.length ? p : undefined; }, 30_000);
    const startsBefore = (logs(s).ours.match(/Language server started/g) ?? []).length;
    process.kill(pid, 'SIGKILL'); // the server process of the code-server we started, by its pid
    const after = await waitFor('a restart after the crash', () => {
      const l = logs(s).ours;
      return /stopped unexpectedly; restarting/.test(l) && serverPids().some((p) => p !== pid) ? l : undefined;
    }, 60_000).catch((e: Error) => {
      throw new Error(`${e.message}\nserver pids now: ${serverPids().join(', ') || 'none'}\nour log (tail):\n${logs(s).ours.split('\n').slice(-25).join('\n')}`);
    });
    console.log(`  [e2e] server pid ${pid} killed; new server pid ${serverPids().join(', ')}`);
    assert.ok(!serverPids().includes(pid));
    assert.ok((after.match(/Language server started/g) ?? []).length >= startsBefore);
    // and it works again: diagnostics for a file no earlier step opened
    const findings = lint('cron/cache-warmer.yaml');
    assert.ok(findings.some((f) => f.code === 'cron.timezone.missing'), 'the demo file has a finding');
    await openFile(s.page, 'cron/cache-warmer.yaml');
    try {
      await waitFor('diagnostics after the restart', async () => {
        const t = await problemsText(s.page, 'cache-warmer.yaml');
        return findings.every((f) => t.includes(f.message)) ? t : undefined;
      }, 60_000);
    } finally {
      await screenshot(s.page, 'after-restart', { forDocs: false });
    }
  });
});
