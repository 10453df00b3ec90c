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

/**
 * One machine of a layer, stepped op by op: `step` returns the op's output, or the text
 * `THREW ...` when the machine threw (after which it is dead: `step` returns undefined and
 * `abstract` null). `abstract` gives α of the machine now.
 */
export interface Stepper {
  step(op: DipcOp): Output | string | undefined;
  abstract(): unknown;
}

/** Boot machine `id` of a layer on a config; null when there is no such machine. */
export type StepperOn = (layer: 'codoms' | 'dipc', id: string, config: unknown) => Stepper | null;

const show = (o: Output | string | undefined): string => (o === undefined ? '' : typeof o === 'string' ? o : outputToString(o));

/**
 * The trace step by step, one line per op, each handed to `emit` as soon as it is known: the
 * op, its output on the spec and on the file's machine, and what it changed on that machine
 * (registers, memory words, KCS depth, current process ..., read through α), followed by the
 * spec's change where the two differ. The step at which the property broke (`failingStep`)
 * is marked with '✗'. Only the states before and after the current op are kept, so a trace
 * of any length narrates in the memory of two states per machine. A first pass, which keeps
 * nothing but the widest output, sets the column widths.
 */
export const narrate = (stepperOn: StepperOn, cx: CounterexampleFile, failingStep: number | null, emit: (line: string) => void): void => {
  const layer = cx.layer ?? 'codoms';
  const describe = (pre: unknown, post: unknown): string =>
    layer === 'dipc' ? describeDipcChange(pre as DipcState, post as DipcState) : describeCodomsChange(pre as SpecState, post as SpecState);
  const same = cx.machine === 'spec';
  const machines = same ? ['spec'] : ['spec', cx.machine];
  // Pass 1: column widths (op texts, and outputs up to 24 characters).
  let opWidth = 2;
  for (const op of cx.trace) opWidth = Math.max(opWidth, dipcOpToString(op).length);
  let outWidth = same ? 4 : 7;
  for (const id of machines) {
    const m = stepperOn(layer, id, cx.config);
    if (m === null) continue;
    for (const op of cx.trace) outWidth = Math.max(outWidth, Math.min(show(m.step(op)).length, 24));
  }
  // Step numbers right-aligned in 3 columns, or, past step 999, with a space before the longest.
  const digits = String(Math.max(0, cx.trace.length - 1)).length;
  const iw = digits <= 3 ? 3 : digits + 1;
  const lead = ' '.repeat(iw + 3);
  emit(
    same
      ? `${lead}${'op'.padEnd(opWidth)} ${'spec'.padEnd(outWidth)} what changed`
      : `${lead}${'op'.padEnd(opWidth)} ${'spec'.padEnd(outWidth)} ${'machine'.padEnd(outWidth)} what changed on the machine [on the spec, where it differs]`,
  );
  // Pass 2: step, describe, print, forget.
  const spec = stepperOn(layer, 'spec', cx.config);
  const machine = same ? spec : stepperOn(layer, cx.machine, cx.config);
  let specPre = spec?.abstract() ?? null;
  let machinePre = same ? specPre : (machine?.abstract() ?? null);
  cx.trace.forEach((op, i) => {
    const specOut = spec?.step(op);
    const specPost = spec?.abstract() ?? null;
    const machineOut = same ? specOut : machine?.step(op);
    const machinePost = same ? specPost : (machine?.abstract() ?? null);
    const change = (pre: unknown, post: unknown): string | null => (pre === null || post === null ? null : describe(pre, post));
    const mChange = change(machinePre, machinePost) ?? '';
    const outs = same ? show(specOut).padEnd(outWidth) : `${show(specOut).padEnd(outWidth)} ${show(machineOut).padEnd(outWidth)}`;
    const sChange = same ? null : change(specPre, specPost);
    const diff = sChange !== null && sChange !== mChange ? `  [spec: ${sChange || 'nothing'}]` : '';
    emit(`${i === failingStep ? '✗' : ' '}${String(i).padStart(iw)}  ${dipcOpToString(op).padEnd(opWidth)} ${outs} ${mChange}${diff}`.trimEnd());
    specPre = specPost;
    machinePre = machinePost;
  });
};
