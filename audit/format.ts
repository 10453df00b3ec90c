// The audit report as Markdown (the default) and as a self-contained HTML page; JSON is the
// report value itself (audit/api.ts). The Markdown shows one row per combination, a column per
// guarantee (held: N runs, M calls, or broken with a link to its witness) and the cost
// columns, then the witnesses: each distinct trace once, with the combinations it breaks
// and the file that replays it.
import { codes } from './combinations';
import { COST_FIELDS, COST_HEADS } from './cost';
import type { AuditCell, AuditCombination, AuditReport } from './api';

interface WitnessEntry {
  readonly id: string;
  readonly cell: AuditCell;
  readonly combos: AuditCombination[];
}

/** Each distinct witness (guarantee, side, ops) once, numbered in order of first appearance. */
const witnessesOf = (r: AuditReport): { list: WitnessEntry[]; idOf: (c: AuditCombination, cell: AuditCell) => string } => {
  const byKey = new Map<string, WitnessEntry>();
  const keyOf = (cell: AuditCell) => `${cell.side}|${cell.property}|${JSON.stringify(cell.witness)}`;
  for (const c of r.combinations)
    for (const cell of c.guarantees) {
      if (cell.holds) continue;
      const k = keyOf(cell);
      const e = byKey.get(k) ?? { id: `w${byKey.size + 1}`, cell, combos: [] };
      e.combos.push(c);
      byKey.set(k, e);
    }
  return { list: [...byKey.values()], idOf: (_c, cell) => byKey.get(keyOf(cell))?.id ?? '?' };
};

const column = (g: { id: string; side: string }) => `${g.id} (${g.side})`;
const held = (cell: AuditCell) => {
  const e = cell.exhaustive;
  const runs = `${cell.runs} runs, ${cell.calls} calls`;
  if (e === undefined) return `held: ${runs}`;
  return e.complete
    ? `held: exhaustive to depth ${e.depth} (${e.states} states), and ${runs}`
    : `held: exhaustive to depth ${e.depth} of ${e.asked} (cut at ${e.states} states), and ${runs}`;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const LEGEND =
  'RI regInt, RC regConf, SI stackInt, SC stackConf, DI dcsInt, DC dcsConf, AC argCopy (paper §5.2.3). ' +
  'A confidentiality property is on when either side asks for it, an integrity property when the caller does; the proxy implements stackConf, dcsInt and dcsConf, ' +
  "the caller's stub regInt, regConf and stackInt as the caller asked, the callee's stub regConf and argCopy as the callee asked.";

const intro = (r: AuditReport): string[] => [
  `Seed ${r.seed}; ${r.runs} generated scenarios per combination class and side, traces of up to ${r.maxOps} ops (strategy ${r.strategy}); machine \`${r.machine}\`.`,
  `${plural(r.summary.combinations, 'combination')} (standing for ${r.summary.pairs} of the (caller, callee) pairs), ${r.summary.cells} cells: ${r.summary.broken} broken, ${r.summary.cells - r.summary.broken} held.`,
  '',
  'Each row is a combination: what the caller asks for (entry_request), what the callee declares (entry_register), ' +
    'the effective policy its proxy is built with, and how many (caller, callee) pairs run identically to it. ' +
    "**Low** and **High** mark paper Figure 5's policies (as docs/audit.md reads them). " +
    'Each guarantee is checked for the honest process (process 0) with an adversary (process 1) on the other side of the call: ' +
    '`held: N runs, M calls` means no failure in N scenarios whose traces made M calls between the two in that direction; ' +
    '**broken** links to the shortest witness found, stored as a counterexample file that `dipc-spec replay` reproduces. ' +
    "A side's cells depend only on what the honest side's stub and the proxy implement, whatever the adversary declares: " +
    'each such class is searched once, under its first combination (`searchedAs` in the JSON), and every broken cell gets a witness checked under its own combination.',
  '',
  `Cost: one call round trip measured on the spec with signature ${r.costSignature.inRegs} register arguments, ${r.costSignature.stackWords} in-stack words, ` +
    `${r.costSignature.dcsArgs} buffer by reference on the DCS and ${r.costSignature.outRegs} result (registers saved by the caller stub, registers zeroed by both stubs, ` +
    'words copied by the proxy and callee stub, DCS entries copied, capabilities created and revoked, stack and DCS switches, DCS base changes, process and TLS switches).',
  '',
  LEGEND,
];

const mdEscape = (s: string) => s.replace(/\|/g, '\\|');

export const auditMarkdown = (r: AuditReport): string => {
  const { list, idOf } = witnessesOf(r);
  const lines: string[] = ['# dIPC policy audit', '', ...intro(r), '', '## Guarantees', ''];
  lines.push('| column | protects | title | the suite says it needs |', '| --- | --- | --- | --- |');
  for (const g of r.guarantees) lines.push(`| ${column(g)} | the ${g.side} | ${mdEscape(g.title)} | ${mdEscape(g.needs)} |`);
  lines.push('', '## Combinations', '');
  const heads = ['#', 'paper', 'caller', 'callee', 'effective', 'pairs', ...r.guarantees.map(column), ...COST_FIELDS.map((f) => COST_HEADS[f])];
  lines.push(`| ${heads.join(' | ')} |`, `| ${heads.map((_, i) => (i === 0 || i === 5 || i >= 6 + r.guarantees.length ? '---:' : '---')).join(' | ')} |`);
  for (const c of r.combinations) {
    const paper = c.paper === null ? '' : `**${c.paper}**`;
    const cells = c.guarantees.map((cell) => (cell.holds ? held(cell) : `**broken** [${idOf(c, cell)}](#${idOf(c, cell)})`));
    lines.push(`| ${[c.index, paper, codes(c.caller), codes(c.callee), codes(c.effective), c.pairs, ...cells, ...COST_FIELDS.map((f) => c.cost[f])].join(' | ')} |`);
  }
  lines.push('', '## Broken, per guarantee', '');
  for (const g of r.guarantees) {
    const n = r.summary.brokenBy[`${g.side} ${g.id}`] ?? 0;
    lines.push(`- ${column(g)}: ${n === 0 ? `held in all ${r.summary.combinations} combinations` : `broken in ${n} of ${r.summary.combinations}`}`);
  }
  lines.push('', '## Witnesses', '');
  if (list.length === 0) lines.push('None: every guarantee held.');
  for (const w of list) {
    const cell = w.cell;
    lines.push(`<a id="${w.id}"></a>`, `### ${w.id}: ${column(cell)}, ${plural(cell.witness?.length ?? 0, 'op')}`, '');
    lines.push(`Broken in ${w.combos.map((c) => `#${c.index}`).join(', ')}.`, '');
    lines.push('```', ...(cell.witnessShown ?? []).map((s, i) => `${String(i).padStart(3)}  ${s}`), '```', '');
    if (cell.violation !== undefined) lines.push(`At step ${cell.violation.step}: expected ${cell.violation.expected}; observed ${cell.violation.observed}.`, '');
    if (cell.failsOnSpec === false) lines.push('The spec does not fail on it: a failure of the machine only.', '');
    if (cell.witnessFile !== undefined) lines.push(`Replay: \`dipc-spec replay ${cell.witnessFile}\` (one file per combination it breaks).`, '');
  }
  return `${lines.join('\n')}\n`;
};

// The HTML page is built from the same report value in pages/audit-page.ts (issue 16).
export { auditHtml } from '../pages/audit-page';
