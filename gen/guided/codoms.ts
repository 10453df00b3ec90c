// Generation by execution for the CODOMs layer (issue 13): the trace is built by running it
// on the impl. Each step reads the machine's state and picks among ops that mean something
// now, weighted toward follow-through: the capability a thread just created, derived,
// popped or loaded is used next (at its bounds plus and minus one, derived from, stored,
// pushed, revoked while a child lives on); a call just made is returned through or its
// return address overwritten; an APL change on one CPU is followed by the touch another
// thread made before it (the APL cache race).
import fc from 'fast-check';
import type { AddrSel } from '../../alphabet/address';
import type { Config } from '../../alphabet/config';
import type { Op } from '../../alphabet/ops';
import { implFactory } from '../../refinement/impl-machine';
import { pageOf } from '../../spec/state/pages';
import { resolveAddress } from '../../spec/transitions/addresses';
import { type Aims, capUse, acquiredCap, rawOp, succeeded } from './raw';
import { Rng, samplePattern } from './rng';

/** Follow-through memory: what the last steps made possible. */
interface Agenda {
  /** Capabilities just acquired: thread, register (newest first). */
  caps: { t: number; c: number }[];
  /** Accesses that just succeeded, to repeat after an APL change or a revocation. */
  touches: Op[];
  /** Threads that just called. */
  calls: number[];
  /** An APL was just changed. */
  aplChanged: boolean;
}

const keep = <T>(xs: T[], x: T, n = 4): T[] => [x, ...xs].slice(0, n);

