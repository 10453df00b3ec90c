// `dipc-spec mutants --format stryker|html` (issue 16, docs/pages.md "Mutation report"): the
// kill matrix in the mutation-testing report schema that Stryker, Stryker4s, Stryker.NET,
// Infection and PIT share (package mutation-testing-report-schema), so the dashboards and
// viewers made for it read ours; and that report viewed with mutation-testing-elements,
// bundled into one page that works offline.
//
// Mapping: a file per mutant source (mutants/**, found by the mutant's id), the mutant
// located on the code that differs from the machine it varies (the class body or the variant,
// between the imports and `export const mutant`); status Killed or Survived; killedBy the
// properties that killed it, coveredBy every property run against it, statusReason each
// killing property's violation and minimised trace. Properties are the "tests": a test file
// per property source (properties/**), located on its `id:` line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult, MutantResult as SchemaMutant, MutationTestResult, TestFile } from 'mutation-testing-report-schema/api';
import type { MutantResult } from '../cli/mutants';
import { DESIGN_MUTANTS, EVERY_MUTANT } from '../machines/registry';
import { esc, inlineScript } from './html';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts file under a folder of the project, relative to the project root. */
const sources = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out;
};

interface Located {
  readonly file: string;
  readonly source: string;
  /** 1-based lines. */
  readonly start: number;
  readonly end: number;
}

/** The file that defines `id: '<id>'` under `dir`, and where: the id's line, or (mutants) the code between the imports and the export. */
const locate = (dir: string, id: string, span: 'id' | 'code'): Located | null => {
  const needle = `id: '${id}'`;
  for (const file of sources(dir)) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.includes(needle));
    if (at < 0) continue;
    if (span === 'id') return { file, source, start: at + 1, end: at + 1 };
    const exportAt = lines.findIndex((l) => /^export const \w+\s*[:=]/.test(l));
    const codeStart = lines.findIndex((l, i) => i < (exportAt < 0 ? lines.length : exportAt) && l.trim() !== '' && !/^\s*(\/\/|import\b|\*|\/\*)/.test(l));
    if (codeStart < 0 || exportAt <= codeStart) return { file, source, start: at + 1, end: at + 1 };
    let end = exportAt - 1;
    while (end > codeStart && lines[end].trim() === '') end--;
    return { file, source, start: codeStart + 1, end: end + 1 };
  }
  return null;
};

const kindOf = (id: string): 'impl' | 'design' => (DESIGN_MUTANTS.some((m) => m.id === id) ? 'design' : EVERY_MUTANT.some((m) => m.id === id) ? 'impl' : 'impl');

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const statusReason = (r: MutantResult): string => {
  const ran = r.properties.map((c) => `${c.property} (${c.runs} of ${c.budget} scenarios${c.target ? ', a target' : ''})`).join(', ');
  if (!r.killed) return `Survived every property run: ${ran}.`;
  const kills = r.properties.filter((c) => c.killed);
  return kills
    .map((c) => {
      const cx = c.counterexample;
      const head = `${c.property} killed it after ${plural(c.scenariosToFailure ?? 0, 'scenario')} (${c.timeToFailureMs} ms), minimised trace of ${plural(c.shrunkLength ?? 0, 'op')}`;
      if (cx === undefined || cx === null) return head;
      return [head, `  at step ${cx.violation.step}: expected ${cx.violation.expected}`, `  observed ${cx.violation.observed}`, ...cx.trace.map((op, i) => `  ${String(i).padStart(3)}  ${op}`)].join('\n');
    })
    .join('\n\n');
};

export interface MutationReportSettings {
  readonly seed: number;
  readonly runs: number;
  readonly otherRuns: number;
  readonly timeMs: number;
}

const version = (): string => {
  try {
    return String((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
  } catch {
    return '';
  }
};

/** The mutation-testing report (schema version 2) of a `mutants` run. */
export const strykerReport = (results: readonly MutantResult[], s: MutationReportSettings): MutationTestResult => {
  const files: Record<string, FileResult> = {};
  for (const r of results) {
    const kind = kindOf(r.id);
    const where = locate('mutants', r.id, 'code');
    const key = where?.file ?? `mutants/${r.id}`;
    files[key] ??= { language: 'typescript', source: where?.source ?? '', mutants: [] };
    const lastLine = where === null ? '' : where.source.split('\n')[where.end - 1] ?? '';
    const m: SchemaMutant = {
      id: r.id,
      mutatorName: r.id,
      description: `${r.description} (${kind === 'design' ? 'a flaw of the design: a variant of the spec' : `a bug of the ${r.layer === 'codoms' ? 'CODOMs' : 'dIPC'} impl`}; targets ${r.targets.join(' ') || 'none'})`,
      location: { start: { line: where?.start ?? 1, column: 1 }, end: { line: where?.end ?? 1, column: Math.max(1, lastLine.length + 1) } },
      status: r.killed ? 'Killed' : 'Survived',
      statusReason: statusReason(r),
      ...(r.killed ? { killedBy: [...r.killedBy] } : {}),
      coveredBy: r.properties.map((c) => c.property),
      testsCompleted: r.properties.length,
      duration: r.timeMs,
    };
    files[key].mutants.push(m);
  }
  const testFiles: Record<string, TestFile> = {};
  const props = [...new Set(results.flatMap((r) => r.properties.map((c) => c.property)))];
  for (const id of props) {
    const where = locate('properties', id, 'id');
    const key = where?.file ?? 'properties/catalogue.ts';
    testFiles[key] ??= { tests: [], ...(where === null ? {} : { source: where.source }) };
    testFiles[key].tests.push({ id, name: id, ...(where === null ? {} : { location: { start: { line: where.start, column: 1 } } }) });
  }
  return {
    schemaVersion: '2',
    thresholds: { high: 100, low: 90 },
    projectRoot: '.',
    files,
    testFiles,
    framework: { name: 'dipc-spec mutants', version: version() },
    performance: { setup: 0, initialRun: 0, mutation: s.timeMs },
    config: { seed: s.seed, runs: s.runs, otherRuns: s.otherRuns },
  };
};

/** The report as a page: mutation-testing-elements' web component, its script and the report inline. */
export const strykerHtml = (report: MutationTestResult, title: string): string => {
  const elements = readFileSync(fileURLToPath(import.meta.resolve('mutation-testing-elements/mutation-test-elements.js')), 'utf8');
  const data = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>body { margin: 0 auto; max-width: 1400px; padding: .5em 1.5em; font-family: system-ui, "DejaVu Sans", sans-serif; }</style>
</head>
<body>
<mutation-test-report-app title-postfix="${esc(title)}"></mutation-test-report-app>
${inlineScript(elements)}
${inlineScript(`const app = document.querySelector('mutation-test-report-app'); app.report = ${data}; document.body.dataset.ready = 'true';`)}
</body>
</html>
`;
};
