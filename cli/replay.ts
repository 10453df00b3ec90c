// `dipc-spec replay FILE...`: run stored traces on the machines their outcomes name, print
// them step by step, and say whether each recorded expectation still holds. Never re-shrinks.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import pc from 'picocolors';
import type { CounterexampleFile } from '../counterexamples/format';
import { narrate, replayCounterexample } from '../counterexamples/replay';
import { readCounterexample } from '../counterexamples/store';
import { propertyById } from '../properties/catalogue';
import type { AnyProperty } from '../properties/types';
import { checkOn, traceOn } from '../machines/registry';
import { UsageError } from './options';

export interface DecodedFile {
  readonly file: string;
  readonly cx: CounterexampleFile;
  readonly prop: AnyProperty;
}

/** Decode every file before running any, so bad input changes nothing: a UsageError (exit 2) naming the file and the JSON path of the bad field. */
export const decodeCounterexampleFiles = (cmd: string, files: readonly string[]): DecodedFile[] => {
  if (files.length === 0) throw new UsageError(`${cmd}: give at least one counterexample file`);
  return files.map((f) => {
    if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
    const r = readCounterexample(f);
    if (E.isLeft(r)) throw new UsageError(r.left);
    const prop = propertyById(r.right.property);
    if (prop === undefined) throw new UsageError(`${f}: $.property: unknown property '${r.right.property}'`);
    if (prop.layer !== (r.right.layer ?? 'codoms')) throw new UsageError(`${f}: $.layer: property ${prop.id} speaks about the ${prop.layer} layer`);
    return { file: f, cx: r.right, prop };
  });
};

export const runReplay = (files: readonly string[]): number => {
  const decoded = decodeCounterexampleFiles('replay', files);
  let broken = 0;
  for (const { file, cx, prop } of decoded) {
    console.log(pc.bold(`${file}: ${cx.property} (${prop.title})`));
    console.log(`  found on ${cx.machine}, seed ${cx.seed}, path ${cx.path}; ${cx.trace.length} ops`);
    const result = replayCounterexample(cx, prop, checkOn);
    const onMachine = result.checks.find((c) => c.machine === cx.machine);
    for (const line of narrate(traceOn, cx, onMachine?.violation?.step ?? null)) console.log(`  ${line}`);
    for (const c of result.checks) {
      const mark = c.actual === c.expected ? pc.green('✓') : pc.red('✗');
      const why = c.violation === null ? '' : ` at step ${c.violation.step}: expected ${c.violation.expected}; observed ${c.violation.observed}`;
      console.log(`  ${mark} ${c.machine}: expected ${c.expected}, got ${c.actual}${why}`);
    }
    console.log(result.holds ? `  ${pc.green('the recorded expectation still holds')}` : `  ${pc.red('the recorded expectation no longer holds')}`);
    if (!result.holds) broken++;
  }
  console.log(`${decoded.length - broken} passed, ${broken} failed`);
  return broken === 0 ? 0 : 1;
};
