// The two machines as timed workloads over one trace. The impl is driven through
// CodomsMachine.step directly and the spec through its pure step function: no Machine
// wrapper and no abstraction function on either side, so each figure is the machine's own
// cost per op.
import type { Config } from '../alphabet/config';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import { CodomsMachine } from '../impl/machine';
import { initialState, step } from '../spec/index';
import type { Workload } from './measure';

export const implWorkload = (label: string, cfg: Config, ops: readonly Op[]): Workload => ({
  label,
  ops: ops.length,
  warmupOps: ops.length,
  prepare: (n) => {
    const m = new CodomsMachine(cfg);
    return () => {
      for (let i = 0; i < n; i++) m.step(ops[i]);
    };
  },
});

/**
 * The spec over the first `count` ops. `outputs`, when given, receives every output of the
 * timed runs (an array store is noise next to a spec step) for comparison with the impl's.
 */
export const specWorkload = (label: string, cfg: Config, ops: readonly Op[], count: number, warmupOps: number, outputs?: Output[]): Workload => ({
  label,
  ops: Math.min(count, ops.length),
  warmupOps: Math.min(warmupOps, count, ops.length),
  prepare: (n) => {
    const s0 = initialState(cfg);
    return () => {
      let s = s0;
      for (let i = 0; i < n; i++) {
        const r = step(s, ops[i]);
        s = r.state;
        if (outputs !== undefined) outputs[i] = r.output;
      }
    };
  },
});

/** The impl's outputs on the trace, from an untimed run. */
export const implOutputs = (cfg: Config, ops: readonly Op[]): Output[] => {
  const m = new CodomsMachine(cfg);
  return ops.map((op) => m.step(op));
};
