#!/usr/bin/env node
// The pages of issue 16 in a real browser (run by .ci/run after npm test; docs/pages.md):
// makes a small audit page, a replay and a run page and a mutation report page with the
// command line, opens each in Debian's headless Chromium (installed with apt-get when
// missing) driven by playwright-core, and checks that the heat map, the plot and the step
// viewer render with no console error and no network request, and that clicking a broken
// cell opens its witness at the failing step. Screenshots go to reports/browser/
// (git-ignored). Prints one line per check, then `browser checks — N passed, M failed`;
// exit 1 when any check failed.
//
//   node test/browser/check-pages.mjs            # what .ci/run runs
//   node test/browser/check-pages.mjs --keep     # keep the browser profile folder (debugging)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'reports', 'browser');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Every browser action waits at most this long. */
const ACTION_MS = 20_000;
/** The whole script gives up after this long (a hung browser must not hang CI). */
const WATCHDOG_MS = 20 * 60_000;

const results = [];
const say = (s) => process.stdout.write(`${s}\n`);
const pass = (name) => {
  results.push({ name, ok: true });
  say(`  ✓ ${name}`);
};
const fail = (name, why) => {
  results.push({ name, ok: false });
  say(`  ✗ ${name}: ${why}`);
};
const check = async (name, f) => {
  try {
    await f();
    pass(name);
    return true;
  } catch (e) {
    fail(name, (e instanceof Error ? e.message : String(e)).split('\n')[0]);
    return false;
  }
};
const assert = (cond, why) => {
  if (!cond) throw new Error(why);
};
const finish = () => {
  const failed = results.filter((r) => !r.ok).length;
  say(`browser checks — ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};
const watchdog = setTimeout(() => {
  fail('browser checks finish in time', `still running after ${WATCHDOG_MS / 60000} minutes; stopped`);
  finish();
}, WATCHDOG_MS);
watchdog.unref();

/** Run a command; throw with the tail of its output when it fails or times out. */
const run = (cmd, args, { timeoutMs = 5 * 60_000, env = {} } = {}) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-6).join(' | ');
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${tail}`);
  }
  return r;
};

say('browser checks (test/browser/check-pages.mjs): the pages of issue 16 in headless Chromium');

// 1. Chromium: Debian's package, installed when missing (CI runs as root on a clean machine).
const haveChromium = await check('Chromium is installed (apt-get install chromium when missing)', () => {
  if (!existsSync(CHROMIUM)) {
    assert(typeof process.getuid !== 'function' || process.getuid() === 0, `${CHROMIUM} is missing and this is not root: apt-get install chromium`);
    say(`    ${CHROMIUM} missing: apt-get update && apt-get install chromium (a few minutes on a clean machine)`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { timeoutMs: 10 * 60_000, env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { timeoutMs: 20 * 60_000, env });
  }
  assert(existsSync(CHROMIUM), `${CHROMIUM} still missing after apt-get install`);
  const v = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  assert(v.status === 0 && /Chromium/.test(v.stdout), `${CHROMIUM} --version failed: ${(v.stderr ?? '').trim().split('\n').at(-1)}`);
  say(`    ${v.stdout.trim()}`);
});

// 2. The pages, made by the command line as a user would (small runs: this checks rendering, not verdicts).
mkdirSync(OUT, { recursive: true });
const cli = (...args) => run(process.execPath, [join(ROOT, 'bin/dipc-spec.mjs'), ...args]);
const pages = {
  audit: join(OUT, 'audit.html'),
  replay: join(OUT, 'replay.html'),
  run: join(OUT, 'run.html'),
  mutants: join(OUT, 'mutants.html'),
};
const made = {
  audit: await check('audit --format html makes the page', () =>
    cli('audit', '--format', 'html', '--runs', '10', '--max-ops', '40', '--only', 'Low', 'High', '0', '16', '--no-witnesses', '--out', pages.audit)),
  replay: await check('replay --html makes the page', () =>
    cli('replay', 'counterexamples/ARG-STACK-INT~stackint-without-dcs-protection/finding.json', 'counterexamples/C2/call-ignores-alignment.json', '--html', pages.replay)),
  run: await check('run --html makes the page', () => cli('run', 'counterexamples/UNW/paper-a-b-c-crash.json', '--html', pages.run)),
  mutants: await check('mutants --format html makes the page', () =>
    cli('mutants', '--format', 'html', '--runs', '300', '--other-runs', '5', '--only-mutant', 'call-ignores-alignment', 'return-cap-not-revoked', '--out', pages.mutants)),
};

if (!haveChromium) finish();

// 3. The browser: a fresh profile, Debian's Chromium with the flags CI needs.
const { chromium } = await import('playwright-core');
const profile = mkdtempSync(join(tmpdir(), 'dipc-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
} catch (e) {
  fail('Chromium starts', (e instanceof Error ? e.message : String(e)).split('\n')[0]);
  finish();
}
pass('Chromium starts');

/** Open a page, recording console errors, page errors and any request that is not the file itself. */
const open = async (file, hash = '') => {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_MS);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('about:')) problems.push(`network request: ${url}`);
  });
  await page.goto(`file://${file}${hash}`, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForSelector('body[data-ready="true"]', { timeout: ACTION_MS });
  return { page, problems };
};
const clean = (name, problems) =>
  check(`${name}: no console error, no network request`, () => assert(problems.length === 0, problems.slice(0, 3).join('; ')));
