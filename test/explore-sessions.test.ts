// Incremental checking changes no result (docs/explore.md "Checking incrementally"): the
// search checking transitions through sessions over shared runs gives the certificate the
// search replaying every property's check from boot gives (explore/search.ts Checking),
// states, transitions, levels, violation and trace included, on scopes of each kind at the
// depths the replay path reaches quickly, and on mutants it finds.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import { readCounterexample } from '../counterexamples/store';
import { propertyById } from '../properties/catalogue';
import type { Scope } from '../explore/scopes';
import { dipcProperties } from '../cli/explore';
import { domainsOf } from '../explore/alphabet';
import { type Certificate, runExplore } from '../explore/certificate';
import type { Checking } from '../explore/search';
import { scopeByName } from '../explore/scopes';
import { dipcMachineById } from '../machines/registry';

/** A named scope, or a stored counterexample's config (its mutant is then the machine). */
const scopeOf = (name: string): Scope => {
  const named = scopeByName(name);
  if (named !== undefined) return named;
  const cx = readCounterexample(`counterexamples/${name}.json`, (id) => propertyById(id)?.layer);
  if (E.isLeft(cx)) throw new Error(cx.left);
  return { name, description: cx.right.note, config: cx.right.config as DipcConfig };
};

const run = (name: string, machine: string, only: string[], depth: number, checking: Checking, maxStates?: number): Certificate => {
  const scope = scopeOf(name);
  const factory = dipcMachineById(machine)!;
  return runExplore({ scope, machine, factory, properties: dipcProperties(only), depth, domains: domainsOf(scope.config, scope.policies), maxStates, checking, minimise: false });
};

const untimed = (c: Certificate) => ({ ...c, timeMs: 0, statesPerSec: 0, transitionsPerSec: 0 });

/** [scope, machine, properties (every one when empty), depth, max states, the property found]. */
const CASES: readonly (readonly [string, string, string[], number, number | undefined, string | null])[] = [
  ['two-process-call', 'impl', [], 2, 50, null],
  ['three-process-chain-kill', 'impl', [], 1, undefined, null],
  ['Low/caller', 'impl', [], 2, 40, null],
  ['High/callee', 'impl', [], 2, 40, null],
  ['two-process-call', 'spec', [], 1, undefined, null],
  // Violations, the search stopping at the first in BFS order: relational (register and memory
  // secrets, whose second config changes along the trace), a design mutant (forked by
  // replay), and the whole suite where a stepwise property breaks first.
  ['ARG-REG-CONF/caller-stub-keeps-one-register', 'caller-stub-keeps-one-register', ['ARG-REG-CONF'], 2, undefined, 'ARG-REG-CONF'],
  ['ARG-DCS-CONF/dcs-base-one-too-low', 'dcs-base-one-too-low', ['ARG-DCS-CONF'], 2, undefined, 'ARG-DCS-CONF'],
  ['P5/design-unwind-clears-stack-cap', 'design-unwind-clears-stack-cap', ['P5'], 2, undefined, 'P5'],
  ['ARG-DCS-CONF/dcs-base-one-too-low', 'dcs-base-one-too-low', [], 2, undefined, 'P4'],
];

describe('explore: sessions and replayed checks give the same certificate', () => {
  for (const [scope, machine, only, depth, maxStates, found] of CASES)
    test(`${scope} on ${machine}, ${only.length === 0 ? 'every property' : only.join(' ')}, depth ${depth}${maxStates === undefined ? '' : `, ${maxStates} states`}`, () => {
      const replayed = run(scope, machine, only, depth, 'replay', maxStates);
      const incremental = run(scope, machine, only, depth, 'session', maxStates);
      expect(incremental.violation?.property ?? null).toBe(found);
      expect(untimed(incremental)).toEqual(untimed(replayed));
    }, 120_000);
});
