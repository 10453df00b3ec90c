// Issue 5 item 4: a guarantee is conditional on the policy, and the suite shows that each
// condition is needed. Every finding (a guarantee with one condition dropped, '<id>~<dropped>')
// has a stored trace that breaks it on the impl; the corpus test replays it, and this test
// checks it is there, fails on the impl, and that the guarded property accepts the same trace
// (the condition, not the check, is what the trace violates).
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import { FINDINGS, propertyById } from '../properties/catalogue';
import type { DipcScenario } from '../gen/dipc-scenario';
import { checkOn } from '../machines/registry';

describe('findings: each dropped condition breaks its guarantee, with a stored trace', () => {
  for (const f of FINDINGS) {
    test(`${f.id}: ${f.note}`, () => {
      const file = counterexamplePath(CORPUS_DIR, f.id, 'finding');
      expect(existsSync(file), `${file} missing: run npx dipc-spec record-findings`).toBe(true);
      const cx = readCounterexample(file);
      if (E.isLeft(cx)) throw new Error(cx.left);
      const scenario: DipcScenario = { config: cx.right.config as DipcScenario['config'], ops: cx.right.trace as DipcScenario['ops'] };
      expect(checkOn(f, scenario, 'impl')?.violation, 'the finding trace breaks the guarantee on the impl').not.toBeNull();
      const guarded = propertyById(f.id.split('~')[0]);
      expect(guarded).toBeDefined();
      if (guarded !== undefined) expect(checkOn(guarded, scenario, 'impl')?.violation ?? null, `${guarded.id} itself accepts the trace`).toBeNull();
    });
  }
});
