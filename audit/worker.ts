// A worker thread of the audit (audit/executor.ts): runs the requests it is sent and posts
// back throttled progress and each result (or the error that stopped it).
import { parentPort } from 'node:worker_threads';
import { type AuditRequest, runRequest, type WorkerReply } from './executor';

const port = parentPort;
if (port === null) throw new Error('audit worker: not in a worker thread');
const post = (m: WorkerReply) => port.postMessage(m);

port.on('message', ({ id, req }: { id: number; req: AuditRequest }) => {
  let last = 0;
  let lastAt = 0;
  try {
    const result = runRequest(req, (done) => {
      // At most a few progress messages a second.
      const now = Date.now();
      if (done > last && now - lastAt >= 200) {
        last = done;
        lastAt = now;
        post({ id, progress: done });
      }
    });
    post({ id, result });
  } catch (e) {
    post({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
