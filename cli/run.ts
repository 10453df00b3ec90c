// `dipc-spec run FILE`: run a trace file (a scenario or a counterexample) on the spec and
// print it step by step: op, output, and what changed. Streams: each step is printed as it
// runs and only the current state is kept, so a trace of 10^6 ops runs in the memory of one
// state (plus the decoded trace itself).
import * as E from 'fp-ts/lib/Either.js';
import { dipcOpToString } from '../alphabet/dipc-ops';
import type { Op } from '../alphabet/ops';
import { outputToString } from '../alphabet/output';
import { readJsonFile } from '../counterexamples/json-file';
import { describeCodomsStep, describeDipcStep } from '../counterexamples/narrate';
import { decodeTraceFile } from '../counterexamples/trace-file';
import { propertyById } from '../properties/catalogue';
import { CODOMS_LAYER, DIPC_LAYER } from '../refinement/layer';
import { InputError } from './options';
import { lineWriter } from './output';

export const runTraceFile = (file: string): number => {
  const r = E.chain((raw: unknown) => decodeTraceFile(raw, (id) => propertyById(id)?.layer))(readJsonFile(file));
  if (E.isLeft(r)) throw new InputError(`${file}: ${r.left}`);
  const { config, trace, layer, note } = r.right;
  const out = lineWriter();
  if (note !== undefined) out.line(note);
  const line = (i: number, op: Op | (typeof trace)[number], output: string, change: string) =>
    out.line(`${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(46)} ${output.padEnd(18)} ${change}`);
  if (layer === 'dipc') {
    let s = DIPC_LAYER.boot(config as never);
    for (let i = 0; i < trace.length; i++) {
      const next = DIPC_LAYER.step(s, trace[i]);
      line(i, trace[i], outputToString(next.output), describeDipcStep(s, next.state));
      s = next.state;
    }
  } else {
    let s = CODOMS_LAYER.boot(config as never);
    for (let i = 0; i < trace.length; i++) {
      const next = CODOMS_LAYER.step(s, trace[i] as Op);
      line(i, trace[i], outputToString(next.output), describeCodomsStep(s, next.state));
      s = next.state;
    }
  }
  out.flush();
  return 0;
};
