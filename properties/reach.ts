// Coverage that says what was reached (issue 13 item 3): for each multi-step attack the
// generators aim at, whether a scenario got to its LAST step, the use, in a state where the
// setup holds. Each is observed from the run (the step executed, its pre-state shows the
// setup), never from what a generator meant to emit:
//  - CODOMs (§4.2): a capability used after one of its ancestors was revoked; an access one
//    word past a held capability's bounds; a derivation asking more than its parent; an
//    access through an APL entry that another CPU changed after this thread used it (§4.1,
//    the APL cache); a sync capability stored to memory;
//  - dIPC (§5, §6): an adversary entering a proxy with a third party's code address at [sp]
//    (§5.2.3 P2/P3); an adversary returning through another call's return path; a handle
//    sent to another process and then used by it (Table 2); a thread of a time-out split
//    using a capability it held at the split, or returning through the proxy afterwards
//    (§5.4); an honest callee of an adversary calling another honest entry and then
//    returning to the adversary.
// These are coverage, not verdicts: they may read the kernel's tables (KCS frames, domain
// creators), which a property must not judge from. Events are named `reached: ...`.
import type { AddrSel } from '../alphabet/address';
import { permRank, SP } from '../alphabet/config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import { resolveIndex } from '../alphabet/resolve';
import type { DipcState } from '../spec/state/dipc';
import type { SpecState } from '../spec/state/machine';
import { handlesUsed } from './dipc/unw-kill';
import { addressOf, page } from './rules';

export const REACHED = 'reached: ';

/** The last steps, by pattern. */
export const REACH = {
  revokedUse: `${REACHED}capability used after an ancestor's revocation`,
  pastBounds: `${REACHED}access one word past a held capability`,
  wideDerive: `${REACHED}derivation asking more than its parent`,
  aplRace: `${REACHED}access after another CPU changed the APL entry`,
  syncStored: `${REACHED}sync capability stored`,
  forgedReturn: `${REACHED}adversary enters a proxy with a third party's address at [sp]`,
  otherReturnPath: `${REACHED}adversary returns through another call's return path`,
  handleUsed: `${REACHED}received handle used by its receiver`,
  splitCapUse: `${REACHED}split thread uses a capability it kept`,
  splitReturn: `${REACHED}return through the proxy after a time-out split`,
  nestedHonest: `${REACHED}honest callee of an adversary called another honest entry and returned`,
} as const;

/** A per-scenario observer of executed steps; it names the last steps reached. */
export type ReachObserver<O, St> = (op: O, pre: St, output: Output, post: St, events: Set<string>) => void;

const ACCESS = new Set(['load', 'store', 'jump', 'call', 'cap_store', 'cap_load']);

/** The capability register an op reads a capability from (not one it writes), if any. */
const capRegRead = (op: Op): number | null => {
  switch (op.op) {
    case 'cap_derive':
      return op.s;
    case 'cap_store':
    case 'cap_push':
    case 'cap_revoke':
    case 'cap_clear':
      return op.c;
    case 'load':
    case 'store':
    case 'jump':
    case 'call':
    case 'cap_load':
      return op.a.k === 'capBase' || op.a.k === 'capEnd' ? (op.a as Extract<AddrSel, { c: number }>).c : null;
    default:
      return null;
  }
};

const NOT_CODOMS = new Set(['syscall', 'stub_call', 'stub_return', 'kill', 'timeout']);
const isCodomsOp = (op: unknown): op is Op => {
  const name = typeof op === 'object' && op !== null ? (op as { op?: unknown }).op : undefined;
  return typeof name === 'string' && !NOT_CODOMS.has(name);
};

const strictAncestorRevoked = (s: SpecState, id: number): boolean => {
  for (let cur = s.caps[id]?.parent ?? null; cur !== null; cur = s.caps[cur].parent) if (s.caps[cur].revoked) return true;
  return false;
};