/** The ops the choices make on `config`: one op per choice, each chosen in the state the ops before it left. */
export const guidedCodomsOps = (config: Config, choices: readonly number[], patterns?: fc.Arbitrary<readonly Op[]>): Op[] => {
  const m = implFactory.create(config);
  /** Follow-up ops planned by earlier steps, each one step. */
  let plan: (() => Op)[] = [];
  const agenda: Agenda = { caps: [], touches: [], calls: [], aplChanged: false };
  const ops: Op[] = [];
  const numThreads = Math.max(1, config.threads.length);
  const tags = [...new Set(config.pages.map((p) => p.tag))];
  for (const choice of choices) {
    const rng = new Rng(choice);
    const s = m.abstract();
    const thread = (): number => (rng.chance(0.5) ? 0 : rng.int(0, numThreads - 1));
    const aimsOf = (t: number): Aims => {
      const th = s.threads[t];
      const capRegs = th === undefined ? [] : th.capRegs.flatMap((c, i) => (c === null ? [] : [i]));
      return { capRegs, tags, proxyAddrs: [], foreign: [] };
    };
    const fresh = agenda.caps[0];
    const op = rng.weighted<Op>([
      [plan.length > 0 ? 1000 : 0, () => plan.shift()!()],
      // A pattern of today's generator becomes the plan.
      [patterns === undefined ? 0 : 3, () => {
        const [first, ...rest] = samplePattern(patterns!, rng);
        plan = [...rest.map((o) => () => o), ...plan];
        return first ?? rawOp(rng, 0, aimsOf(0));
      }],
      // A chain: derive from the capability just acquired, again, then revoke a link and use the deepest (C5).
      [fresh === undefined ? 0 : 3, () => {
        const { t, c } = fresh!;
        const d1 = (c + 1) % 4;
        const d2 = (c + 2) % 4;
        const perm = rng.pick(['read', 'write'] as const);
        plan = [
          () => ({ op: 'cap_derive', t, c: d2, s: d1, off: rng.pick([0, 1]), len: rng.int(1, 4), perm, kind: 'async' }),
          () => ({ op: 'cap_revoke', t, c: rng.pick([c, c, d1]) }),
          () => capUse(rng, t, d2, aimsOf(t)),
          ...plan,
        ];
        return { op: 'cap_derive', t, c: d1, s: c, off: rng.pick([0, 0, 1]), len: rng.int(1, 6), perm, kind: rng.chance(0.8) ? 'async' : 'sync' };
      }],
      // Leave for another domain holding the capability just acquired, then use it there (C1, C5).
      [fresh === undefined ? 0 : 3, () => {
        const { t, c } = fresh!;
        plan = [() => capUse(rng, t, c, aimsOf(t)), ...plan];
        return { op: rng.chance(0.7) ? 'jump' : 'call', t, a: { k: 'entry', d: rng.pick(tags), i: rng.int(0, 5), o: 0 } };
      }],
      // Use authority just acquired.
      [fresh === undefined ? 0 : 8, () => capUse(rng, fresh!.t, fresh!.c, aimsOf(fresh!.t))],
      // Revoke a link of a chain while a child lives, then its child is used (C5).
      [agenda.caps.length >= 2 ? 2 : 0, () => ({ op: 'cap_revoke', t: agenda.caps[1].t, c: rng.pick(agenda.caps.slice(1)).c })],
      // Repeat an access after the APL changed, or after a capability was revoked (C1, C5).
      [agenda.touches.length > 0 ? (agenda.aplChanged ? 10 : 2) : 0, () => rng.pick(agenda.touches)],
      // Return through or around the call just made.
      [agenda.calls.length > 0 ? 5 : 0, () => {
        const t = agenda.calls[0];
        return rng.weighted<Op>([
          [4, () => ({ op: 'ret', t })],
          [2, () => ({ op: 'load', t, r: rng.int(0, 7), a: { k: 'stack', o: rng.pick([0, 1, -1]) } })],
          [2, () => ({ op: 'store', t, r: rng.int(0, 7), a: { k: 'stack', o: rng.pick([0, 1, -1]) } })],
          [1, () => ({ op: 'li', t, r: 8, v: rng.int(0, 600) })],
          [1, () => ({ op: 'cap_pop', t, c: rng.int(0, 3) })],
        ])!;
      }],
      // The APL race aimed (§4.3): thread a reaches another domain through an APL entry,
      // caching the row on its CPU (a thread on privileged code grants the entry first when
      // a has made no such access); that thread moves to another CPU and lowers exactly that
      // entry (a's code domain -> the touched domain), then a repeats the access.
      [config.numCpus > 1 ? 4 : 0, () => {
        const pt = { wordsPerPage: s.wordsPerPage, pages: s.pages };
        const tagAt = (u: number, a: number) => (s.threads[u] === undefined ? undefined : pageOf(pt, a)?.tag);
        const codeOf = (u: number) => tagAt(u, s.threads[u]?.ip ?? -1);
        const crossing = agenda.touches.filter((x) => {
          const th = s.threads[x.t];
          const from = codeOf(x.t);
          const to = th === undefined || !('a' in x) ? undefined : tagAt(x.t, resolveAddress(s, th, x.a));
          return from !== undefined && to !== undefined && from !== to;
        });
        const a = crossing.length > 0 ? rng.pick(crossing).t : thread();
        const privileged = s.threads.flatMap((x, u) => (u !== a && pageOf(pt, x.ip)?.priv === true ? [u] : []));
        const from = codeOf(a);
        if (privileged.length === 0 || from === undefined) return rawOp(rng, a, aimsOf(a));
        const b = rng.pick(privileged);
        const cpuA = s.threads[a].cpu;
        const other = cpuA === 0 ? 1 : 0;
        let touch: Op;
        let to: number;
        const lower = (): Op => ({ op: 'priv', t: b, act: { k: 'apl_set', src: from, dst: to, perm: rng.pick(['none', 'none', 'none', 'call', 'read'] as const) } });
        if (crossing.length > 0) {
          touch = rng.pick(crossing.filter((x) => x.t === a));
          to = tagAt(a, resolveAddress(s, s.threads[a], (touch as { a: AddrSel }).a))!;
          plan = [lower, () => touch, ...plan];
          return { op: 'schedule', t: b, cpu: s.threads[b].cpu === cpuA ? other : s.threads[b].cpu };
        }
        const others = tags.filter((g) => g !== from);
        if (others.length === 0) return rawOp(rng, a, aimsOf(a));
        to = rng.pick(others);
        touch = rng.chance(0.7) ? { op: rng.pick(['load', 'store'] as const), t: a, r: rng.int(0, 7), a: { k: 'entry', d: to, i: rng.int(0, 3), o: 0 } } : { op: 'jump', t: a, a: { k: 'entry', d: to, i: 0, o: 0 } };
        plan = [
          () => ({ op: 'schedule', t: b, cpu: cpuA }),
          () => ({ op: 'priv', t: b, act: { k: 'apl_set', src: from, dst: to, perm: touch.op === 'jump' ? 'call' : 'write' } }),
          () => touch,
          () => ({ op: 'schedule', t: b, cpu: other }),
          lower,
          () => touch,
          ...plan,
        ];
        return { op: 'schedule', t: a, cpu: cpuA };
      }],
      // Race: another thread on another CPU changes an APL (privileged), or a thread moves CPUs.
      [agenda.touches.length > 0 ? 3 : 1, () => ({
        op: 'priv', t: thread(),
        act: { k: 'apl_set', src: rng.pick(tags), dst: rng.pick(tags), perm: rng.pick(['none', 'call', 'read', 'write'] as const) },
      })],
      [1, () => ({ op: 'priv', t: thread(), act: rng.chance(0.5) ? { k: 'dcs_base', v: rng.int(0, 7) } : { k: 'nop' } })],
      [2, () => ({ op: 'schedule', t: thread(), cpu: rng.int(0, Math.max(0, config.numCpus - 1)) })],
      // Something new.
      [10, () => {
        const t = thread();
        return rawOp(rng, t, aimsOf(t));
      }],
    ])!;
    const out = m.step(op);
    ops.push(op);
    if (!succeeded(out)) continue;
    const c = acquiredCap(op);
    if (c !== null) agenda.caps = keep(agenda.caps, { t: op.t, c });
    if (op.op === 'priv' && op.act.k === 'apl_set') agenda.aplChanged = true;
    else if (op.op === 'load' || op.op === 'store' || op.op === 'jump') {
      agenda.touches = keep(agenda.touches, op);
      agenda.aplChanged = false;
    }
    if (op.op === 'call') agenda.calls = keep(agenda.calls, op.t, 2);
    if (op.op === 'ret') agenda.calls = agenda.calls.filter((t) => t !== op.t);
  }
  return ops;
};
