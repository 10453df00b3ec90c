// Issue 16's outputs, checked as data (the real browser renders them in test/browser/,
// run by .ci/run): the step viewer's traces, the pages of run/replay --html, the
// mutation-testing report (validated against the schema package's JSON schema) and its
// page, and check --observe's lines (the documented Hypothesis test_case shape).
import Ajv from 'ajv';
import { execFile } from 'node:child_process';
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { runCheck } from '../cli/check';
import { runMutant, runMutants } from '../cli/mutants';
import { StopFlag } from '../cli/interrupt';
import { ObservationC, representationOf } from '../cli/observe';
import type { AnyScenario } from '../properties/runner';
import { type CheckOptions, UsageError } from '../cli/options';
import { runReplay } from '../cli/replay';
import { runTraceFile } from '../cli/run';
import { readCounterexample } from '../counterexamples/store';
import { EVERY_MUTANT } from '../machines/registry';
import type { StepTrace } from '../pages/data';
import { strykerHtml, strykerReport } from '../pages/mutation-report';
import { stepTrace } from '../pages/steps';
import { MUTANT_RUNS, TEST_SEED } from './budget';

const dir = mkdtempSync(join(tmpdir(), 'dipc-pages-'));
const FINDING = 'counterexamples/ARG-STACK-INT~stackint-without-dcs-protection/finding.json';

/** The JSON data block `id` of a page. */
const dataBlock = (html: string, id: string): unknown => {
  const m = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html);
  if (m === null) throw new Error(`no data block ${id}`);
  return JSON.parse(m[1]);
};

/** Nothing a page would fetch when viewed: no external script, style, image or frame, and a policy that forbids any. */
const expectSelfContained = (html: string) => {
  expect(html).toContain(`content="default-src 'none'`);
  expect(html).not.toMatch(/<(script|img|iframe|link)\b[^>]*\b(src|href)=/i);
};

let quiet: ReturnType<typeof vi.spyOn>[] = [];
beforeEach(() => {
  quiet = [vi.spyOn(console, 'log').mockImplementation(() => {}), vi.spyOn(process.stderr, 'write').mockImplementation(() => true)];
});
afterEach(() => {
  for (const q of quiet) q.mockRestore();
});

