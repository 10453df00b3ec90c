// The policy audit (issue 6 item 4, DESIGN §10, docs/audit.md): for every distinct
// combination of caller-requested and callee-requested isolation properties, with an
// adversarial peer on the other side, which guarantees hold for the caller and for the
// callee, each cell "held: N runs, M calls" or broken with the shortest witness found
// (stored as a counterexample file `dipc-spec replay` reproduces); and the modelled cost of
// one call round trip. `audit(options)` returns the report as the JSON value
// `dipc-spec audit --format json` prints.
import type { DipcConfig } from '../alphabet/dipc-config';
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import type { IsolationProp, Signature } from '../alphabet/policy';
import { SCHEMA_VERSION, type CounterexampleFile } from '../counterexamples/format';
import { writeCounterexample } from '../counterexamples/store';
import type { AuditSide } from '../gen/audit-scenario';
import { DIPC_BOUNDS } from '../gen/dipc-bounds';
import { GUARANTEES } from '../properties/security/guarantees';
import type { Violation } from '../properties/types';
import { dipcMachineById } from '../machines/registry';
import { type Combination, enumerateCombinations, type PaperPolicy, PAPER_POLICIES } from './combinations';
import { COST_SIGNATURE, roundTripCost, type RoundTripCost } from './cost';
import { type AuditExecutor, inProcessExecutor, workerExecutor } from './executor';
import type { SearchResult } from './search';
import type { ExhaustiveResult } from './exhaustive';
import { scenarioUnder } from '../gen/audit-scenario';
import type { Witness, WitnessCell, WitnessResult } from './witness';
import { AUDIT_DEFAULT_RUNS, AUDIT_DEFAULT_SEED, AUDIT_DEFAULT_STRATEGY, EXHAUSTIVE_DEFAULT_MAX_STATES } from './defaults';
import type { AuditStrategy } from '../gen/audit-scenario';

export { AUDIT_DEFAULT_RUNS, AUDIT_DEFAULT_SEED, AUDIT_DEFAULT_STRATEGY, AUDIT_DEFAULT_WITNESS_DIR, EXHAUSTIVE_DEFAULT_MAX_STATES } from './defaults';


export interface AuditOptions {
  readonly seed?: number;
  /** Scenarios per combination class and side (each guarantee of the side is checked on every one until it breaks). */
  readonly runs?: number;
  /** Longest generated trace (the dIPC bound, 80, by default). */
  readonly maxOps?: number;
  /** The dIPC machine audited: 'impl' (default), 'spec' or a mutant id. */
  readonly machine?: string;
  /** How scenarios are generated (gen/audit-scenario.ts auditStrategyArb): 'swarm' (default) or 'patterns'. */
  readonly strategy?: AuditStrategy;
  /** Only the combinations this accepts (all by default). */
  readonly only?: (c: Combination) => boolean;
  /** Worker threads (0: this thread, the default for the library; the command line uses 2). */
  readonly workers?: number;
  /** Where each broken cell's witness is written as a counterexample file; null (the default) writes none. */
  readonly witnessDir?: string | null;
  /** Called as the audit advances: scenarios searched, then broken cells given a witness. */
  readonly onProgress?: (p: AuditProgress) => void;
  /**
   * audit --exhaustive K (issue 14 item 3): per class and side, a breadth-first search of every
   * trace of up to `depth` ops from the audit's small scope, next to the random runs, cut at
   * `maxStates` distinct states (default EXHAUSTIVE_DEFAULT_MAX_STATES).
   */
  readonly exhaustive?: { readonly depth: number; readonly maxStates?: number };
}

export interface AuditProgress {
  readonly phase: 'search' | 'exhaustive' | 'witnesses';
  readonly done: number;
  readonly total: number;
}

