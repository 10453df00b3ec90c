// A command line that never loses a result (issue 15, "Output paths", "Signals and
// defaults"): every output path is checked before a run starts (exit 2, nothing created);
// `-` is standard output; a write that fails at the end prints the text instead (exit 4);
// SIGTERM stops like Ctrl-C; check writes failing traces to git-ignored scratch/, never the
// corpus; each audit's witnesses live in a folder of their own run; nothing to run is exit 2;
// no arguments is the help. In this process where it can be, spawned where it must.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { runAudit } from '../cli/audit';
import { runCheck } from '../cli/check';
import { StopFlag } from '../cli/interrupt';
import { listing } from '../cli/list';
import { runMutants } from '../cli/mutants';
import { type AuditCliOptions, CHECK_DEFAULT_OUT_DIR, type CheckOptions } from '../cli/options';
import { OUTPUT_NOT_WRITTEN_EXIT, outputProblem, writeOutput } from '../cli/output-paths';
import { runRecordFindings, runRecordMutants } from '../cli/record';
import { TEST_SEED } from './budget';
import { inProcess } from './support/in-process';

const BIN = resolve('bin/dipc-spec.mjs');
const dir = mkdtempSync(join(tmpdir(), 'dipc-outputs-'));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

/** Every file and folder under `d`, sorted. */
const tree = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${e.name}/`, ...tree(join(d, e.name)).map((x) => `${e.name}/${x}`)] : [e.name])).sort();

const check = (o: Partial<CheckOptions>): CheckOptions => ({
  seed: TEST_SEED, runs: 3, maxOps: undefined, only: ['C2'], machine: 'impl', json: undefined, outDir: join(dir, 'cx'), write: true, shard: undefined, junit: undefined, ...o,
});
const control = (stop: StopFlag = new StopFlag()) => ({ stop, executor: 'in-process' as const, sigint: false });

const spawned = (args: readonly string[], cwd = process.cwd()) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((res) =>
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 90_000 }, (err, stdout, stderr) => res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr })),
  );

describe('output paths are checked before the run starts', () => {
  const bad: readonly [string, Partial<CheckOptions>, string][] = [
    ['--json ""', { json: '' }, '--json: expected a file name, got ""'],
    ["--json '   '", { json: '   ' }, '--json: expected a file name, got "   "'],
    ["--json ' x.json'", { json: ' x.json' }, `--json: " x.json" starts or ends with a space`],
    ['--out-dir ""', { outDir: '' }, '--out-dir: expected a folder name, got ""'],
    ['--junit FOLDER', { junit: dir }, `--junit: '${dir}' is a directory, expected a file name`],
    ['--out-dir FILE', { outDir: aFile }, `--out-dir: '${aFile}' is a file, expected a folder`],
    ['--json under a file', { json: join(aFile, 'r.json') }, `--json: cannot write '${join(aFile, 'r.json')}': '${aFile}' is not a folder`],
    ['--json where nothing can be written', { json: '/proc/dipc-spec.json' }, "--json: cannot write '/proc/dipc-spec.json'"],
    ['--out-dir - ', { outDir: '-' }, "--out-dir: '-' (standard output) is not a folder name here"],
    ['--json and --junit at one place', { json: join(dir, 'same'), junit: join(dir, 'same') }, '--junit: '],
    ['--json - and --junit -', { json: '-', junit: '-' }, "--junit: '-' is also where --json writes"],
  ];
  for (const [name, o, message] of bad)
    test(`${name}: exit 2, one line, nothing created`, async () => {
      const before = tree(dir);
      const r = await inProcess(() => runCheck(check(o), control()));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.split('\n')[0]).toContain(message);
      expect(r.stdout).toBe('');
      expect(tree(dir)).toEqual(before);
    });

  test('--shard with nothing to run: exit 2, says so', async () => {
    const r = await inProcess(() => runCheck(check({ runs: 5, shard: { index: 7, count: 1000 } }), control()));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard 7/1000: nothing to run (with --runs 5');
  });

  test('audit: --out and --witness-dir are checked before the audit starts', async () => {
    const o: AuditCliOptions = { format: 'md', out: undefined, runs: 1, seed: 1, maxOps: 10, machine: 'impl', witnessDir: join(dir, 'w'), witnesses: true, workers: 0, only: ['0'], strategy: 'swarm' };
    for (const [change, message] of [
      [{ out: dir }, `--out: '${dir}' is a directory`],
      [{ witnessDir: aFile }, `--witness-dir: '${aFile}' is a file`],
      [{ witnessDir: join(aFile, 'w') }, `--witness-dir: cannot write '${join(aFile, 'w')}'`],
      [{ witnessDir: ' w' }, '--witness-dir: " w" starts or ends with a space'],
    ] as const) {
      const r = await inProcess(() => runAudit({ ...o, ...change }));
      expect(r.code, JSON.stringify(change)).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  test('record-mutants and record-findings: an unknown --only is exit 2, and so is an --out-dir that cannot be written', async () => {
    for (const f of [() => runRecordMutants(1, join(dir, 'r'), ['nosuch']), () => runRecordFindings(1, join(dir, 'r'), ['nosuch'])]) {
      const r = await inProcess(f);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--only: unknown (mutant|finding) nosuch/);
    }
    const r = await inProcess(() => runRecordMutants(1, aFile, ['ret-keeps-sp']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out-dir: ');
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });
});

describe('writing', () => {
  test("--json -: standard output holds the JSON alone; the run's lines go to standard error", async () => {
    const r = await inProcess(() => runCheck(check({ json: '-', write: false }), control()));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: TEST_SEED, reports: [{ id: 'C2', result: 'pass' }] });
    expect(r.stderr).toContain('1 passed, 0 failed');
    expect(existsSync('-')).toBe(false);
  });

  test('a write that fails at the end prints the text on standard output, says where it could not go, exit 4, no temporary file left', async () => {
    const out = join(dir, 'late');
    mkdirSync(out);
    /** Checked before every scenario: the first time, the folder of --json becomes a file (the run has passed its preflight). */
    class Sabotage extends StopFlag {
      private done = false;
      override get stopped(): boolean {
        if (!this.done) {
          this.done = true;
          rmSync(out, { recursive: true });
          writeFileSync(out, 'now a file');
        }
        return false;
      }
    }
    const json = join(out, 'r.json');
    const r = await inProcess(() => runCheck(check({ json, write: false }), control(new Sabotage())));
    expect(r.code).toBe(OUTPUT_NOT_WRITTEN_EXIT);
    expect(r.stderr).toContain(`dipc-spec: --json: could not write '${json}' (`);
    expect(r.stdout).toContain('"reports": [');
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('{\n'), r.stdout.lastIndexOf('\n}\n') + 2))).toMatchObject({ reports: [{ id: 'C2' }] });
    expect(tree(dir).filter((f) => f.includes('.tmp') || f.includes('probe'))).toEqual([]);
  });

  test('writeOutput and outputProblem, directly', async () => {
    const r = await inProcess(() => (writeOutput({ flag: '--x', path: join(aFile, 'y'), kind: 'file' }, 'the text\n') ? 0 : 1));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('the text\n');
    expect(outputProblem({ flag: '--x', path: join(dir, 'new', 'deeper', 'r.json'), kind: 'file' })).toBeNull();
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});

describe('defaults', () => {
  test("check's failing traces go to git-ignored scratch/counterexamples, not the corpus", async () => {
    expect(CHECK_DEFAULT_OUT_DIR).toBe('scratch/counterexamples');
    expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain('scratch/');
    const cwd = mkdtempSync(join(tmpdir(), 'dipc-scratch-'));
    const r = await spawned(['check', '--machine', 'call-ignores-alignment', '--only', 'C2', '--runs', '200'], cwd);
    expect(r.code, r.stderr).toBe(1);
    expect(tree(cwd)).toEqual(['scratch/', 'scratch/counterexamples/', 'scratch/counterexamples/C2/', `scratch/counterexamples/C2/call-ignores-alignment-seed${TEST_SEED}.json`]);
    expect(r.stdout).toContain(`replay: npx dipc-spec replay scratch/counterexamples/C2/call-ignores-alignment-seed${TEST_SEED}.json`);
  }, 90_000);

  test('no arguments: the help on standard output; --version; list names everything one line each', async () => {
    const [none, version, list] = await Promise.all([spawned([]), spawned(['--version']), spawned(['list'])]);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^Usage: dipc-spec \[options\] \[command\]/);
    expect(none.stdout).toContain('check ');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(list.code).toBe(0);
    const l = listing();
    for (const x of [...l.properties, ...l.findings, ...l.machines, ...l.mutants]) expect(list.stdout).toMatch(new RegExp(`^  ${x.id.replace(/[.~]/g, '\\$&')} +\\S`, 'm'));
  }, 90_000);

  test('mutants --other-runs 0: a survivor is said to survive its declared targets, not every property of its layer', async () => {
    const r = await inProcess(() => runMutants({ json: false, seed: TEST_SEED, runs: 1, otherRuns: 0, onlyMutant: ['own-dcs-copies-entry-below-arguments'] }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ own-dcs-copies-entry-below-arguments survives its 1 declared target \(1 scenarios each\); the other \d+ properties of its layer did not run \(--other-runs 0\)/);
    expect(r.stdout).not.toContain('survives every property');
  });
});

describe('audit witnesses: a folder per run, replaced whole, named in the report', () => {
  test('a second audit of the same settings clears the first one\'s witnesses; the report names the folder', async () => {
    const wd = join(dir, 'witnesses');
    const o: AuditCliOptions = { format: 'json', out: join(dir, 'audit.json'), runs: 2, seed: TEST_SEED, maxOps: 80, machine: 'impl', witnessDir: wd, witnesses: true, workers: 0, only: ['0'], strategy: 'swarm' };
    expect((await inProcess(() => runAudit(o))).code).toBe(0);
    const report = JSON.parse(readFileSync(o.out as string, 'utf8'));
    const folder = join(wd, `seed${TEST_SEED}-runs2-ops80-impl-only-0`);
    expect(report.witnessDir).toBe(folder);
    const files = report.combinations.flatMap((c: { guarantees: { witnessFile?: string }[] }) => c.guarantees.flatMap((g) => (g.witnessFile === undefined ? [] : [g.witnessFile])));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.startsWith(`${folder}/`)).toBe(true);
    // A witness left from an earlier run of these settings, and one from other settings.
    mkdirSync(join(folder, 'OLD'), { recursive: true });
    writeFileSync(join(folder, 'OLD', 'stale.json'), '{}');
    mkdirSync(join(wd, 'other-run'));
    expect((await inProcess(() => runAudit(o))).code).toBe(0);
    expect(existsSync(join(folder, 'OLD'))).toBe(false);
    expect(existsSync(join(wd, 'other-run'))).toBe(true);
    expect(readdirSync(wd).sort()).toEqual(['other-run', `seed${TEST_SEED}-runs2-ops80-impl-only-0`]);
  }, 60_000);
});

test('SIGTERM stops check like Ctrl-C: what finished is printed and written, exit 143', async () => {
  const json = join(dir, 'term.json');
  const child = spawn(process.execPath, [BIN, 'check', '--runs', '1000000', '--only', 'C1', 'TMO', '--no-write', '--json', json], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  await vi.waitFor(() => expect(stdout).toContain('dipc-spec check:'), { timeout: 60_000, interval: 50 });
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGTERM');
  expect(await exited).toBe(143);
  expect(stdout).toMatch(/terminated: 0 passed, 0 failed, 1 stopped part-way, 1 not run \(TMO\)/);
  expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ interrupted: true, signal: 'SIGTERM', notRun: ['TMO'] });
}, 90_000);
