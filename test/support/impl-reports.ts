// One run of each property on the impl per test file: the coverage gates read the report of
// the property test that already ran (vitest runs a file's tests in order), and compute it
// themselves only when run alone (`vitest -t`).
import { expect, type test } from 'vitest';
import { failureBlock } from '../../cli/report';
import { formatReach, reachShortfall } from '../../properties/reach';
import { formatEvents } from '../../properties/stats';
import { propertyById } from '../../properties/catalogue';
import type { AnyProperty } from '../../properties/types';
import type { PropertyReport } from '../../properties/runner';
import { runOn } from '../../machines/registry';
import { RUNS_OVERRIDE, TEST_SEED } from '../budget';

const cache = new Map<string, PropertyReport>();

export const implReport = (id: string, numRuns: number): PropertyReport => {
  const key = `${id}/${numRuns}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const prop = propertyById(id);
  if (prop === undefined) throw new Error(`${id} missing from the catalogue`);
  const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns });
  if (r === null) throw new Error(`no impl for layer ${prop.layer}`);
  cache.set(key, r);
  return r;
};

/** One vitest test per property: it holds on the impl over `numRuns` scenarios (and meets its coverage gate). */
export const propertyTestsFor = (props: readonly AnyProperty[], numRuns: number, t: typeof test): void => {
  for (const prop of props) {
    t(`${prop.id}: ${prop.title}`, () => {
      const runs = RUNS_OVERRIDE[prop.id] ?? numRuns;
      const r = implReport(prop.id, runs);
      console.log(`${prop.id}: seed ${r.seed}, ${r.runs} scenarios, ${r.ops} ops, ${r.timeMs} ms`);
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
      expect(r.runs).toBe(runs);
      if (prop.coverage !== undefined) console.log(formatEvents(r).join('\n'));
      // The reach gate (properties/reach.ts), whatever the run's size: each attack pattern's last step in its share of scenarios.
      const reach = formatReach(r);
      if (reach.length > 0) console.log([`${prop.id}: attack patterns' last steps reached:`, ...reach].join('\n'));
      for (const c of reachShortfall(prop.id, r.events, r.runs)) expect(c.share, `${c.event} in ${(100 * c.share).toFixed(1)}% of scenarios, needs ${(100 * c.min).toFixed(1)}%`).toBeGreaterThanOrEqual(c.min);
    });
  }
};
