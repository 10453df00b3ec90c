// `dipc-spec run FILE`: run a trace file (a scenario or a counterexample) on the spec, or on
// another machine, and print it step by step: op, output, and what changed.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, readFileSync } from 'node:fs';
import * as t from 'io-ts';
import { decodeWith } from '../alphabet/decode';
import { ConfigC } from '../alphabet/config';
import { DipcConfigC } from '../alphabet/dipc-config';
import { type DipcOp, DipcOpC, dipcOpToString } from '../alphabet/dipc-ops';
import { outputToString } from '../alphabet/output';
import { describeCodomsStep, describeDipcStep } from '../counterexamples/narrate';
import { CODOMS_LAYER, DIPC_LAYER } from '../refinement/layer';
import { UsageError } from './options';

export const TraceFileC = t.intersection([
  t.type({ config: t.union([ConfigC, DipcConfigC]), trace: t.array(DipcOpC) }),
  t.partial({ layer: t.keyof({ codoms: null, dipc: null }), note: t.string }),
]);

export const runTraceFile = (file: string): number => {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = decodeWith(TraceFileC, raw);
  if (E.isLeft(r)) throw new UsageError(`${file}: ${r.left}`);
  const { config, trace, layer = 'codoms', note } = r.right;
  if (note !== undefined) console.log(note);
  const ops: readonly DipcOp[] = trace;
  if (layer === 'dipc') {
    let s = DIPC_LAYER.boot(config as never);
    ops.forEach((op, i) => {
      const next = DIPC_LAYER.step(s, op);
      console.log(`${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(46)} ${outputToString(next.output).padEnd(18)} ${describeDipcStep(s, next.state)}`);
      s = next.state;
    });
  } else {
    let s = CODOMS_LAYER.boot(config as never);
    ops.forEach((op, i) => {
      const next = CODOMS_LAYER.step(s, op as never);
      console.log(`${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(46)} ${outputToString(next.output).padEnd(18)} ${describeCodomsStep(s, next.state)}`);
      s = next.state;
    });
  }
  return 0;
};
