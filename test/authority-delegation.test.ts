// Owner rights handed on by their owner (Table 2, §5.2.2, §5.2.3): a process that holds an
// owner handle to another's domain, sent by that process, may register entries of the code
// in it, and whoever calls them enters the registrant (the spec's proxy makes it current).
// P1 and P2 must not call that a wrong (the first minimised traces of
// design-entry-register-without-owner did, on the spec); the same steps through a lowered
// copy are the flaw, refused by the spec and caught on the mutant.
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp, HandlePerm } from '../alphabet/dipc-ops';
import { checkOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';

const config: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 12, numCpus: 1, dcsSize: 4, blocks: 3, blockPages: 4, maxProcesses: 2, maxThreads: 2,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 1 },
    { honest: false, codePages: 1, dataPages: 1, threads: 1 },
  ],
};
const sig = { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 };

/** p0 sends p1 a handle to its default domain with `perm`; p1 registers word 5 of p0's code (page 4), requests it, grants and calls the proxy (kernel page 0). */
const trace = (perm: HandlePerm | null): DipcOp[] => [
  { op: 'syscall', t: 0, call: { k: 'dom_default' } },
  ...(perm === null ? [] : [{ op: 'syscall' as const, t: 0, call: { k: 'dom_copy' as const, h: -1, perm } }]),
  { op: 'syscall', t: 0, call: { k: 'handle_send', h: -1, pid: 1 } },
  { op: 'syscall', t: 1, call: { k: 'entry_register', h: -1, entries: [{ a: { k: 'abs', a: 4 * 16 + 5 }, sig, policy: [] }] } },
  { op: 'syscall', t: 1, call: { k: 'entry_request', e: -1, entries: [{ sig, policy: [] }] } },
  { op: 'syscall', t: 1, call: { k: 'dom_default' } },
  { op: 'syscall', t: 1, call: { k: 'grant_create', src: -1, dst: -2 } },
  { op: 'call', t: 1, a: { k: 'abs', a: 0 } },
];

const verdict = (id: string, ops: DipcOp[], machine: string) => {
  const p = propertyById(id);
  if (p === undefined) throw new Error(id);
  return checkOn(p, { config, ops }, machine)?.violation ?? null;
};

describe('owner rights handed on by their owner', () => {
  for (const id of ['P1', 'P2']) {
    test(`${id}: registering and calling another's code through an owner handle it sent is no wrong (spec and impl)`, () => {
      for (const m of ['spec', 'impl']) expect(verdict(id, trace(null), m), `${id} on ${m}`).toBeNull();
    });
    test(`${id}: through a lowered copy it is the flaw of design-entry-register-without-owner`, () => {
      expect(verdict(id, trace('call'), 'spec')).toBeNull();
      expect(verdict(id, trace('call'), 'design-entry-register-without-owner')).not.toBeNull();
    });
  }
});
