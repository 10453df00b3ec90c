// `dipc-spec audit --format html` (issue 16, docs/pages.md "Audit page"): one self-contained
// page built from the audit's JSON value (audit/api.ts AuditReport) alone, so it keeps
// working as the audit's verdicts and searches change:
//  - a heat map, combinations × guarantees (held, broken, held exhaustively when the cell
//    carries an `exhaustive` record whose search was complete), sortable and filterable by
//    what the caller and the callee ask;
//  - cost against guarantees held, with the Pareto front (the cheapest policy for each set
//    of guarantees), Low and High named;
//  - the step viewer, which each broken cell opens at the witness's failing step.
// The witnesses are replayed here, on the audited machine, from each cell's `witness` and
// `witnessConfig` (or, for a report without configs, its `witnessFile`), so the page shows
// the machine's states as α reads them.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import type { AuditCell, AuditReport } from '../audit/api';
import { CODE } from '../audit/combinations';
import { COST_FIELDS, COST_HEADS } from '../audit/cost';
import { readCounterexample } from '../counterexamples/store';
import { esc, page } from './html';
import type { AuditPageData, CellState, ExhaustiveRecord, PageCellData, PageCombination, StepTrace } from './data';
import { stepTrace } from './steps';

export type { AuditPageData } from './data';

/** A cell as the page reads it: the audit's cell, plus what later audits may add. */
type PageCell = AuditCell & { readonly exhaustive?: ExhaustiveRecord };

const cellState = (c: PageCell): CellState => (!c.holds ? 'broken' : c.exhaustive?.complete === true ? 'exhaustive' : 'held');

/** The config a broken cell's witness runs on: from the report, or from its counterexample file when the report has none. */
const configOf = (c: PageCell): unknown => {
  if (c.witnessConfig !== undefined) return c.witnessConfig;
  if (c.witnessFile === undefined || !existsSync(c.witnessFile)) return undefined;
  const r = readCounterexample(c.witnessFile);
  return E.isRight(r) ? r.right.config : undefined;
};

/** The page's data: one row per combination, one trace per distinct witness (same machine, config and ops). */
export const auditPageData = (r: AuditReport): AuditPageData => {
  const traces: StepTrace[] = [];
  const traceIds = new Map<string, number>();
  const code = (p: readonly string[]) => p.map((k) => (CODE as Record<string, string>)[k] ?? k);
  let exhaustive = 0;
  const combinations = r.combinations.map((combo): PageCombination => ({
    index: combo.index,
    name: combo.name,
    paper: combo.paper,
    caller: code(combo.caller),
    callee: code(combo.callee),
    effective: code(combo.effective),
    pairs: combo.pairs,
    cost: { ...combo.cost },
    cells: combo.guarantees.map((cell0): PageCellData => {
      const cell = cell0 as PageCell;
      const s = cellState(cell);
      if (s === 'exhaustive') exhaustive++;
      const base = {
        s, runs: cell.runs, calls: cell.calls,
        ...(cell.note === undefined ? {} : { note: cell.note }),
        ...(cell.exhaustive === undefined ? {} : { exhaustive: cell.exhaustive }),
      };
      if (s !== 'broken') return base;
      const v = cell.violation;
      const detail = {
        ...base,
        ops: cell.witness?.length ?? 0,
        ...(v === undefined ? {} : { expected: v.expected, observed: v.observed, step: v.step }),
        ...(cell.witnessFile === undefined ? {} : { file: cell.witnessFile }),
      };
      const config = configOf(cell);
      if (cell.witness === null || config === undefined) return detail;
      const key = `${JSON.stringify(config)}\n${JSON.stringify(cell.witness)}`;
      const label = `${cell.id} (${cell.side}) under #${combo.index} ${combo.name}`;
      let at = traceIds.get(key);
      if (at === undefined) {
        at = traces.length;
        traceIds.set(key, at);
        traces.push(
          stepTrace({
            id: `w${at + 1}`,
            title: label,
            layer: 'dipc',
            machine: r.machine,
            config,
            ops: cell.witness,
            failing: v ?? null,
            notes: [
              'Process 0 is honest, process 1 the adversary.',
              ...(cell.witnessSource === undefined ? [] : [`Found by ${cell.witnessSource}.`]),
              ...(cell.failsOnSpec === false ? ['The spec does not fail on it: a failure of the machine only.'] : []),
              ...(cell.witnessFile === undefined ? [] : [`Replay: dipc-spec replay ${cell.witnessFile}`]),
            ],
          }),
        );
      } else if (!traces[at].notes.some((n) => n.startsWith('Also breaks'))) {
        traces[at] = { ...traces[at], notes: [...traces[at].notes, `Also breaks ${label}.`] };
      }
      return { ...detail, trace: traces[at].id };
    }),
  }));
  return {
    meta: {
      seed: r.seed, runs: r.runs, maxOps: r.maxOps, machine: r.machine,
      combinations: r.summary.combinations, pairs: r.summary.pairs, cells: r.summary.cells, broken: r.summary.broken, exhaustive,
    },
    codes: CODE,
    guarantees: r.guarantees.map((g) => ({ id: g.id, side: g.side, title: g.title, needs: g.needs })),
    costFields: COST_FIELDS.map((key) => ({ key, head: COST_HEADS[key] })),
    combinations,
    traces,
  };
};