export interface AuditCell {
  /** The guarantee ('ARG-STACK-INT') and the side it protects. */
  readonly id: string;
  readonly side: AuditSide;
  readonly holds: boolean;
  /** Scenarios checked: all of them when it held, up to the first failing one when broken. */
  readonly runs: number;
  /** Cross-process calls between the honest process and the adversary, in the side's direction, in those scenarios. */
  readonly calls: number;
  /** The shortest witness found (its ops; config in the file), null when it held. */
  readonly witness: readonly DipcOp[] | null;
  /** The witness, one printed op per line. */
  readonly witnessShown?: readonly string[];
  /** The system the witness runs on (the config of its counterexample file): with `witness`, what the step viewer replays. */
  readonly witnessConfig?: DipcConfig;
  /** The counterexample file `dipc-spec replay` reproduces, when witnesses were written. */
  readonly witnessFile?: string;
  /** Why the witness file could not be written (the folder went away, the disk filled): the witness is still in `witness`. */
  readonly witnessNotWritten?: string;
  /** The property id the file names (resolved by propertyById). */
  readonly property: string;
  readonly violation?: Violation;
  /** How the witness was found: this cell's own search, or another cell's witness under this combination. */
  readonly witnessSource?: string;
  /** Whether the witness fails on the spec too: the design breaks the guarantee, not only the machine. */
  readonly failsOnSpec?: boolean;
  /** The combination whose scenarios were searched for this cell: the first of its class (see docs/audit.md "Classes"). */
  readonly searchedAs: number;
  /** Why a cell of a broken class is reported held (rare: see docs/audit.md). */
  readonly note?: string;
  /** Events the guarantee's check reported, by the number of scenarios that showed each (how much it had to check). */
  readonly events: Readonly<Record<string, number>>;
  /**
   * With --exhaustive K: the class's exhaustive search of the audit's small scope. `depth` is
   * the depth exhausted (every trace of up to that many ops checked; K when complete),
   * `asked` the K asked; on a broken cell, what the search covered for the guarantees left.
   */
  readonly exhaustive?: { readonly depth: number; readonly asked: number; readonly states: number; readonly transitions: number; readonly complete: boolean };
}

export interface AuditCombination {
  readonly index: number;
  /** What the caller asks for (entry_request) and the callee declares (entry_register): the representative pair. */
  readonly caller: readonly IsolationProp[];
  readonly callee: readonly IsolationProp[];
  /** The proxy's policy: effectivePolicy(callee, caller). */
  readonly effective: readonly IsolationProp[];
  /** What the caller stub, the proxy and the callee stub implement (the dedup key). */
  readonly implemented: { readonly callerStub: readonly IsolationProp[]; readonly proxy: readonly IsolationProp[]; readonly calleeStub: readonly IsolationProp[] };
  /** How many (caller, callee) pairs behave as this one. */
  readonly pairs: number;
  /** Paper Figure 5's Low or High policy, as docs/audit.md reads them. */
  readonly paper: PaperPolicy | null;
  readonly name: string;
  readonly cost: RoundTripCost;
  readonly guarantees: readonly AuditCell[];
  /** Scenarios of the searches discarded per side (a call outside the combination: see gen/audit-scenario.ts). */
  readonly discarded: Readonly<Record<AuditSide, number>>;
}

export interface AuditReport {
  readonly tool: 'dipc-spec audit';
  readonly seed: number;
  readonly runs: number;
  readonly maxOps: number;
  readonly machine: string;
  readonly strategy: AuditStrategy;
  /** The folder this audit's witness files are in (null: none written). */
  readonly witnessDir: string | null;
  /** The signature the cost is measured on. */
  readonly costSignature: Signature;
  /** Paper Figure 5's policies as read here. */
  readonly paperPolicies: typeof PAPER_POLICIES;
  readonly guarantees: readonly { readonly id: string; readonly side: AuditSide; readonly property: string; readonly title: string; readonly needs: string }[];
  readonly combinations: readonly AuditCombination[];
  readonly summary: {
    readonly combinations: number;
    readonly pairs: number;
    readonly cells: number;
    readonly broken: number;
    /** Broken cells per guarantee ('caller ARG-REG-INT'). */
    readonly brokenBy: Readonly<Record<string, number>>;
  };
}

const SIDES: readonly AuditSide[] = ['caller', 'callee'];

const sourceText = (w: Witness, combos: readonly Combination[]): string => {
  const src = w.source;
  if (src.k === 'search') return `${src.own ? "this combination's own search" : 'search'} (shrunk from ${src.shrunkFrom} ops${w.minimizerCapped ? '; minimiser capped' : ''})`;
  if (src.k === 'exhaustive') return `exhaustive search to depth ${src.depth} (shortest trace ${src.shortest} ops, BFS order; minimised)`;
  return `the witness of #${src.from} ${combos.find((c) => c.index === src.from)?.name ?? '?'}, under this combination`;
};

