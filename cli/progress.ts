// Progress display: a bar per suite on a terminal, plain lines otherwise (CI logs).
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(line: string): void;
}

export const startProgress = (label: string, total: number): Progress => {
  if (!process.stderr.isTTY) {
    return { update: () => {}, stop: (line) => process.stderr.write(`${line}\n`) };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(6)} [{bar}] {value}/{total} scenarios`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let last = 0;
  return {
    update: (done) => {
      // Redraw at most every 1% to keep the terminal cheap.
      if (done - last >= Math.max(1, total / 100) || done === total) {
        bar.update(done);
        last = done;
      }
    },
    stop: (line) => {
      bar.stop();
      process.stderr.write(`${line}\n`);
    },
  };
};
