// Witnesses for the audit's broken cells (docs/audit.md "Witnesses"). The cells of one
// guarantee (and side) are done in the audit's order of combinations, one after the other,
// each with the witnesses found for the earlier ones at hand:
//  1. transfer: each earlier witness, shortest first, is put under this combination
//     (scenarioUnder) and checked; the first that breaks the guarantee here is minimised
//     under this combination (1-minimal, keeping the combination);
//  2. search: otherwise, for the combination its class was searched under, the search's
//     first failing scenario k is generated again (fast-check makes scenario k from the seed
//     and k alone; the runs before it are skipped), shrunk by fast-check, and minimised as
//     the suite's runner does (properties/minimize.ts), keeping the combination at every
//     step; for another combination of the class, a search of its own (`runs` scenarios),
//     shrunk and minimised the same way; if that finds nothing the cell is reported held
//     with a note (NotReproduced).
// A witness is kept only if its property, looked up by id as `dipc-spec replay` does
// (propertyById), fails on it on the machine; it is also run on the spec. Every step is
// deterministic, so the witnesses do not depend on how the cells were spread over workers.
import fc from 'fast-check';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { IsolationProp } from '../alphabet/policy';
import { type AuditSide, type AuditStrategy, auditStrategyArb, inCombination, scenarioUnder } from '../gen/audit-scenario';
import type { DipcScenario } from '../gen/dipc-scenario';
import { propertyById } from '../properties/catalogue';
import { failsLike, minimizeScenario } from '../properties/minimize';
import { GUARANTEES } from '../properties/security/guarantees';
import type { Violation } from '../properties/types';
import { dipcMachineById } from '../machines/registry';
import { callsInCombination, factoryOf } from './search';
import { SKIPPED, Skipping } from '../properties/skipping';

/** Predicate calls the minimiser may make on a transferred witness (already short). */
export const TRANSFER_MINIMIZER_CALLS = 400;

export interface WitnessCell {
  readonly combo: number;
  readonly caller: readonly IsolationProp[];
  readonly callee: readonly IsolationProp[];
  /**
   * The search's first failing scenario when this combination is the one its class was
   * searched under; null for the other combinations of the class (they get the class's
   * witness, or one of their own).
   */
  readonly k: number | null;
  /**
   * The shortest trace an exhaustive search of the class's scope found (audit --exhaustive),
   * when the random runs did not break the guarantee: minimised instead of a scenario k.
   */
  readonly given?: { readonly scenario: DipcScenario; readonly depth: number };
}

export interface WitnessTask {
  /** Index of the guarantee in GUARANTEES. */
  readonly guarantee: number;
  readonly side: AuditSide;
  /** Its broken cells, in the audit's order. */
  readonly cells: readonly WitnessCell[];
  readonly seed: number;
  readonly runs: number;
  readonly maxOps: number;
  readonly machine: string;
  readonly strategy: AuditStrategy;
}

export interface Witness {
  readonly combo: number;
  readonly guarantee: number;
  /** The id `dipc-spec replay` resolves (propertyById): the guarantee's property checked whatever the policy. */
  readonly property: string;
  readonly scenario: DipcScenario;
  readonly violation: Violation;
  /** How it was found: by this cell's search, or as another cell's witness under this combination. */
  readonly source:
    | { readonly k: 'search'; readonly path: string; readonly shrunkFrom: number; readonly own: boolean }
    | { readonly k: 'transfer'; readonly from: number }
    | { readonly k: 'exhaustive'; readonly depth: number; readonly shortest: number };
  readonly minimizerCalls: number;
  readonly minimizerCapped: boolean;
  /** Does the guarantee fail on the spec too (a design finding, not only the machine's)? */
  readonly failsOnSpec: boolean;
}

/**
 * A combination of a broken class whose own search (`runs` scenarios under it) found no
 * failure and to which no witness of the class moves: it is reported as held, with a note.
 */
export interface NotReproduced {
  readonly combo: number;
  readonly guarantee: number;
  readonly runs: number;
}

export interface WitnessResult {
  readonly guarantee: number;
  readonly side: AuditSide;
  readonly witnesses: readonly Witness[];
  readonly notReproduced: readonly NotReproduced[];
  /** Earlier witnesses tried under a later combination. */
  readonly transfersTried: number;
  readonly timeMs: number;
}

const opsKey = (ops: readonly DipcOp[]) => JSON.stringify(ops);

