// Where `check` runs its properties: in a worker thread (the command line: the main thread
// stays free for Ctrl-C and the progress display while the worker checks scenarios), or in
// this thread (tests). Both run `runOn` with the same settings and the same stop flag.
import { Worker } from 'node:worker_threads';
import { propertyById } from '../properties/catalogue';
import type { PropertyReport } from '../properties/runner';
import { runOn } from '../machines/registry';
import type { StopFlag } from './interrupt';
import type { Shard } from './options';

export interface RunSettings {
  readonly machine: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly maxOps?: number;
  readonly shard?: Shard;
}

export interface PropertyExecutor {
  /** Run property `id` on the settings' machine; null when the machine has no such layer. */
  run(id: string, onProgress: (runsDone: number) => void): Promise<PropertyReport | null>;
  close(): Promise<void>;
}

/** How many of `runs` scenarios a shard checks: k in [0, runs) with k % n = i - 1. */
export const shardRuns = (runs: number, shard: Shard | undefined): number =>
  shard === undefined ? runs : Math.max(0, Math.ceil((runs - (shard.index - 1)) / shard.count));

/** Run one property in this thread (what the worker does for each request). */
export const runInThisThread = (s: RunSettings, stop: StopFlag, id: string, onProgress: (runsDone: number) => void): PropertyReport | null => {
  const prop = propertyById(id);
  if (prop === undefined) throw new Error(`no property ${id}`);
  return runOn(prop, s.machine, { seed: s.seed, numRuns: s.numRuns, maxOps: s.maxOps, shard: s.shard, onProgress, shouldStop: () => stop.stopped });
};

export const inProcessExecutor = (s: RunSettings, stop: StopFlag): PropertyExecutor => ({
  run: async (id, onProgress) => {
    // Let pending events (a Ctrl-C) in between properties.
    await new Promise((resolve) => setImmediate(resolve));
    return runInThisThread(s, stop, id, onProgress);
  },
  close: async () => {},
});

/** What the worker posts back: progress (throttled) and the report when a property is done. */
export type WorkerMessage = { readonly progress: number } | { readonly done: PropertyReport | null };

export const workerExecutor = (s: RunSettings, stop: StopFlag): PropertyExecutor => {
  let worker: Worker | null = null;
  let pending: { resolve: (r: PropertyReport | null) => void; reject: (e: unknown) => void; onProgress: (n: number) => void } | null = null;
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
    run: (id, onProgress) =>
      new Promise((resolve, reject) => {
        worker ??= start();
        pending = { resolve, reject, onProgress };
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
