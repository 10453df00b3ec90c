// Is a trace inside a search's scope? (issue 14 "Done when": every mutant whose shortest known
// counterexample is within the explored scope and depth is found by explore.) A trace is in
// the scope when each of its ops is, in the state the ops before it reach, one of the
// search's transitions: some candidate of the state's alphabet (alphabet.ts) with the same
// output and the same successor state, the very rule by which the search merges candidates
// (search.ts expandNode). An op with a value or address outside the domains that happens to
// do what an in-domain op does is therefore in scope; one that does something no candidate
// does is not, and is named.
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { outputToString } from '../alphabet/output';
import type { DipcMachineFactory } from '../refinement/machine';
import { candidates, type Domains, shapeOf } from './alphabet';
import { bootMachine, type ExploreMachine } from './machine';

/** The transition an op makes from a machine (a copy is stepped): output and successor hash. */
const transitionKey = (base: ExploreMachine, op: DipcOp): string => {
  const m = base.fork();
  try {
    const out = outputToString(m.step(op));
    return `${m.hash()}|${out}`;
  } catch (e) {
    return `threw|${e instanceof Error ? e.message : String(e)}`;
  }
};

export interface OutsideAlphabet {
  /** Index of the first op no candidate stands for. */
  readonly step: number;
  readonly op: DipcOp;
  /** How many candidates the state had. */
  readonly candidates: number;
}

/** The first op of `ops` that no candidate of its state stands for, or null: the whole trace is in scope. */
export const firstOpOutsideAlphabet = (config: DipcConfig, factory: DipcMachineFactory, domains: Domains, ops: readonly DipcOp[]): OutsideAlphabet | null => {
  for (let i = 0; i < ops.length; i++) {
    const base = bootMachine(factory, config);
    for (const op of ops.slice(0, i)) base.step(op);
    const want = transitionKey(base, ops[i]);
    const cands = candidates(shapeOf(base.abstract()), domains);
    if (!cands.some((c) => transitionKey(base, c) === want)) return { step: i, op: ops[i], candidates: cands.length };
  }
  return null;
};
