// `dipc-spec replay FILE...`: run stored traces on the machines their outcomes name, print
// them step by step, and say whether each recorded expectation still holds. Never re-shrinks.
// Every file is decoded before any runs; the narration streams (two states per machine in
// memory, whatever the trace's length).
import * as E from 'fp-ts/lib/Either.js';
import pc from 'picocolors';
import { fitLine, jsonPath } from '../alphabet/decode';
import type { CounterexampleFile } from '../counterexamples/format';
import { narrate, replayCounterexample } from '../counterexamples/replay';
import { readCounterexample } from '../counterexamples/store';
import { propertyById } from '../properties/catalogue';
import type { AnyProperty } from '../properties/types';
import { checkOn, dipcMachineById, machineById, stepperOn } from '../machines/registry';
import { InputError, UsageError } from './options';
import { lineWriter } from './output';

export interface DecodedFile {
  readonly file: string;
  readonly cx: CounterexampleFile;
  readonly prop: AnyProperty;
}

const LAYER_NAME = { codoms: 'CODOMs', dipc: 'dIPC' } as const;

/** The checks a decoded file needs the registries for: its property, and every machine it names, in its layer. */
const checkNames = (cx: CounterexampleFile): string | null => {
  const layer = cx.layer ?? 'codoms';
  if (propertyById(cx.property) === undefined) return `$.property: expected a property id (see dipc-spec list), got ${JSON.stringify(cx.property.slice(0, 40))}`;
  const known = (id: string) => (layer === 'dipc' ? dipcMachineById(id) : machineById(id)) !== undefined;
  const what = `a ${LAYER_NAME[layer]} machine (impl, spec or a mutant: see dipc-spec list)`;
  if (!known(cx.machine)) return `$.machine: expected ${what}, got ${JSON.stringify(cx.machine.slice(0, 40))}`;
  const bad = Object.keys(cx.outcomes).find((m) => !known(m));
  if (bad !== undefined) return `${jsonPath(['outcomes', bad])}: unknown machine (expected ${what})`;
  return null;
};

/** Decode every file before running any, so bad input changes nothing: a UsageError (exit 2) naming the file and the JSON path of the bad field. */
export const decodeCounterexampleFiles = (cmd: string, files: readonly string[]): DecodedFile[] => {
  if (files.length === 0) throw new UsageError(`${cmd}: give at least one counterexample file`);
  return files.map((f) => {
    const r = readCounterexample(f, (id) => propertyById(id)?.layer);
    if (E.isLeft(r)) throw new InputError(r.left);
    const bad = checkNames(r.right);
    if (bad !== null) throw new InputError(`${f}: ${fitLine(bad)}`);
    return { file: f, cx: r.right, prop: propertyById(r.right.property) as AnyProperty };
  });
};

export const runReplay = (files: readonly string[]): number => {
  const decoded = decodeCounterexampleFiles('replay', files);
  let broken = 0;
  const out = lineWriter();
  for (const { file, cx, prop } of decoded) {
    out.line(pc.bold(`${file}: ${cx.property} (${prop.title})`));
    out.line(`  found on ${cx.machine}, seed ${cx.seed}, path ${cx.path}; ${cx.trace.length} ops`);
    const result = replayCounterexample(cx, prop, checkOn);
    const onMachine = result.checks.find((c) => c.machine === cx.machine);
    narrate(stepperOn, cx, onMachine?.violation?.step ?? null, (line) => out.line(`  ${line}`));
    for (const c of result.checks) {
      const mark = c.actual === c.expected ? pc.green('✓') : pc.red('✗');
      const why = c.violation === null ? '' : ` at step ${c.violation.step}: expected ${c.violation.expected}; observed ${c.violation.observed}`;
      out.line(`  ${mark} ${c.machine}: expected ${c.expected}, got ${c.actual}${why}`);
    }
    out.line(result.holds ? `  ${pc.green('the recorded expectation still holds')}` : `  ${pc.red('the recorded expectation no longer holds')}`);
    if (!result.holds) broken++;
  }
  out.line(`${decoded.length - broken} passed, ${broken} failed`);
  out.flush();
  return broken === 0 ? 0 : 1;
};