/** The CODOMs patterns' last steps, on the hardware state (also the dIPC system's hw). */
export const codomsReach = (): ReachObserver<Op, SpecState> => {
  /** Per thread: APL keys (src * numDomains + dst) it used, and those another CPU changed since. */
  const used = new Map<number, Set<number>>();
  const stale = new Map<number, Set<number>>();
  return (op, pre, output, _post, events) => {
    if (!isCodomsOp(op) || output.out === 'skip') return;
    const t = resolveIndex(op.t, pre.threads.length);
    const th = pre.threads[t];
    if (th === undefined) return;
    const c = capRegRead(op);
    const id = c === null ? null : th.capRegs[resolveIndex(c, th.capRegs.length)];
    const cap = id === null || id === undefined || id < 0 || id >= pre.caps.length ? null : pre.caps[id];
    if (cap !== null && id !== null && id !== undefined) {
      if (op.op !== 'cap_clear' && !cap.revoked && strictAncestorRevoked(pre, id)) events.add(REACH.revokedUse);
      if (op.op === 'cap_derive' && !cap.revoked && (permRank(op.perm) > permRank(cap.perm) || op.off < 0 || op.off + op.len > cap.length)) events.add(REACH.wideDerive);
      if (op.op === 'cap_store' && cap.kind === 'sync') events.add(REACH.syncStored);
    }
    if (!ACCESS.has(op.op)) {
      if (op.op === 'priv' && op.act.k === 'apl_set' && output.out !== 'fault') {
        const key = resolveIndex(op.act.src, pre.numDomains) * pre.numDomains + resolveIndex(op.act.dst, pre.numDomains);
        for (const [u, keys] of used) if (u !== t && pre.threads[u]?.cpu !== th.cpu && keys.has(key)) (stale.get(u) ?? stale.set(u, new Set()).get(u)!).add(key);
      }
      return;
    }
    const a = addressOf(pre, t, (op as { a: AddrSel }).a);
    // One word past a capability the thread holds, not revoked.
    for (const cid of th.capRegs)
      if (cid !== null && cid >= 0 && cid < pre.caps.length) {
        const k = pre.caps[cid];
        if (!k.revoked && (a === k.base - 1 || a === k.base + k.length)) events.add(REACH.pastBounds);
      }
    const from = page(pre, th.ip)?.tag;
    const to = page(pre, a)?.tag;
    // A domain's own pages need no APL entry.
    if (from === undefined || to === undefined || from === to) return;
    const key = from * pre.numDomains + to;
    if (stale.get(t)?.delete(key) === true) events.add(REACH.aplRace);
    if (output.out !== 'fault') (used.get(t) ?? used.set(t, new Set()).get(t)!).add(key);
  };
};

/** Which handle-index fields of a system call name a handle of the calling process (sending or revoking one uses it too). */
const handleArgs = (op: DipcOp): number[] =>
  op.op !== 'syscall' ? [] : op.call.k === 'handle_send' ? [op.call.h] : op.call.k === 'grant_revoke' ? [op.call.g] : handlesUsed(op);

/** The dIPC patterns' last steps (and the CODOMs ones on the hardware state). */
export const dipcReach = (): ReachObserver<DipcOp, DipcState> => {
  const hw = codomsReach();
  /** Per process: indices of handles it received from another process. */
  const received = new Map<number, Set<number>>();
  /** Threads of a time-out split: the capabilities each held at the split. */
  const split = new Map<number, Set<number>>();
  /** Per thread: the KCS depths of frames adversary -> honest, and whether that callee called another honest entry. */
  const marks = new Map<number, { depth: number; nested: boolean }[]>();
  return (op, pre, output, post, events) => {
    hw(op as Op, pre.hw, output, post.hw, events);
    if (typeof op !== 'object' || op === null) return;
    const procs = pre.os.processes;
    const honest = (pid: number) => procs[pid]?.honest === true;
    if (op.op === 'kill' || (op.op === 'syscall' && op.call.k === 'exec')) {
      const pid = op.op === 'kill' ? resolveIndex(op.pid, procs.length) : pre.os.threads[resolveIndex(op.t, pre.os.threads.length)]?.current;
      if (pid !== undefined) received.delete(pid);
    }
    const t = 't' in op ? resolveIndex(op.t, pre.os.threads.length) : -1;
    const kt = pre.os.threads[t];
    if (kt !== undefined && output.out !== 'skip') {
      const cur = kt.current;
      // A received handle used by a thread of its receiver.
      const got = received.get(cur);
      if (got !== undefined) {
        const n = procs[cur]?.handles.length ?? 0;
        if (handleArgs(op).some((h) => got.has(resolveIndex(h, n)))) events.add(REACH.handleUsed);
      }
      const ht = pre.hw.threads[t];
      if (ht !== undefined && (op.op === 'jump' || op.op === 'call' || op.op === 'ret') && procs[cur] !== undefined && !honest(cur)) {
        const target = op.op === 'ret' ? (pre.hw.memory.get(ht.regs[SP]) ?? 0) : addressOf(pre.hw, t, op.a);
        const atSp = pre.hw.memory.get(ht.regs[SP]) ?? 0;
        const proxies = pre.os.proxies;
        if (op.op !== 'ret' && proxies.some((x) => x.address === target)) {
          const tag = page(pre.hw, atSp)?.tag;
          const creator = tag === undefined ? undefined : pre.os.domains.get(tag)?.creator;
          if ((creator !== undefined && creator !== null && creator !== cur) || proxies.some((x) => x.address === atSp || x.returnPath === atSp)) events.add(REACH.forgedReturn);
        }
        const top = kt.kcs[kt.kcs.length - 1];
        if (top !== undefined && proxies.some((x, i) => i !== top.proxy && x.returnPath === target)) events.add(REACH.otherReturnPath);
      }
      // A thread of a time-out split uses a capability it held at the split.
      const kept = split.get(t);
      if (kept !== undefined && ht !== undefined && isCodomsOp(op)) {
        const c = capRegRead(op);
        const id = c === null ? null : ht.capRegs[resolveIndex(c, ht.capRegs.length)];
        if (id !== null && id !== undefined && kept.has(id)) events.add(REACH.splitCapUse);
      }
      if (kept !== undefined && (op.op === 'stub_return' || op.op === 'ret') && output.out !== 'fault' && (post.os.threads[t]?.kcs.length ?? 0) < kt.kcs.length)
        events.add(REACH.splitReturn);
    }
    if (op.op === 'syscall' && op.call.k === 'handle_send' && (output.out === 'ok' || output.out === 'value') && kt !== undefined) {
      const to = resolveIndex(op.call.pid, procs.length);
      const n = post.os.processes[to]?.handles.length ?? 0;
      if (to !== kt.current && n > (procs[to]?.handles.length ?? 0)) (received.get(to) ?? received.set(to, new Set()).get(to)!).add(n - 1);
    }
    if (op.op === 'timeout' && output.out === 'ok' && post.os.threads.length > pre.os.threads.length) {
      const held = (x: number) => new Set((post.hw.threads[x]?.capRegs ?? []).filter((id): id is number => id !== null));
      const before = new Set((pre.hw.threads[t]?.capRegs ?? []).filter((id): id is number => id !== null));
      split.set(t, before);
      for (let n = pre.os.threads.length; n < post.os.threads.length; n++) split.set(n, new Set([...held(n), ...before]));
    }
    // Calls entered and returned, per thread: adversary -> honest -> honest, then back to the adversary.
    post.os.threads.forEach((after, u) => {
      const beforeLen = pre.os.threads[u]?.kcs.length ?? 0;
      if (after.kcs.length === beforeLen) return;
      const ms = marks.get(u) ?? [];
      if (after.kcs.length > beforeLen) {
        for (let d = beforeLen; d < after.kcs.length; d++) {
          const f = after.kcs[d];
          if (!honest(f.caller) && honest(f.callee)) ms.push({ depth: d, nested: false });
          else if (honest(f.caller) && honest(f.callee)) for (const m of ms) if (m.depth < d) m.nested = true;
        }
      } else {
        const returned = op.op === 'stub_return' || op.op === 'ret' || op.op === 'jump';
        for (const m of ms) if (m.depth === after.kcs.length && m.nested && returned && output.out !== 'fault') events.add(REACH.nestedHonest);
        for (let i = ms.length - 1; i >= 0; i--) if (ms[i].depth >= after.kcs.length) ms.splice(i, 1);
      }
      marks.set(u, ms);
    });
  };
};

