// The whole CODOMs machine state: the page table, the APLs, memory (data words and
// capability slots), the capability derivation tree and the threads. Immutable.
import type { AplPerm, Config } from '../../alphabet/config';
import { NUM_CAP_REGS, NUM_REGS, SP } from '../../alphabet/config';
import { resolveIndex, toWord } from '../../alphabet/resolve';
import { aplKey } from './apl';
import type { CapId, CapNode } from './capabilities';
import type { Page } from './pages';
import type { ThreadState } from './threads';

export interface SpecState {
  readonly wordsPerPage: number;
  readonly entryAlign: number;
  readonly numDomains: number;
  readonly numCpus: number;
  readonly dcsSize: number;
  readonly pages: readonly Page[];
  /** APL entries, key = src * numDomains + dst; a missing key is no access. */
  readonly apl: ReadonlyMap<number, AplPerm>;
  /** Data words that are not zero (a missing address reads as 0). */
  readonly memory: ReadonlyMap<number, number>;
  /** Capability slots of capability-storage pages that hold a capability. */
  readonly capMemory: ReadonlyMap<number, CapId>;
  /** The derivation tree; a capability's id is its index. */
  readonly caps: readonly CapNode[];
  readonly threads: readonly ThreadState[];
}

/** The machine at boot. Out-of-range tags and CPUs in a config are resolved like op indices. */
export const initialState = (cfg: Config): SpecState => {
  const numDomains = Math.max(1, cfg.numDomains);
  const apl = new Map<number, AplPerm>();
  for (const e of cfg.apl) {
    apl.set(aplKey(numDomains, resolveIndex(e.src, numDomains), resolveIndex(e.dst, numDomains)), e.perm);
  }
  return {
    wordsPerPage: Math.max(1, cfg.wordsPerPage),
    entryAlign: Math.max(1, cfg.entryAlign),
    numDomains,
    numCpus: Math.max(1, cfg.numCpus),
    dcsSize: Math.max(1, cfg.dcsSize),
    pages: cfg.pages.map((p) => ({ ...p, tag: resolveIndex(p.tag, numDomains) })),
    apl,
    memory: new Map(),
    capMemory: new Map(),
    caps: [],
    threads: cfg.threads.map((tc) => {
      const regs = new Array<number>(NUM_REGS).fill(0);
      regs[SP] = toWord(tc.sp);
      return {
        ip: toWord(tc.ip),
        regs,
        capRegs: new Array<CapId | null>(NUM_CAP_REGS).fill(null),
        dcs: [],
        dcsBase: 0,
        cpu: resolveIndex(tc.cpu, Math.max(1, cfg.numCpus)),
        faults: 0,
      };
    }),
  };
};
