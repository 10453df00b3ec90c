// Reading and writing counterexample files. Writes are atomic (temp file, then rename), so
// an interrupted run never leaves half a file; reads decode and name the bad field.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWith } from '../alphabet/decode';
import { type CounterexampleFile, CounterexampleFileC } from './format';

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

export const counterexamplePath = (dir: string, property: string, name: string): string => join(dir, property, `${name}.json`);

/** Write one counterexample file atomically (temp file in the same folder, then rename). */
export const writeCounterexampleFile = (file: string, cx: CounterexampleFile): string => {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(cx, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
};

export const writeCounterexample = (dir: string, cx: CounterexampleFile): string =>
  writeCounterexampleFile(counterexamplePath(dir, cx.property, cx.name), cx);

export const readCounterexample = (file: string): E.Either<string, CounterexampleFile> => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return E.left(`${file}: ${e instanceof SyntaxError ? `malformed JSON (${e.message})` : 'cannot be read'}`);
  }
  return E.mapLeft((msg: string) => `${file}: ${msg}`)(decodeWith(CounterexampleFileC, raw));
};

/** Every counterexample file under `dir`, sorted by path. */
export const listCounterexamples = (dir: string = CORPUS_DIR): string[] => {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const prop of readdirSync(dir, { withFileTypes: true })) {
    if (!prop.isDirectory()) continue;
    for (const f of readdirSync(join(dir, prop.name))) if (f.endsWith('.json')) out.push(join(dir, prop.name, f));
  }
  return out.sort();
};