/** Find, minimise and verify a witness for every cell of the task; `onCell` after each. */
export const runWitnessTask = (task: WitnessTask, onCell: (done: number) => void = () => {}): WitnessResult => {
  const started = performance.now();
  const g = GUARANTEES[task.guarantee];
  const factory = factoryOf(task.machine);
  const spec = dipcMachineById('spec');
  const replayed = propertyById(g.property.id);
  if (replayed === undefined || replayed.layer !== 'dipc') throw new Error(`audit: ${g.property.id} does not resolve through propertyById, so its witnesses would not replay`);
  const check = (s: DipcScenario): Violation | null => g.property.check(s, factory).violation;
  const pool: { scenario: DipcScenario; combo: number }[] = [];
  const witnesses: Witness[] = [];
  const notReproduced: NotReproduced[] = [];
  let tried = 0;
  task.cells.forEach((cell, n) => {
    const pol = { caller: cell.caller, callee: cell.callee };
    const keeps = (s: DipcScenario) => inCombination(s, task.side, pol);
    const minimise = (start: DipcScenario, v: Violation, maxCalls?: number) => {
      const like = failsLike(v, check);
      // The combination is checked last: its dynamic half runs the machine once more.
      return minimizeScenario(start, 'dipc', (s) => keeps(s) && like(s) && callsInCombination(s, factory, pol), maxCalls);
    };
    let shrunkScenario: DipcScenario | null = null;
    let found: Omit<Witness, 'failsOnSpec' | 'property' | 'guarantee' | 'combo'> | null = null;
    // 1. An earlier witness, shortest first.
    for (const w of [...pool].sort((a, b) => a.scenario.ops.length - b.scenario.ops.length)) {
      tried++;
      const moved = scenarioUnder(w.scenario, pol);
      const v = check(moved);
      if (v === null || !callsInCombination(moved, factory, pol)) continue;
      const m = minimise(moved, v, TRANSFER_MINIMIZER_CALLS);
      found = { scenario: m.scenario, violation: check(m.scenario) as Violation, source: { k: 'transfer', from: w.combo }, minimizerCalls: m.calls, minimizerCapped: m.capped };
      break;
    }
    // 2. The search's failing scenario, generated again (or, for a combination its class was
    // not searched under, a search of its own), shrunk and minimised.
    const givenViolation = found === null && cell.given !== undefined && keeps(cell.given.scenario) ? check(cell.given.scenario) : null;
    if (found === null && cell.given !== undefined && givenViolation !== null && callsInCombination(cell.given.scenario, factory, pol)) {
      const given = cell.given.scenario;
      const m = minimise(given, givenViolation);
      found = {
        scenario: m.scenario,
        violation: check(m.scenario) as Violation,
        source: { k: 'exhaustive', depth: cell.given.depth, shortest: given.ops.length },
        minimizerCalls: m.calls,
        minimizerCapped: m.capped,
      };
    }
    if (found === null) {
      const own = cell.k === null;
      let first: DipcScenario | null = null;
      const from = cell.k ?? 0;
      const arb = new Skipping(auditStrategyArb(task.strategy, task.side, pol, task.maxOps), (k) => k < from);
      const details = fc.check(
        fc.property(arb, (sc) => {
          if (sc === SKIPPED) return true;
          first ??= sc;
          return check(sc) === null || !callsInCombination(sc, factory, pol);
        }),
        { seed: task.seed, numRuns: cell.k === null ? task.runs : cell.k + 1 },
      );
      if (!details.failed || details.counterexample === null) {
        if (own) {
          notReproduced.push({ combo: cell.combo, guarantee: task.guarantee, runs: task.runs });
          onCell(n + 1);
          return;
        }
        throw new Error(`audit: scenario ${cell.k} of ${g.id} (${task.side}) under combination ${cell.combo} no longer fails`);
      }
      const shrunk = details.counterexample[0] as DipcScenario;
      shrunkScenario = shrunk;
      const m = minimise(shrunk, check(shrunk) as Violation);
      found = {
        scenario: m.scenario,
        violation: check(m.scenario) as Violation,
        source: { k: 'search', path: details.counterexamplePath ?? '', shrunkFrom: (first as DipcScenario | null)?.ops.length ?? shrunk.ops.length, own },
        minimizerCalls: m.calls,
        minimizerCapped: m.capped,
      };
    }
    // What `dipc-spec replay` will run: the property by id, on the machine.
    const again = replayed.check(found.scenario as never, factory as never);
    if (again.violation === null) throw new Error(`audit: the witness of ${g.property.id} under combination ${cell.combo} does not fail when replayed`);
    const failsOnSpec = spec !== undefined && replayed.check(found.scenario as never, spec as never).violation !== null;
    witnesses.push({ combo: cell.combo, guarantee: task.guarantee, property: g.property.id, failsOnSpec, ...found });
    const add = (scenario: DipcScenario) => {
      if (!pool.some((w) => opsKey(w.scenario.ops) === opsKey(scenario.ops) && JSON.stringify(w.scenario.config) === JSON.stringify(scenario.config))) pool.push({ scenario, combo: cell.combo });
    };
    add(found.scenario);
    // What fast-check shrank to, before the minimiser made the config as small as this combination allows: it moves to more combinations.
    if (shrunkScenario !== null) add(shrunkScenario);
    onCell(n + 1);
  });
  return { guarantee: task.guarantee, side: task.side, witnesses, notReproduced, transfersTried: tried, timeMs: Math.round(performance.now() - started) };
};