const LEGEND_CODES =
  'RI regInt, RC regConf, SI stackInt, SC stackConf, DI dcsInt, DC dcsConf, AC argCopy (paper §5.2.3). A row is a combination: what the caller asks for ' +
  '(entry_request) and what the callee declares (entry_register), one representative pair of the pairs that run identically.';

export const auditHtml = (r: AuditReport): string => {
  const data = auditPageData(r);
  const m = data.meta;
  const body = `
<header>
<h1>dIPC policy audit</h1>
<p class="summary"><b>${m.broken}</b> of ${m.cells} cells broken${m.exhaustive > 0 ? `, <b>${m.exhaustive}</b> held exhaustively` : ''}: ${m.combinations} combinations (standing for ${m.pairs} caller/callee pairs) × ${data.guarantees.length} guarantees.
Seed ${m.seed}, ${m.runs} scenarios per combination class and side, traces up to ${m.maxOps} ops, machine <code>${esc(m.machine)}</code>.</p>
<p class="lede">Each guarantee is checked for the honest process against an adversary on the other side of the call (docs/audit.md). ${esc(LEGEND_CODES)}
<a href="#heat">Heat map</a> · <a href="#plot">Cost versus guarantees</a> · <a href="#viewer-section">Witness viewer</a> · <a href="#guarantees">Guarantees</a></p>
</header>
<div class="controls" id="heat-controls"></div>
<div class="overview">
<section id="heat">
<h2>Which guarantees each combination gives</h2>
<div class="legend"><span class="swatch held"></span> held (no failure in the runs) <span class="swatch exhaustive"></span> held exhaustively (every state to the search's depth) <span class="swatch broken"></span> broken: click it to open its witness at the failing step. Click a column head to sort by it.</div>
<div class="heat-wrap"><table id="heatmap" class="heat"></table></div>
</section>
<section id="plot">
<h2>Cost versus guarantees</h2>
<div class="controls" id="plot-controls"></div>
<div id="plot-area"></div>
<p class="lede" id="plot-caption"></p>
</section>
</div>
<section id="viewer-section">
<h2>Witness viewer</h2>
<p class="lede">Every broken cell's witness, replayed on machine <code>${esc(m.machine)}</code>: step through the ops (← →, Home, End, f for the failing step) and see each thread, its kernel control stack and the memory words that changed.</p>
<div id="viewer"></div>
</section>
<section id="guarantees">
<h2>Guarantees</h2>
<table class="gtable"><thead><tr><th>guarantee</th><th>protects</th><th>what it says</th><th>the suite says it needs</th></tr></thead><tbody>
${data.guarantees.map((g) => `<tr><td>${esc(g.id)}</td><td>the ${esc(g.side)}</td><td>${esc(g.title)}</td><td>${esc(g.needs)}</td></tr>`).join('\n')}
</tbody></table>
</section>`;
  return page({
    title: `dIPC policy audit (seed ${m.seed})`,
    styles: ['common.css', 'viewer.css', 'audit.css'],
    body,
    data: { 'audit-data': data },
    scripts: ['dom.js', 'viewer.js', 'audit.js'],
  });
};