describe('step viewer data', () => {
  const file = readCounterexample(FINDING);
  if (E.isLeft(file)) throw new Error(file.left);
  const cx = file.right;
  const trace = stepTrace({ id: 'x', title: 'finding', layer: 'dipc', machine: 'impl', config: cx.config, ops: cx.trace, failing: { step: cx.failingStep, expected: cx.expected, observed: cx.observed } });

  test('one step per op, each with its threads, processes and the failing step', () => {
    expect(trace.error).toBeUndefined();
    expect(trace.steps).toHaveLength(cx.trace.length);
    expect(trace.failing?.step).toBe(cx.failingStep);
    for (const s of [trace.boot, ...trace.steps]) {
      expect(s.threads.length).toBeGreaterThan(0);
      for (const th of s.threads) {
        expect(th.regs).toHaveLength(9);
        expect(th.capRegs).toHaveLength(8);
        expect(typeof th.process).toBe('number');
        expect(Array.isArray(th.kcs)).toBe(true);
      }
      expect(s.processes?.some((p) => !p.honest)).toBe(true);
    }
  });

  test("the adversary's store into the caller's frame is the word that changes, and the stub's call shows on the KCS", () => {
    // Step 4 writes 1 into the honest caller's frame word through the popped stack capability (README "A counterexample").
    const store = trace.steps[4];
    expect(store.op).toMatch(/^store\[/);
    expect(store.words).toEqual([expect.objectContaining({ before: 0, after: 1, where: expect.stringContaining('p0 stack') })]);
    expect(trace.steps.some((s) => s.threads.some((th) => (th.kcs?.length ?? 0) > 0))).toBe(true);
    // Every capability a register or the DCS names is in the trace's capability list.
    for (const s of trace.steps)
      for (const th of s.threads) for (const c of [...th.capRegs, ...th.dcs]) if (c !== null) expect(trace.caps[c]?.id).toBe(c);
  });

  test('an unknown machine is reported, not thrown', () => {
    expect(stepTrace({ id: 'y', title: '', layer: 'dipc', machine: 'nope', config: cx.config, ops: cx.trace }).error).toContain("no dipc machine 'nope'");
  });
});

describe('run --html and replay --html', () => {
  test('replay: a self-contained page with each file on the machine it was found on, failing step marked', () => {
    const out = join(dir, 'replay.html');
    expect(runReplay([FINDING, 'counterexamples/C2/call-ignores-alignment.json'], out)).toBe(0);
    const html = readFileSync(out, 'utf8');
    expectSelfContained(html);
    const traces = dataBlock(html, 'trace-data') as StepTrace[];
    expect(traces.map((t) => [t.layer, t.machine])).toEqual([['dipc', 'impl'], ['codoms', 'call-ignores-alignment']]);
    for (const t of traces) {
      expect(t.failing).not.toBeNull();
      expect(t.steps.length).toBe(t.length);
    }
  });

  test('run: the trace on the spec, with a counterexample file\'s recorded failing step', () => {
    const out = join(dir, 'run.html');
    expect(runTraceFile('counterexamples/C2/call-ignores-alignment.json', out)).toBe(0);
    const [t] = dataBlock(readFileSync(out, 'utf8'), 'trace-data') as StepTrace[];
    expect(t.machine).toBe('spec');
    expect(t.failing?.expected).toContain('recorded on call-ignores-alignment');
  });
});

describe('mutants --format stryker and html', () => {
  const m = EVERY_MUTANT.find((x) => x.id === 'call-ignores-alignment')!;
  const killed = runMutant(m, { seed: TEST_SEED, runs: MUTANT_RUNS, otherRuns: 0 });
  // A survivor, made from the kill by forgetting it: the format is what is checked here.
  const survivor = { ...killed, id: 'ret-keeps-sp', killed: false, killedBy: [], firstKilledBy: null, properties: killed.properties.map((c) => ({ ...c, killed: false, counterexample: null })) };
  const report = strykerReport([killed, survivor], { seed: TEST_SEED, runs: MUTANT_RUNS, otherRuns: 0, timeMs: killed.timeMs });

  test('validates against mutation-testing-report-schema', () => {
    const schema = createRequire(import.meta.url)('mutation-testing-report-schema/mutation-testing-report-schema.json') as object;
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    const ok = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('a mutant per source file, Killed with its killing property and trace, or Survived', () => {
    const k = report.files['mutants/call-ignores-alignment.ts'].mutants[0];
    expect(k).toMatchObject({ id: 'call-ignores-alignment', status: 'Killed', killedBy: ['C2'], coveredBy: ['C2'] });
    expect(k.statusReason).toContain('C2 killed it');
    const trace = killed.properties.find((c) => c.property === 'C2')?.counterexample?.trace ?? [];
    expect(trace.length).toBeGreaterThan(0);
    expect(k.statusReason).toContain(trace.map((op, i) => `  ${String(i).padStart(3)}  ${op}`).join('\n'));
    const src = report.files['mutants/call-ignores-alignment.ts'].source.split('\n');
    expect(src[k.location.start.line - 1]).toMatch(/^class CallIgnoresAlignment extends/);
    expect(report.files['mutants/ret-keeps-sp.ts'].mutants[0]).toMatchObject({ status: 'Survived' });
    expect(report.testFiles?.['properties/codoms/c2-alignment.ts']?.tests).toEqual([expect.objectContaining({ id: 'C2' })]);
  });

  test('the html page bundles mutation-testing-elements and the report, nothing fetched', () => {
    const html = strykerHtml(report, 'test');
    expectSelfContained(html);
    expect(html).toContain('<mutation-test-report-app');
    expect(html).toContain('MutationTestReportAppComponent');
    expect(html).toContain('"call-ignores-alignment"');
  });
});

describe('check --observe', () => {
  const opts = (o: Partial<CheckOptions>): CheckOptions => ({
    seed: TEST_SEED, runs: 20, maxOps: undefined, only: [], machine: 'impl', json: undefined, outDir: dir, write: false, shard: undefined, junit: undefined, ...o,
  });
  const inProcess = { stop: new StopFlag(), executor: 'in-process' as const, sigint: false };
  const KEYS = ['type', 'status', 'status_reason', 'representation', 'arguments', 'how_generated', 'features', 'coverage', 'timing', 'metadata', 'property', 'run_start'];
  const linesOf = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  test('one documented test_case line per scenario, and the minimised failing example', async () => {
    const observe = join(dir, 'c2.jsonl');
    const json = join(dir, 'c2.json');
    expect(await runCheck(opts({ machine: 'call-ignores-alignment', only: ['C2'], runs: MUTANT_RUNS, observe, json }), inProcess)).toBe(1);
    const [report] = (JSON.parse(readFileSync(json, 'utf8')) as { reports: { runs: number; counterexample: { scenario: AnyScenario } }[] }).reports;
    const runs = report.runs;
    const lines = linesOf(observe);
    expect(lines).toHaveLength(runs + 1);
    for (const l of lines) {
      expect(E.isRight(ObservationC.decode(l))).toBe(true);
      expect(Object.keys(l).sort()).toEqual([...KEYS].sort());
      expect(l).toMatchObject({ type: 'test_case', property: 'C2', coverage: null, run_start: lines[0].run_start });
    }
    expect(lines.slice(0, -2).every((l) => l.status === 'passed')).toBe(true);
    expect(lines.at(-2)).toMatchObject({ status: 'failed', status_reason: expect.stringMatching(/^at step \d+: expected /) });
    expect(lines.at(-1)).toMatchObject({ status: 'failed', how_generated: expect.stringMatching(/^minimised failing example/), representation: representationOf(report.counterexample.scenario) });
    expect(String(lines.at(-1)?.representation)).toMatch(/^ {2}0 {2}\w+\[/);
  });

  test('Ctrl-C keeps the lines of the scenarios that finished', async () => {
    const observe = join(dir, 'stopped.jsonl');
    // Stops at its 12th reading: runCheck reads it before each property, the runner before each scenario.
    const stop = new (class extends StopFlag {
      private reads = 0;
      override get stopped(): boolean {
        return ++this.reads >= 12;
      }
    })();
    expect(await runCheck(opts({ only: ['C1'], runs: 100, observe }), { ...inProcess, stop })).toBe(130);
    const lines = linesOf(observe);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(100);
    expect(existsSync(`${observe}.${process.pid}.tmp`)).toBe(false);
  });

  test('a dIPC property reports its coverage events as features', async () => {
    const observe = join(dir, 'unw.jsonl');
    expect(await runCheck(opts({ only: ['UNW'], runs: 20, observe }), inProcess)).toBe(0);
    const lines = linesOf(observe);
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => (l.arguments as { scenario: number }).scenario)).toEqual([...Array(20).keys()]);
    expect(lines.some((l) => (l.features as Record<string, unknown>)['call completed'] === '')).toBe(true);
    expect(lines.every((l) => typeof (l.timing as Record<string, number>)['execute:test'] === 'number')).toBe(true);
  });
});

describe('bad flags of the new outputs: one line naming the flag, exit 2', () => {
  const MUTANTS = { json: false, seed: 1, runs: 1, otherRuns: 0, onlyMutant: ['ret-keeps-sp'] };
  /** The UsageError message a call throws (the command line prints it as one line and exits 2). */
  const usage = async (f: () => unknown): Promise<string> => {
    try {
      await f();
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
    return 'no error';
  };
  test('in this process: --out, --html and --observe naming a directory, --out without a report format', async () => {
    expect(await usage(() => runMutants({ ...MUTANTS, out: join(dir, 'm.json') }))).toBe('--out: only with --format stryker or html');
    expect(await usage(() => runMutants({ ...MUTANTS, format: 'html', out: dir }))).toContain(`--out: '${dir}' is a directory`);
    expect(await usage(() => runTraceFile('counterexamples/C2/call-ignores-alignment.json', dir))).toContain(`--html: '${dir}' is a directory`);
    expect(await usage(() => runReplay([FINDING], dir))).toContain(`--html: '${dir}' is a directory`);
    expect(await usage(() => runCheck({ seed: 1, runs: 5, maxOps: undefined, only: ['C2'], machine: 'impl', json: undefined, outDir: dir, write: false, shard: undefined, junit: undefined, observe: dir }, { stop: new StopFlag(), executor: 'in-process', sigint: false }))).toContain(`--observe: '${dir}' is a directory`);
  });
  test('spawned: an unknown --format', async () => {
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/dipc-spec.mjs', 'mutants', '--format', 'pdf'], { timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
      );
    });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual(['dipc-spec: --format: expected matrix, json, stryker or html, got "pdf"', 'see: dipc-spec --help']);
    expect(r.stdout).toBe('');
  }, 60_000);
});