const shot = (page, name, fullPage = false) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage });

// 4. The audit page: heat map, plot, viewer, a broken cell opening its witness.
if (made.audit) {
  const opened = await check('audit page opens', async () => {
    globalThis.auditPage = await open(pages.audit);
  });
  if (opened) {
    const { page, problems } = globalThis.auditPage;
    const data = await page.evaluate(() => JSON.parse(document.getElementById('audit-data').textContent));
    await check('audit: the heat map has a row per combination and a cell per guarantee', async () => {
      const rows = await page.locator('#heatmap tbody tr').count();
      const cells = await page.locator('#heatmap tbody td.c').count();
      assert(rows === data.combinations.length, `${rows} rows for ${data.combinations.length} combinations`);
      assert(cells === rows * data.guarantees.length, `${cells} cells, expected ${rows * data.guarantees.length}`);
      assert((await page.locator('#heatmap td.c.broken').count()) > 0, 'no broken cell drawn');
      assert(await page.locator('#heatmap').isVisible(), 'heat map not visible');
    });
    await check('audit: the plot shows every combination, the Pareto front, Low and High', async () => {
      assert(await page.locator('svg.plot').isVisible(), 'no plot');
      const groups = await page.locator('svg.plot circle.pt').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-combos').split(' ').length));
      assert(groups.reduce((a, b) => a + b, 0) === data.combinations.length, `${groups.reduce((a, b) => a + b, 0)} combinations plotted of ${data.combinations.length}`);
      assert((await page.locator('svg.plot circle.front').count()) > 0, 'no point on the Pareto front');
      for (const p of ['Low', 'High']) assert((await page.locator(`svg.plot text[data-paper="${p}"]`).count()) === 1, `${p} is not named`);
    });
    await check('audit: the step viewer renders a witness', async () => {
      await page.locator('#viewer .sv-threads').first().waitFor();
      assert((await page.locator('#viewer .sv-ops li').count()) > 0, 'no op listed');
    });
    await shot(page, 'audit');
    await check('audit: clicking a broken cell opens its witness at the failing step', async () => {
      const cell = page.locator('#heatmap td.c.broken.link').first();
      const id = await cell.getAttribute('data-trace');
      const trace = data.traces.find((t) => t.id === id);
      assert(trace !== undefined && trace.failing !== null, `cell names trace ${id}, not in the data`);
      // Show another trace first, so the click must change what the viewer shows.
      const other = data.traces.find((t) => t.id !== id);
      if (other !== undefined) await page.selectOption('#viewer .sv-pick', other.id);
      await cell.click();
      await page.waitForFunction((want) => document.getElementById('viewer').dataset.trace === want, id, { timeout: ACTION_MS });
      const pos = await page.locator('#viewer').getAttribute('data-position');
      assert(pos === String(trace.failing.step + 1), `viewer at position ${pos}, the failing step ${trace.failing.step} is position ${trace.failing.step + 1}`);
      const box = page.locator('#viewer .sv-failbox');
      assert(await box.isVisible(), 'no failing-step box');
      const text = await box.innerText();
      assert(text.includes(trace.failing.expected) && /observed/.test(text), 'the box does not show what was expected and observed');
      assert((await page.locator('#viewer .sv-ops li.fail.cur').count()) === 1, 'the failing op is not the current one');
      assert((await page.evaluate(() => location.hash)) === `#witness=${id}`, 'the address does not name the witness');
      await shot(page, 'audit-witness');
    });
    await check('audit: stepping back from the failing step shows the previous state', async () => {
      const before = Number(await page.locator('#viewer').getAttribute('data-position'));
      await page.locator('#viewer button[data-act="prev"]').click();
      const after = Number(await page.locator('#viewer').getAttribute('data-position'));
      assert(after === before - 1, `position ${before} → ${after}`);
      assert((await page.locator('#viewer .sv-failbox').count()) === 0, 'failing-step box still shown off the failing step');
    });
    await check('audit: filtering by what the caller asks and sorting by cost', async () => {
      await page.locator('button.chip[data-side="caller"][data-code="RI"]').click();
      const callers = await page.locator('#heatmap tbody tr td:nth-child(3)').allInnerTexts();
      assert(callers.length > 0 && callers.every((c) => c.split(' ').includes('RI')), `rows without RI: ${callers.filter((c) => !c.split(' ').includes('RI')).join(', ')}`);
      await page.locator('button.chip[data-side="caller"][data-code="RI"]').click();
      await page.locator('button.chip[data-side="caller"][data-code="RI"]').click();
      await page.selectOption('#sort', 'cost');
      const costs = (await page.locator('#heatmap tbody tr td:nth-child(6)').allInnerTexts()).map(Number);
      assert(costs.every((c, i) => i === 0 || costs[i - 1] <= c), `not cheapest first: ${costs.join(' ')}`);
    });
    await clean('audit page', problems);
    await page.close();
  }
}