/**
 * The reach gate (gated in `npm test` and by `check` like the coverage events): per
 * property, the least share of scenarios that must reach each pattern's last step under the
 * default strategy (`swarm` since s26). Set at about half the least share measured by
 * `npm run check:seeds` (10 seeds, 1000 scenarios each; docs/generators.md "Reach").
 */
export const REACH_GATES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // CODOMs, least-most over the 10 seeds under swarm (s26, final weights): 39.0%-44.6% /
  // 2.8%-5.2% / 31.0%-35.2% / 34.9%-42.5% / 1.8%-3.5%. The APL race across domains, 0.2% under
  // `patterns` (shown, not gated then), is reached by swarm's guided share and gated since s26.
  C1: { [REACH.pastBounds]: 0.2, [REACH.aplRace]: 0.014 },
  C4: { [REACH.wideDerive]: 0.15 },
  C5: { [REACH.revokedUse]: 0.2 },
  C6: { [REACH.syncStored]: 0.006 },
  // dIPC: an honest callee of an adversary calling another honest entry 0.5%-1.3%; time-out
  // split returned 3.7%-4.7%; split thread using a capability it kept 5.5%-7.3% (the
  // kept-stack attack of gen/timeout-attack.ts among swarm's lifecycle attacks).
  UNW: { [REACH.nestedHonest]: 0.0025 },
  TMO: { [REACH.splitReturn]: 0.015, [REACH.splitCapUse]: 0.025 },
  // Security: handle used 8.3%-11.5%; third party at [sp] 2.1%-3.6%; nested honest (P2)
  // 2.9%-4.3%; another call's return path 0.6%-1.7% (gen/foreign-return.ts).
  P1: { [REACH.handleUsed]: 0.035 },
  P2: { [REACH.forgedReturn]: 0.01, [REACH.nestedHonest]: 0.01 },
  P3: { [REACH.forgedReturn]: 0.01, [REACH.otherReturnPath]: 0.003 },
};

/** The last steps a property's run fell short of (gates of 0 only show the share). */
export const reachShortfall = (id: string, events: Readonly<Record<string, number>>, runs: number) =>
  Object.entries(REACH_GATES[id] ?? {})
    .map(([event, min]) => ({ event, share: (events[event] ?? 0) / Math.max(1, runs), min }))
    .filter((e) => e.share < e.min);

/** The last steps a property's gate names, as a share of the run's scenarios, one line each. */
export const formatReach = (r: { readonly id: string; readonly runs: number; readonly events: Readonly<Record<string, number>> }): string[] => {
  const gate = REACH_GATES[r.id] ?? {};
  return Object.keys(gate).map((e) => {
    const share = (r.events[e] ?? 0) / Math.max(1, r.runs);
    const min = gate[e];
    return `  ${e.slice(REACHED.length).padEnd(72)} ${(100 * share).toFixed(1).padStart(5)}%${min === 0 ? '  (not gated)' : `  (gate ${(100 * min).toFixed(1)}%)`}`;
  });
};
