// Reading a JSON file given on the command line: one line for every way it can go wrong
// (no such file, a folder, unreadable, too large, not UTF-8 JSON), and a UTF-8 byte-order
// mark accepted. Parsing never recurses into the value: JSON nested a million deep parses,
// and the decoders (alphabet/codec.ts) describe such a value without walking it.
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync, statSync } from 'node:fs';
import { fitLine } from '../alphabet/decode';

/** The largest file read (V8 cannot hold a string much longer than 512 MiB). */
export const MAX_JSON_FILE_BYTES = 500 * 2 ** 20;

const reason = (e: unknown): string => {
  const code = (e as { code?: string }).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, expected a file' : code ?? (e instanceof Error ? e.message : String(e));
};

/** The parsed contents of `file`, or one line (without the file name) saying what is wrong. */
export const readJsonFile = (file: string): E.Either<string, unknown> => {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return E.left('is a directory, expected a file');
    size = st.size;
  } catch (e) {
    return E.left((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR' ? 'no such file' : `cannot be read (${reason(e)})`);
  }
  if (size > MAX_JSON_FILE_BYTES) return E.left(`too large: ${Math.round(size / 2 ** 20)} MiB (at most ${MAX_JSON_FILE_BYTES / 2 ** 20} MiB)`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return E.left(`cannot be read (${reason(e)})`);
  }
  // A UTF-8 byte-order mark (some editors write one) is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return E.right(JSON.parse(text));
  } catch (e) {
    return E.left(fitLine(`malformed JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')})`, 160));
  }
};
