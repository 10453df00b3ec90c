// Timing with process.hrtime.bigint(). Each workload is first run untimed to let the JIT
// optimise its hot path; then all workloads are timed in rounds (one run of each per round)
// so that drift over the run, such as a later GC or a CPU frequency change, falls on every
// workload alike; each figure is the median of its rounds. Building the fresh machine a run
// needs is never timed.

export interface Workload {
  readonly label: string;
  /** Ops in one timed run. */
  readonly ops: number;
  /** Ops in one warm-up run: a prefix of the trace is enough for the JIT. */
  readonly warmupOps: number;
  /** Builds a fresh machine (untimed) and returns the run of the first `n` ops (timed). */
  prepare(n: number): () => void;
}

export interface Timing {
  readonly label: string;
  readonly ops: number;
  /** Median of the rounds. */
  readonly nsPerOp: number;
  readonly minNsPerOp: number;
  readonly maxNsPerOp: number;
  readonly rounds: number;
}

export interface MeasureOptions {
  readonly warmups: number;
  readonly rounds: number;
  /** Called before each run, for progress output. */
  readonly onRun?: (label: string, phase: 'warm-up' | 'timed') => void;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nanoseconds one call of `run` takes. */
export const timeOnce = (run: () => void): number => {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0);
};

export const measureAll = (workloads: readonly Workload[], opts: MeasureOptions): Timing[] => {
  for (let i = 0; i < opts.warmups; i++) {
    for (const w of workloads) {
      opts.onRun?.(w.label, 'warm-up');
      w.prepare(w.warmupOps)();
    }
  }
  const samples = workloads.map(() => [] as number[]);
  for (let r = 0; r < opts.rounds; r++) {
    workloads.forEach((w, i) => {
      opts.onRun?.(w.label, 'timed');
      samples[i].push(timeOnce(w.prepare(w.ops)) / w.ops);
    });
  }
  return workloads.map((w, i) => ({
    label: w.label,
    ops: w.ops,
    nsPerOp: median(samples[i]),
    minNsPerOp: Math.min(...samples[i]),
    maxNsPerOp: Math.max(...samples[i]),
    rounds: opts.rounds,
  }));
};
