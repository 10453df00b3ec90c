// `--html [FILE]` (run, replay): where a page goes. No value or `-` is standard output (the
// text the command prints then goes to stderr, so stdout holds the page alone); a file is
// written whole or not at all. A directory is refused before anything runs.
import { statSync } from 'node:fs';
import { UsageError } from './options';
import { writeTextAtomically } from './report';

/** What commander gives for `--html [file]`: absent, true (no value) or the value. */
export type HtmlOption = string | boolean | undefined;

export const htmlToStdout = (o: HtmlOption): boolean => o === true || o === '-';

/** Refuse a target that cannot be written as a file, before the run. */
export const checkHtmlTarget = (o: HtmlOption): void => {
  if (typeof o !== 'string' || o === '-') return;
  if (o.trim() === '') throw new UsageError('--html: expected a file name (or - for standard output)');
  let dir = false;
  try {
    dir = statSync(o).isDirectory();
  } catch {
    dir = false;
  }
  if (dir) throw new UsageError(`--html: '${o}' is a directory, expected a file name`);
};

/** Write the page where the option says; returns a line saying where, or null for stdout. */
export const writeHtml = (o: HtmlOption, html: string): string | null => {
  if (o === undefined || o === false) return null;
  if (htmlToStdout(o)) {
    process.stdout.write(html);
    return null;
  }
  writeTextAtomically(o as string, html);
  return `page written to ${o as string}`;
};
