// Bad trace and counterexample files (issue 15, "Files"): each is refused before anything
// runs with one line under 200 characters naming the deepest bad field by its JSON path,
// what was expected in words and what was found; exit 2 and the file untouched. Configs are
// decoded by the layer the file names, never by trying both. In this process (the commands'
// functions), with a spawned check of the exit code and stderr at the end.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runReplay } from '../cli/replay';
import { runTraceFile } from '../cli/run';
import { runShrink } from '../cli/shrink';
import { inProcess } from './support/in-process';

const dir = mkdtempSync(join(tmpdir(), 'dipc-files-'));
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, any>;
const CODOMS_CX = read('counterexamples/C4/derive-perm-grows.json');
const DIPC_CX = read('counterexamples/UNW/unwind-forgets-sp.json');
const EXAMPLE = read('examples/two-process-call.json');

let n = 0;
/** Write `value` (or raw text) to a fresh file in the test folder. */
const fileOf = (value: unknown, raw = false): string => {
  const f = join(dir, `f${n++}.json`);
  writeFileSync(f, raw ? String(value) : JSON.stringify(value, null, 2));
  return f;
};
const edit = <T>(v: T, f: (x: any) => void): T => {
  const x = structuredClone(v);
  f(x);
  return x;
};

/** Every file-reading command on `file`: the exit code and the error line (without `dipc-spec: FILE: `). */
const refused = async (file: string, commands: readonly ('run' | 'replay' | 'shrink')[] = ['run', 'replay', 'shrink']): Promise<string> => {
  const before = readFileSync(file, 'utf8');
  const lines = new Set<string>();
  for (const c of commands) {
    const r = await inProcess(() => (c === 'run' ? runTraceFile(file) : c === 'replay' ? runReplay([file]) : runShrink([file])));
    expect(r.code, `${c} ${file}: ${r.stderr}`).toBe(2);
    const err = r.stderr.trimEnd().split('\n');
    expect(err, `${c}: one line`).toHaveLength(1);
    expect(r.stdout, c).toBe('');
    lines.add(err[0].replace(`dipc-spec: ${file}: `, ''));
  }
  expect(readFileSync(file, 'utf8')).toBe(before);
  const [line] = [...lines];
  expect(line.length, line).toBeLessThan(200);
  return line;
};

describe('files are decoded by the layer they name', () => {
  test('a dIPC config without "layer" is refused at $.layer (no CODOMs boot of a dIPC system, no THREW)', async () => {
    const line = await refused(fileOf(edit(EXAMPLE, (x) => delete x.layer)), ['run']);
    expect(line).toMatch(/^\$\.layer: missing, so the file is read as CODOMs, but its config has "processes" \(a dIPC system\): add "layer": "dipc"$/);
    expect(await refused(fileOf(edit(DIPC_CX, (x) => delete x.layer)))).toBe('$.layer: expected "dipc" (UNW is a dIPC property), got nothing (a file without "layer" is CODOMs)');
  });

  test('a CODOMs config marked "layer": "dipc" is refused at $.layer, before its config is read as dIPC', async () => {
    expect(await refused(fileOf(edit(CODOMS_CX, (x) => (x.layer = 'dipc'))))).toBe('$.layer: expected "codoms" (C4 is a CODOMs property), got "dipc"');
    // A trace file has no property: its config is read as the layer it names, and the error is about the config.
    expect(await refused(fileOf({ layer: 'dipc', config: CODOMS_CX.config, trace: [] }), ['run'])).toMatch(/^\$\.config\.numDomains: unknown field/);
  });

  test('a CODOMs file missing dcsSize names $.config.dcsSize (not a dIPC field)', async () => {
    expect(await refused(fileOf(edit(CODOMS_CX, (x) => delete x.config.dcsSize)))).toBe('$.config.dcsSize: expected an integer from 1 to 256, got nothing (the field is missing)');
  });
});

describe('one short line: the deepest bad field, what was expected, what was found', () => {
  test('[1,2,3] is one short line, not the whole codec', async () => {
    expect(await refused(fileOf([1, 2, 3]), ['replay'])).toBe('$: expected a counterexample file, got a list of 3 items');
    expect(await refused(fileOf([1, 2, 3]), ['run'])).toBe('$: expected a trace file, got a list of 3 items');
  });

  test('an unknown op kind names $.trace[i].op and the kinds there are', async () => {
    const line = await refused(fileOf(edit(DIPC_CX, (x) => (x.trace[1] = { op: 'teleport', t: 0 }))));
    expect(line).toMatch(/^\$\.trace\[1\]\.op: expected "li", "mov", .* \(a dIPC op\), got "teleport"$/);
  });

  test('a bad field deep in an op is named by its full path', async () => {
    const file = fileOf(
      edit(DIPC_CX, (x) => (x.trace[0] = { op: 'syscall', t: 0, call: { k: 'entry_register', h: 0, entries: [{ a: { k: 'page', p: 1, o: 'x' }, sig: { inRegs: 0, outRegs: 0, stackWords: 0, dcsArgs: 0 }, policy: [] }] } })),
    );
    expect(await refused(file)).toBe('$.trace[0].call.entries[0].a.o: expected an integer, got "x"');
  });

  test('malformed JSON, a folder, a missing file: one line each', async () => {
    expect(await refused(fileOf('{"schemaVersion": 1,', true))).toMatch(/^malformed JSON \(.*\)$/);
    const missing = join(dir, 'nope.json');
    for (const f of [missing, dir]) {
      const r = await inProcess(() => runReplay([f]));
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(f === dir ? /is a directory, expected a file/ : /no such file/);
    }
  });

  test('JSON nested 100,000 deep is a one-line error, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(await refused(fileOf(JSON.stringify(DIPC_CX).replace('"seed":20170423', `"seed":${deep}`), true))).toBe('$.seed: expected an integer from 0 to 2147483647, got a list of 1 item');
    expect(await refused(fileOf(JSON.stringify(DIPC_CX).replace('"kill","pid":0', `"kill","pid":0,"x":${deep}`), true))).toMatch(/^\$\.trace\[1\]\.x: unknown field/);
  });
});

