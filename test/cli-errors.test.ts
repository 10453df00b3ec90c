// Bad input to the command line is one clear line naming the flag, the usage hint, and exit
// code 2, before any work is done. Spawns `node bin/dipc-spec.mjs`, a few at a time.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCheck } from '../cli/check';
import { runMutants } from '../cli/mutants';
import { CheckOptionsC, decodeOptions, flagName, MutantsOptionsC, UsageError } from '../cli/options';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = (args: readonly string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['bin/dipc-spec.mjs', ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'dipc-cli-'));

/** Spawned: [arguments, what the one line must contain]. */
const SPAWNED: readonly (readonly [readonly string[], string])[] = [
  [['check', '--shard', '0/2'], '--shard: expected i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4), got "0/2"'],
  [['mutants', '--only-mutant', 'no-such-mutant'], '--only-mutant: unknown mutant no-such-mutant (known: '],
  [['mutants', '--jsn'], "unknown option '--jsn' (Did you mean --json?)"],
];

describe('bad command-line input: one line naming the flag, the usage hint, exit 2', () => {
  test(`${SPAWNED.length} commands`, async () => {
    const results = await Promise.all(SPAWNED.map(([args]) => cli(args)));
    SPAWNED.forEach(([args, message], i) => {
      const r = results[i];
      const what = `dipc-spec ${args.join(' ')}`;
      expect(r.code, `${what}: exit code (stderr: ${r.stderr})`).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, `${what}: stderr`).toHaveLength(2);
      expect(lines[0].startsWith('dipc-spec: '), what).toBe(true);
      expect(lines[0], what).toContain(message);
      expect(lines[1], what).toBe('see: dipc-spec --help');
      expect(r.stdout, `${what}: stdout`).toBe('');
    });
  }, 60_000);

  // The same checks in this process, for more values: the options as commander hands them over.
  const CHECK_DEFAULTS = { seed: '1', runs: '1000', only: [], machine: 'impl', outDir: 'counterexamples', write: true };
  const MUTANTS_DEFAULTS = { json: false, seed: '1', runs: '3000', otherRuns: '100', onlyMutant: [] };
  const usageError = async (f: () => unknown): Promise<string> => {
    try {
      await f();
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
    throw new Error('no UsageError');
  };
  const IN_PROCESS: readonly (readonly [string, () => unknown, string])[] = [
    ['--shard 3/2', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '3/2' }, flagName), '--shard: expected i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4), got "3/2"'],
    ['--shard x', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: 'x' }, flagName), '--shard: expected i/n'],
    ['--shard 1/0', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '1/0' }, flagName), '--shard: expected i/n'],
    ['--shard -1/2', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '-1/2' }, flagName), '--shard: expected i/n'],
    ['--shard 1/2/3', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '1/2/3' }, flagName), '--shard: expected i/n'],
    [
      '--junit DIR',
      () => runCheck({ seed: 1, runs: 1, maxOps: undefined, only: [], machine: 'impl', json: undefined, outDir: dir, write: false, shard: undefined, junit: dir }),
      `--junit: '${dir}' is a directory, expected a file name`,
    ],
    ['--runs 0', () => decodeOptions(MutantsOptionsC, { ...MUTANTS_DEFAULTS, runs: '0' }, flagName), '--runs: expected runs (an integer from 1 to 1000000), got "0"'],
    ['--junit ""', () => decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, junit: '' }, flagName), '--junit: expected a file name, got ""'],
    ['--other-runs many', () => decodeOptions(MutantsOptionsC, { ...MUTANTS_DEFAULTS, otherRuns: 'many' }, flagName), '--other-runs: expected other-runs (an integer from 0 to 1000000), got "many"'],
    ['--seed -1', () => decodeOptions(MutantsOptionsC, { ...MUTANTS_DEFAULTS, seed: '-1' }, flagName), '--seed: expected seed'],
    ['--runs 1.5', () => decodeOptions(MutantsOptionsC, { ...MUTANTS_DEFAULTS, runs: '1.5' }, flagName), '--runs: expected runs'],
    [
      '--only-mutant (one of two unknown)',
      () => runMutants({ json: false, seed: 1, runs: 1, otherRuns: 0, onlyMutant: ['ret-keeps-sp', 'nope'] }),
      '--only-mutant: unknown mutant nope (known: ',
    ],
  ];
  for (const [name, f, message] of IN_PROCESS)
    test(name, async () => {
      expect(await usageError(f)).toContain(message);
    });

  test('good values decode', () => {
    expect(decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '2/4', junit: 'out/j.xml' }, flagName)).toMatchObject({ shard: { index: 2, count: 4 }, junit: 'out/j.xml' });
    expect(decodeOptions(CheckOptionsC, { ...CHECK_DEFAULTS, shard: '1/1' }, flagName).shard).toEqual({ index: 1, count: 1 });
    expect(decodeOptions(MutantsOptionsC, { ...MUTANTS_DEFAULTS, otherRuns: '0', onlyMutant: ['x'] }, flagName)).toMatchObject({ otherRuns: 0, runs: 3000 });
  });
});
