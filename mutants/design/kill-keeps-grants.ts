// kill(p) (§5.2.1, DESIGN §5) tears down p's pages, entries and proxies but forgets the
// grants p made: the APL entries they caused (from p's domains to others, or between
// domains p held owner handles to) outlive the process that justified them.
import { aplKey } from '../../spec/state/apl';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-kill-keeps-grants',
  description: "kill leaves in force the grants the dead process made (their APL entries stay)",
  cites: '§5.2.1, §5.2.2 grant_create; DESIGN §5 kill',
  targets: ['UNW'],
  factory: designFactory('design-kill-keeps-grants', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'kill' || r.output.out !== 'ok') return r;
    const n = s.hw.numDomains;
    const dead = new Set(r.state.os.processes.flatMap((p, i) => (!p.alive && s.os.processes[i].alive ? [i] : [])));
    const kept = s.os.grants.map((g, i) => ({ g, i })).filter(({ g }) => g.live && dead.has(g.by));
    if (kept.length === 0) return r;
    const apl = new Map(r.state.hw.apl);
    for (const { g } of kept) apl.set(aplKey(n, g.src, g.dst), g.perm);
    const live = new Set(kept.map(({ i }) => i));
    return {
      ...r,
      state: { ...r.state, hw: { ...r.state.hw, apl }, os: { ...r.state.os, grants: r.state.os.grants.map((g, i) => (live.has(i) ? { ...g, live: true } : g)) } },
    };
  }),
};
