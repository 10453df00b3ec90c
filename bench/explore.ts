// The exploration's own speed (issue 14, docs/explore.md "Speed"): the same search of the
// same scope on the impl (states hashed from its typed arrays, copied to step each
// candidate) and on the spec (states hashed from the abstract state, rebuilt by replay),
// with no property checked, so that the figures are the search machinery's; and the
// checked rate, every dIPC property on every transition, on the impl.
import { domainsOf } from '../explore/alphabet';
import { runExplore } from '../explore/certificate';
import { scopeByName } from '../explore/scopes';
import { dipcMachineById } from '../machines/registry';
import { PROPERTIES } from '../properties/catalogue';
import type { DipcProperty } from '../properties/types';

/** The scope and depths the bench explores. */
export const EXPLORE_BENCH = { scope: 'two-process-call', depth: 2, checkedDepth: 1 } as const;

export interface ExploreTimings {
  readonly scope: string;
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
  readonly statesPerSec: number;
  readonly transitionsPerSec: number;
  /** States the spec's search found (its states are abstract states: never more than the impl's). */
  readonly specStates: number;
  readonly specStatesPerSec: number;
  readonly specTransitionsPerSec: number;
  /** Every dIPC property checked on every transition (impl), at `checkedDepth`. */
  readonly checkedTransitionsPerSec: number;
}

export const runExploreBench = (): ExploreTimings => {
  const scope = scopeByName(EXPLORE_BENCH.scope);
  if (scope === undefined) throw new Error('bench: no explore scope');
  const domains = domainsOf(scope.config, scope.policies);
  const on = (machine: string, properties: readonly DipcProperty[], depth: number) =>
    runExplore({ scope, machine, factory: dipcMachineById(machine)!, properties, depth, domains });
  on('impl', [], 1); // warm-up
  const impl = on('impl', [], EXPLORE_BENCH.depth);
  const spec = on('spec', [], EXPLORE_BENCH.depth);
  const checked = on('impl', PROPERTIES.filter((p): p is DipcProperty => p.layer === 'dipc'), EXPLORE_BENCH.checkedDepth);
  return {
    scope: EXPLORE_BENCH.scope,
    depth: EXPLORE_BENCH.depth,
    states: impl.states,
    transitions: impl.transitions,
    statesPerSec: impl.statesPerSec,
    transitionsPerSec: impl.transitionsPerSec,
    specStates: spec.states,
    specStatesPerSec: spec.statesPerSec,
    specTransitionsPerSec: spec.transitionsPerSec,
    checkedTransitionsPerSec: checked.transitionsPerSec,
  };
};
