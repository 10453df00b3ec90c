// ARG-REG-CONF, checked relationally (DESIGN §6, "Testing Noninterference, Quickly"): the
// same trace runs on two machines whose honest processes' secrets differ, and wherever
// control passes to an adversary the registers it receives must be equal in both runs.
//
// An honest process's secrets are the values its stubs are given: the arguments of its
// calls and the results of its returns, except those the signature hands to the adversary
// on the other side (the first in-register and in-stack arguments of a call into an
// adversary, the first out-registers of a return to one), which are the same in both runs.
// The adversary receives registers at two points: the entry of a call from an honest caller
// (the caller's stub zeroes the rest when the caller asks for regConf), and the return of an
// honest callee to it (the callee's stub zeroes the rest when the callee asks for regConf).
// Runs whose control flow differs (a different KCS depth or current process) are compared no
// further: that is not a register leak.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { IsolationProp } from '../../alphabet/policy';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcScenario } from '../../gen/dipc-scenario';
import { securityScenarioArb } from '../../gen/security-scenario';
import type { DipcMachineFactory } from '../../refinement/machine';
import type { DipcState } from '../../spec/state/dipc';
import { importIndex } from '../../spec/transitions/dipc/stubs';
import type { DipcProperty, Verdict } from '../types';
import type { Output } from '../../alphabet/output';

/** A secret's value in the second run: far from anything the generator writes. */
const other = (v: number, i: number): number => v + 1000 + 17 * i;

const perturb = (vals: readonly number[], keep: number): number[] => vals.map((v, i) => (i < keep ? v : other(v, i)));

/** The op the second run executes: the same, with the honest secrets changed. */
export const secretVariant = (s: DipcState, op: DipcOp): DipcOp => {
  if (op.op !== 'stub_call' && op.op !== 'stub_return') return op;
  const t = resolveIndex(op.t, s.os.threads.length);
  const kt = s.os.threads[t];
  if (t < 0 || kt === undefined || kt.ended) return op;
  const p = s.os.processes[kt.current];
  if (!p.honest) return op;
  if (op.op === 'stub_call') {
    if (p.imports.length === 0) return op;
    const imp = p.imports[importIndex(op.i, p.imports.length)];
    // The callee: the proxy's, or for an import not resolved yet the owner of its entry handle.
    const h = imp.handle === null ? undefined : p.handles[imp.handle];
    const callee = imp.proxy !== null ? s.os.proxies[imp.proxy].callee : h?.k === 'entry' ? s.os.entries[h.entry]?.owner : undefined;
    const calleeHonest = callee === undefined || s.os.processes[callee].honest;
    return { ...op, args: perturb(op.args, calleeHonest ? 0 : imp.signature.inRegs + imp.signature.stackWords) };
  }
  const f = kt.kcs[kt.kcs.length - 1];
  if (f === undefined) return op;
  const callerHonest = s.os.processes[f.caller].honest;
  return { ...op, results: perturb(op.results, callerHonest ? 0 : s.os.proxies[f.proxy].signature.outRegs) };
};

const sameShape = (a: DipcState, b: DipcState): boolean =>
  a.os.threads.length === b.os.threads.length &&
  a.os.threads.every((k, t) => k.current === b.os.threads[t].current && k.kcs.length === b.os.threads[t].kcs.length && k.ended === b.os.threads[t].ended);

const has = (p: readonly IsolationProp[] | undefined, k: IsolationProp) => p?.includes(k) ?? false;

/** Which hand-overs to compare: calls into the adversary (the caller's secrets), returns to it (the callee's), or both. */
export type RegConfSide = 'caller' | 'callee' | 'both';

