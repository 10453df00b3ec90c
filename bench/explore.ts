// The exploration's own speed (issue 14, docs/explore.md "Speed"): the same search of the
// same scope on the impl (states hashed from its typed arrays, copied to step each
// candidate) and on the spec (states hashed from the abstract state, rebuilt by replay),
// with no property checked, so that the figures are the search machinery's; and the
// checked rate, every dIPC property on every transition, on the impl: incrementally (the
// search's default, properties/session.ts) and by replaying each check from boot (the
// reference path), at a depth where the trace before each transition is not empty.
import { domainsOf } from '../explore/alphabet';
import { runExplore } from '../explore/certificate';
import type { Checking } from '../explore/search';
import { scopeByName } from '../explore/scopes';
import { dipcMachineById } from '../machines/registry';
import { PROPERTIES } from '../properties/catalogue';
import type { DipcProperty } from '../properties/types';

/** The scope and depths the bench explores. */
export const EXPLORE_BENCH = { scope: 'two-process-call', depth: 2, checkedDepth: 2 } as const;

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
  /** Every dIPC property checked on every transition (impl), at `checkedDepth`, through sessions (the default). */
  readonly checkedTransitionsPerSec: number;
  /** The same, each property's check replayed from boot on every transition (explore's first way, kept as the reference). */
  readonly replayedTransitionsPerSec: number;
}

export const runExploreBench = (): ExploreTimings => {
  const scope = scopeByName(EXPLORE_BENCH.scope);
  if (scope === undefined) throw new Error('bench: no explore scope');
  const domains = domainsOf(scope.config, scope.policies);
  const on = (machine: string, properties: readonly DipcProperty[], depth: number, checking: Checking = 'session') =>
    runExplore({ scope, machine, factory: dipcMachineById(machine)!, properties, depth, domains, checking });
  on('impl', [], 1); // warm-up
  const impl = on('impl', [], EXPLORE_BENCH.depth);
  const spec = on('spec', [], EXPLORE_BENCH.depth);
  const every = PROPERTIES.filter((p): p is DipcProperty => p.layer === 'dipc');
  const checked = on('impl', every, EXPLORE_BENCH.checkedDepth);
  const replayed = on('impl', every, EXPLORE_BENCH.checkedDepth, 'replay');
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
    replayedTransitionsPerSec: replayed.transitionsPerSec,
  };
};
