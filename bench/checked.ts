// Checked throughput (issue 14, "Checking at the machine's speed"): per property, the ops per
// second it checks on the impl, next to the impl's raw ops per second on the same scenarios.
// Scenarios come from the property's own generator (seeded); `checkedOpsPerSec` counts each
// scenario's ops once per check (a relational property runs two machines, DET replays twice:
// that work is the property's cost), machine boots included, as `check` pays them.
// `rawOpsPerSec` steps a fresh impl through the same ops with nothing checked (boots not
// timed, as in bench/workloads.ts; each round steps ten copies). The gap between the two is
// the price of checking.
import fc from 'fast-check';
import type { Config } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Op } from '../alphabet/ops';
import { DipcImplMachine } from '../impl/dipc/machine';
import { CodomsMachine } from '../impl/machine';
import { PROPERTIES } from '../properties/catalogue';
import { arbitraryFor } from '../properties/runner';
import type { AnyProperty } from '../properties/types';
import { dipcImplFactory } from '../refinement/dipc-impl-machine';
import { implFactory } from '../refinement/impl-machine';
import { median, timeOnce } from './measure';

/**
 * Scenarios per property, and untimed warm-ups and timed rounds over all of them; a raw round
 * steps `rawRepeats` fresh copies of every machine, so that it lasts long enough to time.
 */
export const CHECKED_BENCH = { scenarios: 40, warmups: 1, rounds: 3, rawRepeats: 10 } as const;

export interface CheckedTiming {
  readonly property: string;
  readonly scenarios: number;
  readonly ops: number;
  readonly checkedOpsPerSec: number;
  readonly rawOpsPerSec: number;
}

type Sc = { readonly config: unknown; readonly ops: readonly unknown[] };

/** Boots `rawRepeats` machines per scenario (untimed) and returns the run that steps them all (timed). */
const rawRun = (prop: AnyProperty, scs: readonly Sc[]): (() => void) => {
  const boot = (sc: Sc): { step(op: never): unknown } =>
    prop.layer === 'codoms' ? new CodomsMachine(sc.config as Config) : new DipcImplMachine(sc.config as DipcConfig);
  const runs = Array.from({ length: CHECKED_BENCH.rawRepeats }, () => scs.map((sc) => ({ m: boot(sc), ops: sc.ops as readonly (Op | DipcOp)[] })));
  return () => {
    for (const run of runs) for (const { m, ops } of run) for (const op of ops) m.step(op as never);
  };
};

const checkRun = (prop: AnyProperty, scs: readonly Sc[]): (() => void) => () => {
  for (const sc of scs) {
    if (prop.layer === 'codoms') prop.check(sc as never, implFactory);
    else prop.check(sc as never, dipcImplFactory);
  }
};

const perSec = (ops: number, ns: number): number => Math.round((ops * 1e9) / ns);

export const runCheckedBench = (seed: number, progress: (msg: string) => void, props: readonly AnyProperty[] = PROPERTIES): CheckedTiming[] =>
  props.map((prop) => {
    progress(`  checked ${prop.id}`);
    const scs = fc.sample(arbitraryFor(prop as never) as fc.Arbitrary<Sc>, { seed, numRuns: CHECKED_BENCH.scenarios });
    const ops = scs.reduce((n, sc) => n + sc.ops.length, 0);
    for (let i = 0; i < CHECKED_BENCH.warmups; i++) {
      checkRun(prop, scs)();
      rawRun(prop, scs)();
    }
    const checked: number[] = [];
    const raw: number[] = [];
    for (let r = 0; r < CHECKED_BENCH.rounds; r++) {
      checked.push(timeOnce(checkRun(prop, scs)));
      raw.push(timeOnce(rawRun(prop, scs)));
    }
    return { property: prop.id, scenarios: scs.length, ops, checkedOpsPerSec: perSec(ops, median(checked)), rawOpsPerSec: perSec(ops * CHECKED_BENCH.rawRepeats, median(raw)) };
  });
