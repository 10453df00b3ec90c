// kill(p) (§5.2.1, §6.1.3) undoes p's APL entries, grants, entries and proxies, but does not
// release its block: its pages stay mapped with their contents and every capability into
// them stays valid.
import { firstPageOfBlock } from '../../spec/transitions/dipc/alloc';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-kill-keeps-pages',
  description: "kill does not release the dead process's block: its pages, data and the capabilities into them survive",
  cites: '§5.2.1, §6.1.3; DESIGN §5 kill',
  targets: ['UNW'],
  factory: designFactory('design-kill-keeps-pages', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'kill' || r.output.out !== 'ok') return r;
    const blocks = s.os.processes.flatMap((p, i) => (p.block !== null && !r.state.os.processes[i].alive ? [{ pid: i, block: p.block }] : []));
    if (blocks.length === 0) return r;
    const W = s.hw.wordsPerPage;
    const ranges = blocks.map(({ block }) => [firstPageOfBlock(s, block) * W, (firstPageOfBlock(s, block) + s.os.blockPages) * W]);
    const inside = (a: number) => ranges.some(([lo, hi]) => a >= lo && a < hi);
    const pageIn = (i: number) => inside(i * W);
    const memory = new Map(r.state.hw.memory);
    for (const [a, v] of s.hw.memory) if (inside(a)) memory.set(a, v);
    const capMemory = new Map(r.state.hw.capMemory);
    for (const [a, v] of s.hw.capMemory) if (inside(a)) capMemory.set(a, v);
    const caps = r.state.hw.caps.map((c, i) => (i < s.hw.caps.length && !s.hw.caps[i].revoked && ranges.some(([lo, hi]) => c.base < hi && c.base + c.length > lo) ? { ...c, revoked: false } : c));
    const owners = new Map(blocks.map(({ pid, block }) => [block, pid]));
    return {
      ...r,
      state: {
        ...r.state,
        hw: { ...r.state.hw, pages: r.state.hw.pages.map((p, i) => (pageIn(i) ? s.hw.pages[i] : p)), memory, capMemory, caps },
        os: {
          ...r.state.os,
          blockOwners: r.state.os.blockOwners.map((o, i) => owners.get(i) ?? o),
          processes: r.state.os.processes.map((p, i) => (blocks.some((b) => b.pid === i) ? { ...p, block: s.os.processes[i].block } : p)),
        },
      },
    };
  }),
};
