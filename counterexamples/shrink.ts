// Shrinking a stored counterexample again (`dipc-spec shrink`): the minimiser of
// properties/minimize.ts, with the predicate "the property still fails on the file's machine
// with the same kind of violation, and every other recorded outcome still holds".
import { dipcOpToString } from '../alphabet/dipc-ops';
import { failsLike, firstFailingCandidate, minimizeScenario, MAX_PREDICATE_CALLS } from '../properties/minimize';
import type { AnyScenario } from '../properties/runner';
import type { AnyProperty, Violation } from '../properties/types';
import type { CounterexampleFile } from './format';
import type { CheckOn } from './replay';

/** The machine a file's trace fails on: its `machine` when recorded as failing, else the first that is; null for none. */
export const failingMachine = (cx: CounterexampleFile): string | null =>
  cx.outcomes[cx.machine] === 'fail' ? cx.machine : (Object.keys(cx.outcomes).find((m) => cx.outcomes[m] === 'fail') ?? null);

export const scenarioOf = (cx: CounterexampleFile): AnyScenario => ({ config: cx.config, ops: cx.trace }) as AnyScenario;

export interface ShrinkPredicate {
  readonly machine: string;
  /** The violation the file's trace shows on `machine` today (null: it no longer fails). */
  readonly original: Violation | null;
  readonly fails: (sc: AnyScenario) => boolean;
}

/**
 * The predicate a stored counterexample is minimised with. Null when the file records no
 * failing machine (a paper scenario, whose outcomes are all 'pass', is no counterexample).
 */
export const shrinkPredicate = (cx: CounterexampleFile, prop: AnyProperty, checkOn: CheckOn): ShrinkPredicate | null => {
  const machine = failingMachine(cx);
  if (machine === null) return null;
  const check = (sc: AnyScenario) => checkOn(prop, sc, machine)?.violation ?? null;
  const original = check(scenarioOf(cx));
  const others = Object.entries(cx.outcomes).filter(([m]) => m !== machine);
  const sameKind = original === null ? () => false : failsLike(original, check);
  const fails = (sc: AnyScenario): boolean =>
    sameKind(sc) &&
    others.every(([m, expected]) => {
      const v = checkOn(prop, sc, m);
      return v !== null && (v.violation === null ? 'pass' : 'fail') === expected;
    });
  return { machine, original, fails };
};

export type ShrinkResult =
  | { readonly kind: 'refused'; readonly reason: string }
  /** The file's recorded outcomes do not hold today: nothing to keep while shrinking. */
  | { readonly kind: 'stale'; readonly reason: string }
  | {
      readonly kind: 'shrunk';
      readonly machine: string;
      readonly file: CounterexampleFile;
      /** Whether trace or config changed (the file needs rewriting). */
      readonly changed: boolean;
      readonly calls: number;
      readonly capped: boolean;
    };

export const NOT_A_COUNTEREXAMPLE = "is not a counterexample: no machine is recorded as failing (every outcome is 'pass'), so there is nothing to shrink";

/**
 * The 1-minimal pass (properties/minimize.ts) lists every one-step candidate of a scenario
 * at once, which for n ops is n traces of n - 1 ops: it runs on traces of at most this many
 * ops. A longer trace is cut down first (cutLongTrace).
 */
export const MINIMIZER_MAX_OPS = 1000;

/**
 * Cut a long failing trace down before the 1-minimal pass, keeping it failing: first drop
 * everything after the failing step (nothing after it ran), then remove chunks of halving
 * size (delta debugging: halves, quarters, ... while the trace is longer than the 1-minimal
 * pass takes). Each candidate is a new trace; only the current one is kept.
 */
