// `dipc-spec run FILE`: run a trace file (a scenario or a counterexample) on the spec and
// print it step by step: op, output, and what changed. Streams: each step is printed as it
// runs and only the current state is kept, so a trace of 10^6 ops runs in the memory of one
// state (plus the decoded trace itself). `--html` also writes the step viewer page.
import * as E from 'fp-ts/lib/Either.js';
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import type { Op } from '../alphabet/ops';
import { outputToString } from '../alphabet/output';
import { decodeCounterexample } from '../counterexamples/format';
import { readJsonFile } from '../counterexamples/json-file';
import { describeCodomsStep, describeDipcStep } from '../counterexamples/narrate';
import { decodeTraceFile } from '../counterexamples/trace-file';
import { stepTrace } from '../pages/steps';
import { tracePageHtml } from '../pages/trace-page';
import { propertyById } from '../properties/catalogue';
import { CODOMS_LAYER, DIPC_LAYER } from '../refinement/layer';
import { checkHtmlTarget, type HtmlOption, htmlToStdout, writeHtml } from './html-out';
import { InputError } from './options';
import { lineWriter } from './output';
import { preflightOutputs } from './output-paths';

/** The step viewer page of a trace file run on the spec; a counterexample file's recorded failing step is marked. */
const tracePage = (file: string, raw: unknown, config: unknown, ops: readonly DipcOp[], layer: 'codoms' | 'dipc', note: string | undefined): string => {
  const cx = decodeCounterexample(raw);
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
  if (typeof html === 'string' && html !== '-') preflightOutputs([{ flag: '--html', path: html, kind: 'file' }]);
  const parsed = readJsonFile(file);
  const r = E.chain((raw: unknown) => decodeTraceFile(raw, (id) => propertyById(id)?.layer))(parsed);
  if (E.isLeft(r)) throw new InputError(`${file}: ${r.left}`);
  const { config, trace, layer, note } = r.right;
  // With the page on stdout, the text goes to stderr.
  const out = lineWriter(htmlToStdout(html) ? (s) => process.stderr.write(s) : undefined);
  if (note !== undefined) out.line(note);
  const line = (i: number, op: DipcOp, output: string, change: string) =>
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
  if (html !== undefined && html !== false) {
    const where = writeHtml(html, tracePage(file, E.isRight(parsed) ? parsed.right : null, config, trace, layer, note));
    if (where !== null) out.line(where);
  }
  out.flush();
  return 0;
};
