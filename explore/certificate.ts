// What an exploration covered, stated exactly (issue 14 item 2, docs/explore.md
// "Certificate"): the scope and its config, the depth asked and the depth exhausted, the
// alphabet and its domains, distinct states and transitions (per depth), the properties
// checked on every transition, the time, and whether the search was complete or cut by a
// budget. A violation comes with its shortest trace (BFS order) and the minimised one.
import type { DipcConfig } from '../alphabet/dipc-config';
import { dipcOpToString, type DipcOp } from '../alphabet/dipc-ops';
import { describeDomains, type Domains, OP_KINDS } from './alphabet';
import { minimizeScenario, failsLike } from '../properties/minimize';
import type { DipcMachineFactory } from '../refinement/machine';
import type { DipcProperty, Violation } from '../properties/types';
import type { DipcScenario } from '../gen/dipc-scenario';
import { type Checking, explore, type LevelStats, type Progress, type SearchInput, type SearchResult } from './search';
import { exploreParallel } from './parallel';
import type { HashMode } from './machine';
import { hashModeOf } from './machine';
import type { Scope } from './scopes';

/** Properties whose check also runs a second run with the honest secrets changed (properties/security/secrets.ts). */
export const RELATIONAL_IDS: readonly string[] = ['P5', 'ARG-REG-CONF', 'ARG-STACK-CONF', 'ARG-DCS-CONF'];

export interface FoundReport {
  readonly property: string;
  /** Ops of the shortest failing trace found (BFS order: no shorter trace in the scope fails any property). */
  readonly depth: number;
  readonly expected: string;
  readonly observed: string;
  readonly failingStep: number;
  readonly trace: readonly string[];
  /** The trace after the suite's minimiser (properties/minimize.ts), as stored. */
  readonly minimised: { readonly config: DipcConfig; readonly ops: readonly DipcOp[]; readonly violation: Violation; readonly calls: number };
}

export interface Certificate {
  readonly scope: { readonly name: string; readonly description: string; readonly config: DipcConfig };
  readonly machine: string;
  /** The depth asked for (`--depth`). */
  readonly depth: number;
  /** Every trace of up to this many ops was explored (equal to `depth` when complete). */
  readonly depthExhausted: number;
  readonly complete: boolean;
  readonly cutBy: 'max-states' | 'time' | 'violation' | null;
  readonly budget: { readonly maxStates: number | null; readonly timeSeconds: number | null };
  /**
   * --shard i/n: this search covered only every n-th state of depth 1 (from the i-th) and the
   * traces through it; the n shards' certificates together cover the scope (docs/explore.md "Sharding").
   */
  readonly shard: string | null;
  readonly alphabet: {
    /** The most candidate ops any state had (the alphabet's size: it grows with threads, handles ...). */
    readonly size: number;
    /** The most distinct transitions any state had once candidates with the same output and successor were merged. */
    readonly distinctMax: number;
    readonly kinds: readonly string[];
    readonly narrowed: boolean;
    readonly domains: Record<string, string>;
  };
  readonly dedup: HashMode;
  readonly states: number;
  readonly transitions: number;
  readonly stepped: number;
  readonly levels: readonly LevelStats[];
  readonly properties: { readonly checked: readonly string[]; readonly relational: readonly string[]; readonly how: string };
  readonly timeMs: number;
  readonly statesPerSec: number;
  readonly transitionsPerSec: number;
  /** No randomness is used. */
  readonly seed: null;
  readonly violation: FoundReport | null;
}

export interface ExploreRequest {
  readonly scope: Scope;
  readonly machine: string;
  readonly factory: DipcMachineFactory;
  readonly properties: readonly DipcProperty[];
  readonly depth: number;
  readonly domains: Domains;
  readonly maxStates?: number;
  readonly timeSeconds?: number;
  readonly onProgress?: (p: Progress) => void;
  readonly minimise?: boolean;
  /** --shard i/n (docs/explore.md "Sharding"). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** How transitions are checked (explore/search.ts Checking; internal: tests compare the two). */
  readonly checking?: Checking;
}

const searchInput = (req: ExploreRequest): SearchInput => ({
  config: req.scope.config,
  depth: req.depth,
  domains: req.domains,
  factory: req.factory,
  properties: req.properties,
  budget: { maxStates: req.maxStates, timeMs: req.timeSeconds === undefined ? undefined : req.timeSeconds * 1000 },
  onProgress: req.onProgress,
  ...(req.shard === undefined ? {} : { shard: req.shard }),
  ...(req.checking === undefined ? {} : { checking: req.checking }),
});

/** Explore in this thread and certify. */
export const runExplore = (req: ExploreRequest): Certificate => certify(req, explore(searchInput(req)));

/** Explore with `workers` worker threads (0: this thread) and certify: the same certificate whatever the number. */
export const runExploreWith = async (req: ExploreRequest, workers: number): Promise<Certificate> =>
  certify(req, workers > 0 ? await exploreParallel(searchInput(req), req.machine, workers) : explore(searchInput(req)));

