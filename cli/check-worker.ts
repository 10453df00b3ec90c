// The worker thread of `check` (cli/check-exec.ts): runs the properties it is asked for and
// posts back progress and reports; it reads the shared stop flag before every scenario.
import { parentPort, workerData } from 'node:worker_threads';
import { type RunSettings, runInThisThread, shardRuns, type WorkerMessage } from './check-exec';
import { StopFlag } from './interrupt';

const { settings, stop } = workerData as { settings: RunSettings; stop: SharedArrayBuffer };
const flag = new StopFlag(stop);
const port = parentPort;
if (port === null) throw new Error('check-worker: not in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

port.on('message', (m: { run: string }) => {
  // At most ~200 progress messages per property.
  const every = Math.max(1, Math.floor(shardRuns(settings.numRuns, settings.shard) / 200));
  let last = 0;
  const report = runInThisThread(
    settings,
    flag,
    m.run,
    (n) => {
      if (n - last >= every) {
        last = n;
        post({ progress: n });
      }
    },
    (lines) => post({ observations: lines }),
  );
  post({ done: report });
});
