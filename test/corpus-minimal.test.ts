// Every stored counterexample (a file recording some machine as failing) is 1-minimal: no
// single op removal and no single one-step simplification of its arguments or config
// (properties/minimize.ts) still fails on its machine with the same kind of violation while
// its other recorded outcomes hold. Paper scenarios (all outcomes 'pass') are not checked.
import * as E from 'fp-ts/lib/Either.js';
import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { dipcOpToString } from '../alphabet/dipc-ops';
import { failingMachine, minimalityWitness, scenarioOf } from '../counterexamples/shrink';
import { CORPUS_DIR, listCounterexamples, readCounterexample } from '../counterexamples/store';
import { oneStepCandidates } from '../properties/minimize';
import { propertyById } from '../properties/catalogue';
import { checkOn } from '../machines/registry';

const corpus = listCounterexamples(CORPUS_DIR).map((file) => {
  const cx = readCounterexample(file);
  if (E.isLeft(cx)) throw new Error(cx.left);
  return { file, cx: cx.right };
});
const failing = corpus.filter(({ cx }) => failingMachine(cx) !== null);

describe('stored counterexamples are 1-minimal', () => {
  test('there are some', () => expect(failing.length).toBeGreaterThan(0));
  for (const { file, cx } of failing) {
    test(relative(CORPUS_DIR, file), () => {
      const prop = propertyById(cx.property);
      expect(prop).toBeDefined();
      if (prop === undefined) return;
      const witness = minimalityWitness(cx, prop, checkOn);
      const shown =
        witness === null
          ? null
          : `still fails: ${witness.ops.map((op) => dipcOpToString(op)).join('; ')}${JSON.stringify(witness.config) === JSON.stringify(cx.config) ? '' : ' (with a smaller config)'}; run npx dipc-spec shrink ${relative(process.cwd(), file)}`;
      expect(shown, `${oneStepCandidates(scenarioOf(cx), prop.layer).length} candidates`).toBeNull();
    });
  }
});
