// `dipc-spec list`: everything the other commands take by name, one line each: properties
// (--only), findings, machines and mutants (--machine, --only-mutant, the outcomes of a
// counterexample file). `--json` prints the same as one JSON object.
import { FINDINGS, PROPERTIES } from '../properties/catalogue';
import { DESIGN_MUTANTS, EVERY_MUTANT } from '../machines/registry';

const LAYER = { codoms: 'CODOMs', dipc: 'dIPC' } as const;

export const listing = () => ({
  properties: PROPERTIES.map((p) => ({ id: p.id, layer: p.layer, title: p.title })),
  findings: FINDINGS.map((f) => ({ id: f.id, layer: f.layer, note: f.note })),
  machines: [
    { id: 'impl', description: 'the efficient implementation (both layers)' },
    { id: 'spec', description: 'the executable specification (both layers)' },
  ],
  mutants: [...EVERY_MUTANT, ...DESIGN_MUTANTS].map((m) => ({ id: m.id, layer: m.layer, kind: m.kind, targets: m.targets, description: m.description })),
});

export const runList = (json: boolean): number => {
  const l = listing();
  if (json) {
    process.stdout.write(`${JSON.stringify(l, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  /** A section: its heading, then `  id  text` rows with the ids of this section aligned. */
  const section = (heading: string, rows: readonly (readonly [string, string])[]) => {
    const width = Math.max(...rows.map(([id]) => id.length)) + 2;
    lines.push(heading, ...rows.map(([id, text]) => `  ${id.padEnd(width)}${text}`));
  };
  for (const layer of ['codoms', 'dipc'] as const)
    section(`properties, ${LAYER[layer]} layer (check --only ID)`, l.properties.filter((p) => p.layer === layer).map((p) => [p.id, p.title]));
  section('findings: a guarantee with one condition dropped (check --only ID)', l.findings.map((f) => [f.id, f.note]));
  section('machines (--machine ID)', l.machines.map((m) => [m.id, m.description]));
  for (const [layer, kind, what] of [
    ['codoms', 'impl', 'mutants of the CODOMs impl'],
    ['dipc', 'impl', 'mutants of the dIPC impl'],
    ['dipc', 'design', 'design mutants (flawed variants of the dIPC spec)'],
  ] as const) {
    const ms = l.mutants.filter((m) => m.layer === layer && m.kind === kind);
    if (ms.length > 0) section(`${what} (--machine ID; [the properties meant to kill it])`, ms.map((m) => [m.id, `${m.description} [${m.targets.join(' ')}]`]));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
