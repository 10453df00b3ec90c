// `check --junit FILE`: the run as JUnit XML for CI dashboards. One testcase per property;
// a failing property carries the failure block the terminal shows (trace, violation,
// replay command); a property stopped by Ctrl-C, or never started, is `skipped`.
import type { PropertyReport } from '../properties/runner';

/** What the XML is made of: the reports of the properties that ran, and those that did not. */
export interface JunitRun {
  readonly seed: number;
  readonly machine: string;
  readonly runs: number;
  readonly shard?: string;
  readonly reports: readonly PropertyReport[];
  /** The failure block of each failing property, by id (as printed, colours removed here). */
  readonly failureText: Readonly<Record<string, string>>;
  /** Properties selected but not run (the run was interrupted first). */
  readonly notRun: readonly { readonly id: string; readonly title: string; readonly layer: string }[];
  readonly interrupted: boolean;
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const clean = (s: string): string => s.replace(ANSI, '').replace(NOT_XML, '\uFFFD');

/** Escape character data. */
export const xmlText = (s: string): string => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escape an attribute value (double-quoted), keeping line breaks and tabs as character references. */
export const xmlAttr = (s: string): string =>
  xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

const testcase = (run: JunitRun, r: PropertyReport): string => {
  const head = `    <testcase${attrs({ classname: `dipc-spec.${r.layer}`, name: `${r.id}: ${r.title}`, time: seconds(r.timeMs) })}>`;
  const out = `      <system-out>${xmlText(`${r.runs} scenarios, ${r.ops} ops, seed ${r.seed}, machine ${r.machine}${run.shard === undefined ? '' : `, shard ${run.shard}`}`)}</system-out>`;
  let body: string[] = [];
  if (r.result === 'fail') {
    const v = r.counterexample?.violation;
    const message = v === undefined ? `${r.id} fails on ${r.machine}` : `${r.id} fails on ${r.machine} at step ${v.step}: expected ${v.expected}; observed ${v.observed}`;
    body = [`      <failure${attrs({ message, type: 'PropertyViolation' })}>${xmlText(run.failureText[r.id] ?? message)}</failure>`];
  } else if (r.interrupted === true) {
    body = [`      <skipped${attrs({ message: `interrupted after ${r.runs} scenarios` })}/>`];
  }
  return [head, ...body, out, '    </testcase>'].join('\n');
};

export const junitXml = (run: JunitRun): string => {
  const failures = run.reports.filter((r) => r.result === 'fail').length;
  const skipped = run.reports.filter((r) => r.result === 'pass' && r.interrupted === true).length + run.notRun.length;
  const tests = run.reports.length + run.notRun.length;
  const time = seconds(run.reports.reduce((a, r) => a + r.timeMs, 0));
  const name = `dipc-spec check (machine ${run.machine}, seed ${run.seed}${run.shard === undefined ? '' : `, shard ${run.shard}`})`;
  const props = [
    ['seed', run.seed],
    ['machine', run.machine],
    ['runs', run.runs],
    ...(run.shard === undefined ? [] : [['shard', run.shard]]),
    ['interrupted', String(run.interrupted)],
  ] as const;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'dipc-spec', tests, failures, errors: 0, skipped, time })}>`,
    `  <testsuite${attrs({ name, tests, failures, errors: 0, skipped, time, timestamp: new Date().toISOString().replace(/\.\d+Z$/, '') })}>`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
    '    </properties>',
    ...run.reports.map((r) => testcase(run, r)),
    ...run.notRun.map(
      (p) =>
        `    <testcase${attrs({ classname: `dipc-spec.${p.layer}`, name: `${p.id}: ${p.title}`, time: '0.000' })}>\n      <skipped${attrs({ message: 'not run (interrupted)' })}/>\n    </testcase>`,
    ),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
