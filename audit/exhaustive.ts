// `dipc-spec audit --exhaustive K` (issue 14 item 3, docs/audit.md "Exhaustive to depth K"):
// next to a class's random runs, a breadth-first search of every op sequence of up to K ops
// (explore/search.ts) from the audit's small scope for the class's combination and side
// (explore/scopes.ts auditConfig: the least instance of gen/audit-scenario.ts), checking on
// every transition each of the side's guarantees the random runs left standing. Its result
// per class: the depth exhausted, distinct states and transitions, whether the depth was
// complete or cut by `maxStates` (a state count, never a time, so that the report stays
// deterministic); and the guarantees it broke, each with the shortest trace (BFS order),
// which the witness phase minimises like any search's failure.
import { domainsOf } from '../explore/alphabet';
import { auditConfig } from '../explore/scopes';
import { explore } from '../explore/search';
import type { AuditSide } from '../gen/audit-scenario';
import { inCombination } from '../gen/audit-scenario';
import type { DipcScenario } from '../gen/dipc-scenario';
import type { DipcProperty, Violation } from '../properties/types';
import { checkScenario, factoryOf, guaranteesOf, type SearchJob } from './search';

/** A search job's class (combination, side, policies, machine), without its random budget. */
export interface ExhaustiveJob extends Omit<SearchJob, 'seed' | 'runs' | 'maxOps' | 'strategy'> {
  readonly depth: number;
  readonly maxStates: number;
  /** Indices (in GUARANTEES) of the side's guarantees the random runs did not break. */
  readonly held: readonly number[];
}

export interface ExhaustiveBreak {
  readonly guarantee: number;
  /** The shortest failing trace (BFS order), on the scope's config. */
  readonly scenario: DipcScenario;
  readonly violation: Violation;
}

export interface ExhaustiveResult {
  readonly combo: number;
  readonly side: AuditSide;
  /** The depth asked. */
  readonly depth: number;
  /** Every trace of up to this many ops was checked (the last search's, for the guarantees still held). */
  readonly depthExhausted: number;
  readonly states: number;
  readonly transitions: number;
  readonly complete: boolean;
  readonly breaks: readonly ExhaustiveBreak[];
  readonly timeMs: number;
}

/** The side's held guarantees as one property: one machine run per transition (checkScenario), off-combination traces never count. */
const sideProperty = (job: ExhaustiveJob, active: readonly number[]): DipcProperty => {
  const pol = { caller: job.caller, callee: job.callee };
  const gs = guaranteesOf(job.side).filter(({ index }) => active.includes(index));
  return {
    id: `audit-${job.side}`,
    layer: 'dipc',
    title: `the ${job.side}'s guarantees`,
    check: (sc, factory) => {
      const v = checkScenario(sc, factory, job.side, pol, gs);
      const first = [...v.violations.entries()].sort((a, b) => a[0] - b[0])[0];
      const off = v.offCombination || !inCombination(sc, job.side, pol);
      return { violation: first === undefined || off ? null : first[1], ops: sc.ops.length, outputs: [] };
    },
  };
};

/** Explore the class's scope; after each break, again without the broken guarantee, until none breaks or none is left. */
export const runExhaustive = (job: ExhaustiveJob, onState: (states: number) => void = () => {}): ExhaustiveResult => {
  const started = performance.now();
  const factory = factoryOf(job.machine);
  const pol = { caller: job.caller, callee: job.callee };
  const config = auditConfig(job.side, pol);
  const domains = domainsOf(config, { register: [job.callee], request: [job.caller] });
  const breaks: ExhaustiveBreak[] = [];
  let active = [...job.held];
  for (;;) {
    const r = explore({
      config, depth: job.depth, domains, factory, properties: [sideProperty(job, active)],
      budget: { maxStates: job.maxStates }, onProgress: (p) => onState(p.states), progressEveryMs: 500,
    });
    const f = r.found;
    if (f !== null) {
      // Which guarantee broke: the lowest index failing on the shortest trace.
      const v = checkScenario(f.scenario, factory, job.side, pol, guaranteesOf(job.side).filter(({ index }) => active.includes(index)));
      const first = [...v.violations.entries()].sort((a, b) => a[0] - b[0])[0];
      if (first !== undefined) {
        breaks.push({ guarantee: first[0], scenario: f.scenario, violation: first[1] });
        active = active.filter((i) => i !== first[0]);
        if (active.length > 0) continue;
      }
    }
    return {
      combo: job.combo, side: job.side, depth: job.depth,
      // Ended by a break with nothing left to check: every held guarantee broke within the depth.
      depthExhausted: f === null ? r.depthExhausted : job.depth,
      states: r.states, transitions: r.transitions, complete: f === null ? r.complete : active.length === 0,
      breaks, timeMs: Math.round(performance.now() - started),
    };
  }
};
