// Ctrl-C during `check`: the first one asks the run to stop (the running property stops
// before its next scenario, the rest are not started, and what finished is reported); the
// second quits at once. The flag lives in shared memory so the worker thread that runs the
// properties sees it between scenarios while the main thread stays free to take the signal.

/** A stop request, readable from any thread that holds its buffer. */
export class StopFlag {
  private readonly cell: Int32Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(buffer);
  }
  stop(): void {
    Atomics.store(this.cell, 0, 1);
  }
  get stopped(): boolean {
    return Atomics.load(this.cell, 0) === 1;
  }
}

/** The exit code of a run stopped by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;

/** Take SIGINT for the duration of a run: the first sets `flag`, the second exits 130. Returns the uninstaller. */
export const stopOnSigint = (flag: StopFlag): (() => void) => {
  const handler = () => {
    if (flag.stopped) process.exit(INTERRUPTED_EXIT);
    flag.stop();
    process.stderr.write('\ndipc-spec: interrupted, stopping after the current scenario (Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGINT', handler);
  };
};
