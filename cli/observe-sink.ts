// Where `check --observe` lines go: appended to a temporary file beside the target as they
// arrive (so a long run keeps none of them in memory), renamed over the target when the run
// ends, interrupted or not. A run that dies of an internal error leaves the target as it was.
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ObservationSink {
  readonly add: (lines: readonly string[]) => void;
  /** Rename the lines into place (an empty file when none came) when `keep`, else remove them (the run failed). */
  readonly close: (keep: boolean) => void;
  readonly count: () => number;
}

export const observationSink = (file: string): ObservationSink => {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, '');
  let n = 0;
  let closed = false;
  return {
    add: (lines) => {
      if (closed || lines.length === 0) return;
      appendFileSync(tmp, `${lines.join('\n')}\n`);
      n += lines.length;
    },
    close: (keep) => {
      if (closed) return;
      closed = true;
      if (!keep) {
        rmSync(tmp, { force: true });
        return;
      }
      try {
        renameSync(tmp, file);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
    },
    count: () => n,
  };
};
