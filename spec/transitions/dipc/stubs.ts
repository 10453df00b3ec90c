// Honest stubs (§5.2.3, §5.3.1): the untrusted user code that implements the caller's and
// the callee's halves of an isolation policy around a proxy call. Honest processes run
// exactly these; adversarial ones may skip or corrupt them (P5: that only hurts themselves).
import { ARGS_CAP, ERR_REG, SP, STACK_CAP } from '../../../alphabet/config';
import type { Fault } from '../../../alphabet/output';
import type { IsolationProp, Signature } from '../../../alphabet/policy';
import { resolveIndex } from '../../../alphabet/resolve';
import * as E from 'fp-ts/lib/Either.js';
import type { DipcState } from '../../state/dipc';
import { type Act, copyWord, instr, pop, push, readWord, runActs, setReg } from './user-actions';

/** A buffer argument is 4 words of the caller's first data page; DCS argument j is buffer j. */
export const BUFFER_WORDS = 4;

/** Registers the caller keeps live across a call: those neither arguments nor results, below the error flag. */
export const liveRegisters = (sig: Signature): number[] => {
  const out: number[] = [];
  for (let r = Math.max(sig.inRegs, sig.outRegs); r < ERR_REG; r++) out.push(r);
  return out;
};

const has = (p: readonly IsolationProp[], k: IsolationProp): boolean => p.includes(k);
const stackCapBase = (s: DipcState, t: number): number => {
  const id = s.hw.threads[t].capRegs[STACK_CAP];
  return id === null || id >= s.hw.caps.length ? 0 : s.hw.caps[id].base;
};

/**
 * The caller stub up to the call (isolate_call): save live registers (register integrity),
 * push the in-stack arguments, narrow the stack capability (stack integrity: the whole-stack
 * capability goes on the DCS, c5 covers the arguments, c7 the unused area), make and push a
 * sync capability per DCS argument, load the register arguments, zero everything else
 * (register confidentiality), and call the proxy.
 */
export const callerPrologue = (
  t: number, sig: Signature, policy: readonly IsolationProp[], args: readonly number[], dataBase: number, proxyAddress: number,
): Act[] => {
  const acts: Act[] = [];
  if (has(policy, 'regInt')) for (const r of liveRegisters(sig)) acts.push(push(t, (s) => s.hw.threads[t].regs[r]));
  for (let j = sig.stackWords - 1; j >= 0; j--) acts.push(push(t, () => args[sig.inRegs + j] ?? 0));
  if (has(policy, 'stackInt')) {
    const off = (s: DipcState) => s.hw.threads[t].regs[SP] - stackCapBase(s, t);
    acts.push((s) =>
      sig.stackWords > 0
        ? instr({ op: 'cap_derive', t, c: ARGS_CAP, s: STACK_CAP, off: off(s), len: sig.stackWords, perm: 'write', kind: 'sync' })(s)
        : instr({ op: 'cap_clear', t, c: ARGS_CAP })(s),
    );
    acts.push(instr({ op: 'cap_push', t, c: STACK_CAP }));
    acts.push((s) => instr({ op: 'cap_derive', t, c: STACK_CAP, s: STACK_CAP, off: 0, len: off(s), perm: 'write', kind: 'sync' })(s));
  }
  for (let j = 0; j < sig.dcsArgs; j++) {
    acts.push(instr({ op: 'cap_create', t, c: j, a: { k: 'abs', a: dataBase + j * BUFFER_WORDS }, len: BUFFER_WORDS, perm: 'read', kind: 'sync' }));
    acts.push(instr({ op: 'cap_push', t, c: j }));
  }
  for (let r = 0; r < sig.inRegs; r++) acts.push(setReg(t, r, args[r] ?? 0));
  if (has(policy, 'regConf')) {
    for (let r = sig.inRegs; r <= ERR_REG; r++) acts.push(setReg(t, r, 0));
    // c6 stays: the caller's own return capability, saved and replaced by the proxy (§5.2.3).
    for (const c of [0, 1, 2, 3, 4]) acts.push(instr({ op: 'cap_clear', t, c }));
  }
  acts.push(instr({ op: 'call', t, a: { k: 'abs', a: proxyAddress } }));
  return acts;
};

/**
 * The caller stub after the call returns (deisolate_call): drop the in-stack arguments, pop
 * and revoke the DCS arguments, put the whole-stack capability back (stack integrity),
 * restore the live registers (register integrity).
 */
export const callerEpilogueActs = (t: number, sig: Signature, policy: readonly IsolationProp[]): Act[] => {
  const acts: Act[] = [];
  acts.push((s) => setReg(t, SP, s.hw.threads[t].regs[SP] + sig.stackWords)(s));
  for (let j = 0; j < sig.dcsArgs; j++) {
    acts.push(instr({ op: 'cap_pop', t, c: 4 }));
    // Revoke what was popped if it still grants anything (a misbehaving callee may have swapped it).
    acts.push((s) => {
      const r = instr({ op: 'cap_revoke', t, c: 4 })(s);
      return r._tag === 'Left' ? instr({ op: 'cap_clear', t, c: 4 })(s) : r;
    });
  }
  if (has(policy, 'stackInt')) {
    acts.push(instr({ op: 'cap_pop', t, c: STACK_CAP }));
    acts.push(instr({ op: 'cap_clear', t, c: ARGS_CAP }));
  }
  if (has(policy, 'regInt')) for (const r of [...liveRegisters(sig)].reverse()) acts.push(pop(t, r));
  acts.push(instr({ op: 'cap_clear', t, c: 4 }));
  return acts;
};

