// What a dIPC step showed, named for coverage statistics: completed cross-process calls by
// nesting depth and policy, kills mid-chain and of processes that appear twice in a chain,
// kills of an away thread's home, crashes by depth, time-outs (split or refused), kills that
// race a time-out's split thread, and adversarial control transfers into proxies.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { Output } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcState } from '../../spec/state/dipc';
import type { KernelThread } from '../../spec/state/kernel-threads';

/** Processes of a thread's frames: home, then the callee of each KCS frame. */
export const chain = (kt: KernelThread): number[] => [kt.home, ...kt.kcs.map((f) => f.callee)];

export const dipcEvents = (op: DipcOp, pre: DipcState, output: Output, post: DipcState, events: Set<string>): void => {
  if (typeof op !== 'object' || op === null) return;
  // Calls that entered and calls that came back, per depth reached.
  post.os.threads.forEach((kt, t) => {
    const before = pre.os.threads[t]?.kcs.length ?? 0;
    if (kt.kcs.length > before) {
      events.add('call entered');
      events.add(`nesting depth ${Math.min(kt.kcs.length, 4)}${kt.kcs.length >= 4 ? '+' : ''}`);
      const top = kt.kcs[kt.kcs.length - 1];
      const policy = post.os.proxies[top.proxy].policy;
      events.add(policy.length === 0 ? 'call with no isolation' : policy.length === 7 ? 'call with every isolation property' : 'call with some isolation');
      if (new Set(chain(kt)).size < chain(kt).length) events.add('process twice in a chain');
    }
    if (kt.kcs.length < before && post.hw.threads[t].regs[7] === 0 && !kt.ended) events.add('call completed');
  });
  if (op.op === 'kill' && output.out === 'ok') {
    const pid = resolveIndex(op.pid, pre.os.processes.length);
    // A time-out split is still running (its split frame not yet returned through) and the
    // kill hits its callee or the caller it was split from.
    if (pre.os.threads.some((kt) => !kt.ended && kt.kcs.some((f) => f.split && (f.caller === pid || chain(kt).includes(pid)))))
      events.add('kill racing a time-out');
    for (const kt of pre.os.threads) {
      if (kt.ended) continue;
      const c = chain(kt);
      const at = c.indexOf(pid);
      if (at < 0) continue;
      if (at === 0 && kt.kcs.length > 0) events.add('kill of an away thread’s home');
      if (at > 0 && at < c.length - 1) events.add('kill mid-chain');
      if (c.indexOf(pid, at + 1) > at) events.add('kill of a process twice in a chain');
      if (at > 0) events.add('kill unwinds a caller');
    }
  }
  if (output.out === 'fault' && op.op !== 'kill' && 't' in op) {
    const t = resolveIndex(op.t, pre.os.threads.length);
    if (t >= 0) events.add(`crash at depth ${Math.min(pre.os.threads[t].kcs.length, 4)}`);
  }
  if (op.op === 'timeout') {
    if (output.out === 'ok') events.add(post.os.threads.length > pre.os.threads.length ? 'time-out split' : 'time-out');
    if (output.out === 'error' && output.error === 'notSplittable') events.add('time-out refused (no stack switch)');
    if (output.out === 'ok') {
      const t = resolveIndex(op.t, pre.os.threads.length);
      if (pre.os.threads[t].kcs.length >= 2) events.add('time-out on a nested call');
    }
  }
  if ((op.op === 'call' || op.op === 'jump' || op.op === 'ret') && output.out !== 'skip') events.add('adversarial control transfer');
};
