// ACCT and a fork's child (§6.1.3: fork turns dIPC off; the child runs at its parent's
// addresses in a space of its own until it execs). Who pays and whose code a thread runs
// are the witness's (its record of the fork, a thread the child makes, and the exec that
// puts every thread of the child back in the global space), not the process's dIPC flag:
// the child pays for its own ops, its exec included, and after the exec it owns its code.
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { outputToString } from '../alphabet/output';
import { checkOn, dipcMachineById } from '../machines/registry';
import { propertyById } from '../properties/catalogue';

const config: DipcConfig = {
  wordsPerPage: 16, entryAlign: 1, maxDomains: 8, numCpus: 1, dcsSize: 4, blocks: 4, blockPages: 3,
  maxProcesses: 3, maxThreads: 4, stackPages: 1,
  processes: [{ honest: true, codePages: 1, dataPages: 1, threads: 1, exports: [], imports: [] }],
} as DipcConfig;

const sys = (t: number, call: Extract<DipcOp, { op: 'syscall' }>['call']): DipcOp => ({ op: 'syscall', t, call });
const acct = propertyById('ACCT');

describe('ACCT: a fork child runs and pays in its own space (witnessed)', () => {
  const traces: Record<string, DipcOp[]> = {
    'fork, the child runs': [sys(0, { k: 'fork' }), sys(1, { k: 'dom_default' }), sys(0, { k: 'dom_default' })],
    'fork, the child execs, then runs': [sys(0, { k: 'fork' }), sys(1, { k: 'exec' }), sys(1, { k: 'dom_default' }), sys(0, { k: 'dom_default' })],
  };
  for (const [name, ops] of Object.entries(traces))
    for (const m of ['spec', 'impl'])
      test(`${name} (${m})`, () => {
        expect(acct).toBeDefined();
        if (acct === undefined) return;
        expect(checkOn(acct, { config, ops }, m)?.violation ?? null).toBeNull();
      });

  // Not vacuous: the fork and the exec succeed, and the child (p1) pays for its exec.
  for (const m of ['spec', 'impl'])
    test(`the exec trace runs as meant (${m})`, () => {
      const machine = dipcMachineById(m)?.create(config);
      expect(machine).toBeDefined();
      if (machine === undefined) return;
      const outs = traces['fork, the child execs, then runs'].map((op) => outputToString(machine.step(op)));
      expect(outs.slice(0, 2)).toEqual(['= 1', '= 0']);
      expect(machine.abstract().os.processes.map((p) => p.cpuTime)).toEqual([2, 2]);
    });
});
