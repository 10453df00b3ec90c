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
import { DIPC_LAYER } from '../refinement/layer';
import type { DipcState } from '../spec/state/dipc';
import { stateHash, TypedRecord } from './hash';
import type { DipcScenario } from '../gen/dipc-scenario';
import type { DipcMachineFactory } from '../refinement/machine';
import type { DipcProperty, Violation } from '../properties/types';
import { candidates, type Domains, shapeOf } from './alphabet';
import { bootMachine, type ExploreMachine } from './machine';
import { sessionChecker } from './session-checker';

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
  /** --shard i/n: explore only every n-th state of depth 1 (from the i-th, 1-based) and what lies below it. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** How transitions are checked (default 'session'); the certificate is the same either way. */
  readonly checking?: Checking;
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

/** What expanding one frontier node gives: its distinct transitions in alphabet order, each checked, up to the first violation. */
export interface Expansion {
  readonly candidates: number;
  readonly stepped: number;
  /** Distinct transitions (op, successor hash; THREW when the step threw), in alphabet order. */
  readonly groups: readonly { readonly op: DipcOp; readonly post: string }[];
  /** The first transition (index into groups) a property breaks on, and how. */
  readonly violation: { readonly at: number; readonly property: string; readonly violation: Violation } | null;
}

/**
 * How transitions are checked: 'session' (the default) feeds each property's session
 * (properties/session.ts) over machine runs shared by all properties (explore/runs.ts);
 * 'replay' calls every property's `check` on the whole trace, as the search first did. Both
 * give the same verdicts (test/explore-sessions.test.ts compares whole searches); 'replay'
 * stays as the reference they are compared with.
 */
export type Checking = 'session' | 'replay';

/** The context an expansion needs, all plain data but the machine and properties (a worker rebuilds those from ids). */
export interface ExpandContext {
  readonly config: DipcConfig;
  readonly domains: Domains;
  readonly factory: DipcMachineFactory;
  readonly properties: readonly DipcProperty[];
  readonly checking?: Checking;
}

/**
 * The reference spec's result of an op from a spec state, as a key: its output and its
 * successor (by canonical hash; 'same' when the spec returned its state unchanged).
 */
const specKey = (s: DipcState, op: DipcOp): string => {
  try {
    const r = DIPC_LAYER.step(s, op);
    return `${outputToString(r.output)}|${r.state === s ? 'same' : stateHash(r.state, undefined, true)}`;
  } catch (e) {
    return `spec threw|${e instanceof Error ? e.message : String(e)}`;
  }
};

/**
 * Step every candidate op from the state the trace reaches; check each distinct transition in order.
 * Candidates are one transition when the machine under test gives the same output and the same
 * successor for them AND the reference spec does too: a flawed machine may do the same wrong
 * thing for two ops of which the spec treats only one differently (timeout-without-stack-switch:
 * the mutant refuses every time-out alike, the spec only some), and the property must see the one
 * that tells them apart. Merging by the machine's result alone hid that op (docs/explore.md
 * "Alphabet").
 */
