// Does `explore` find every mutant it should? (issue 14 "Done when", docs/explore.md
// "Mutants found by exploration"). For each dIPC mutant, impl or design, with a stored
// counterexample in the corpus: take its shortest stored trace that is inside the search's
// scope (its config, the alphabet of explore/alphabet.ts: in-alphabet.ts decides) and, when
// its length is within the depth asked, explore that config on the mutant to that depth,
// checking the stored trace's property. Found means the search reports a violation of that
// property, at a depth no greater than the stored trace's (BFS gives the shortest).
import * as E from 'fp-ts/lib/Either.js';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { listCounterexamples, readCounterexample } from '../counterexamples/store';
import { DESIGN_MUTANTS, dipcMachineById, EVERY_MUTANT } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import type { DipcProperty } from '../properties/types';
import type { DipcMachineFactory } from '../refinement/machine';
import { domainsOf } from './alphabet';
import { runExplore } from './certificate';
import { firstOpOutsideAlphabet } from './in-alphabet';

export interface StoredTrace {
  readonly file: string;
  readonly property: string;
  readonly config: DipcConfig;
  readonly ops: readonly DipcOp[];
}

/** The corpus's dIPC counterexamples per mutant (the file's `machine`), shortest first. */
export const storedTracesByMutant = (dir?: string): Map<string, StoredTrace[]> => {
  const ids = new Set([...EVERY_MUTANT.filter((m) => m.layer === 'dipc'), ...DESIGN_MUTANTS].map((m) => m.id));
  const out = new Map<string, StoredTrace[]>();
  for (const file of listCounterexamples(dir)) {
    const r = readCounterexample(file, (id) => propertyById(id)?.layer);
    if (E.isLeft(r) || r.right.layer !== 'dipc' || !ids.has(r.right.machine)) continue;
    const list = out.get(r.right.machine) ?? [];
    list.push({ file, property: r.right.property, config: r.right.config as DipcConfig, ops: r.right.trace as DipcOp[] });
    out.set(r.right.machine, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.ops.length - b.ops.length || a.file.localeCompare(b.file));
  return out;
};

/** What one search on a stored trace's config, to the trace's length, gave. */
export type SearchOutcome =
  | { readonly found: true; readonly depth: number; readonly states: number; readonly transitions: number; readonly ms: number; readonly trace: readonly string[] }
  | { readonly found: false; readonly complete: boolean; readonly cutBy: string | null; readonly states: number; readonly transitions: number; readonly ms: number; readonly other: string | null };

export type SweepVerdict =
  | ({ readonly kind: 'found' } & Extract<SearchOutcome, { found: true }>)
  | ({ readonly kind: 'missed' } & Extract<SearchOutcome, { found: false }>)
  | { readonly kind: 'too-deep' }
  /** The stored trace leaves the alphabet at `step`; the search on its config to its length was still run (`search`): it may find another trace. */
  | { readonly kind: 'outside-alphabet'; readonly step: number; readonly op: DipcOp; readonly search: SearchOutcome };

export interface SweepRow {
  readonly mutant: string;
  readonly kind: 'impl' | 'design';
  /** The stored trace the row is about: the shortest in scope, else the shortest. */
  readonly file: string;
  readonly property: string;
  readonly length: number;
  readonly verdict: SweepVerdict;
}

export interface SweepOptions {
  readonly maxDepth: number;
  readonly maxStates?: number;
  readonly timeSeconds?: number;
  readonly only?: readonly string[];
  readonly onRow?: (row: SweepRow, index: number, total: number) => void;
}

const kindOf = (id: string): 'impl' | 'design' => (DESIGN_MUTANTS.some((m) => m.id === id) ? 'design' : 'impl');

/** Explore a stored trace's config on the mutant to the trace's length, checking the trace's property. */
const search = (mutant: string, t: StoredTrace, o: SweepOptions): SearchOutcome => {
  const factory = dipcMachineById(mutant) as DipcMachineFactory;
  const cert = runExplore({
    scope: { name: t.file, description: t.file, config: t.config },
    machine: mutant,
    factory,
    properties: [propertyById(t.property) as DipcProperty],
    depth: t.ops.length,
    domains: domainsOf(t.config),
    maxStates: o.maxStates,
    timeSeconds: o.timeSeconds,
    minimise: false,
  });
  const v = cert.violation;
  const counts = { states: cert.states, transitions: cert.transitions, ms: cert.timeMs };
  if (v !== null && v.property === t.property && v.depth <= t.ops.length) return { found: true, depth: v.depth, ...counts, trace: v.trace };
  return { found: false, complete: cert.complete, cutBy: cert.cutBy, ...counts, other: v === null ? null : `${v.property} at depth ${v.depth}` };
};

/** One mutant: its shortest stored trace in scope within the depth, explored; else why none is. */
export const sweepMutant = (mutant: string, traces: readonly StoredTrace[], o: SweepOptions): SweepRow => {
  const factory = dipcMachineById(mutant);
  if (factory === undefined) throw new Error(`sweep: no machine ${mutant}`);
  const row = (t: StoredTrace, verdict: SweepVerdict): SweepRow => ({ mutant, kind: kindOf(mutant), file: t.file, property: t.property, length: t.ops.length, verdict });
  const shallow = traces.filter((t) => t.ops.length <= o.maxDepth);
  if (shallow.length === 0) return row(traces[0], { kind: 'too-deep' });
  let outside: { t: StoredTrace; step: number; op: DipcOp } | null = null;
  for (const t of shallow) {
    const off = firstOpOutsideAlphabet(t.config, factory, domainsOf(t.config), t.ops);
    if (off === null) {
      const s = search(mutant, t, o);
      return row(t, s.found ? { kind: 'found', ...s } : { kind: 'missed', ...s });
    }
    outside ??= { t, step: off.step, op: off.op };
  }
  const out = outside as { t: StoredTrace; step: number; op: DipcOp };
  return row(out.t, { kind: 'outside-alphabet', step: out.step, op: out.op, search: search(mutant, out.t, o) });
};

/** Every mutant with a stored dIPC counterexample (or those of `only`), in id order. */
export const sweepMutants = (o: SweepOptions, dir?: string): SweepRow[] => {
  const byMutant = storedTracesByMutant(dir);
  const ids = [...byMutant.keys()].filter((id) => o.only === undefined || o.only.length === 0 || o.only.includes(id)).sort();
  return ids.map((id, i) => {
    const row = sweepMutant(id, byMutant.get(id) ?? [], o);
    o.onRow?.(row, i, ids.length);
    return row;
  });
};
