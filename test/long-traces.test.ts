// Long traces (issue 15): replay, run and shrink keep no state per step, so a trace of
// 30,000 ops goes through each of them in a 96 MB heap (the old replay kept every state:
// 10^4 ops took 3.5 GB and 3 x 10^4 crashed). Figures for 10^4 to 10^6 ops are in
// docs/trace-files.md (bench/long-trace.ts makes the files).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const OPS = 30_000;
const HEAP_MB = 96;
const dir = mkdtempSync(join(tmpdir(), 'dipc-long-'));

/** A stored counterexample with OPS - n no-op moves before its n ops, as bench/long-trace.ts makes it. */
const padded = (from: string): string => {
  const cx = JSON.parse(readFileSync(from, 'utf8'));
  const pad = Array.from({ length: OPS - cx.trace.length }, () => ({ op: 'mov', t: 0, r: 1, s: 1 }));
  const f = join(dir, `${cx.property}-${OPS}.json`);
  writeFileSync(f, JSON.stringify({ ...cx, trace: [...pad, ...cx.trace], failingStep: cx.failingStep + pad.length }));
  return f;
};

const capped = (args: readonly string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((res) =>
    execFile(process.execPath, [`--max-old-space-size=${HEAP_MB}`, resolve('bin/dipc-spec.mjs'), ...args], { timeout: 120_000, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) =>
      res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
    ),
  );

describe(`${OPS}-op traces in a ${HEAP_MB} MB heap`, () => {
  const unw = padded('counterexamples/UNW/unwind-forgets-sp.json');

  test('replay narrates every step and checks the recorded outcomes', async () => {
    const r = await capped(['replay', unw]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${OPS} ops`);
    expect(r.stdout).toMatch(new RegExp(`✗ ${OPS - 1}  kill\\[p0\\]`));
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  }, 120_000);

  test('run prints every step', async () => {
    const r = await capped(['run', unw]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(OPS + 1);
  }, 120_000);

  test('shrink cuts the trace down to the 1-minimal one', async () => {
    const c1 = padded('counterexamples/C1/cap-bound-off-by-one.json');
    const r = await capped(['shrink', c1]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(c1, 'utf8'));
    const stored = JSON.parse(readFileSync('counterexamples/C1/cap-bound-off-by-one.json', 'utf8'));
    expect(out.trace).toEqual(stored.trace);
    expect(r.stdout).toContain(`trace ${OPS} → ${stored.trace.length} ops`);
  }, 120_000);
});