const certify = (req: ExploreRequest, r: SearchResult): Certificate => {
  let violation: FoundReport | null = null;
  if (r.found !== null) {
    const f = r.found;
    const prop = req.properties.find((p) => p.id === f.property) as DipcProperty;
    const check = (s: DipcScenario) => prop.check(s, req.factory).violation;
    const min = req.minimise === false ? { scenario: f.scenario, calls: 0 } : minimizeScenario(f.scenario, 'dipc', failsLike(f.violation, check));
    violation = {
      property: f.property,
      depth: f.scenario.ops.length,
      expected: f.violation.expected,
      observed: f.violation.observed,
      failingStep: f.violation.step,
      trace: f.scenario.ops.map(dipcOpToString),
      minimised: { config: min.scenario.config, ops: min.scenario.ops, violation: check(min.scenario) ?? f.violation, calls: min.calls },
    };
  }
  const secs = Math.max(r.elapsedMs, 1) / 1000;
  return {
    scope: { name: req.scope.name, description: req.scope.description, config: req.scope.config },
    machine: req.machine,
    depth: req.depth,
    depthExhausted: r.depthExhausted,
    complete: r.complete,
    cutBy: r.cutBy,
    budget: { maxStates: req.maxStates ?? null, timeSeconds: req.timeSeconds ?? null },
    shard: req.shard === undefined ? null : `${req.shard.index}/${req.shard.count}`,
    alphabet: { size: r.candidatesMax, distinctMax: r.distinctMax, kinds: OP_KINDS, narrowed: false, domains: describeDomains(req.domains) },
    dedup: hashModeOf(req.factory, req.scope.config),
    states: r.states,
    transitions: r.transitions,
    stepped: r.stepped,
    levels: r.levels,
    properties: {
      checked: req.properties.map((p) => p.id),
      relational: req.properties.map((p) => p.id).filter((id) => RELATIONAL_IDS.includes(id)),
      how: "on every transition, the verdict of each property's own check (as `dipc-spec check` runs it) on the trace that reaches the state followed by the transition's op, computed incrementally over machine runs shared by the properties (docs/explore.md, \"Checking incrementally\"); the relational ones also run that trace from the secret-varied config",
    },
    timeMs: Math.round(r.elapsedMs),
    statesPerSec: Math.round(r.states / secs),
    transitionsPerSec: Math.round(r.transitions / secs),
    seed: null,
    violation,
  };
};

const fmt = (n: number) => n.toLocaleString('en-US');

/** The certificate as text (the JSON form has the same fields). */
export const certificateText = (c: Certificate): string => {
  const lines = [
    `explore ${c.scope.name} on ${c.machine}: ${c.violation !== null ? `VIOLATION of ${c.violation.property} at depth ${c.violation.depth}` : c.complete ? `no violation: exhausted to depth ${c.depthExhausted}` : `no violation to depth ${c.depthExhausted} (cut by ${c.cutBy} during depth ${c.depthExhausted + 1})`}`,
    `  scope        ${c.scope.description}`,
    `  depth        ${c.depth} asked, ${c.depthExhausted} exhausted${c.complete ? '' : ` (cut by ${c.cutBy})`}`,
    ...(c.shard === null ? [] : [`  shard        ${c.shard}: only the traces through every ${c.shard.split('/')[1]}-th state of depth 1 (from the ${c.shard.split('/')[0]}-th); the shards together cover the scope`]),
    `  alphabet     up to ${c.alphabet.size} candidate ops per state, up to ${c.alphabet.distinctMax} distinct; kinds: ${c.alphabet.kinds.join(' ')}`,
    ...Object.entries(c.alphabet.domains).map(([k, v]) => `    ${k.padEnd(17)}${v}`),
    `  states       ${fmt(c.states)} distinct (deduplicated by ${c.dedup === 'impl-state' ? "a hash of the impl's own state, no abstraction" : 'a hash of the abstract state'})`,
    `  transitions  ${fmt(c.transitions)} distinct (${fmt(c.stepped)} candidate ops stepped)`,
    `  per depth    ${c.levels.map((l) => `k=${l.depth}: ${fmt(l.states)} new states, ${fmt(l.transitions)} transitions${l.complete ? '' : ' (partial)'}`).join('; ')}`,
    `  properties   ${c.properties.checked.join(' ')} (relational: ${c.properties.relational.join(' ') || 'none'})`,
    `  time         ${(c.timeMs / 1000).toFixed(1)} s, ${fmt(c.statesPerSec)} states/s, ${fmt(c.transitionsPerSec)} transitions/s; no randomness (no seed)`,
  ];
  if (c.violation !== null) {
    const v = c.violation;
    lines.push(`  violated     ${v.property} at step ${v.failingStep}: expected ${v.expected}; observed ${v.observed}`);
    lines.push(`  shortest trace (${v.depth} ops):`, ...v.trace.map((s, i) => `    ${String(i).padStart(2)}  ${s}`));
    lines.push(`  minimised (${v.minimised.ops.length} ops, ${v.minimised.calls} minimiser calls):`, ...v.minimised.ops.map((op, i) => `    ${String(i).padStart(2)}  ${dipcOpToString(op)}`));
  }
  return lines.join('\n');
};
