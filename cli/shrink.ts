// `dipc-spec shrink FILE...`: minimise stored counterexamples again until they are 1-minimal
// (properties/minimize.ts) and rewrite each file atomically with the smaller trace and config.
// A paper scenario (no machine recorded as failing) is refused, like a malformed file, before
// anything runs: exit 2 and every file left as it is.
import pc from 'picocolors';
import { configSummary, failingMachine, NOT_A_COUNTEREXAMPLE, shrinkCounterexample, traceLines } from '../counterexamples/shrink';
import { counterexampleText } from '../counterexamples/store';
import { checkOn } from '../machines/registry';
import { InputError, UsageError } from './options';
import { OUTPUT_NOT_WRITTEN_EXIT, outputProblem, writeOutput } from './output-paths';
import { decodeCounterexampleFiles } from './replay';

export const runShrink = (files: readonly string[]): number => {
  const decoded = decodeCounterexampleFiles('shrink', [...new Set(files)]);
  for (const { file, cx } of decoded) {
    if (failingMachine(cx) === null) throw new InputError(`${file}: ${NOT_A_COUNTEREXAMPLE}; left as it is`);
    // Each file is rewritten in place: its folder must take the temporary file.
    const problem = outputProblem({ flag: 'shrink', path: file, kind: 'file' });
    if (problem !== null) throw new UsageError(`shrink: ${problem}`);
  }
  let notWritten = 0;
  let stale = 0;
  let rewritten = 0;
  for (const { file, cx, prop } of decoded) {
    const r = shrinkCounterexample(cx, prop, checkOn);
    if (r.kind === 'refused') throw new InputError(`${file}: ${r.reason}`);
    if (r.kind === 'stale') {
      console.log(pc.red(`✗ ${file}: ${r.reason}; left as it is (see dipc-spec replay ${file})`));
      stale++;
      continue;
    }
    const { file: out } = r;
    console.log(pc.bold(`${file}: ${prop.id} fails on ${r.machine}`));
    console.log(`  trace ${cx.trace.length} → ${out.trace.length} ops; config ${configSummary(cx)} → ${configSummary(out)}; ${r.calls} predicate calls`);
    for (const line of traceLines(out)) console.log(`  ${line}`);
    console.log(`  at step ${out.failingStep}: expected ${out.expected}`);
    console.log(`                 observed ${out.observed}`);
    if (r.capped) console.log(pc.yellow(`  the predicate-call budget ran out before the trace was 1-minimal: run shrink again to go on`));
    if (r.changed) {
      if (writeOutput({ flag: 'shrink', path: file, kind: 'file' }, counterexampleText(out))) {
        rewritten++;
        console.log(`  ${pc.green('rewritten')}`);
      } else notWritten++;
    } else console.log(r.capped ? '  left as it is' : '  already 1-minimal; left as it is');
  }
  console.log(
    `${rewritten} rewritten, ${decoded.length - rewritten - stale - notWritten} already 1-minimal, ${stale} no longer failing as recorded${notWritten > 0 ? `, ${notWritten} not written (printed above)` : ''}`,
  );
  return stale > 0 ? 1 : notWritten > 0 ? OUTPUT_NOT_WRITTEN_EXIT : 0;
};
