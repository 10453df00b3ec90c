// `explore --workers N` (issue 14 item 4): the same breadth-first search (exploreSteps), with
// each batch of frontier nodes split into N contiguous chunks expanded by N worker threads.
// The merge takes the expansions back in frontier order, so the result (states, transitions,
// levels, cuts, the violation and its trace) is the one the search in one thread gives,
// whatever N; only wall time changes (and a --time cut, which is never deterministic).
import { Worker } from 'node:worker_threads';
import { type Expansion, exploreSteps, type SearchInput, type SearchResult } from './search';
import type { DipcOp } from '../alphabet/dipc-ops';

/** Nodes per worker in one batch: enough to keep workers busy, few enough that a cut wastes little. */
const NODES_PER_WORKER = 8;

type Reply = { id: number; ok?: true; expansions?: Expansion[]; error?: string };

export const exploreParallel = async (inp: SearchInput, machine: string, workers: number): Promise<SearchResult> => {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('./worker.mjs', import.meta.url)));
  let nextId = 0;
  const ask = (w: Worker, msg: object): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        w.off('message', onMessage);
        w.off('error', reject);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m);
      };
      w.on('message', onMessage);
      w.on('error', reject);
      w.postMessage({ id, ...msg });
    });
  try {
    const init = { config: inp.config, domains: inp.domains, machine, properties: inp.properties.map((p) => p.id), checking: inp.checking ?? 'session' };
    await Promise.all(pool.map((w) => ask(w, { init })));
    const it = exploreSteps(inp, workers * NODES_PER_WORKER);
    let r = it.next([]);
    while (!r.done) {
      const traces: readonly (readonly DipcOp[])[] = r.value;
      const size = Math.ceil(traces.length / workers);
      const parts = await Promise.all(
        pool.map((w, k) => {
          const chunk = traces.slice(k * size, (k + 1) * size);
          return chunk.length === 0 ? Promise.resolve([] as Expansion[]) : ask(w, { traces: chunk }).then((m) => m.expansions ?? []);
        }),
      );
      r = it.next(parts.flat());
    }
    return r.value;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
};
