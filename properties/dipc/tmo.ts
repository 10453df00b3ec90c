// TMO (DESIGN §6, paper §5.4): a time-out on a call that switched stacks resumes the caller
// with the time-out error, and the split-off callee never touches the caller again, neither
// its registers nor its stack (nor the caller the split thread's), and is deleted when it returns; without a stack switch the
// time-out is refused and nothing changes.
import { ERR_REG } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import { DIPC_LAYER } from '../../refinement/layer';
import { firstDipcDifference } from '../../refinement/dipc-diff';
import type { DipcState } from '../../spec/state/dipc';
import { checkStepsIn, type LayerObservation } from '../observe';
import type { Broken, DipcProperty, Verdict } from '../types';
import type { DipcScenario } from '../../gen/dipc-scenario';
import type { DipcMachineFactory } from '../../refinement/machine';
import { dipcEvents } from './events';

type Obs = LayerObservation<DipcOp, DipcState>;
const ERR_TIMEOUT = 4;

const check = (sc: DipcScenario, factory: DipcMachineFactory): Verdict => {
  /** split-off thread -> the caller it was split from */
  const splits = new Map<number, number>();
  return checkStepsIn(DIPC_LAYER, sc, factory, (o: Obs, events): Broken | null => {
    dipcEvents(o.op, o.pre, o.output, o.post, events);
    const { op, pre, output, post } = o;
    if (op.op === 'timeout') {
      const t = resolveIndex(op.t, pre.os.threads.length);
      const kt = pre.os.threads[t];
      const f = kt?.kcs[kt.kcs.length - 1];
      if (kt === undefined || kt.ended || f === undefined) return null;
      if (!f.stackSwitched) {
        if (output.out !== 'error') return { expected: 'a time-out without a stack switch is refused', observed: `timeout returned ${output.out}` };
        const d = firstDipcDifference(pre, post);
        return d === null ? null : { expected: 'a refused time-out changes nothing', observed: d };
      }
      if (output.out !== 'ok') return null; // no thread slot for the split
      const after = post.os.threads[t];
      if (after.current !== f.caller || post.hw.threads[t].regs[ERR_REG] !== ERR_TIMEOUT)
        return { expected: `t${t} resumes in p${f.caller} with the time-out error in r7`, observed: `in p${after.current}, r7 = ${post.hw.threads[t].regs[ERR_REG]}` };
      const t2 = pre.os.threads.length;
      if (post.os.threads[t2] === undefined) return { expected: 'a time-out splits off a new thread in the callee', observed: 'no new thread' };
      splits.set(t2, t);
      return null;
    }
    if (!('t' in op) || output.out === 'skip') return null;
    const actor = resolveIndex(op.t, pre.os.threads.length);
    // Returning into the splitting proxy (a control transfer that pops the split frame) deletes the thread.
    const returning = op.op === 'ret' || op.op === 'jump' || op.op === 'call' || op.op === 'stub_return';
    if (returning && splits.has(actor)) {
      const before = pre.os.threads[actor];
      const after = post.os.threads[actor];
      if (before.kcs.length > 0 && before.kcs[before.kcs.length - 1].split && after.kcs.length < before.kcs.length && !after.ended)
        return { expected: `split thread t${actor} is deleted when it returns into the splitting proxy`, observed: 'it goes on' };
    }
    // The other direction: the resumed caller never touches the split thread (its registers, its stacks).
    for (const [split, from] of splits) {
      if (from !== actor || post.os.threads[split]?.ended !== false) continue;
      const a = pre.hw.threads[split];
      const b = post.hw.threads[split];
      if (a.regs.some((v, i) => v !== b.regs[i]) || a.capRegs.some((v, i) => v !== b.capRegs[i]) || a.dcs.length !== b.dcs.length)
        return { expected: `caller t${actor} never touches the thread t${split} split off from it`, observed: `${op.op} changed t${split}'s registers` };
      for (const [, region] of pre.os.threads[split].stacks) {
        for (let w = region.first; w < region.first + region.words; w++) {
          if ((pre.hw.memory.get(w) ?? 0) !== (post.hw.memory.get(w) ?? 0))
            return { expected: `caller t${actor} never touches the stack of t${split}, split off from it`, observed: `${op.op} wrote 0x${w.toString(16)}` };
        }
      }
    }
    const caller = splits.get(actor);
    if (caller === undefined) return null;
    const a = pre.hw.threads[caller];
    const b = post.hw.threads[caller];
    if (a.regs.some((v, i) => v !== b.regs[i]) || a.capRegs.some((v, i) => v !== b.capRegs[i]) || a.dcs.length !== b.dcs.length)
      return { expected: `split thread t${actor} never touches t${caller}'s registers`, observed: `${op.op} changed them` };
    // Its live stacks: those of the processes in its chain (a failed frame's stack is discarded).
    const kt = post.os.threads[caller];
    if (kt.ended) return null;
    const live = new Set([kt.home, ...kt.kcs.map((f) => f.callee)]);
    for (const [p, region] of pre.os.threads[caller].stacks) {
      if (!live.has(p)) continue;
      for (let w = region.first; w < region.first + region.words; w++) {
        if ((pre.hw.memory.get(w) ?? 0) !== (post.hw.memory.get(w) ?? 0))
          return { expected: `split thread t${actor} never touches t${caller}'s stack`, observed: `${op.op} wrote 0x${w.toString(16)}` };
      }
    }
    return null;
  });
};

export const TMO: DipcProperty = {
  id: 'TMO',
  layer: 'dipc',
  title: 'time-outs: the caller resumes with the error, the split callee never touches it and is deleted on return',
  check,
};