const transferNote = (w: Witness): string => {
  const src = w.source;
  return src.k === 'transfer' ? `; found as the witness of combination ${src.from}` : '';
};

/** The counterexample file of a witness: replays on the machine (fail) and says what the spec does. */
export const witnessFile = (w: Witness, combo: Combination, side: AuditSide, seed: number, machine: string): CounterexampleFile => ({
  schemaVersion: SCHEMA_VERSION,
  property: w.property,
  name: `${side}-side--${combo.name}`,
  machine,
  seed,
  path: w.source.k === 'search' ? w.source.path : '',
  layer: 'dipc',
  config: w.scenario.config,
  trace: [...w.scenario.ops],
  failingStep: w.violation.step,
  expected: w.violation.expected,
  observed: w.violation.observed,
  note:
    `dipc-spec audit --seed ${seed}: ${GUARANTEES[w.guarantee].id} does not hold for the ${side} under caller {${combo.caller.join(',')}}, ` +
    `callee {${combo.callee.join(',')}} (effective {${combo.effective.join(',')}}); process 0 honest, process 1 adversarial` +
    transferNote(w),
  outcomes: machine === 'spec' ? { spec: 'fail' } : { [machine]: 'fail', spec: w.failsOnSpec ? 'fail' : 'pass' },
});