// 5. The replay page (two traces) and the run page: the viewer alone.
if (made.replay) {
  await check('replay page: the viewer opens at the failing step and steps with the keyboard', async () => {
    const { page, problems } = await open(pages.replay);
    const traces = await page.evaluate(() => JSON.parse(document.getElementById('trace-data').textContent));
    assert(traces.length === 2, `${traces.length} traces`);
    const pos = Number(await page.locator('#viewer').getAttribute('data-position'));
    assert(pos === traces[0].failing.step + 1, `opened at ${pos}, failing step ${traces[0].failing.step}`);
    assert(await page.locator('#viewer .sv-failbox').isVisible(), 'no failing-step box');
    assert((await page.locator('#viewer .sv-threads tbody tr').count()) > 0, 'no thread row');
    assert((await page.locator('#viewer h4', { hasText: 'Kernel control stacks' }).count()) === 1, 'no KCS section on a dIPC trace');
    await shot(page, 'replay');
    await page.locator('#viewer').focus();
    await page.keyboard.press('ArrowLeft');
    assert(Number(await page.locator('#viewer').getAttribute('data-position')) === pos - 1, 'ArrowLeft did not step back');
    await page.keyboard.press('Home');
    assert((await page.locator('#viewer').getAttribute('data-position')) === '0', 'Home did not go to boot');
    await page.selectOption('#viewer .sv-pick', traces[1].id);
    assert((await page.locator('#viewer').getAttribute('data-trace')) === traces[1].id, 'the picker did not switch traces');
    await clean('replay page', problems);
    await page.close();
  });
}
if (made.run) {
  await check('run page: the viewer renders every step', async () => {
    const { page, problems } = await open(pages.run, '#trace@0');
    const [trace] = await page.evaluate(() => JSON.parse(document.getElementById('trace-data').textContent));
    assert((await page.locator('#viewer .sv-ops li').count()) === trace.steps.length, 'ops missing from the list');
    await page.locator('#viewer button[data-act="last"]').click();
    assert((await page.locator('#viewer').getAttribute('data-position')) === String(trace.steps.length), 'End did not reach the last step');
    await shot(page, 'run');
    await clean('run page', problems);
    await page.close();
  });
}

// 6. The mutation report: mutation-testing-elements renders the report, offline.
if (made.mutants) {
  await check('mutants page: mutation-testing-elements renders the report', async () => {
    const { page, problems } = await open(pages.mutants);
    // Playwright's text locators pierce the component's shadow root.
    await page.getByText('All files').first().waitFor();
    assert((await page.getByText(/call-ignores-alignment\.ts/).count()) > 0, 'the mutant call-ignores-alignment is not listed');
    assert((await page.getByText(/return-cap-not-revoked\.ts/).count()) > 0, 'the mutant return-cap-not-revoked is not listed');
    await shot(page, 'mutants');
    await clean('mutants page', problems);
    await page.close();
  });
}

await context.close();
if (!process.argv.includes('--keep')) rmSync(profile, { recursive: true, force: true });
say(`  screenshots in ${OUT}/`);
finish();
