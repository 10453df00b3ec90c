// ACCT accounting (DESIGN §6, paper §5.2.1, §6.1.2): CPU time is charged to the process the
// thread runs in (its current process, switched by the proxies), one unit per op a thread
// runs, and nobody else is charged; a process names a primary thread only by its own
// identifiers: a thread gets an id in a process only when it is created there or enters it,
// and ids within a process are never reused.
import type { Broken } from '../types';
import { actorOf } from './call-tracker';
import { type Obs, securityProperty } from './harness';

const charged = (o: Obs, events: Set<string>): Broken | null => {
  const t = actorOf(o.op, o.pre);
  const kt = t >= 0 ? o.pre.os.threads[t] : undefined;
  const runs = kt !== undefined && !kt.ended && o.output.out !== 'skip';
  for (const [pid, p] of o.post.os.processes.entries()) {
    const before = o.pre.os.processes[pid]?.cpuTime ?? 0;
    const want = runs && kt.current === pid ? before + 1 : before;
    if (p.cpuTime !== want)
      return { expected: `p${pid} is charged ${want - before} for this op${runs ? ` (t${t} runs in p${kt.current})` : ''}`, observed: `charged ${p.cpuTime - before}` };
  }
  if (runs && kt.kcs.length > 0) events.add('op charged to a callee');
  return null;
};

const namedByOwnIds = (o: Obs, events: Set<string>): Broken | null => {
  for (const [pid, p] of o.post.os.processes.entries()) {
    const before = o.pre.os.processes[pid];
    const ids = new Set<number>();
    for (const [t, id] of p.threadIds) {
      if (ids.has(id)) return { expected: `p${pid} names each thread by its own id`, observed: `id ${id} names two threads` };
      ids.add(id);
      if (before?.threadIds.get(t) === id) continue;
      if (before?.threadIds.has(t)) return { expected: `p${pid}'s id for t${t} never changes`, observed: `${before.threadIds.get(t)} became ${id}` };
      // A new name: t was made in pid or has entered it in this op.
      const kt = o.post.os.threads[t];
      // (It may have left again in the same op, unwound by a fault: then it was the op's thread.)
      const there = kt !== undefined && (kt.home === pid || kt.current === pid || kt.kcs.some((f) => f.callee === pid) || o.pre.os.threads[t] === undefined || actorOf(o.op, o.pre) === t);
      if (!there) return { expected: `p${pid} names t${t} only once t${t} is created in it or enters it`, observed: `t${t} got id ${id} from afar` };
      if (o.pre.os.threads[t] !== undefined) events.add('thread named on first entry');
    }
  }
  return null;
};

export const ACCT = securityProperty({
  id: 'ACCT',
  title: 'accounting: CPU time goes to the current process; a process names threads only by its own ids, given on entry',
  needs: 'nothing (every policy)',
  coverage: { 'op charged to a callee': 0.2, 'thread named on first entry': 0.1 },
  makeCheck: () => (o, _calls, events) => charged(o, events) ?? namedByOwnIds(o, events),
});