/** Run the audit. Never throws on a machine's failure; throws on misuse (unknown machine, bad numbers) and on an internal error. */
export const audit = async (options: AuditOptions = {}): Promise<AuditReport> => {
  const seed = options.seed ?? AUDIT_DEFAULT_SEED;
  const runs = options.runs ?? AUDIT_DEFAULT_RUNS;
  const maxOps = options.maxOps ?? DIPC_BOUNDS.maxOps;
  const machine = options.machine ?? 'impl';
  const strategy = options.strategy ?? AUDIT_DEFAULT_STRATEGY;
  const workers = options.workers ?? 0;
  if (dipcMachineById(machine) === undefined) throw new Error(`audit: no dIPC machine '${machine}'`);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`audit: runs must be a positive integer, got ${runs}`);
  if (!Number.isSafeInteger(maxOps) || maxOps < 1) throw new Error(`audit: maxOps must be a positive integer, got ${maxOps}`);
  const all = enumerateCombinations();
  const combos = all.filter((c) => options.only?.(c) ?? true);
  const selected = new Set(combos.map((c) => c.index));
  // Each side's cells depend only on what the honest side's stub and the proxy implement
  // (docs/audit.md "Classes"): one search per class, under its first combination.
  const classOf = (c: Combination, side: AuditSide) => `${side}:${c.key.proxy.join(',')}|${(side === 'caller' ? c.key.callerStub : c.key.calleeStub).join(',')}`;
  const representative = new Map<string, Combination>();
  for (const side of SIDES) for (const c of all) if (!representative.has(classOf(c, side))) representative.set(classOf(c, side), c);
  const repOf = (c: Combination, side: AuditSide) => representative.get(classOf(c, side)) as Combination;
  const progress = options.onProgress ?? (() => {});
  const exec: AuditExecutor = workers > 0 ? workerExecutor(workers) : inProcessExecutor();
  try {
    // 1. Search: each class of each side with a combination audited, `runs` scenarios.
    const reps = SIDES.flatMap((side) => [...new Set(combos.map((c) => repOf(c, side)))].sort((a, b) => a.index - b.index).map((rep) => ({ side, rep })));
    const jobs = reps.map(({ side, rep }) => ({ combo: rep.index, side, caller: rep.caller, callee: rep.callee, seed, runs, maxOps, machine, strategy }));
    const searchTotal = jobs.length * runs;
    let searched = 0;
    progress({ phase: 'search', done: 0, total: searchTotal });
    // Strongest classes first: their guarantees break late or never, so they take longest.
    const found = await Promise.all(
      [...jobs].reverse().map(async (job) => {
        let seen = 0;
        const r = await exec.run({ kind: 'search', job }, (done) => {
          searched += done - seen;
          seen = done;
          progress({ phase: 'search', done: searched, total: searchTotal });
        });
        searched += runs - seen;
        progress({ phase: 'search', done: searched, total: searchTotal });
        return r;
      }),
    );
    const search = new Map<string, SearchResult>(found.map((r) => [`${r.combo}:${r.side}`, r]));
    const searchOf = (c: Combination, side: AuditSide) => search.get(`${repOf(c, side).index}:${side}`) as SearchResult;
    // 1b. Exhaustive (--exhaustive K): each class's scope to depth K, checking what the random runs left standing.
    const exhaustive = new Map<string, ExhaustiveResult>();
    if (options.exhaustive !== undefined) {
      const { depth } = options.exhaustive;
      const maxStates = options.exhaustive.maxStates ?? EXHAUSTIVE_DEFAULT_MAX_STATES;
      if (!Number.isSafeInteger(depth) || depth < 1) throw new Error(`audit: exhaustive depth must be a positive integer, got ${depth}`);
      if (!Number.isSafeInteger(maxStates) || maxStates < 1) throw new Error(`audit: exhaustive maxStates must be a positive integer, got ${maxStates}`);
      let done = 0;
      progress({ phase: 'exhaustive', done, total: jobs.length });
      const results = await Promise.all(
        [...jobs].reverse().map(async (job) => {
          const held = (search.get(`${job.combo}:${job.side}`) as SearchResult).cells.filter((x) => x.failure === null).map((x) => x.guarantee);
          const r = await exec.run({ kind: 'exhaustive', job: { combo: job.combo, side: job.side, caller: job.caller, callee: job.callee, depth, maxStates, machine, held } }, () => {});
          progress({ phase: 'exhaustive', done: ++done, total: jobs.length });
          return r;
        }),
      );
      for (const r of results) exhaustive.set(`${r.combo}:${r.side}`, r);
    }
    const exhaustiveOf = (c: Combination, side: AuditSide) => exhaustive.get(`${repOf(c, side).index}:${side}`);
    /** A break the class's exhaustive search found where its random runs found none. */
    const exhaustiveBreak = (c: Combination, side: AuditSide, guarantee: number) => exhaustiveOf(c, side)?.breaks.find((b) => b.guarantee === guarantee);
    // 2. Witnesses: per guarantee, the combinations of its broken classes in order (with each
    // class's searched combination, audited or not, first).
    const tasks = GUARANTEES.flatMap((g, guarantee) => {
      const cells: WitnessCell[] = all.flatMap((c) => {
        const rep = repOf(c, g.side);
        if (!selected.has(c.index) && !(rep.index === c.index && combos.some((x) => repOf(x, g.side) === rep))) return [];
        const f = searchOf(c, g.side).cells.find((x) => x.guarantee === guarantee)?.failure;
        if (f != null) return [{ combo: c.index, caller: c.caller, callee: c.callee, k: rep.index === c.index ? f.k : null }];
        const b = exhaustiveBreak(c, g.side, guarantee);
        if (b === undefined) return [];
        const depth = (exhaustiveOf(c, g.side) as ExhaustiveResult).depth;
        // The class's shortest trace, under this combination (the witness phase checks it still fails here).
        return [{ combo: c.index, caller: c.caller, callee: c.callee, k: null, given: { scenario: scenarioUnder(b.scenario, { caller: c.caller, callee: c.callee }), depth } }];
      });
      return cells.length === 0 ? [] : [{ guarantee, side: g.side, cells, seed, runs, maxOps, machine, strategy }];
    });
    const witnessTotal = tasks.reduce((a, t) => a + t.cells.length, 0);
    let witnessed = 0;
    progress({ phase: 'witnesses', done: 0, total: witnessTotal });
    // The longest tasks first, so that two workers finish together.
    const order = [...tasks].sort((a, b) => b.cells.length - a.cells.length);
    const results = await Promise.all(
      order.map(async (task) => {
        let seen = 0;
        const r = await exec.run({ kind: 'witness', task }, (done) => {
          witnessed += done - seen;
          seen = done;
          progress({ phase: 'witnesses', done: witnessed, total: witnessTotal });
        });
        witnessed += task.cells.length - seen;
        progress({ phase: 'witnesses', done: witnessed, total: witnessTotal });
        return r;
      }),
    );
    const witnessOf = new Map<string, Witness>();
    const notReproduced = new Map<string, number>();
    for (const r of results as WitnessResult[]) {
      for (const w of r.witnesses) witnessOf.set(`${w.combo}:${w.guarantee}`, w);
      for (const n of r.notReproduced) notReproduced.set(`${n.combo}:${n.guarantee}`, n.runs);
    }
    // 3. The report.
    const brokenBy: Record<string, number> = {};
    const combinations = combos.map((c): AuditCombination => {
      const cells = GUARANTEES.map((g, guarantee): AuditCell => {
        const s = searchOf(c, g.side).cells.find((x) => x.guarantee === guarantee);
        if (s === undefined) throw new Error(`audit: no search result for ${g.id} (${g.side}) under ${c.name}`);
        const e = exhaustiveOf(c, g.side);
        const base = {
          id: g.id, side: g.side, property: g.property.id, runs: s.runs, calls: s.calls, searchedAs: repOf(c, g.side).index, events: s.events,
          ...(e === undefined ? {} : { exhaustive: { depth: e.depthExhausted, asked: e.depth, states: e.states, transitions: e.transitions, complete: e.complete } }),
        };
        if (s.failure === null && exhaustiveBreak(c, g.side, guarantee) === undefined) return { ...base, holds: true, witness: null };
        const own = notReproduced.get(`${c.index}:${guarantee}`);
        if (own !== undefined)
          return { ...base, holds: true, runs: own, witness: null, note: `its class broke under #${repOf(c, g.side).index}, but no witness moves here and ${own} scenarios of its own found none` };
        const w = witnessOf.get(`${c.index}:${guarantee}`);
        if (w === undefined) throw new Error(`audit: no witness for ${g.id} (${g.side}) under ${c.name}`);
        brokenBy[`${g.side} ${g.id}`] = (brokenBy[`${g.side} ${g.id}`] ?? 0) + 1;
        // A witness that cannot be written is reported as such; the audit's results are never lost to it.
        let file: string | undefined;
        let notWritten: string | undefined;
        if (options.witnessDir != null)
          try {
            file = writeCounterexample(options.witnessDir, witnessFile(w, c, g.side, seed, machine));
          } catch (e) {
            notWritten = (e as { code?: string }).code ?? String(e);
          }
        return {
          ...base,
          holds: false,
          witness: w.scenario.ops,
          witnessShown: w.scenario.ops.map((op) => dipcOpToString(op)),
          witnessConfig: w.scenario.config,
          ...(file === undefined ? {} : { witnessFile: file }),
          ...(notWritten === undefined ? {} : { witnessNotWritten: notWritten }),
          violation: w.violation,
          witnessSource: sourceText(w, all),
          failsOnSpec: w.failsOnSpec,
        };
      });
      return {
        index: c.index,
        caller: c.caller,
        callee: c.callee,
        effective: c.effective,
        implemented: { callerStub: c.key.callerStub, proxy: c.key.proxy, calleeStub: c.key.calleeStub },
        pairs: c.pairs,
        paper: c.paper,
        name: c.name,
        cost: roundTripCost(c.caller, c.callee),
        guarantees: cells,
        discarded: { caller: searchOf(c, 'caller').discarded, callee: searchOf(c, 'callee').discarded },
      };
    });
    const cellCount = combinations.reduce((a, c) => a + c.guarantees.length, 0);
    return {
      tool: 'dipc-spec audit',
      seed,
      runs,
      maxOps,
      machine,
      strategy,
      witnessDir: options.witnessDir ?? null,
      costSignature: COST_SIGNATURE,
      paperPolicies: PAPER_POLICIES,
      guarantees: GUARANTEES.map((g) => ({ id: g.id, side: g.side, property: g.property.id, title: g.title, needs: g.needs })),
      combinations,
      summary: {
        combinations: combinations.length,
        pairs: combinations.reduce((a, c) => a + c.pairs, 0),
        cells: cellCount,
        broken: combinations.reduce((a, c) => a + c.guarantees.filter((g) => !g.holds).length, 0),
        brokenBy,
      },
    };
  } finally {
    await exec.close();
  }
};
