// `dipc-spec record-mutants`: for every mutant and each property it targets, find a failure,
// minimise it and store it in the corpus with its recorded outcomes (fails on the mutant,
// holds on the impl), so the test suite replays it forever.
import { ALL_MUTANTS } from '../mutants/index';
import { propertyById } from '../properties/catalogue';
import { runProperty } from '../properties/runner';
import { implFactory } from '../refinement/impl-machine';
import { failureBlock, writeCounterexampleFor } from './report';

/** Scenarios tried per mutant before it counts as surviving. */
export const MUTANT_BUDGET = 3000;

export const runRecordMutants = (seed: number, outDir: string): number => {
  let survivors = 0;
  for (const m of ALL_MUTANTS) {
    for (const id of m.targets) {
      const prop = propertyById(id);
      if (prop === undefined) {
        console.log(`${m.id}: unknown target property ${id}`);
        survivors++;
        continue;
      }
      const r = runProperty(prop, { seed, numRuns: MUTANT_BUDGET, factory: m.factory });
      if (r.counterexample === null) {
        console.log(`✗ ${m.id} survives ${id} (${r.runs} scenarios)`);
        survivors++;
        continue;
      }
      const stillHoldsOnImpl = prop.check(r.counterexample.scenario, implFactory).violation === null;
      const file = writeCounterexampleFor(outDir, r, m.id, `mutant ${m.id}: ${m.description}`, {
        [m.id]: 'fail',
        ...(stillHoldsOnImpl ? { impl: 'pass' as const } : {}),
      });
      console.log(failureBlock(r, file));
    }
  }
  console.log(`${ALL_MUTANTS.length - survivors} mutants killed, ${survivors} survived`);
  return survivors === 0 ? 0 : 1;
};
