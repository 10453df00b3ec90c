// What `npm run bench` prints: the JSON object other scripts read (its field names are a
// contract), or tables with the acceptance checks and footnotes for a person.
import Table from 'cli-table3';
import pc from 'picocolors';
import type { BenchRun } from './run';
import { RUN_COUNTS } from './run';
import { callsPerSec } from './dipc-calls';

/** Acceptance (the issue): impl ops/s >= 20x the spec's; impl ns/op within 1.5x across sizes. */
export const MIN_SPEEDUP = 20;
export const MAX_SCALING_SPREAD = 1.5;

export interface BenchJson {
  readonly codoms: { readonly specOpsPerSec: number; readonly implOpsPerSec: number };
  readonly scaling: readonly { readonly domains: number; readonly pages: number; readonly implNsPerOp: number; readonly specNsPerOp: number }[];
  readonly floorNsPerCheck: number;
  /** The dIPC call round trip (stub call, proxy, callee stub return): the most isolating policy, and each policy. */
  readonly dipc: {
    readonly specCallsPerSec: number;
    readonly implCallsPerSec: number;
    readonly templates: number;
    readonly byPolicy: readonly {
      readonly policy: string; readonly specCallsPerSec: number; readonly implCallsPerSec: number; readonly templates: number;
      /** Round trips timed on the impl and how many came back without an error (the bench checks they are equal). */
      readonly calls: number; readonly completed: number;
    }[];
  };
  /**
   * `dipc-spec explore` (bench/explore.ts): distinct states and transitions per second on the
   * impl and on the spec, the same scope and depth, no property checked; and transitions per
   * second with every dIPC property checked on each (impl), incrementally and replayed.
   */
  readonly explore: {
    readonly statesPerSec: number;
    readonly transitionsPerSec: number;
    readonly specStatesPerSec: number;
    readonly specTransitionsPerSec: number;
    readonly checkedTransitionsPerSec: number;
    readonly replayedTransitionsPerSec: number;
    readonly scope: string;
    readonly depth: number;
    readonly states: number;
    readonly specStates: number;
  };
  /**
   * Per property id: ops per second checked on the impl (machine boots included) and the
   * impl's raw ops per second on the same scenarios (bench/checked.ts).
   */
  readonly checked: Readonly<Record<string, { readonly checkedOpsPerSec: number; readonly rawOpsPerSec: number; readonly scenarios: number; readonly ops: number }>>;
  readonly seed: number;
  readonly ops: number;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const opsPerSec = (nsPerOp: number): number => Math.round(1e9 / nsPerOp);

export const toJson = (r: BenchRun): BenchJson => ({
  codoms: { specOpsPerSec: opsPerSec(r.codomsSpec.nsPerOp), implOpsPerSec: opsPerSec(r.codomsImpl.nsPerOp) },
  scaling: r.scaling.map((row) => ({
    domains: row.size.domains,
    pages: row.size.pages,
    implNsPerOp: round(row.impl.nsPerOp, 1),
    specNsPerOp: round(row.spec.nsPerOp, 1),
  })),
  floorNsPerCheck: round(r.floor.nsPerCheck, 2),
  dipc: dipcJson(r),
  explore: {
    statesPerSec: r.explore.statesPerSec,
    transitionsPerSec: r.explore.transitionsPerSec,
    specStatesPerSec: r.explore.specStatesPerSec,
    specTransitionsPerSec: r.explore.specTransitionsPerSec,
    checkedTransitionsPerSec: r.explore.checkedTransitionsPerSec,
    replayedTransitionsPerSec: r.explore.replayedTransitionsPerSec,
    scope: r.explore.scope,
    depth: r.explore.depth,
    states: r.explore.states,
    specStates: r.explore.specStates,
  },
  checked: Object.fromEntries(
    r.checked.map((c) => [c.property, { checkedOpsPerSec: c.checkedOpsPerSec, rawOpsPerSec: c.rawOpsPerSec, scenarios: c.scenarios, ops: c.ops }]),
  ),
  seed: r.seed,
  ops: r.ops,
});

const dipcJson = (r: BenchRun): BenchJson['dipc'] => {
  const byPolicy = r.calls.map((c) => ({ policy: c.policy, specCallsPerSec: callsPerSec(c.spec), implCallsPerSec: callsPerSec(c.impl), templates: c.templates, calls: c.calls, completed: c.completed }));
  const most = byPolicy.find((c) => c.policy === 'all') ?? byPolicy[0];
  return { specCallsPerSec: most.specCallsPerSec, implCallsPerSec: most.implCallsPerSec, templates: Math.max(...byPolicy.map((c) => c.templates)), byPolicy };
};

export const speedup = (r: BenchRun): number => r.codomsSpec.nsPerOp / r.codomsImpl.nsPerOp;

export const scalingSpread = (r: BenchRun): number => {
  const ns = r.scaling.map((row) => row.impl.nsPerOp);
  return Math.max(...ns) / Math.min(...ns);
};

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ns = (n: number): string => (n >= 10_000 ? int(n) : n.toFixed(1));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const verdict = (ok: boolean): string => (ok ? pc.green('pass') : pc.red('FAIL'));
const plain = { head: [], border: [] };

export const toTables = (r: BenchRun): string => {
  const codoms = new Table({
    head: ['CODOMs machine, same trace', 'ops', 'ops/s', 'ns/op'],
    colAligns: ['left', 'right', 'right', 'right'],
    style: plain,
  });
  const { domains, pages } = r.codomsSize;
  codoms.push(
    [`spec (${domains} domains, ${pages} pages)`, int(r.codomsSpec.ops), int(1e9 / r.codomsSpec.nsPerOp), ns(r.codomsSpec.nsPerOp)],
    [`impl (${domains} domains, ${pages} pages)`, int(r.codomsImpl.ops), int(1e9 / r.codomsImpl.nsPerOp), ns(r.codomsImpl.nsPerOp)],
  );

  const scaling = new Table({
    head: ['domains', 'pages', 'impl ns/op', 'impl min-max', 'impl / floor', 'spec ns/op ¹', 'spec / impl'],
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: plain,
  });
  for (const row of r.scaling) {
    scaling.push([
      int(row.size.domains),
      int(row.size.pages),
      ns(row.impl.nsPerOp),
      `${ns(row.impl.minNsPerOp)}-${ns(row.impl.maxNsPerOp)}`,
      `${(row.impl.nsPerOp / r.floor.nsPerCheck).toFixed(0)}x`,
      ns(row.spec.nsPerOp),
      `${(row.spec.nsPerOp / row.impl.nsPerOp).toFixed(0)}x`,
    ]);
  }

  const calls = new Table({
    head: ['dIPC call round trip', 'spec calls/s', 'impl calls/s', 'impl / spec', 'templates'],
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: plain,
  });
  for (const c of r.calls) {
    const ratio = callsPerSec(c.impl) / callsPerSec(c.spec);
    calls.push([c.policy === 'all' ? 'every isolation property' : 'no isolation property', int(callsPerSec(c.spec)), int(callsPerSec(c.impl)), `${ratio.toFixed(0)}x ${verdict(ratio >= MIN_SPEEDUP)}`, c.templates]);
  }

  const mixByOp = [...r.mix.byOp.entries()].sort((a, b) => b[1] - a[1]).map(([op, share]) => `${op} ${pct(share)}`);
  const x = speedup(r);
  const spread = scalingSpread(r);
  return [
    `seed ${r.seed}, ${int(r.ops)} ops per trace`,
    '',
    codoms.toString(),
    `impl / spec: ${x.toFixed(0)}x ops/s  (needs >= ${MIN_SPEEDUP}x)  ${verdict(x >= MIN_SPEEDUP)}`,
    '',
    scaling.toString(),
    `impl ns/op, largest / smallest row: ${spread.toFixed(2)}x  (needs <= ${MAX_SCALING_SPREAD}x)  ${verdict(spread <= MAX_SCALING_SPREAD)}`,
    `floor: ${r.floor.nsPerCheck.toFixed(2)} ns per bare access check (page tag, APL row, page bit on typed arrays; ` +
      `${int(r.floor.checks)} checks over the trace's data addresses, ${pct(r.floor.grantedShare)} granted)`,
    '',
    calls.toString(),
    `a call is stub_call (caller stub, proxy entry) + stub_return (callee stub, proxy return); ${int(RUN_COUNTS.implCalls)} calls on the impl, ${int(RUN_COUNTS.specCalls)} on the spec, median of 5 rounds`,
    '',
    `trace at ${domains} domains: ${pct(r.mix.succeeded / r.ops)} of ops succeed, ${int(r.mix.faulted)} fault (deliberately); ` +
      `spec and impl outputs ${r.outputMismatches === 0 ? 'agree on every op' : pc.red(`DIFFER on ${int(r.outputMismatches)} ops`)}`,
    `  mix: ${mixByOp.join(', ')}`,
    `impl: median of ${RUN_COUNTS.implRounds} rounds of the whole trace after ${RUN_COUNTS.implWarmups} warm-up runs, each size on a fresh machine, rounds interleaved across sizes.`,
    `spec: median of ${RUN_COUNTS.specCodomsRounds} rounds of the whole trace (codoms figure).`,
    `¹ spec rows run the first ${int(Math.min(r.ops, RUN_COUNTS.specScalingOps))} ops of each size's trace (median of ${RUN_COUNTS.specScalingRounds}); ` +
      'the spec copies its memory map on every store, so its cost per op also grows with the trace.',
    `explore ${r.explore.scope} to depth ${r.explore.depth} (no property): impl ${int(r.explore.statesPerSec)} states/s, ${int(r.explore.transitionsPerSec)} transitions/s (${int(r.explore.states)} states); ` +
      `spec ${int(r.explore.specStatesPerSec)} states/s, ${int(r.explore.specTransitionsPerSec)} transitions/s (${int(r.explore.specStates)} states); every dIPC property checked: ${int(r.explore.checkedTransitionsPerSec)} transitions/s (replaying each check from boot: ${int(r.explore.replayedTransitionsPerSec)})`,
    `checked on the impl (${r.checked[0]?.scenarios ?? 0} scenarios per property, boots included), ops/s checked / raw impl ops/s on the same ops:`,
    ...r.checked.map((c) => `  ${c.property.padEnd(16)} ${int(c.checkedOpsPerSec).padStart(9)} / ${int(c.rawOpsPerSec).padStart(10)}  (${((100 * c.checkedOpsPerSec) / c.rawOpsPerSec).toFixed(1)}% of raw)`),
    `total ${r.seconds.toFixed(1)} s`,
  ].join('\n');
};
