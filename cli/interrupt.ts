// Ctrl-C (SIGINT) and SIGTERM (what CI runners send) during a run: the first one asks the
// run to stop (the running property stops before its next scenario, the rest are not
// started, and what finished is reported and written); a second quits at once. The flag
// lives in shared memory so the worker thread that runs the properties sees it between
// scenarios while the main thread stays free to take the signal.

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
/** The exit code of a run stopped by SIGTERM (128 + SIGTERM). */
export const TERMINATED_EXIT = 143;

const EXIT_OF = { SIGINT: INTERRUPTED_EXIT, SIGTERM: TERMINATED_EXIT } as const;
export type StopSignal = keyof typeof EXIT_OF;

/** What stopped the run, once it has been stopped by a signal. */
export interface SignalStop {
  readonly signal: StopSignal | null;
  /** 130 after SIGINT, 143 after SIGTERM. */
  readonly exitCode: number;
}

/**
 * Take SIGINT and SIGTERM for the duration of a run: the first sets `flag`, the second exits
 * at once (130 or 143). Returns the uninstaller and what stopped the run.
 */
export const stopOnSignals = (flag: StopFlag): { uninstall: () => void; stoppedBy: () => SignalStop } => {
  let signal: StopSignal | null = null;
  const handler = (sig: StopSignal) => {
    if (flag.stopped) process.exit(EXIT_OF[sig]);
    signal = sig;
    flag.stop();
    const how = sig === 'SIGINT' ? 'interrupted' : 'terminated (SIGTERM)';
    process.stderr.write(`\ndipc-spec: ${how}, stopping after the current scenario (Ctrl-C or SIGTERM again to quit at once)\n`);
  };
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    uninstall: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
    stoppedBy: () => ({ signal, exitCode: signal === null ? INTERRUPTED_EXIT : EXIT_OF[signal] }),
  };
};

/** Take SIGINT for the duration of a run (kept for callers of the earlier API): see stopOnSignals. */
export const stopOnSigint = (flag: StopFlag): (() => void) => stopOnSignals(flag).uninstall;
