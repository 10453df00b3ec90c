// Standard output for commands that print a line per op: lines are gathered into chunks of
// about 64 KiB and written as such, so a 10^6-op trace prints at the speed of the pipe and
// holds one chunk in memory, never the whole text. A reader that closes the pipe early
// (`dipc-spec replay f | head`) ends the command quietly.
const CHUNK = 64 * 1024;

let quietOnEpipe = false;
const onStdoutError = (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
};

export interface LineWriter {
  line(s: string): void;
  flush(): void;
}

/** Lines to `write` (stdout by default), in chunks; call flush() before anything else prints. */
export const lineWriter = (write: (s: string) => void = (s) => process.stdout.write(s)): LineWriter => {
  if (!quietOnEpipe) {
    quietOnEpipe = true;
    process.stdout.on('error', onStdoutError);
  }
  let buf: string[] = [];
  let size = 0;
  const flush = () => {
    if (buf.length === 0) return;
    write(`${buf.join('\n')}\n`);
    buf = [];
    size = 0;
  };
  return {
    line: (s) => {
      buf.push(s);
      size += s.length + 1;
      if (size >= CHUNK) flush();
    },
    flush,
  };
};
