// Coverage that says what was reached (issue 13 item 3, properties/reach.ts): an attack
// pattern's last step counts only when it executes in a state where its setup holds.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import { REACH } from '../properties/reach';
import type { AnyScenario } from '../properties/runner';

const stored = (file: string): AnyScenario => {
  const cx = JSON.parse(readFileSync(new URL(`../counterexamples/${file}`, import.meta.url), 'utf8')) as { config: never; trace: never[] };
  return { config: cx.config, ops: cx.trace };
};
const eventsOf = (id: string, sc: AnyScenario): readonly string[] => checkOn(propertyById(id)!, sc, 'impl')?.events ?? [];
const without = (sc: AnyScenario, i: number): AnyScenario => ({ config: sc.config, ops: sc.ops.filter((_, j) => j !== i) }) as AnyScenario;

describe('reach: the last step of an attack pattern, observed from the run', () => {
  test('a capability used after its root was revoked; not without the revocation, not the setup alone', () => {
    // create c0, derive c1, derive c2, revoke c0, then use c2 (revoke it).
    const sc = stored('C5/revoke-misses-grandchildren.json');
    expect(eventsOf('C5', sc)).toContain(REACH.revokedUse);
    expect(eventsOf('C5', without(sc, 3))).not.toContain(REACH.revokedUse);
    expect(eventsOf('C5', without(sc, 4))).not.toContain(REACH.revokedUse);
  });

  test('the return through the proxy after a time-out split; not when no time-out split the call', () => {
    const sc = stored('TMO/paper-split-late-return.json');
    expect(eventsOf('TMO', sc)).toContain(REACH.splitReturn);
    expect(eventsOf('TMO', without(sc, 1))).not.toContain(REACH.splitReturn);
  });
});
