// Generation by execution for the CODOMs layer (issue 13): the trace is built by running it
// on the impl. Each step reads the machine's state and picks among ops that mean something
// now, weighted toward follow-through: the capability a thread just created, derived,
// popped or loaded is used next (at its bounds plus and minus one, derived from, stored,
// pushed, revoked while a child lives on); a call just made is returned through or its
// return address overwritten; an APL change on one CPU is followed by the touch another
// thread made before it (the APL cache race).
import type { Config } from '../../alphabet/config';
import type { Op } from '../../alphabet/ops';
import { implFactory } from '../../refinement/impl-machine';
import { type Aims, capUse, acquiredCap, rawOp, succeeded } from './raw';
import { Rng } from './rng';

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
export const guidedCodomsOps = (config: Config, choices: readonly number[]): Op[] => {
  const m = implFactory.create(config);
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
