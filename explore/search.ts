// Breadth-first, bounded-exhaustive exploration (issue 14, docs/explore.md): every op
// sequence of up to `depth` ops from the scope's boot state, over the state's alphabet
// (alphabet.ts), states deduplicated by their canonical hash (hash.ts). Each state is kept
// with the first trace that reached it, which in BFS order is a shortest one. Expanding a
// state steps every candidate op from it; candidates with the same output and the same
// successor are one transition (the first in alphabet order stands for them). Every
// property is checked on every transition by running it, as `check` does, on the trace
// that reaches the state followed by the transition's op: the first violation is at the
// least depth that has one. No randomness.
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { outputToString } from '../alphabet/output';
import type { DipcScenario } from '../gen/dipc-scenario';
import type { DipcMachineFactory } from '../refinement/machine';
import type { DipcProperty, Violation } from '../properties/types';
import { candidates, type Domains, shapeOf } from './alphabet';
import { bootMachine, type ExploreMachine } from './machine';

export interface ExploreBudget {
  /** Stop once this many distinct states are known. */
  readonly maxStates?: number;
  /** Stop after this many milliseconds (checked between expansions). */
  readonly timeMs?: number;
}

export interface LevelStats {
  /** Ops from boot. */
  readonly depth: number;
  /** States first reached at this depth. */
  readonly states: number;
  /** Distinct transitions from states of depth - 1 (each checked against every property). */
  readonly transitions: number;
  /** Candidate ops stepped from states of depth - 1. */
  readonly stepped: number;
  /** Whether every state of depth - 1 was expanded. */
  readonly complete: boolean;
}

export interface Progress {
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
  readonly frontier: number;
  readonly elapsedMs: number;
}

export interface Found {
  readonly property: string;
  readonly violation: Violation;
  /** The shortest failing scenario found (BFS order). */
  readonly scenario: DipcScenario;
}

export interface SearchResult {
  readonly states: number;
  readonly transitions: number;
  readonly stepped: number;
  readonly levels: readonly LevelStats[];
  /** Deepest depth every state of which was expanded (all traces of up to this many ops covered). */
  readonly depthExhausted: number;
  readonly complete: boolean;
  readonly cutBy: 'max-states' | 'time' | 'violation' | null;
  readonly candidatesMax: number;
  readonly distinctMax: number;
  readonly found: Found | null;
  readonly elapsedMs: number;
}

export interface SearchInput {
  readonly config: DipcConfig;
  readonly depth: number;
  readonly domains: Domains;
  /** The machine under test: stepped and hashed by the search, and the one the properties check. */
  readonly factory: DipcMachineFactory;
  readonly properties: readonly DipcProperty[];
  readonly budget?: ExploreBudget;
  readonly onProgress?: (p: Progress) => void;
  /** Milliseconds between progress reports. */
  readonly progressEveryMs?: number;
  readonly now?: () => number;
}

/** The successor of a step that threw: never a state to explore. */
const THREW = 'threw';

interface Node {
  readonly trace: readonly DipcOp[];
}

/** The first property that breaks on the scenario, if any. */
export const firstViolation = (props: readonly DipcProperty[], sc: DipcScenario, factory: DipcMachineFactory): { property: string; violation: Violation } | null => {
  for (const p of props) {
    const v = p.check(sc, factory).violation;
    if (v !== null) return { property: p.id, violation: v };
  }
  return null;
};

export const explore = (inp: SearchInput): SearchResult => {
  const now = inp.now ?? (() => performance.now());
  const t0 = now();
  const { config, factory, properties, domains } = inp;
  const maxStates = inp.budget?.maxStates ?? Infinity;
  const timeMs = inp.budget?.timeMs ?? Infinity;
  const every = inp.progressEveryMs ?? 1000;
  let lastReport = t0;

  const seen = new Set<string>();
  const boot = bootMachine(factory, config);
  seen.add(boot.hash());
  let frontier: Node[] = [{ trace: [] }];
  const levels: LevelStats[] = [];
  let transitions = 0;
  let stepped = 0;
  let candidatesMax = 0;
  let distinctMax = 0;
  let cutBy: SearchResult['cutBy'] = null;
  let found: Found | null = null;
  let depthExhausted = 0;

  // Boot itself: a property may break before any op (its step -1).
  const atBoot = firstViolation(properties, { config, ops: [] }, factory);
  if (atBoot !== null) {
    found = { ...atBoot, scenario: { config, ops: [] } };
    cutBy = 'violation';
  }

  for (let d = 0; d < inp.depth && found === null && cutBy === null; d++) {
    const next: Node[] = [];
    let levelTransitions = 0;
    let levelStepped = 0;
    let expanded = 0;
    for (const node of frontier) {
      if (seen.size >= maxStates) {
        cutBy = 'max-states';
        break;
      }
      if (now() - t0 >= timeMs) {
        cutBy = 'time';
        break;
      }
      const base = bootMachine(factory, config);
      for (const op of node.trace) base.step(op);
      const pre = base.hash();
      const shape = shapeOf(base.abstract());
      let m: ExploreMachine = base.fork();
      const cands = candidates(shape, domains);
      candidatesMax = Math.max(candidatesMax, cands.length);
      const groups = new Map<string, { op: DipcOp; post: string }>();
      for (const op of cands) {
        levelStepped++;
        let out: string;
        try {
          out = outputToString(m.step(op));
        } catch (e) {
          // A machine that throws breaks TOTAL: the transition is kept (the properties report
          // it); the state after it is no state, and the search goes on from a fresh copy.
          const key = `threw|${e instanceof Error ? e.message : String(e)}`;
          if (!groups.has(key)) groups.set(key, { op, post: THREW });
          m = base.fork();
          continue;
        }
        const post = m.hash();
        const key = `${post}|${out}`;
        if (!groups.has(key)) groups.set(key, { op, post });
        if (post !== pre) m = base.fork();
      }
      distinctMax = Math.max(distinctMax, groups.size);
      for (const { op, post } of groups.values()) {
        const trace = [...node.trace, op];
        levelTransitions++;
        const bad = firstViolation(properties, { config, ops: trace }, factory);
        if (bad !== null) {
          found = { ...bad, scenario: { config, ops: trace } };
          cutBy = 'violation';
          break;
        }
        if (post !== THREW && !seen.has(post)) {
          seen.add(post);
          next.push({ trace });
        }
      }
      expanded++;
      if (inp.onProgress !== undefined && now() - lastReport >= every) {
        lastReport = now();
        inp.onProgress({ depth: d + 1, states: seen.size, transitions: transitions + levelTransitions, frontier: frontier.length - expanded + next.length, elapsedMs: lastReport - t0 });
      }
      if (found !== null) break;
    }
    transitions += levelTransitions;
    stepped += levelStepped;
    const complete = expanded === frontier.length && found === null;
    levels.push({ depth: d + 1, states: next.length, transitions: levelTransitions, stepped: levelStepped, complete });
    if (complete) depthExhausted = d + 1;
    frontier = next;
    if (next.length === 0 && complete) break; // a fixpoint: no new state, deeper levels add nothing
  }
  const fixpoint = found === null && cutBy === null && frontier.length === 0;
  return {
    states: seen.size,
    transitions,
    stepped,
    levels,
    depthExhausted: fixpoint ? inp.depth : depthExhausted,
    complete: found === null && cutBy === null,
    cutBy,
    candidatesMax,
    distinctMax,
    found,
    elapsedMs: now() - t0,
  };
};
