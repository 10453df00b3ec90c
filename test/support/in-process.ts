// Running a command's function in this process as bin/dipc-spec.mjs would: its exit code
// (a UsageError is 2 with its one line on stderr, any other throw is 3, an internal error)
// and what it printed. Much cheaper than spawning the command (no tsx start-up).
import { vi } from 'vitest';
import { InputError, UsageError } from '../../cli/options';

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const inProcess = async (f: () => number | Promise<number>): Promise<InProcessRun> => {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    stdout += `${a.join(' ')}\n`;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    return { code: await f(), stdout, stderr };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout, stderr: `${stderr}dipc-spec: ${e.message}\n${e instanceof InputError ? '' : 'see: dipc-spec --help\n'}` };
    return { code: 3, stdout, stderr: `${stderr}dipc-spec: internal error: ${e instanceof Error ? e.stack : String(e)}\n` };
  } finally {
    out.mockRestore();
    log.mockRestore();
    err.mockRestore();
  }
};
