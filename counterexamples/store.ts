// Reading and writing counterexample files. Writes are atomic (temp file, then rename), so
// an interrupted run never leaves half a file; reads decode and name the bad field.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LayerName } from '../alphabet/layered';
import { type CounterexampleFile, decodeCounterexample } from './format';
import { readJsonFile } from './json-file';

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));

export const counterexamplePath = (dir: string, property: string, name: string): string => join(dir, property, `${name}.json`);

/** The text of a counterexample file, as written. */
export const counterexampleText = (cx: CounterexampleFile): string => `${JSON.stringify(cx, null, 2)}\n`;

/** Write one counterexample file atomically (temp file in the same folder, then rename). */
export const writeCounterexampleFile = (file: string, cx: CounterexampleFile): string => {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, counterexampleText(cx));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return file;
};

export const writeCounterexample = (dir: string, cx: CounterexampleFile): string =>
  writeCounterexampleFile(counterexamplePath(dir, cx.property, cx.name), cx);

/** Read and decode a counterexample file; Left is one line: the file, the JSON path of the bad field, what was expected and found. */
export const readCounterexample = (file: string, layerOf?: (property: string) => LayerName | undefined): E.Either<string, CounterexampleFile> =>
  E.mapLeft((msg: string) => `${file}: ${msg}`)(E.chain((raw: unknown) => decodeCounterexample(raw, layerOf))(readJsonFile(file)));

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