describe('exact files: unknown fields are refused (shrink never "minimises" them)', () => {
  const places: readonly [string, (x: any) => void, string][] = [
    ['top level', (x) => (x.extra = 1), '$.extra: unknown field'],
    ['config', (x) => (x.config.colour = 'red'), '$.config.colour: unknown field'],
    ['a page', (x) => (x.config.pages[0].dirty = true), '$.config.pages[0].dirty: unknown field'],
    ['an op', (x) => (x.trace[0].why = 'x'), '$.trace[0].why: unknown field'],
    ['an address selector', (x) => (x.trace[0].a.z = 0), '$.trace[0].a.z: unknown field'],
    ['a typo', (x) => ((x.config.dcsSiz = 1), delete x.config.dcsSize), '$.config.dcsSiz: unknown field (did you mean dcsSize?)'],
  ];
  for (const [where, f, message] of places)
    test(where, async () => {
      expect(await refused(fileOf(edit(CODOMS_CX, f)))).toContain(message);
    });
  test('in a dIPC process and a system call', async () => {
    expect(await refused(fileOf(edit(DIPC_CX, (x) => (x.config.processes[0].priority = 1))))).toContain('$.config.processes[0].priority: unknown field');
    expect(await refused(fileOf(edit(DIPC_CX, (x) => (x.trace[0] = { op: 'syscall', t: 0, call: { k: 'fork', now: true } }))))).toContain('$.trace[0].call.now: unknown field');
  });
});

describe('fields checked against what they mean', () => {
  const cases: readonly [string, (x: any) => void, string][] = [
    ['seed -1', (x) => (x.seed = -1), '$.seed: expected an integer from 0 to 2147483647, got -1'],
    ['seed 1e308', (x) => (x.seed = 1e308), '$.seed: expected an integer from 0 to 2147483647, got 1e+308'],
    ['failingStep 0.5', (x) => (x.failingStep = 0.5), '$.failingStep: expected an integer from -1 to 10000000, got 0.5'],
    ['failingStep past the trace', (x) => (x.failingStep = 7), '$.failingStep: expected a step of the trace (-1 to 1), got 7'],
    ['outcomes naming an unknown machine', (x) => (x.outcomes = { 'no-such-machine': 'fail' }), '$.outcomes["no-such-machine"]: unknown machine (expected a dIPC machine'],
    ['outcomes naming a machine of the other layer', (x) => (x.outcomes = { 'derive-perm-grows': 'fail' }), '$.outcomes["derive-perm-grows"]: unknown machine'],
    ['outcomes {}', (x) => (x.outcomes = {}), "$.outcomes: expected at least one machine's outcome"],
    ['an outcome that is neither', (x) => (x.outcomes = { impl: 'maybe' }), '$.outcomes.impl: expected "fail" or "pass", got "maybe"'],
    ['machine unknown', (x) => (x.machine = 'ghost'), '$.machine: expected a dIPC machine'],
    ['property unknown', (x) => (x.property = 'P9'), '$.property: expected a property id'],
  ];
  for (const [name, f, message] of cases)
    test(name, async () => {
      expect(await refused(fileOf(edit(DIPC_CX, f)), ['replay', 'shrink'])).toContain(message);
    });
});

describe('size and encoding', () => {
  test('a model within every field bound but gigabytes in total is refused at once, naming $.config', async () => {
    const started = performance.now();
    const line = await refused(fileOf(edit(DIPC_CX, (x) => Object.assign(x.config, { blocks: 4096, blockPages: 1024, wordsPerPage: 64 }))));
    expect(line).toBe('$.config: expected a model of at most 65,536 pages, got 4,194,304 (4096 blocks × 1024 pages)');
    const words = await refused(fileOf(edit(DIPC_CX, (x) => Object.assign(x.config, { blocks: 256, blockPages: 256, wordsPerPage: 64 }))));
    expect(words).toBe('$.config: expected a model of at most 1,048,576 memory words, got 4,194,304 (256 blocks × 256 pages × 64 words)');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test('a UTF-8 byte-order mark is accepted', async () => {
    const f = fileOf(`\uFEFF${JSON.stringify(DIPC_CX)}`, true);
    const r = await inProcess(() => runReplay([f]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the recorded expectation still holds');
    expect((await inProcess(() => runTraceFile(fileOf(`\uFEFF${JSON.stringify(EXAMPLE)}`, true)))).code).toBe(0);
  });
});

test('spawned: the exit code is 2 and stderr is the one line', async () => {
  const file = fileOf(edit(CODOMS_CX, (x) => delete x.config.dcsSize));
  const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['bin/dipc-spec.mjs', 'replay', file], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
    ),
  );
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`dipc-spec: ${file}: $.config.dcsSize: expected an integer from 1 to 256, got nothing (the field is missing)\n`);
}, 60_000);
