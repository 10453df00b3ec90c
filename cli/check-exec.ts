// Where `check` runs its properties: in a worker thread (the command line: the main thread
// stays free for Ctrl-C and the progress display while the worker checks scenarios), or in
// this thread (tests). Both run `runOn` with the same settings and the same stop flag.
import { Worker } from 'node:worker_threads';
import { propertyById } from '../properties/catalogue';
import type { PropertyReport } from '../properties/runner';
import { runOn } from '../machines/registry';
import type { AnyScenario } from '../properties/runner';
import type { Verdict } from '../properties/types';
import { counterexampleObservation, type ObservedRun, scenarioObservation } from './observe';
import type { StopFlag } from './interrupt';
import type { Shard } from './options';
import type { StrategyId } from '../gen/strategies';

export interface RunSettings {
  readonly machine: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly maxOps?: number;
  readonly shard?: Shard;
  /** Report an observation line per generated scenario (`check --observe`). */
  readonly observe?: boolean;
  /** The generation strategy (`--strategy`, gen/strategies.ts). */
  readonly strategy?: StrategyId;
}

/** Observation lines (JSON text), as they are made. */
export type OnObservations = (lines: readonly string[]) => void;

export interface PropertyExecutor {
  /** Run property `id` on the settings' machine; null when the machine has no such layer. */
  run(id: string, onProgress: (runsDone: number) => void, onObservations?: OnObservations): Promise<PropertyReport | null>;
  close(): Promise<void>;
}

/** How many of `runs` scenarios a shard checks: k in [0, runs) with k % n = i - 1. */
export const shardRuns = (runs: number, shard: Shard | undefined): number =>
  shard === undefined ? runs : Math.max(0, Math.ceil((runs - (shard.index - 1)) / shard.count));

/** Run one property in this thread (what the worker does for each request); with `observe`, hands over observation lines in batches. */
export const runInThisThread = (s: RunSettings, stop: StopFlag, id: string, onProgress: (runsDone: number) => void, onObservations?: OnObservations): PropertyReport | null => {
  const prop = propertyById(id);
  if (prop === undefined) throw new Error(`no property ${id}`);
  const observed: ObservedRun = {
    property: prop.id, layer: prop.layer, machine: s.machine, seed: s.seed, runStart: Date.now() / 1000,
    ...(s.shard === undefined ? {} : { shard: `${s.shard.index}/${s.shard.count}` }),
  };
  let batch: string[] = [];
  const flush = () => {
    if (batch.length > 0) onObservations?.(batch);
    batch = [];
  };
  const onChecked = s.observe === true && onObservations !== undefined
    ? (sc: AnyScenario, k: number, v: Verdict, ms: number) => {
        batch.push(JSON.stringify(scenarioObservation(observed, sc, k, v, ms)));
        if (batch.length >= 200) flush();
      }
    : undefined;
  const report = runOn(prop, s.machine, { seed: s.seed, numRuns: s.numRuns, maxOps: s.maxOps, shard: s.shard, strategy: s.strategy, onProgress, onChecked, shouldStop: () => stop.stopped });
  if (onChecked !== undefined && report?.counterexample != null) batch.push(JSON.stringify(counterexampleObservation(observed, report.counterexample)));
  flush();
  return report;
};

export const inProcessExecutor = (s: RunSettings, stop: StopFlag): PropertyExecutor => ({
  run: async (id, onProgress, onObservations) => {
    // Let pending events (a Ctrl-C) in between properties.
    await new Promise((resolve) => setImmediate(resolve));
    return runInThisThread(s, stop, id, onProgress, onObservations);
  },
  close: async () => {},
});

/** What the worker posts back: progress (throttled) and the report when a property is done. */
export type WorkerMessage = { readonly progress: number } | { readonly observations: readonly string[] } | { readonly done: PropertyReport | null };

export const workerExecutor = (s: RunSettings, stop: StopFlag): PropertyExecutor => {
  let worker: Worker | null = null;
  let pending: { resolve: (r: PropertyReport | null) => void; reject: (e: unknown) => void; onProgress: (n: number) => void; onObservations?: OnObservations } | null = null;
  const fail = (e: unknown) => {
    const p = pending;
    pending = null;
    p?.reject(e);
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: { settings: s, stop: stop.buffer } });
    w.on('message', (m: WorkerMessage) => {
      if (pending === null) return;
      if ('progress' in m) pending.onProgress(m.progress);
      else if ('observations' in m) pending.onObservations?.(m.observations);
      else {
        const p = pending;
        pending = null;
        p.resolve(m.done);
      }
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the property worker exited (code ${code})`)));
    return w;
  };
  return {
    run: (id, onProgress, onObservations) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        pending = { resolve, reject, onProgress, onObservations };
        worker.postMessage({ run: id });
      }),
    close: async () => {
      const w = worker;
      worker = null;
      pending = null;
      if (w !== null) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
};
