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
import { CounterexampleFileC } from '../counterexamples/format';
import { stepTrace } from '../pages/steps';
import { tracePageHtml } from '../pages/trace-page';
import { CODOMS_LAYER, DIPC_LAYER } from '../refinement/layer';
import { checkHtmlTarget, type HtmlOption, htmlToStdout, writeHtml } from './html-out';
import { UsageError } from './options';

export const TraceFileC = t.intersection([
  t.type({ config: t.union([ConfigC, DipcConfigC]), trace: t.array(DipcOpC) }),
  t.partial({ layer: t.keyof({ codoms: null, dipc: null }), note: t.string }),
]);

/** The step viewer page of a trace file run on the spec; a counterexample file's recorded failing step is marked. */
const tracePage = (file: string, raw: unknown, config: unknown, ops: readonly DipcOp[], layer: 'codoms' | 'dipc', note: string | undefined): string => {
  const cx = decodeWith(CounterexampleFileC, raw);
  const recorded = E.isRight(cx)
    ? { step: cx.right.failingStep, expected: `${cx.right.expected} (${cx.right.property}, recorded on ${cx.right.machine})`, observed: cx.right.observed }
    : null;
  const trace = stepTrace({
    id: 'trace', title: file, layer, machine: 'spec', config, ops, failing: recorded,
    notes: [...(note === undefined ? [] : [note]), ...(recorded === null ? [] : [`The marked step is where ${E.isRight(cx) ? cx.right.property : 'the property'} broke on ${E.isRight(cx) ? cx.right.machine : 'its machine'}; this page runs the trace on the spec (dipc-spec replay --html runs it on that machine).`])],
  });
  return tracePageHtml({ title: `dipc-spec run ${file}`, intro: [`${ops.length} op${ops.length === 1 ? '' : 's'} of ${file}, run on the spec.`], traces: [trace] });
};

export const runTraceFile = (file: string, html: HtmlOption = undefined): number => {
  checkHtmlTarget(html);
  // With the page on stdout, the text goes to stderr.
  const say = htmlToStdout(html) ? (s: string) => process.stderr.write(`${s}\n`) : (s: string) => console.log(s);
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
  if (note !== undefined) say(note);
  const ops: readonly DipcOp[] = trace;
  if (layer === 'dipc') {
    let s = DIPC_LAYER.boot(config as never);
    ops.forEach((op, i) => {
      const next = DIPC_LAYER.step(s, op);
      say(`${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(46)} ${outputToString(next.output).padEnd(18)} ${describeDipcStep(s, next.state)}`);
      s = next.state;
    });
  } else {
    let s = CODOMS_LAYER.boot(config as never);
    ops.forEach((op, i) => {
      const next = CODOMS_LAYER.step(s, op as never);
      say(`${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(46)} ${outputToString(next.output).padEnd(18)} ${describeCodomsStep(s, next.state)}`);
      s = next.state;
    });
  }
  if (html !== undefined && html !== false) {
    const where = writeHtml(html, tracePage(file, raw, config, ops, layer, note));
    if (where !== null) say(where);
  }
  return 0;
};
