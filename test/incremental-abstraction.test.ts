// The incremental α (refinement/abstraction.ts, dipc-abstraction.ts; issue 14) agrees with
// α from scratch after every op, on the impl and on every impl mutant, in value and in the
// iteration order of its maps; and no snapshot it handed out changes afterwards.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { dipcMachineById, EVERY_MUTANT, machineById } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import { arbitraryFor } from '../properties/runner';
import { abstractImpl } from '../refinement/abstraction';
import { abstractDipc } from '../refinement/dipc-abstraction';
import { implBehind } from '../refinement/dipc-impl-machine';
import { codomsImplBehind } from '../refinement/impl-machine';
import type { DipcState } from '../spec/state/dipc';
import type { SpecState } from '../spec/state/machine';
import { TEST_SEED } from './budget';

/** Scenarios per machine and generator: the impl gets more, each mutant a few (a whole-state comparison per op is slow). */
const runsOf = (id: string): number => (id === 'impl' ? 40 : 6);

const mapOrders = (s: SpecState): unknown[] => [[...s.apl.keys()], [...s.memory.keys()], [...s.capMemory.keys()]];
const dipcOrders = (s: DipcState): unknown[] => [...mapOrders(s.hw), [...s.os.domains.keys()], s.os.threads.map((t) => [...t.stacks.keys()]), s.os.processes.map((p) => [...p.threadIds.keys()])];

/**
 * Steps `ops` on `m`, checking α against `fresh` after boot and every op; then that no
 * snapshot changed (`kept`: the part compared, as structuredClone keeps it; the dIPC config is passed through).
 */
const agree = <St>(
  m: { step(op: never): unknown; abstract(): St },
  fresh: () => St,
  orders: (s: St) => unknown[],
  ops: readonly unknown[],
  kept: (s: St) => unknown = (s) => s,
): string | null => {
  const snaps: { s: St; copy: unknown }[] = [];
  for (let i = -1; i < ops.length; i++) {
    if (i >= 0) {
      try {
        m.step(ops[i] as never);
      } catch {
        break; // a mutant that throws (TOTAL's business): nothing more to abstract
      }
    }
    const s = m.abstract();
    const f = fresh();
    if (!isDeepStrictEqual(s, f)) return `step ${i}: incremental α differs from α from scratch`;
    if (!isDeepStrictEqual(orders(s), orders(f))) return `step ${i}: map order differs`;
    snaps.push({ s, copy: structuredClone(kept(s)) });
  }
  const j = snaps.findIndex(({ s, copy }) => !isDeepStrictEqual(kept(s), copy));
  return j < 0 ? null : `snapshot ${j - 1} changed after it was handed out`;
};

describe(`incremental abstraction (seed ${TEST_SEED})`, () => {
  const codoms = ['impl', ...EVERY_MUTANT.filter((x) => x.layer === 'codoms').map((x) => x.id)];
  test.each(codoms)('CODOMs α of %s', (id) => {
    const factory = machineById(id);
    const prop = propertyById('REF');
    if (factory === undefined || prop === undefined) throw new Error(id);
    for (const sc of fc.sample(arbitraryFor(prop as never) as fc.Arbitrary<{ config: never; ops: unknown[] }>, { seed: TEST_SEED, numRuns: runsOf(id) })) {
      const m = factory.create(sc.config);
      const raw = codomsImplBehind.get(m);
      if (raw === undefined) throw new Error(`${id}: no impl behind`);
      expect(agree(m, () => abstractImpl(raw), mapOrders, sc.ops)).toBeNull();
    }
  });

  const dipc = ['impl', ...EVERY_MUTANT.filter((x) => x.layer === 'dipc').map((x) => x.id)];
  test.each(dipc)('dIPC α of %s', (id) => {
    const factory = dipcMachineById(id);
    if (factory === undefined) throw new Error(id);
    for (const pid of ['REF.dipc', 'P5']) {
      const prop = propertyById(pid);
      if (prop === undefined) throw new Error(pid);
      for (const sc of fc.sample(arbitraryFor(prop as never) as fc.Arbitrary<{ config: never; ops: unknown[] }>, { seed: TEST_SEED, numRuns: runsOf(id) })) {
        const m = factory.create(sc.config);
        const raw = implBehind.get(m);
        if (raw === undefined) throw new Error(`${id}: no impl behind`);
        expect(agree(m, () => abstractDipc(raw), dipcOrders, sc.ops, (s) => ({ hw: s.hw, os: s.os }))).toBeNull();
      }
    }
  });
});
