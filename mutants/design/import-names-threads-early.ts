// A process names the threads that run in it by ids of its own (§6.1.2), made on a thread's
// first entry (the cold path of track_process_call). This design makes them early, when a
// process gets a proxy (entry_request, or a stub_call resolving its import): every live
// thread at home in the importing process is named in the callee at once, before any of
// them entered it. The callee then names, and counts, threads that never came to it.
import type { DipcState } from '../../spec/state/dipc';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-import-names-threads-early',
  description: 'a proxy’s callee names every thread of the importing process when the proxy is made, not on each thread’s first entry',
  cites: '§6.1.2 track_process_call (per-process thread ids, cold path); DESIGN §6 ACCT',
  targets: ['ACCT'],
  factory: designFactory('design-import-names-threads-early', (s, op, spec) => {
    const r = spec(s, op);
    const t = threadOf(s, op);
    if (t < 0 || r.state.os.proxies.length <= s.os.proxies.length) return r;
    const importer = s.os.threads[t].home;
    let st: DipcState = r.state;
    for (const px of r.state.os.proxies.slice(s.os.proxies.length)) {
      const callee = st.os.processes[px.callee];
      if (callee === undefined) continue;
      const threadIds = new Map(callee.threadIds);
      let next = callee.nextThreadId;
      st.os.threads.forEach((k, u) => {
        if (!k.ended && k.home === importer && !threadIds.has(u)) threadIds.set(u, next++);
      });
      st = { ...st, os: { ...st.os, processes: st.os.processes.map((p, q) => (q === px.callee ? { ...p, threadIds, nextThreadId: next } : p)) } };
    }
    return { ...r, state: st };
  }),
};
