// The counterexample corpus is a regression suite: every stored trace replays with its
// recorded outcome on every machine it names.
import * as E from 'fp-ts/lib/Either.js';
import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { replayCounterexample } from '../counterexamples/replay';
import { CORPUS_DIR, listCounterexamples, readCounterexample } from '../counterexamples/store';
import { propertyById } from '../properties/catalogue';
import { checkOn } from '../machines/registry';

const files = listCounterexamples(CORPUS_DIR);

describe('counterexample corpus', () => {
  test('is not empty', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    test(`replays ${relative(CORPUS_DIR, file)}`, () => {
      const cx = readCounterexample(file);
      if (E.isLeft(cx)) throw new Error(cx.left);
      const prop = propertyById(cx.right.property);
      expect(prop).toBeDefined();
      if (prop === undefined) return;
      const r = replayCounterexample(cx.right, prop, checkOn);
      for (const c of r.checks) expect(`${c.machine}: ${c.actual}`).toBe(`${c.machine}: ${c.expected}`);
    });
  }
});