/** Run the caller's epilogue when control comes back to an honest caller from proxy x. */
export const callerEpilogue = (s: DipcState, t: number, x: number): { state: DipcState; fault: Fault | null } => {
  const p = s.os.processes[s.os.threads[t].current];
  const imp = p.imports.find((i) => i.proxy === x);
  if (!p.honest || imp === undefined) return { state: s, fault: null };
  return runActs(s, callerEpilogueActs(t, imp.signature, imp.policy));
};

const capBaseIn = (s: DipcState, t: number, c: number): number => {
  const id = s.hw.threads[t].capRegs[c];
  return id === null || id >= s.hw.caps.length ? 0 : s.hw.caps[id].base;
};

/** Words an honest callee with argument copy reserves below its sp for its copies (per activation). */
export const copyWords = (sig: Signature, policy: readonly IsolationProp[]): number => (has(policy, 'argCopy') ? sig.dcsArgs * BUFFER_WORDS : 0);

/**
 * The callee stub at entry: take the DCS arguments into c0.. (pop, then push back, so the
 * caller finds its DCS as it left it) and, with argument copy (§3.4: "argument immutability
 * can be implemented in non-privileged user code by simply copying argument contents"), copy
 * each buffer into the callee's own memory before any use. The copy is per activation
 * (docs/dipc-model.md "Argument copy is per activation"): the stub reserves 4·dcsArgs words
 * below its sp, on the stack it runs on, copies buffer j to words sp+4j.. of that area and
 * keeps sp below it until its return. If the area would reach below `stackBottom` (the
 * first word of the stack the thread runs on) the stub raises a fault (stack overflow, as a
 * guard page would) before writing anything.
 */
export const calleePrologueActs = (t: number, sig: Signature, policy: readonly IsolationProp[], stackBottom: number): Act[] => {
  const acts: Act[] = [];
  for (let j = sig.dcsArgs - 1; j >= 0; j--) acts.push(instr({ op: 'cap_pop', t, c: j }));
  for (let j = 0; j < sig.dcsArgs; j++) acts.push(instr({ op: 'cap_push', t, c: j }));
  const room = copyWords(sig, policy);
  if (room > 0) {
    const area = (s: DipcState) => s.hw.threads[t].regs[SP] - room;
    acts.push((s) => (area(s) < stackBottom ? E.left({ kind: 'crash', addr: s.hw.threads[t].ip }) : E.right(s)));
    for (let j = 0; j < sig.dcsArgs; j++) {
      for (let w = 0; w < BUFFER_WORDS; w++) acts.push(copyWord(t, (s) => capBaseIn(s, t, j) + w, (s) => area(s) + j * BUFFER_WORDS + w));
    }
    acts.push((s) => setReg(t, SP, area(s))(s));
  }
  return acts;
};

/**
 * The callee stub's return (isolate_ret). The callee's computation uses its buffer
 * arguments: r0 is results[0] plus the sum of their words, read from its own copy with
 * argument copy (the area its prologue reserved, at sp), else from the caller's buffers
 * through the capabilities (ARG-IMM observes the difference); the copy area is released (sp
 * back above it) before the return. Everything but the results is zeroed when the callee
 * asked for register confidentiality (c6, the return capability, and c7, the stack, stay);
 * then return through the proxy's return path.
 */
export const calleeReturnActs = (t: number, sig: Signature, policy: readonly IsolationProp[], results: readonly number[]): Act[] => {
  const acts: Act[] = [];
  const room = copyWords(sig, policy);
  let used = 0;
  for (let j = 0; j < sig.dcsArgs; j++) {
    for (let w = 0; w < BUFFER_WORDS; w++) {
      const at = room > 0 ? (s: DipcState) => s.hw.threads[t].regs[SP] + j * BUFFER_WORDS + w : (s: DipcState) => capBaseIn(s, t, j) + w;
      acts.push(readWord(t, at, (v) => {
        used += v;
      }));
    }
  }
  if (room > 0) acts.push((s) => setReg(t, SP, s.hw.threads[t].regs[SP] + room)(s));
  for (let r = 0; r < sig.outRegs; r++) acts.push((s) => setReg(t, r, (results[r] ?? 0) + (r === 0 ? used : 0))(s));
  if (has(policy, 'regConf')) {
    for (let r = sig.outRegs; r <= ERR_REG; r++) acts.push(setReg(t, r, 0));
    for (const c of [0, 1, 2, 3, 4, 5]) acts.push(instr({ op: 'cap_clear', t, c }));
  }
  acts.push(instr({ op: 'ret', t }));
  return acts;
};

/** Which import slot `i` names in a table of `n` (modulo, like every op index). */
export const importIndex = (i: number, n: number): number => resolveIndex(i, n);
