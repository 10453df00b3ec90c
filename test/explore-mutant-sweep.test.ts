// `npm run explore:mutants` (explore/mutant-sweep.ts, explore/in-alphabet.ts) at small depths:
// a stored trace is in scope when each op is one of its state's transitions; a mutant whose
// shortest in-scope trace is within the depth is found by explore, at no greater depth; one
// whose trace leaves the alphabet is named with the op that does.
import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { domainsOf } from '../explore/alphabet';
import { firstOpOutsideAlphabet } from '../explore/in-alphabet';
import { storedTracesByMutant, sweepMutant } from '../explore/mutant-sweep';
import { dipcMachineById } from '../machines/registry';

const byMutant = storedTracesByMutant();
const traces = (id: string) => {
  const t = byMutant.get(id);
  if (t === undefined) throw new Error(`no stored trace for ${id}`);
  return t;
};

describe('explore:mutants', () => {
  test('the corpus has stored dIPC traces for impl and design mutants, shortest first', () => {
    expect(byMutant.size).toBeGreaterThan(50);
    for (const list of byMutant.values()) for (let i = 1; i < list.length; i++) expect(list[i].ops.length).toBeGreaterThanOrEqual(list[i - 1].ops.length);
  });

  test('in scope: every op of a trace the search could take; outside: the first op no candidate stands for', () => {
    const factory = (id: string) => dipcMachineById(id)!;
    const inside = traces('design-kill-keeps-grants')[0];
    expect(firstOpOutsideAlphabet(inside.config, factory('design-kill-keeps-grants'), domainsOf(inside.config), inside.ops)).toBeNull();
    // arg-copy-after-use's trace stores r2 (the alphabet stores r0, r1, sp) 32 words past its code page.
    const outside = traces('arg-copy-after-use')[0];
    const off = firstOpOutsideAlphabet(outside.config, factory('arg-copy-after-use'), domainsOf(outside.config), outside.ops);
    expect(off?.step).toBe(2);
    expect(off?.op).toMatchObject({ op: 'store', r: 2 });
  });

  test.each([
    ['dcs-base-off-by-one', 'REF.dipc'],
    ['design-kill-keeps-grants', 'UNW'],
    ['design-grant-create-reversed', 'P1'],
    ['dead-proxy-callable', 'REF.dipc'],
    // Found only since transitions are merged by the spec's result too (explore/search.ts expandNode).
    ['timeout-without-stack-switch', 'REF.dipc'],
    // Found only since li writes every register (explore/alphabet.ts liRegisters).
    ['caller-stub-forgets-one-register', 'ARG-REG-INT'],
    // Found only since entry_request asks with a field one smaller.
    ['design-entry-request-accepts-mismatch', 'P4'],
  ])('%s is found (%s), no deeper than its stored trace', (mutant, prop) => {
    const row = sweepMutant(mutant, traces(mutant), { maxDepth: 3 });
    expect(row.property).toBe(prop);
    expect(row.verdict.kind).toBe('found');
    if (row.verdict.kind === 'found') {
      expect(row.verdict.depth).toBeLessThanOrEqual(row.length);
      expect(row.verdict.trace.length).toBe(row.verdict.depth);
    }
  }, 60_000);

  test('a trace longer than the depth asked is reported, not searched', () => {
    expect(sweepMutant('design-proxy-ignores-dcs-int', traces('design-proxy-ignores-dcs-int'), { maxDepth: 2 }).verdict.kind).toBe('too-deep');
  });

  test('bad flags: one line naming the flag, exit 2', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'scripts/explore-mutants.ts', ...args], { timeout: 60_000 }, (err, _o, stderr) =>
          resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stderr }),
        );
      });
    const [unknown, depth] = await Promise.all([run(['--mutants', 'nope']), run(['--max-depth', 'x'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--mutants: unknown mutant nope');
    expect(depth.code).toBe(2);
    expect(depth.stderr).toContain('--max-depth: expected an integer of at least 0, got "x"');
  }, 90_000);
});