/** The relational check; `unguarded` compares every hand-over whatever the policy (for the audit). */
const makeCheck = (side: RegConfSide, unguarded: boolean) => (sc: DipcScenario, factory: DipcMachineFactory): Verdict => {
  const outputs: Output[] = [];
  const events = new Set<string>();
  const m1 = factory.create(sc.config);
  const m2 = factory.create(sc.config);
  let pre1 = m1.abstract();
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    const variant = secretVariant(pre1, op);
    if (variant !== op) events.add('secret given to an honest stub');
    let out1: Output;
    try {
      out1 = m1.step(op);
      m2.step(variant);
    } catch (e) {
      return { violation: { step: i, expected: 'the machine steps', observed: `threw ${e instanceof Error ? e.message : String(e)}` }, ops: i + 1, outputs, events: [...events] };
    }
    outputs.push(out1);
    const post1 = m1.abstract();
    const post2 = m2.abstract();
    if (!sameShape(post1, post2)) {
      events.add('runs diverged');
      return { violation: null, ops: i + 1, outputs, events: [...events] };
    }
    // Where control passed to an adversary at this step, with the registers it got.
    for (const [t, kt] of post1.os.threads.entries()) {
      const before = pre1.os.threads[t];
      if (before === undefined || kt.ended || post1.os.processes[kt.current].honest) continue;
      let guarded: boolean | null = null;
      let what = '';
      if (kt.kcs.length === before.kcs.length + 1 && post1.os.processes[kt.kcs[kt.kcs.length - 1].caller].honest) {
        const f = kt.kcs[kt.kcs.length - 1];
        const imp = post1.os.processes[f.caller].imports.find((x) => x.proxy === f.proxy);
        guarded = side === 'callee' ? null : unguarded || has(imp?.policy, 'regConf');
        what = `the entry of t${t}'s call from honest p${f.caller} into p${kt.current}`;
      } else if (kt.kcs.length === before.kcs.length - 1 && post1.os.processes[before.current].honest && post1.hw.threads[t].regs[7] === 0) {
        // A normal return (unwinding after a crash resumes the caller with whatever registers
        // the crash left: the callee's stub never ran its return half; see docs).
        const f = before.kcs[before.kcs.length - 1];
        const px = post1.os.proxies[f.proxy];
        guarded = side === 'caller' ? null : unguarded || has(post1.os.entries[px.entry]?.entries[px.slot]?.policy, 'regConf');
        what = `the return of t${t} from honest p${f.callee} to p${kt.current}`;
      }
      if (guarded === null) continue;
      const r1 = post1.hw.threads[t].regs;
      const r2 = post2.hw.threads[t].regs;
      const leak = r1.findIndex((v, r) => v !== r2[r]);
      if (!guarded) {
        if (leak >= 0) events.add('secret reached an adversary without regConf');
        continue;
      }
      events.add('adversary got control under regConf');
      if (leak >= 0)
        return {
          violation: { step: i, expected: `at ${what}${unguarded ? '' : ' (regConf)'} the adversary's registers do not depend on honest secrets`, observed: `r${leak} is ${r1[leak]} in one run and ${r2[leak]} in the other` },
          ops: i + 1, outputs, events: [...events],
        };
    }
    pre1 = post1;
  }
  return { violation: null, ops: sc.ops.length, outputs, events: [...events] };
};

export const ARG_REG_CONF: DipcProperty & { readonly needs: string } = {
  id: 'ARG-REG-CONF',
  title: 'register confidentiality: registers handed to an adversary do not depend on honest secrets (relational)',
  layer: 'dipc',
  needs: "regConf on the honest side: the caller's for a call into the adversary, the callee's for a return to it",
  scenarios: securityScenarioArb,
  coverage: { 'adversary got control under regConf': 0.05, 'secret reached an adversary without regConf': 0.002 },
  check: makeCheck('both', false),
};

/** One side of ARG-REG-CONF checked whatever the policy, for the audit ('ARG-REG-CONF~unguarded-caller' ...). */
export const regConfUnguarded = (side: 'caller' | 'callee'): DipcProperty => ({
  ...ARG_REG_CONF,
  id: `ARG-REG-CONF~unguarded-${side}`,
  coverage: {},
  check: makeCheck(side, true),
});
