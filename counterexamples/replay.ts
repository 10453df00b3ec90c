// Replaying a stored counterexample: run its trace on every machine named in its recorded
// outcomes and report whether each expectation (fail / pass) still holds. Never re-shrinks.
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import { type Output, outputToString } from '../alphabet/output';
import type { AnyScenario } from '../properties/runner';
import type { AnyProperty, Violation } from '../properties/types';
import type { DipcState } from '../spec/state/dipc';
import type { SpecState } from '../spec/state/machine';
import type { CounterexampleFile } from './format';
import { describeCodomsChange, describeDipcChange } from './narrate';

/** Run one scenario with a property on machine `id`; null when that machine does not exist in the layer. */
export type CheckOn = (prop: AnyProperty, scenario: AnyScenario, id: string) => { violation: Violation | null } | null;

export interface OutcomeCheck {
  readonly machine: string;
  readonly expected: 'fail' | 'pass';
  readonly actual: 'fail' | 'pass' | 'unknown machine';
  readonly violation: Violation | null;
}

export interface ReplayResult {
  readonly property: string;
  readonly checks: readonly OutcomeCheck[];
  /** Every recorded expectation still holds. */
  readonly holds: boolean;
}

export const replayCounterexample = (cx: CounterexampleFile, prop: AnyProperty, checkOn: CheckOn): ReplayResult => {
  const scenario = { config: cx.config, ops: cx.trace } as AnyScenario;
  const checks = Object.entries(cx.outcomes).map(([machine, expected]): OutcomeCheck => {
    const verdict = checkOn(prop, scenario, machine);
    if (verdict === null) return { machine, expected, actual: 'unknown machine', violation: null };
    const v = verdict.violation;
    return { machine, expected, actual: v === null ? 'pass' : 'fail', violation: v };
  });
  return { property: prop.id, checks, holds: checks.every((c) => c.actual === c.expected) };
};

/** Run a trace on machine `id` of a layer: each op's output and α after boot and after each op; null when there is no such machine. */
export type TraceOn = (
  layer: 'codoms' | 'dipc',
  id: string,
  config: unknown,
  ops: readonly DipcOp[],
) => { readonly outputs: readonly (Output | string)[]; readonly states: readonly unknown[] } | null;

/**
 * The trace step by step: each op, its output on the spec and on the file's machine, and
 * what it changed on that machine (registers, memory words, KCS depth, current process ...,
 * read through α), followed by the spec's change where the two differ. The step at which
 * the property broke (`failingStep`) is marked with '✗'.
 */
export const narrate = (traceOn: TraceOn, cx: CounterexampleFile, failingStep: number | null = null): string[] => {
  const layer = cx.layer ?? 'codoms';
  const describe = (pre: unknown, post: unknown): string =>
    layer === 'dipc' ? describeDipcChange(pre as DipcState, post as DipcState) : describeCodomsChange(pre as SpecState, post as SpecState);
  const onMachine = traceOn(layer, cx.machine, cx.config, cx.trace);
  const onSpec = cx.machine === 'spec' ? onMachine : traceOn(layer, 'spec', cx.config, cx.trace);
  const show = (o: Output | string | undefined): string => (o === undefined ? '' : typeof o === 'string' ? o : outputToString(o));
  const change = (run: typeof onMachine, i: number): string | null =>
    run === null || run.states[i + 1] === undefined ? null : describe(run.states[i], run.states[i + 1]);
  const same = cx.machine === 'spec';
  const ops = cx.trace.map(dipcOpToString);
  const OP_WIDTH = Math.max(2, ...ops.map((o) => o.length));
  const shownOuts = [onSpec, ...(same ? [] : [onMachine])].flatMap((r) => (r === null ? [] : r.outputs.map(show)));
  const OUT_WIDTH = Math.max(same ? 4 : 7, ...shownOuts.map((o) => Math.min(o.length, 24)));
  const header = same
    ? `      ${'op'.padEnd(OP_WIDTH)} ${'spec'.padEnd(OUT_WIDTH)} what changed`
    : `      ${'op'.padEnd(OP_WIDTH)} ${'spec'.padEnd(OUT_WIDTH)} ${'machine'.padEnd(OUT_WIDTH)} what changed on the machine [on the spec, where it differs]`;
  return [
    header,
    ...cx.trace.map((_, i) => {
      const mark = i === failingStep ? '✗' : ' ';
      const specOut = show(onSpec?.outputs[i]).padEnd(OUT_WIDTH);
      const mChange = change(onMachine, i) ?? '';
      const outs = same ? specOut : `${specOut} ${show(onMachine?.outputs[i]).padEnd(OUT_WIDTH)}`;
      const sChange = same ? null : change(onSpec, i);
      const diff = sChange !== null && sChange !== mChange ? `  [spec: ${sChange || 'nothing'}]` : '';
      return `${mark}${String(i).padStart(3)}  ${ops[i].padEnd(OP_WIDTH)} ${outs} ${mChange}${diff}`.trimEnd();
    }),
  ];
};
