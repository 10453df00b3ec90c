// One benchmark run: build the traces, time the impl at every size, the spec on the same
// traces, and the floor, and gather what the report needs. All figures come from this one
// run and one seed.
import { type Output, sameOutput } from '../alphabet/output';
import { type CheckedTiming, runCheckedBench } from './checked';
import { type ExploreTimings, runExploreBench } from './explore';
import { measureFloor } from './floor';
import { buildConfig, CODOMS_SIZE, type MachineSize, SCALING_SIZES } from './machine-layout';
import { type CallTimings, runCallBench } from './dipc-calls';
import { measureAll, type Timing } from './measure';
import { buildTrace, type Trace } from './trace';
import { implOutputs, implWorkload, specWorkload } from './workloads';

/** Run counts in one place (STYLE: scope bounds and run counts live together). */
export const RUN_COUNTS = {
  /** dIPC call round trips timed on the impl and on the spec. */
  implCalls: 20_000,
  specCalls: 2_000,
  implWarmups: 2,
  implRounds: 25,
  /** The spec's cost per op grows with its memory map, so its scaling rows run a prefix. */
  specScalingOps: 2_000,
  specScalingRounds: 5,
  specWarmupOps: 5_000,
  specCodomsRounds: 3,
  floorChecks: 20_000_000,
  floorReps: 9,
} as const;

export interface ScalingRow {
  readonly size: MachineSize;
  readonly impl: Timing;
  readonly spec: Timing;
}

export interface OutcomeMix {
  readonly succeeded: number;
  readonly faulted: number;
  /** Share of the trace per op name. */
  readonly byOp: ReadonlyMap<string, number>;
}

export interface BenchRun {
  readonly seed: number;
  readonly ops: number;
  readonly codomsSize: MachineSize;
  readonly codomsSpec: Timing;
  readonly codomsImpl: Timing;
  readonly scaling: readonly ScalingRow[];
  readonly floor: { readonly nsPerCheck: number; readonly checks: number; readonly grantedShare: number };
  readonly mix: OutcomeMix;
  /** Ops of the codoms trace on which spec and impl returned different outputs. */
  readonly outputMismatches: number;
  /** The dIPC call round trip under the cheapest and the most isolating policy. */
  readonly calls: readonly CallTimings[];
  /** `dipc-spec explore`'s own speed on the impl and on the spec (bench/explore.ts). */
  readonly explore: ExploreTimings;
  /** Per property: ops/s checked on the impl and raw impl ops/s on the same scenarios (bench/checked.ts). */
  readonly checked: readonly CheckedTiming[];
  readonly seconds: number;
}

const outcomeMix = (trace: Trace, outputs: readonly Output[]): OutcomeMix => {
  const byOp = new Map<string, number>();
  let succeeded = 0;
  trace.ops.forEach((op, i) => {
    byOp.set(op.op, (byOp.get(op.op) ?? 0) + 1 / trace.ops.length);
    if (outputs[i].out === 'ok' || outputs[i].out === 'value') succeeded++;
  });
  return { succeeded, faulted: trace.ops.length - succeeded, byOp };
};

const sizeLabel = (s: MachineSize): string => `${s.domains}d/${s.pages}p`;

export const runBench = (seed: number, ops: number, progress: (msg: string) => void): BenchRun => {
  const t0 = process.hrtime.bigint();
  const machines = SCALING_SIZES.map((size) => ({ size, cfg: buildConfig(size), trace: buildTrace(size, seed, ops) }));
  const codoms = machines.find((m) => m.size === CODOMS_SIZE) ?? machines[0];

  // The impl first, before the spec fills the heap.
  progress(`impl: ${RUN_COUNTS.implWarmups} warm-ups + ${RUN_COUNTS.implRounds} rounds at ${machines.length} sizes, ${ops} ops each`);
  const implTimings = measureAll(
    machines.map((m) => implWorkload(`impl ${sizeLabel(m.size)}`, m.cfg, m.trace.ops)),
    { warmups: RUN_COUNTS.implWarmups, rounds: RUN_COUNTS.implRounds },
  );

  progress(`spec: first ${Math.min(ops, RUN_COUNTS.specScalingOps)} ops at ${machines.length} sizes`);
  const specScaling = measureAll(
    machines.map((m) => specWorkload(`spec ${sizeLabel(m.size)}`, m.cfg, m.trace.ops, RUN_COUNTS.specScalingOps, RUN_COUNTS.specScalingOps / 4)),
    { warmups: 1, rounds: RUN_COUNTS.specScalingRounds, onRun: (label, phase) => progress(`  ${phase} ${label}`) },
  );

  progress(`spec: the whole ${ops}-op trace at ${sizeLabel(codoms.size)}, ${RUN_COUNTS.specCodomsRounds} rounds`);
  const specOutputs: Output[] = new Array(codoms.trace.ops.length);
  const [codomsSpec] = measureAll(
    [specWorkload(`spec ${sizeLabel(codoms.size)}`, codoms.cfg, codoms.trace.ops, ops, RUN_COUNTS.specWarmupOps, specOutputs)],
    { warmups: 1, rounds: RUN_COUNTS.specCodomsRounds, onRun: (label, phase) => progress(`  ${phase} ${label}`) },
  );

  progress('floor: bare typed-array access checks');
  const floor = measureFloor(codoms.cfg, codoms.trace.probes, { checks: RUN_COUNTS.floorChecks, reps: RUN_COUNTS.floorReps });

  progress(`dIPC: ${RUN_COUNTS.implCalls} call round trips on the impl, ${RUN_COUNTS.specCalls} on the spec, cheapest and most isolating policy`);
  const calls = runCallBench(seed, RUN_COUNTS.implCalls, RUN_COUNTS.specCalls);

  progress('explore: two-process-call to depth 2 on the impl and on the spec, and every property checked to depth 1');
  const explore = runExploreBench();

  progress('checked: every property on the impl, and the raw impl on the same scenarios');
  const checked = runCheckedBench(seed, progress);

  const implOuts = implOutputs(codoms.cfg, codoms.trace.ops);
  const outputMismatches = implOuts.filter((o, i) => !sameOutput(o, specOutputs[i])).length;
  const codomsIndex = machines.indexOf(codoms);
  return {
    seed,
    ops,
    codomsSize: codoms.size,
    codomsSpec,
    codomsImpl: implTimings[codomsIndex],
    scaling: machines.map((m, i) => ({ size: m.size, impl: implTimings[i], spec: specScaling[i] })),
    floor,
    mix: outcomeMix(codoms.trace, implOuts),
    outputMismatches,
    calls,
    explore,
    checked,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
};
