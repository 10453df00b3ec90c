// What the guided generators read of the machine at each step, taken straight from the
// impl's tables: the full abstraction α (a whole spec state, memory included) costs ten
// times the step itself, and a generator needs only who is where, which handles are newest,
// which proxies and domains exist and which capability registers are full. The impl runs
// here only to steer generation: the properties judge the trace afterwards on any machine.
import { NUM_CAP_REGS } from '../../alphabet/config';
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { Signature } from '../../alphabet/policy';
import { DOMAIN_KIND_NAMES } from '../../impl/dipc/domain-table';
import { H_DOM, H_GRANT } from '../../impl/dipc/handle-table';
import { DipcImplMachine } from '../../impl/dipc/machine';
import type { CodomsMachine } from '../../impl/machine';

export interface ThreadView {
  readonly ended: boolean;
  readonly home: number;
  readonly current: number;
  /** Cross-process calls the thread is inside (KCS depth). */
  readonly depth: number;
  /** The caller process of its outermost call, or -1. */
  readonly firstCaller: number;
  /** The caller process of its innermost call, or -1. */
  readonly topCaller: number;
  /** The CPU it runs on. */
  readonly cpu: number;
}

export interface ProcessView {
  readonly alive: boolean;
  readonly dipc: boolean;
  readonly honest: boolean;
  readonly data: number | null;
  /** Its newest handle's kind (and entry, for an entry handle). */
  readonly newest: { readonly k: 'dom' | 'grant' | 'entry'; readonly ref: number } | undefined;
}

export interface DipcView {
  readonly numCpus: number;
  readonly threads: readonly ThreadView[];
  readonly processes: readonly ProcessView[];
  readonly proxies: readonly { readonly address: number; readonly returnPath: number; readonly live: boolean }[];
  readonly tags: readonly number[];
  readonly newestGrantDst: number | undefined;
  entrySignatures(entry: number): Signature[];
  capRegs(t: number): number[];
}

/** The capability registers of thread t that hold a capability. */
export const fullCapRegs = (m: CodomsMachine, t: number): number[] => {
  const out: number[] = [];
  if (t < 0 || t >= m.threads.count) return out;
  for (let c = 0; c < NUM_CAP_REGS; c++) if (m.threads.capRegs[t * NUM_CAP_REGS + c] >= 0) out.push(c);
  return out;
};

export const dipcView = (m: DipcImplMachine): DipcView => {
  const kt = m.kthreads;
  const threads: ThreadView[] = [];
  for (let t = 0; t < kt.count; t++) {
    const kcs = kt.kcs[t];
    threads.push({
      ended: kt.ended[t] !== 0, home: kt.home[t], current: kt.current[t], depth: kcs.length,
      firstCaller: kcs.length > 0 ? kcs[0].caller : -1, topCaller: kcs.length > 0 ? kcs[kcs.length - 1].caller : -1, cpu: m.hw.threads.cpu[t] ?? 0,
    });
  }
  const processes = m.processes.list.map((p): ProcessView => {
    const hs = p.handles;
    const i = hs.count - 1;
    return {
      alive: p.alive, dipc: p.dipc, honest: p.honest, data: p.data < 0 ? null : p.data,
      newest: i < 0 ? undefined : { k: hs.kind[i] === H_DOM ? 'dom' : hs.kind[i] === H_GRANT ? 'grant' : 'entry', ref: hs.ref[i] },
    };
  });
  const alive = (pid: number) => m.processes.list[pid]?.alive === true;
  const proxies = m.entries.proxies.map((x) => ({ address: x.address, returnPath: x.returnPath, live: alive(x.caller) && alive(x.callee) }));
  const tags: number[] = [];
  const d = m.domains;
  for (let tag = 0; tag < d.capacity; tag++) if (DOMAIN_KIND_NAMES[d.kind[tag]] !== undefined) tags.push(tag);
  const g = m.grants;
  return {
    numCpus: m.hw.aplCache.cpus.length, threads, processes, proxies, tags,
    newestGrantDst: g.count > 0 ? g.dst[g.count - 1] : undefined,
    entrySignatures: (e) => (m.entries.entries[e]?.points ?? []).map((pt) => ({ ...pt.signature })),
    capRegs: (t) => fullCapRegs(m.hw, t),
  };
};

/** A fresh impl machine to steer a guided dIPC trace. */
export const steeringMachine = (cfg: DipcConfig): DipcImplMachine => new DipcImplMachine(cfg);
