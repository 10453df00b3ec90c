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
import type { StepTrace } from '../pages/data';
import { stepTrace } from '../pages/steps';
import { tracePageHtml } from '../pages/trace-page';
import { checkHtmlTarget, type HtmlOption, htmlToStdout, writeHtml } from './html-out';
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

export const runReplay = (files: readonly string[], html: HtmlOption = undefined): number => {
  checkHtmlTarget(html);
  const decoded = decodeCounterexampleFiles('replay', files);
  // With the page on stdout, the text goes to stderr.
  const say = htmlToStdout(html) ? (s: string) => process.stderr.write(`${s}\n`) : (s: string) => console.log(s);
  const page = html !== undefined && html !== false;
  const traces: StepTrace[] = [];
  let broken = 0;
  decoded.forEach(({ file, cx, prop }, i) => {
    say(pc.bold(`${file}: ${cx.property} (${prop.title})`));
    say(`  found on ${cx.machine}, seed ${cx.seed}, path ${cx.path}; ${cx.trace.length} ops`);
    const result = replayCounterexample(cx, prop, checkOn);
    const onMachine = result.checks.find((c) => c.machine === cx.machine);
    for (const line of narrate(traceOn, cx, onMachine?.violation?.step ?? null)) say(`  ${line}`);
    const verdicts = result.checks.map((c) => {
      const why = c.violation === null ? '' : ` at step ${c.violation.step}: expected ${c.violation.expected}; observed ${c.violation.observed}`;
      return { ok: c.actual === c.expected, text: `${c.machine}: expected ${c.expected}, got ${c.actual}${why}` };
    });
    for (const v of verdicts) say(`  ${v.ok ? pc.green('✓') : pc.red('✗')} ${v.text}`);
    say(result.holds ? `  ${pc.green('the recorded expectation still holds')}` : `  ${pc.red('the recorded expectation no longer holds')}`);
    if (!result.holds) broken++;
    if (page) {
      // On the machine the failure was found on: its violation now, or the recorded one when it no longer fails.
      const now = onMachine?.violation ?? null;
      traces.push(
        stepTrace({
          id: `t${i + 1}`,
          title: `${file}: ${cx.property}`,
          layer: cx.layer ?? 'codoms',
          machine: cx.machine,
          config: cx.config,
          ops: cx.trace,
          failing: now ?? { step: cx.failingStep, expected: `${cx.expected} (as recorded; it does not fail now)`, observed: cx.observed },
          notes: [
            `${prop.id}: ${prop.title}.`,
            `Found on ${cx.machine}, seed ${cx.seed}.`,
            ...(cx.note === '' ? [] : [cx.note]),
            ...verdicts.map((v) => `${v.ok ? '✓' : '✗'} ${v.text}.`),
            result.holds ? 'The recorded expectation still holds.' : 'The recorded expectation no longer holds.',
          ],
        }),
      );
    }
  });
  say(`${decoded.length - broken} passed, ${broken} failed`);
  if (page) {
    const n = decoded.length;
    const where = writeHtml(
      html,
      tracePageHtml({
        title: n === 1 ? `dipc-spec replay ${decoded[0].file}` : `dipc-spec replay: ${n} counterexamples`,
        intro: [
          n === 1
            ? `A stored trace, replayed on the machine it was found on; it ${broken === 0 ? 'still behaves' : 'no longer behaves'} as recorded.`
            : `${n} stored traces, each replayed on the machine it was found on; ${n - broken} still behave as recorded, ${broken} do not.`,
        ],
        traces,
      }),
    );
    if (where !== null) say(where);
  }
  return broken === 0 ? 0 : 1;
};
