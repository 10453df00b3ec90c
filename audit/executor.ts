// Where the audit's jobs run: in this thread (tests, the library by default) or in a pool of
// worker threads (the command line: 2 on the 2-core machine). Each job is deterministic, so
// the report does not depend on which runs where or in what order jobs finish.
import { Worker } from 'node:worker_threads';
import { runSearch, type SearchJob, type SearchResult } from './search';
import { runWitnessTask, type WitnessResult, type WitnessTask } from './witness';
import { type ExhaustiveJob, type ExhaustiveResult, runExhaustive } from './exhaustive';

export type AuditRequest =
  | { readonly kind: 'search'; readonly job: SearchJob }
  | { readonly kind: 'witness'; readonly task: WitnessTask }
  | { readonly kind: 'exhaustive'; readonly job: ExhaustiveJob };
export type AuditResponse<R extends AuditRequest> = R extends { kind: 'search' } ? SearchResult : R extends { kind: 'exhaustive' } ? ExhaustiveResult : WitnessResult;
type AnyResult = SearchResult | WitnessResult | ExhaustiveResult;

/** What a worker posts: progress of request `id` (scenarios or cells done), its result, or its error. */
export type WorkerReply =
  | { readonly id: number; readonly progress: number }
  | { readonly id: number; readonly result: AnyResult }
  | { readonly id: number; readonly error: string };

export interface AuditExecutor {
  run<R extends AuditRequest>(req: R, onProgress: (done: number) => void): Promise<AuditResponse<R>>;
  close(): Promise<void>;
}

/** Run a request in this thread. */
export const runRequest = (req: AuditRequest, onProgress: (done: number) => void): AnyResult =>
  req.kind === 'search' ? runSearch(req.job, onProgress) : req.kind === 'exhaustive' ? runExhaustive(req.job, onProgress) : runWitnessTask(req.task, onProgress);

export const inProcessExecutor = (): AuditExecutor => ({
  run: async (req, onProgress) => {
    // Let pending events in between jobs.
    await new Promise((resolve) => setImmediate(resolve));
    return runRequest(req, onProgress) as never;
  },
  close: async () => {},
});

interface Pending {
  readonly resolve: (r: AnyResult) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress: (done: number) => void;
}

/** A pool of `size` worker threads; a request waits for a free one. */
export const workerExecutor = (size: number): AuditExecutor => {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: (() => void)[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;
  const start = (): Worker => {
    const w = new Worker(new URL('./worker.mjs', import.meta.url));
    w.on('message', (m: WorkerReply) => {
      const p = pending.get(m.id);
      if (p === undefined) return;
      if ('progress' in m) p.onProgress(m.progress);
      else {
        pending.delete(m.id);
        if ('error' in m) p.reject(new Error(m.error));
        else p.resolve(m.result);
      }
    });
    const fail = (e: unknown) => {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(e);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closed) fail(new Error(`an audit worker exited (code ${code})`));
    });
    all.push(w);
    return w;
  };
  const acquire = async (): Promise<Worker> => {
    for (;;) {
      const w = idle.pop() ?? (all.length < size ? start() : undefined);
      if (w !== undefined) return w;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const release = (w: Worker) => {
    idle.push(w);
    waiting.shift()?.();
  };
  return {
    run: async (req, onProgress) => {
      const w = await acquire();
      try {
        const id = nextId++;
        const result = await new Promise<AnyResult>((resolve, reject) => {
          pending.set(id, { resolve, reject, onProgress });
          w.postMessage({ id, req });
        });
        return result as never;
      } finally {
        release(w);
      }
    },
    close: async () => {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
};
