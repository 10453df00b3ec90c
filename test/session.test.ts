// Incremental checking (properties/session.ts) is `check`: for every dIPC property that has a
// session, on random scenarios of each generator the suite uses, on the spec, the impl and a
// stored counterexamples on their mutants (so that violations of every kind are met too), the session's verdict
// after each op equals `check` on the trace up to that op; and a session forked midway goes
// on as the original. All properties share one set of runs per scenario (explore/runs.ts),
// as a search shares them, so sharing between properties is exercised as well.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { dirname } from 'node:path';
import { listCounterexamples, readCounterexample } from '../counterexamples/store';
import { describe, expect, test } from 'vitest';
import type { DipcScenario } from '../gen/dipc-scenario';
import { dipcScenarioArb } from '../gen/dipc-scenario';
import { DIPC_BOUNDS } from '../gen/dipc-bounds';
import { TrieRuns } from '../explore/runs';
import { dipcMachineById } from '../machines/registry';
import { FINDINGS, PROPERTIES, propertyById, UNGUARDED } from '../properties/catalogue';
import { type CheckSession, sessionOf } from '../properties/session';
import type { DipcProperty } from '../properties/types';
import { TEST_SEED } from './budget';

const dipc = (ps: readonly { layer: string }[]) => ps.filter((p): p is DipcProperty => p.layer === 'dipc');
const SUITE = dipc(PROPERTIES);
/** Properties outside the suite that the audit and explore --only may check (unguarded forms, findings). */
const OTHERS = dipc([...UNGUARDED, ...FINDINGS]);

/** The generators of the suite's dIPC properties (the layer's default, the security and containment ones). */
const generators = (maxOps: number): fc.Arbitrary<DipcScenario>[] => {
  const own = new Map<unknown, fc.Arbitrary<DipcScenario>>();
  for (const p of SUITE) if (p.scenarios !== undefined && !own.has(p.scenarios)) own.set(p.scenarios, p.scenarios(maxOps));
  return [dipcScenarioArb(DIPC_BOUNDS, maxOps), ...own.values()];
};

/** Each property's session verdict after every op, against check on each prefix; a fork at `cut` goes on alike. */
const compare = (props: readonly DipcProperty[], machine: string, sc: DipcScenario, cut: number): void => {
  const factory = dipcMachineById(machine)!;
  const runs = new TrieRuns(sc.config, factory);
  for (const p of props) {
    const start = sessionOf(p);
    if (start === undefined) continue;
    const verdict = (n: number) => p.check({ config: sc.config, ops: sc.ops.slice(0, n) }, factory).violation;
    const s = start(runs);
    expect(s.violation, `${p.id} on ${machine} at boot`).toEqual(verdict(0));
    let forked: CheckSession | undefined;
    for (let i = 0; i < sc.ops.length; i++) {
      if (i === cut) forked = s.fork?.();
      const v = s.step(sc.ops[i]);
      const want = verdict(i + 1);
      expect(v, `${p.id} on ${machine} after op ${i}`).toEqual(want);
      if (forked !== undefined) expect(forked.step(sc.ops[i]), `${p.id} on ${machine} forked at ${cut}, after op ${i}`).toEqual(want);
    }
  }
};

const scenarioAndCut = (arb: fc.Arbitrary<DipcScenario>) => arb.chain((sc) => fc.tuple(fc.constant(sc), fc.nat({ max: Math.max(0, sc.ops.length - 1) })));

describe(`sessions give check's verdict on every prefix (seed ${TEST_SEED})`, () => {
  test('every dIPC property of the suite has a session', () => {
    expect(SUITE.filter((p) => sessionOf(p) === undefined).map((p) => p.id)).toEqual([]);
  });

  for (const machine of ['impl', 'spec'])
    test(`the suite's dIPC properties on ${machine}`, () => {
      for (const [g, arb] of generators(machine === 'spec' ? 6 : 8).entries())
        fc.assert(
          fc.property(scenarioAndCut(arb), ([sc, cut]) => compare(SUITE, machine, sc, cut)),
          { seed: TEST_SEED + g, numRuns: 3 },
        );
    }, 120_000);

  // Violations of every kind: each stored dIPC counterexample (a mutant, design mutant or
  // finding breaking its property, relational ones included), on its machine, its property
  // compared on every prefix (the first file of each property's folder, to stay quick).
  test('stored counterexamples: the violation, on every prefix, on its machine', () => {
    const files = listCounterexamples().filter((f, k, all) => dirname(f) !== dirname(all[k - 1] ?? ''));
    let compared = 0;
    for (const file of files) {
      const cx = readCounterexample(file, (id) => propertyById(id)?.layer);
      if (E.isLeft(cx) || cx.right.layer !== 'dipc') continue;
      const p = propertyById(cx.right.property) as DipcProperty | undefined;
      const machine = dipcMachineById(cx.right.machine) === undefined ? 'impl' : cx.right.machine;
      if (p === undefined || sessionOf(p) === undefined) continue;
      const sc = { config: cx.right.config as DipcScenario['config'], ops: cx.right.trace as DipcScenario['ops'] };
      compare([p], machine, sc, Math.floor(sc.ops.length / 2));
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  }, 120_000);

  test('unguarded forms and findings on impl', () => {
    fc.assert(fc.property(scenarioAndCut(generators(10)[1]), ([sc, cut]) => compare(OTHERS, 'impl', sc, cut)), { seed: TEST_SEED + 20, numRuns: 4 });
  }, 60_000);
});
