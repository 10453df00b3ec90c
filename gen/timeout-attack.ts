// A time-out attack on the split callee's stack (§5.4; issue 13, the design survivor
// `design-timeout-caller-keeps-callee-stack`). After a time-out of a call that switched
// stacks, the caller resumes and the callee goes on in a new thread on its own stack; the
// old thread's capability to that stack is revoked, so the two never reach each other's
// stack again. The caller can keep that capability only through the DCS: registers c0-c5 are
// emptied and c6/c7 restored at the resumption, and dIPC maps no capability-storage page; an
// unwind cuts the DCS back to its length at the call (dcs-restore.ts), so an entry *below*
// the call's top that the callee replaced survives it when the call has no DCS protection
// (§5.2.3: without DCS integrity the callee may pop the caller's entries). So:
//   the adversarial caller pushes a capability (its DCS is not empty at the call), calls an
//   adversarial callee through an import whose call switches stacks (stackConf) with no DCS
//   protection; the callee pops the caller's entry and pushes its own stack capability (c7);
//   the call times out; the resumed caller pops that capability and stores through it into
//   the split callee's stack (TMO: the caller never touches the split thread's stack).
// Random configurations rarely have such a call (both sides adversarial, a stack switch, no
// DCS protection on either side: about one import in eighty), so the attack is steered: one
// import of a booted process is made so (its policies, its signature with no DCS argument,
// both processes adversarial), and the attack's ops are put among the trace's.
import fc from 'fast-check';
import { STACK_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { IsolationProp } from '../alphabet/policy';
import { resolveIndex } from '../alphabet/resolve';
import type { DipcScenario } from './dipc-scenario';
import { bootOf } from './security-atoms';

export interface KeptStackAttack {
  readonly pick: number;
  readonly imp: number;
  /** Where the attack goes among the trace's ops (early: the thread should be at no call depth). */
  readonly at: number;
  /** The capability register the caller pushes first, and where in the callee's stack it stores. */
  readonly push: number;
  readonly o: number;
}

export const keptStackAttackArb: fc.Arbitrary<KeptStackAttack> = fc.record({
  pick: fc.nat(),
  imp: fc.nat(),
  at: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
  push: fc.constantFrom(STACK_CAP, STACK_CAP, 6),
  o: fc.integer({ min: 0, max: 15 }),
});

const without = (p: readonly IsolationProp[], drop: readonly IsolationProp[]): IsolationProp[] => p.filter((k) => !drop.includes(k));

/** The scenario with one import steered as above and the attack's ops put in; unchanged when no booted process can make such a call. */
export const steerKeptStack = (config: DipcConfig, ops: readonly DipcOp[], w: KeptStackAttack): DipcScenario => {
  const b = bootOf(config);
  const callers: { a: number; k: number; callee: number; ex: number }[] = [];
  for (let a = 0; a < b.n; a++) {
    if (b.firstThread[a] < 0) continue;
    (config.processes[a].imports ?? []).forEach((im, k) => {
      const callee = resolveIndex(im.from, b.n);
      const exps = config.processes[callee]?.exports ?? [];
      if (callee !== a && exps.length > 0) callers.push({ a, k, callee, ex: resolveIndex(im.export, exps.length) });
    });
  }
  if (callers.length === 0) return { config, ops };
  const { a, k, callee, ex } = callers[w.pick % callers.length];
  const sig = { ...config.processes[callee].exports![ex].sig, dcsArgs: 0 };
  const processes = config.processes.map((p, pid) => {
    if (pid === a)
      return {
        ...p, honest: false,
        imports: p.imports!.map((im, j) => (j === k ? { ...im, sig, policy: [...without(im.policy, ['dcsInt', 'dcsConf', 'stackInt']), 'stackConf' as const] } : im)),
      };
    if (pid === callee)
      return { ...p, honest: false, exports: p.exports!.map((e, j) => (j === ex ? { ...e, sig, policy: without(e.policy, ['dcsInt', 'dcsConf']) } : e)) };
    return p;
  });
  const t = b.firstThread[a];
  const attack: DipcOp[] = [
    { op: 'cap_push', t, c: w.push },
    { op: 'stub_call', t, i: k, args: [] },
    // The callee: the caller's entry off the DCS, its own stack capability in its place.
    { op: 'cap_pop', t, c: 0 },
    { op: 'cap_push', t, c: STACK_CAP },
    { op: 'timeout', t },
    // The resumed caller (r0-r6 are zero now, r7 the time-out error): pop and store r7.
    { op: 'cap_pop', t, c: 3 },
    { op: 'store', t, r: 7, a: { k: 'capBase', c: 3, o: w.o } },
  ];
  const at = Math.min(w.at, ops.length);
  return { config: { ...config, processes }, ops: [...ops.slice(0, at), ...attack, ...ops.slice(at)] };
};