export const cutLongTrace = (
  start: AnyScenario,
  failingStep: number,
  fails: (sc: AnyScenario) => boolean,
  maxCalls: number,
): { scenario: AnyScenario; calls: number } => {
  let cur = start;
  let calls = 0;
  const ops = () => cur.ops as readonly unknown[];
  const withOps = (o: readonly unknown[]) => ({ ...cur, ops: o }) as AnyScenario;
  if (failingStep >= 0 && failingStep + 1 < ops().length) {
    const cand = withOps(ops().slice(0, failingStep + 1));
    calls++;
    if (fails(cand)) cur = cand;
  }
  for (let chunk = Math.ceil(ops().length / 2); chunk >= 1 && ops().length > MINIMIZER_MAX_OPS / 10; chunk = Math.floor(chunk / 2)) {
    for (let i = 0; i < ops().length && calls < maxCalls; ) {
      const o = ops();
      const cand = withOps([...o.slice(0, i), ...o.slice(i + chunk)]);
      calls++;
      if (fails(cand)) cur = cand;
      else i += chunk;
    }
    if (calls >= maxCalls || chunk === 1) break;
  }
  return { scenario: cur, calls };
};

/** Minimise a stored counterexample; the result keeps every field but trace, config and the violation's step and texts. */
export const shrinkCounterexample = (cx: CounterexampleFile, prop: AnyProperty, checkOn: CheckOn, maxCalls: number = MAX_PREDICATE_CALLS): ShrinkResult => {
  const pred = shrinkPredicate(cx, prop, checkOn);
  if (pred === null) return { kind: 'refused', reason: NOT_A_COUNTEREXAMPLE };
  const full = scenarioOf(cx);
  if (pred.original === null) return { kind: 'stale', reason: `${prop.id} no longer fails on ${pred.machine}` };
  if (!pred.fails(full)) return { kind: 'stale', reason: `an outcome recorded for another machine no longer holds` };
  const long = full.ops.length > MINIMIZER_MAX_OPS;
  const cut = long ? cutLongTrace(full, pred.original.step, pred.fails, maxCalls) : { scenario: full, calls: 0 };
  const start = cut.scenario;
  const m =
    start.ops.length > MINIMIZER_MAX_OPS || cut.calls >= maxCalls
      ? { scenario: start, calls: cut.calls, capped: true }
      : (() => {
          const r = minimizeScenario(start, prop.layer, pred.fails, maxCalls - cut.calls);
          return { ...r, calls: r.calls + cut.calls };
        })();
  const v = checkOn(prop, m.scenario, pred.machine)?.violation as Violation;
  const changed = m.scenario.ops.length !== cx.trace.length || JSON.stringify([m.scenario.config, m.scenario.ops]) !== JSON.stringify([cx.config, cx.trace]);
  const file: CounterexampleFile = changed
    ? { ...cx, config: m.scenario.config, trace: [...m.scenario.ops], failingStep: v.step, expected: v.expected, observed: v.observed }
    : cx;
  return { kind: 'shrunk', machine: pred.machine, file, changed, calls: m.calls, capped: m.capped };
};

/** A one-step simplification of a stored counterexample that still fails, or null when it is 1-minimal. */
export const minimalityWitness = (cx: CounterexampleFile, prop: AnyProperty, checkOn: CheckOn): AnyScenario | null => {
  const pred = shrinkPredicate(cx, prop, checkOn);
  if (pred === null || pred.original === null) return null;
  return firstFailingCandidate(scenarioOf(cx), prop.layer, pred.fails);
};

/** One line on the size of a config: what the minimiser can take away. */
export const configSummary = (cx: Pick<CounterexampleFile, 'config'>): string => {
  const c = cx.config as Record<string, unknown>;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : what.endsWith('s') ? 'es' : 's'}`;
  const n = (k: string) => (Array.isArray(c[k]) ? (c[k] as unknown[]).length : 0);
  if (Array.isArray(c.processes)) {
    const ps = c.processes as { threads: number; exports?: unknown[]; imports?: unknown[] }[];
    const sum = (f: (p: (typeof ps)[number]) => number) => ps.reduce((a, p) => a + f(p), 0);
    return [count(ps.length, 'process'), count(sum((p) => p.threads), 'thread'), count(sum((p) => p.exports?.length ?? 0), 'export'), count(sum((p) => p.imports?.length ?? 0), 'import')].join(', ');
  }
  return [count(n('pages'), 'page'), count(n('apl'), 'APL entry'), count(n('threads'), 'thread')].join(', ').replace('APL entrys', 'APL entries');
};

export const traceLines = (cx: Pick<CounterexampleFile, 'trace'>): string[] => cx.trace.map((op, i) => `${String(i).padStart(3)}  ${dipcOpToString(op)}`);
