// The abstraction function α: the spec's canonical state that the impl's arrays stand for.
// This is the one bridge between impl/ and spec/ (STYLE "In this project"). Canonical
// form: memory holds only non-zero words, capMemory only filled slots, the APL map only
// present entries; capability ids are table rows; `revoked` is the bit cap_revoke set.
// The APL cache and the revocation epochs are invisible here: they are only allowed to
// make the impl faster, never to change what it does.
import { type AplPerm, NUM_CAP_REGS, NUM_REGS } from '../alphabet/config';
import type { CodomsMachine } from '../impl/machine';
import { KIND_SYNC, NONE } from '../impl/cap-table';
import { PG_CAP_STORE, PG_EXEC, PG_MAPPED, PG_PRIV, PG_READ, PG_WRITE } from '../impl/page-table';
import type { CapId, CapNode } from '../spec/state/capabilities';
import type { SpecState } from '../spec/state/machine';
import type { Page } from '../spec/state/pages';
import type { ThreadState } from '../spec/state/threads';

const APL_PERM_OF_RANK: readonly (AplPerm | undefined)[] = [undefined, 'call', 'read', 'write'];

const capRef = (id: number): CapId | null => (id < 0 ? null : id);

const pagesOf = (m: CodomsMachine): Page[] => {
  const { tag, flags, count } = m.pages;
  const out: Page[] = [];
  for (let p = 0; p < count; p++) {
    const f = flags[p];
    out.push({
      mapped: (f & PG_MAPPED) !== 0,
      tag: tag[p],
      read: (f & PG_READ) !== 0,
      write: (f & PG_WRITE) !== 0,
      exec: (f & PG_EXEC) !== 0,
      priv: (f & PG_PRIV) !== 0,
      capStore: (f & PG_CAP_STORE) !== 0,
    });
  }
  return out;
};

const aplOf = (m: CodomsMachine): Map<number, AplPerm> => {
  const apl = new Map<number, AplPerm>();
  m.apl.forEachEntry((src, dst, rank) => {
    const perm = APL_PERM_OF_RANK[rank];
    if (perm !== undefined) apl.set(src * m.numDomains + dst, perm);
  });
  return apl;
};

const memoryOf = (m: CodomsMachine): { memory: Map<number, number>; capMemory: Map<number, CapId> } => {
  const memory = new Map<number, number>();
  const capMemory = new Map<number, CapId>();
  const { words, capSlots } = m.memory;
  for (let a = 0; a < words.length; a++) {
    if (words[a] !== 0) memory.set(a, words[a]);
    if (capSlots[a] >= 0) capMemory.set(a, capSlots[a]);
  }
  return { memory, capMemory };
};

const capsOf = (m: CodomsMachine): CapNode[] => {
  const c = m.caps;
  const out: CapNode[] = [];
  for (let id = 0; id < c.count; id++) {
    const sync = c.kind[id] === KIND_SYNC;
    out.push({
      parent: c.parent[id] === NONE ? null : c.parent[id],
      base: c.base[id],
      length: c.length[id],
      perm: c.perm[id] === 3 ? 'write' : 'read',
      kind: sync ? 'sync' : 'async',
      owner: sync ? c.owner[id] : null,
      creatorTag: c.creatorTag[id],
      revoked: c.revoked[id] !== 0,
    });
  }
  return out;
};

const threadsOf = (m: CodomsMachine): ThreadState[] => {
  const th = m.threads;
  const out: ThreadState[] = [];
  for (let t = 0; t < th.count; t++) {
    const dcs: (CapId | null)[] = [];
    for (let i = 0; i < th.dcsTop[t]; i++) dcs.push(capRef(th.dcs[t * th.dcsSize + i]));
    out.push({
      ip: th.ip[t],
      regs: Array.from(th.regs.subarray(t * NUM_REGS, (t + 1) * NUM_REGS)),
      capRegs: Array.from(th.capRegs.subarray(t * NUM_CAP_REGS, (t + 1) * NUM_CAP_REGS), capRef),
      dcs,
      dcsBase: th.dcsBase[t],
      cpu: th.cpu[t],
      faults: th.faults[t],
    });
  }
  return out;
};

export const abstractImpl = (m: CodomsMachine): SpecState => ({
  wordsPerPage: m.wordsPerPage,
  entryAlign: m.entryAlign,
  numDomains: m.numDomains,
  numCpus: m.numCpus,
  dcsSize: m.dcsSize,
  pages: pagesOf(m),
  apl: aplOf(m),
  ...memoryOf(m),
  caps: capsOf(m),
  threads: threadsOf(m),
});
