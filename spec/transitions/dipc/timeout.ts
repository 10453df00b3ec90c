// Time-outs (§5.4): the innermost cross-process call of a thread times out. If it switched
// stacks, the thread is split: the caller resumes at the proxy with a time-out error, and a
// new thread carries on in the callee with the upper KCS, deleted when it returns into the
// splitting proxy. Without a stack switch caller and callee share a stack, so the time-out
// is refused and nothing changes; so it is when the callee has an earlier frame in the
// thread (re-entrance), whose stack the split thread would share.
import * as E from 'fp-ts/lib/Either.js';
import { RET_CAP, STACK_CAP } from '../../../alphabet/config';
import type { DipcError } from '../../../alphabet/output';
import type { CapNode } from '../../state/capabilities';
import type { DipcState } from '../../state/dipc';
import type { KernelThread } from '../../state/kernel-threads';
import { KERNEL_TAG } from './lifecycle';
import { replaceProcess, withHw, withOs } from './result';
import { ERR_TIMEOUT, frameProcess, unwindFrom } from './unwind';

const chain = (kt: KernelThread): number[] => Array.from({ length: kt.kcs.length + 1 }, (_, k) => frameProcess(kt, k));

export const timeout = (s0: DipcState, t: number): E.Either<DipcError, { state: DipcState; split: number }> => {
  const kt = s0.os.threads[t];
  const frame = kt.kcs[kt.kcs.length - 1];
  if (frame === undefined) return E.left('noCall');
  // A split needs the callee on a stack of its own: the call switched stacks, and the callee
  // has no earlier frame in this thread (which would share that stack).
  if (!frame.stackSwitched || chain(kt).slice(0, -1).includes(frame.callee)) return E.left('notSplittable');
  const t2 = s0.os.threads.length;
  if (t2 >= s0.os.maxThreads || t2 >= s0.hw.threads.length) return E.left('noThreads');
  const region = kt.stacks.get(frame.callee);
  if (region === undefined) return E.left('notSplittable');
  const px = s0.os.proxies[frame.proxy];
  // The split thread gets its own capabilities to the callee stack and the return path; the
  // caller's are revoked, so the two never reach each other's stack again.
  const stackCap = s0.hw.caps.length;
  const retCap = stackCap + 1;
  const nodes: CapNode[] = [
    { parent: null, base: region.first, length: region.words, perm: 'write', kind: 'sync', owner: t2, creatorTag: KERNEL_TAG, revoked: false },
    { parent: null, base: px.returnPath, length: 1, perm: 'read', kind: 'sync', owner: t2, creatorTag: px.domain, revoked: false },
  ];
  const ctx = s0.hw.threads[t];
  const caps = [...s0.hw.caps, ...nodes].map((c, id) => (id === region.cap || id === frame.returnCap ? { ...c, revoked: true } : c));
  let s = withHw(s0, {
    ...s0.hw,
    caps,
    threads: s0.hw.threads.map((c, j) =>
      j === t2 ? { ...ctx, capRegs: ctx.capRegs.map((v, r) => (r === STACK_CAP ? stackCap : r === RET_CAP ? retCap : v)), cpu: t2 % s0.hw.numCpus } : c,
    ),
  });
  const splitOff: KernelThread = {
    home: frame.callee, current: kt.current, ended: false, tls: kt.tls, resource: kt.resource,
    kcs: [{ ...frame, returnCap: retCap, split: true }], stacks: new Map([[frame.callee, { ...region, cap: stackCap }]]),
  };
  const stacks = new Map(kt.stacks);
  stacks.delete(frame.callee);
  s = withOs(s, { threads: [...s.os.threads.map((k, j) => (j === t ? { ...k, stacks } : k)), splitOff] });
  const callee = s.os.processes[frame.callee];
  const threadIds = new Map(callee.threadIds);
  threadIds.set(t2, callee.nextThreadId);
  s = replaceProcess(s, frame.callee, { ...callee, threadIds, nextThreadId: callee.nextThreadId + 1 });
  return E.right({ state: unwindFrom(s, t, kt.kcs.length, ERR_TIMEOUT), split: t2 });
};
