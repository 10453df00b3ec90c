// Output paths of every command (`--json`, `--junit`, `--out`, `--out-dir`, `--witness-dir`
// ...): checked before the run starts, written whole or not at all, and never lost. The
// rules, for every command that writes (docs/cli.md "Output paths"):
//  1. preflight: before any work, each path is checked (not empty or blank, no stray spaces
//     around it, not a folder where a file is meant or a file where a folder is, its folder
//     writable, two outputs never the same) by writing and removing a probe file in the
//     nearest folder that exists; a bad one is a UsageError (one line naming the flag, exit
//     2) and nothing is created;
//  2. `-` means standard output, for a file output that allows it (the human-readable lines
//     then go to standard error), and for at most one output;
//  3. writes are atomic (a temporary file next to the target, then a rename; the temporary
//     file is removed if the write fails);
//  4. if a write still fails at the end (the disk filled, the folder went away), the text is
//     printed on standard output after a line on standard error saying where it could not be
//     written, and the command ends with OUTPUT_NOT_WRITTEN_EXIT: the results are never lost.
import { closeSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './options';

/** Exit code of a run that finished and printed its results but could not write an output file. */
export const OUTPUT_NOT_WRITTEN_EXIT = 4;

/** The name that means standard output. */
export const STDOUT = '-';

export interface OutputTarget {
  /** The flag that named it (`--json`), for messages. */
  readonly flag: string;
  readonly path: string;
  readonly kind: 'file' | 'folder';
  /** May it be `-` (standard output)? Only file outputs. */
  readonly stdoutAllowed?: boolean;
}

const what = (kind: OutputTarget['kind']) => (kind === 'file' ? 'a file name' : 'a folder name');

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such folder, or files cannot be made there',
  ENOSPC: 'no space left',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'something else is already there',
  EISDIR: 'is a folder',
};

/** An fs error in a few words, with its code: "permission denied, EACCES". */
const errCode = (e: unknown): string => {
  const code = (e as { code?: string }).code;
  return code === undefined ? (e instanceof Error ? e.message : String(e)) : WORDS[code] === undefined ? code : `${WORDS[code]}, ${code}`;
};

const statOf = (p: string): 'file' | 'folder' | 'none' => {
  try {
    return statSync(p).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
};

/** The nearest folder that exists on the way to `p` (p itself if it is one), or a reason why there is none. */
const nearestFolder = (p: string): { folder: string } | { blocked: string } => {
  let cur = resolve(p);
  for (;;) {
    const s = statOf(cur);
    if (s === 'folder') return { folder: cur };
    if (s === 'file') return { blocked: cur };
    const up = dirname(cur);
    if (up === cur) return { blocked: cur };
    cur = up;
  }
};

/** Can a file be created in `folder`? Tried for real (permissions, read-only mounts, root alike), then removed. */
const probe = (folder: string): string | null => {
  const f = join(folder, `.dipc-spec-probe-${process.pid}`);
  try {
    closeSync(openSync(f, 'wx'));
    unlinkSync(f);
    return null;
  } catch (e) {
    return errCode(e);
  }
};

/** Check one output path; the reason it cannot be written, or null. */
export const outputProblem = (t: OutputTarget): string | null => {
  const p = t.path;
  if (p.trim() === '') return `expected ${what(t.kind)}, got ${JSON.stringify(p)}`;
  if (p !== p.trim()) return `${JSON.stringify(p)} starts or ends with a space; expected ${what(t.kind)} without`;
  if (p === STDOUT) return t.stdoutAllowed === true ? null : `'-' (standard output) is not ${what(t.kind)} here`;
  const s = statOf(p);
  if (t.kind === 'file' && s === 'folder') return `'${p}' is a directory, expected a file name`;
  if (t.kind === 'folder' && s === 'file') return `'${p}' is a file, expected a folder`;
  const near = nearestFolder(t.kind === 'folder' && s === 'folder' ? p : dirname(resolve(p)));
  if ('blocked' in near) return `cannot write '${p}': '${near.blocked}' is not a folder`;
  const why = probe(near.folder);
  return why === null ? null : `cannot write '${p}' (${why} in ${near.folder})`;
};

/**
 * Check every output path before a run: throws a UsageError naming the first bad one's
 * flag. Also refuses two outputs at the same place (or two on standard output).
 */
export const preflightOutputs = (targets: readonly (OutputTarget | null | undefined)[]): void => {
  const given = targets.filter((t): t is OutputTarget => t != null);
  for (const t of given) {
    const problem = outputProblem(t);
    if (problem !== null) throw new UsageError(`${t.flag}: ${problem}`);
  }
  for (let i = 0; i < given.length; i++)
    for (let j = i + 1; j < given.length; j++) {
      const [a, b] = [given[i], given[j]];
      const same = a.path === STDOUT || b.path === STDOUT ? a.path === b.path : resolve(a.path) === resolve(b.path);
      if (same) throw new UsageError(`${b.flag}: '${b.path}' is also where ${a.flag} writes; give each output its own place`);
    }
};

/** Is any of these outputs standard output? (Then the human-readable lines go to standard error.) */
export const anyToStdout = (targets: readonly (OutputTarget | null | undefined)[]): boolean => targets.some((t) => t?.path === STDOUT);

/** Write a file whole or not at all: a temporary file next to it, then a rename; the temporary file never stays. */
export const writeTextAtomically = (file: string, text: string): void => {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // It was never made.
    }
    throw e;
  }
};

/**
 * Write an output at the end of a run: to standard output for `-`, else atomically to its
 * file; if that fails, to standard output (or `fallback`, when standard output is taken by
 * another output) after a line on standard error naming the flag, the file and why. Returns whether the file was written where it was asked.
 */
export const writeOutput = (t: OutputTarget, text: string, fallback: 'stdout' | 'stderr' = 'stdout'): boolean => {
  if (t.path === STDOUT) {
    process.stdout.write(text);
    return true;
  }
  try {
    writeTextAtomically(t.path, text);
    return true;
  } catch (e) {
    process.stderr.write(`dipc-spec: ${t.flag}: could not write '${t.path}' (${errCode(e)}); it follows on standard ${fallback === 'stdout' ? 'output' : 'error'}\n`);
    (fallback === 'stdout' ? process.stdout : process.stderr).write(text.endsWith('\n') ? text : `${text}\n`);
    return false;
  }
};