export const expandNode = (trace: readonly DipcOp[], ctx: ExpandContext): Expansion => {
  const { config, factory, properties, domains } = ctx;
  const base = bootMachine(factory, config);
  for (const op of trace) base.step(op);
  // base is never stepped (each candidate steps a copy), so its arrays can stand for the successors'.
  const record = new TypedRecord();
  const pre = base.hash({ into: record });
  const shape = shapeOf(base.abstract());
  let m: ExploreMachine = base.fork();
  const cands = candidates(shape, domains);
  // The reference spec at this state (pure: each candidate steps the same state value).
  let spec: DipcState | null = null;
  try {
    spec = trace.reduce((st, op) => DIPC_LAYER.step(st, op).state, DIPC_LAYER.boot(config));
  } catch {
    spec = null; // the spec threw on the trace (TOTAL reported it there): merge by the machine alone
  }
  const groups = new Map<string, { op: DipcOp; post: string }>();
  let stepped = 0;
  for (const op of cands) {
    stepped++;
    let out: string;
    const ref = spec === null ? '' : specKey(spec, op);
    try {
      out = outputToString(m.step(op));
    } catch (e) {
      // A machine that throws breaks TOTAL: the transition is kept (the properties report
      // it); the state after it is no state, and the search goes on from a fresh copy.
      const key = `threw|${e instanceof Error ? e.message : String(e)}|${ref}`;
      if (!groups.has(key)) groups.set(key, { op, post: THREW });
      m = base.fork();
      continue;
    }
    const post = m.hash({ from: record });
    const key = `${post}|${out}|${ref}`;
    if (!groups.has(key)) groups.set(key, { op, post });
    if (post !== pre) m = base.fork();
  }
  const list = [...groups.values()];
  const check =
    ctx.checking === 'replay' || list.length === 0
      ? (op: DipcOp) => firstViolation(properties, { config, ops: [...trace, op] }, factory)
      : sessionChecker(trace, ctx);
  for (let at = 0; at < list.length; at++) {
    const bad = check(list[at].op);
    if (bad !== null) return { candidates: cands.length, stepped, groups: list.slice(0, at + 1), violation: { at, ...bad } };
  }
  return { candidates: cands.length, stepped, groups: list, violation: null };
};

/**
 * The search itself, as a generator: it yields batches of frontier nodes (traces) to expand
 * and takes back their expansions, in order. Whoever drives it (this thread, or a pool of
 * workers) changes only where expansions are computed: the merge below takes them in
 * frontier order, so states, transitions, cuts and the violation found are the same for
 * any batch size and any number of workers.
 */
export function* exploreSteps(inp: SearchInput, batch: number): Generator<readonly (readonly DipcOp[])[], SearchResult, readonly Expansion[]> {
  const now = inp.now ?? (() => performance.now());
  const t0 = now();
  const { config, factory, properties } = inp;
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
    let level = frontier;
    // --shard i/n: after the first level, this shard keeps every n-th state of depth 1 (docs/explore.md "Sharding").
    if (d === 1 && inp.shard !== undefined) {
      const { index, count } = inp.shard;
      level = frontier.filter((_, k) => k % count === index - 1);
    }
    let pending: readonly Expansion[] = [];
    let used = 0;
    for (let k = 0; k < level.length; k++) {
      const node = level[k];
      if (seen.size >= maxStates) {
        cutBy = 'max-states';
        break;
      }
      if (now() - t0 >= timeMs) {
        cutBy = 'time';
        break;
      }
      if (used >= pending.length) {
        pending = yield level.slice(k, k + batch).map((n) => n.trace);
        used = 0;
      }
      const e = pending[used++];
      candidatesMax = Math.max(candidatesMax, e.candidates);
      distinctMax = Math.max(distinctMax, e.groups.length);
      levelStepped += e.stepped;
      for (let at = 0; at < e.groups.length; at++) {
        const { op, post } = e.groups[at];
        const trace = [...node.trace, op];
        levelTransitions++;
        if (e.violation !== null && e.violation.at === at) {
          found = { property: e.violation.property, violation: e.violation.violation, scenario: { config, ops: trace } };
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
        inp.onProgress({ depth: d + 1, states: seen.size, transitions: transitions + levelTransitions, frontier: level.length - expanded + next.length, elapsedMs: lastReport - t0 });
      }
      if (found !== null) break;
    }
    transitions += levelTransitions;
    stepped += levelStepped;
    const complete = expanded === level.length && found === null;
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
}

/** The search in this thread, one node at a time. */
export const explore = (inp: SearchInput): SearchResult => {
  const ctx: ExpandContext = inp;
  const it = exploreSteps(inp, 1);
  let r = it.next([]);
  while (!r.done) r = it.next(r.value.map((trace) => expandNode(trace, ctx)));
  return r.value;
};
