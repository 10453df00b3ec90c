// kill(p) (§5.2.1) ends p's own threads but does not unwind the threads of other processes
// that are inside p through a cross-process call: they go on running in a dead process.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-kill-spares-visitors',
  description: 'kill does not unwind threads of other processes that are inside the dead process',
  cites: '§5.2.1 "the frames of a dead process fail"; DESIGN §5 kill',
  targets: ['UNW'],
  factory: designFactory('design-kill-spares-visitors', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'kill' || r.output.out !== 'ok') return r;
    const dead = new Set(r.state.os.processes.flatMap((p, i) => (!p.alive && s.os.processes[i].alive ? [i] : [])));
    const visitor = (t: number) => t < s.os.threads.length && !dead.has(s.os.threads[t].home);
    return {
      ...r,
      state: {
        ...r.state,
        hw: { ...r.state.hw, threads: r.state.hw.threads.map((c, t) => (visitor(t) ? s.hw.threads[t] : c)) },
        os: { ...r.state.os, threads: r.state.os.threads.map((k, t) => (visitor(t) ? s.os.threads[t] : k)) },
      },
    };
  }),
};
