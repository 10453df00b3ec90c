// `dipc-spec replay FILE...`: run stored traces on the machines their outcomes name, print
// them step by step, and say whether each recorded expectation still holds. Never re-shrinks.
// Every file is decoded before any runs; the narration streams (two states per machine in
// memory, whatever the trace's length). `--html` also writes the step viewer page.
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
import { preflightOutputs } from './output-paths';
import type { StepTrace } from '../pages/data';
import { stepTrace } from '../pages/steps';
import { tracePageHtml } from '../pages/trace-page';
import { checkHtmlTarget, type HtmlOption, htmlToStdout, writeHtml } from './html-out';

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

export const runReplay = (files: readonly string[], html: HtmlOption = undefined): number => {
  checkHtmlTarget(html);
  if (typeof html === 'string' && html !== '-') preflightOutputs([{ flag: '--html', path: html, kind: 'file' }]);
  const decoded = decodeCounterexampleFiles('replay', files);
  // With the page on stdout, the text goes to stderr; lines are written in chunks (cli/output.ts).
  const out = lineWriter(htmlToStdout(html) ? (s) => process.stderr.write(s) : undefined);
  const say = (s: string) => out.line(s);
  const page = html !== undefined && html !== false;
  const traces: StepTrace[] = [];
  let broken = 0;
  decoded.forEach(({ file, cx, prop }, i) => {
    say(pc.bold(`${file}: ${cx.property} (${prop.title})`));
    say(`  found on ${cx.machine}, seed ${cx.seed}, path ${cx.path}; ${cx.trace.length} ops`);
    const result = replayCounterexample(cx, prop, checkOn);
    const onMachine = result.checks.find((c) => c.machine === cx.machine);
    narrate(stepperOn, cx, onMachine?.violation?.step ?? null, (line) => say(`  ${line}`));
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
  out.flush();
  return broken === 0 ? 0 : 1;
};
