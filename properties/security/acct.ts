// ACCT accounting (DESIGN §6, paper §5.2.1, §6.1.2): the current process always owns the code
// being run outside proxies, and the thread's TLS base and resource identity are that
// process's (track_process_call switches all three together); CPU time is charged to the
// process whose code the thread runs, one unit per op, and nobody else is charged. Whose code
// it is comes from the witness (witness/witness.ts: page ownership as observed from boot,
// spawn, exec and consented remaps), never from `current` itself; a process names a primary thread only by its own
// identifiers: a thread gets an id in a process only when it is created there or enters it,
// and ids within a process are never reused.
import type { Broken } from '../types';
import { actorOf } from './call-tracker';
import { type Obs, securityProperty } from './harness';
import type { Witness } from './witness/witness';

/** Every live thread in the global space running user code is in the process that owns it, with its TLS and resource identity. */
const ownsTheCode = (o: Obs, events: Set<string>, w: Witness): Broken | null => {
  for (const [t, kt] of o.post.os.threads.entries()) {
    // A fork's child runs in an address space of its own (§6.1.3): global page ownership says nothing there (witness, not the process's dIPC flag).
    if (kt.ended || w.inPrivateSpace(t)) continue;
    const owner = w.codeOwner(o.post, o.post.hw.threads[t].ip);
    if (typeof owner !== 'number') continue;
    const p = o.post.os.processes[owner];
    if (kt.kcs.length > 0) events.add('callee code runs as its owner');
    if (kt.current !== owner) return { expected: `t${t} runs p${owner}'s code at 0x${o.post.hw.threads[t].ip.toString(16)}, so p${owner} is current`, observed: `p${kt.current} is` };
    if (p === undefined) continue;
    if (kt.tls !== p.tls) return { expected: `t${t} runs in p${owner} with p${owner}'s TLS base ${p.tls}`, observed: `TLS base ${kt.tls}` };
    if (kt.resource !== p.resource) return { expected: `t${t} runs in p${owner} with p${owner}'s resource identity ${p.resource}`, observed: `resource ${kt.resource}` };
  }
  return null;
};

const charged = (o: Obs, events: Set<string>, w: Witness): Broken | null => {
  const t = actorOf(o.op, o.pre);
  const kt = t >= 0 ? o.pre.os.threads[t] : undefined;
  const runs = kt !== undefined && !kt.ended && o.output.out !== 'skip';
  // The process whose code runs (the state's word only outside user code: a proxy, an unmapped ip);
  // a fork's child's thread acts as the child (witness: it runs at its parent's addresses in its own space).
  const payer = !runs ? -1 : w.actorWas;
  for (const [pid, p] of o.post.os.processes.entries()) {
    const before = o.pre.os.processes[pid]?.cpuTime ?? 0;
    const want = runs && payer === pid ? before + 1 : before;
    if (p.cpuTime !== want)
      return { expected: `p${pid} is charged ${want - before} for this op${runs ? ` (t${t} runs p${payer}'s code)` : ''}`, observed: `charged ${p.cpuTime - before}` };
  }
  if (runs && kt.kcs.length > 0) events.add('op charged to a callee');
  return null;
};

const namedByOwnIds = (o: Obs, events: Set<string>, w: Witness): Broken | null => {
  for (const [pid, p] of o.post.os.processes.entries()) {
    const before = o.pre.os.processes[pid];
    const ids = new Set<number>();
    for (const [t, id] of p.threadIds) {
      if (ids.has(id)) return { expected: `p${pid} names each thread by its own id`, observed: `id ${id} names two threads` };
      ids.add(id);
      if (before?.threadIds.get(t) === id) continue;
      if (before?.threadIds.has(t)) return { expected: `p${pid}'s id for t${t} never changes`, observed: `${before.threadIds.get(t)} became ${id}` };
      // A new name: t was made in this op, or it has entered pid in this op: it runs pid's
      // code now (witness code ownership, not the KCS or `current`).
      // (It may have left again in the same op, unwound by a fault: then it was the op's thread.)
      const there = o.post.os.threads[t] !== undefined && (o.pre.os.threads[t] === undefined || actorOf(o.op, o.pre) === t || w.actingAs(o.post, t) === pid);
      if (!there) return { expected: `p${pid} names t${t} only once t${t} is created in it or enters it`, observed: `t${t} got id ${id} from afar` };
      if (o.pre.os.threads[t] !== undefined) events.add('thread named on first entry');
    }
  }
  return null;
};

export const ACCT = securityProperty({
  id: 'ACCT',
  title: 'accounting: the current process owns the code run, with its TLS and resource identity; CPU time goes to it; a process names threads only by its own ids, given on entry',
  needs: 'nothing (every policy)',
  coverage: { 'op charged to a callee': 0.2, 'thread named on first entry': 0.1, 'callee code runs as its owner': 0.2 },
  makeCheck: () => (o, _calls, events, w) => ownsTheCode(o, events, w) ?? charged(o, events, w) ?? namedByOwnIds(o, events, w),
});
