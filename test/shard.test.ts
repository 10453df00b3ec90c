// `check --shard i/n`: shard i checks scenario k of each property iff k % n === i - 1, and
// every shard generates scenario k from the seed and k alone, so the shards of a run check
// exactly the scenarios of the unsharded run between them, each once.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { propertyById } from '../properties/catalogue';
import type { AnyScenario } from '../properties/runner';
import { runOn } from '../machines/registry';
import { TEST_SEED } from './budget';

const hash = (sc: AnyScenario): string => createHash('sha256').update(JSON.stringify([sc.config, sc.ops])).digest('hex');

/** The scenarios a run checked, by index k, as hashes of config + ops; and its report. */
const scenariosOf = (id: string, numRuns: number, shard?: { index: number; count: number }) => {
  const prop = propertyById(id);
  if (prop === undefined) throw new Error(`no property ${id}`);
  const seen = new Map<number, string>();
  const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns, shard, onScenario: (sc, k) => seen.set(k, hash(sc)) });
  if (r === null) throw new Error('no impl');
  return { seen, r };
};

describe(`--shard (seed ${TEST_SEED})`, () => {
  for (const [id, runs, n] of [
    ['C1', 60, 2],
    ['TMO', 24, 2],
    ['TOTAL.dipc', 20, 3],
  ] as const) {
    test(`${id}: shards 1/${n}..${n}/${n} check exactly the ${runs} scenarios of the unsharded run`, () => {
      const whole = scenariosOf(id, runs);
      expect([...whole.seen.keys()]).toEqual([...Array(runs).keys()]);
      const shards = Array.from({ length: n }, (_, i) => scenariosOf(id, runs, { index: i + 1, count: n }));
      const union = new Map<number, string>();
      shards.forEach((s, i) => {
        for (const [k, h] of s.seen) {
          expect(k % n, `shard ${i + 1}/${n} checked scenario ${k}`).toBe(i);
          expect(union.has(k), `scenario ${k} checked twice`).toBe(false);
          union.set(k, h);
        }
        expect(s.r.runs).toBe(s.seen.size);
      });
      expect(new Map([...union].sort(([a], [b]) => a - b))).toEqual(whole.seen);
      // The reports add up: the same ops and the same events.
      expect(shards.reduce((a, s) => a + s.r.ops, 0)).toBe(whole.r.ops);
      const events: Record<string, number> = {};
      for (const s of shards) for (const [e, c] of Object.entries(s.r.events)) events[e] = (events[e] ?? 0) + c;
      expect(events).toEqual(whole.r.events);
      for (const s of shards) expect(s.r.result).toBe('pass');
    });
  }

  test('a shard that finds a failure names the scenario index of the unsharded run', () => {
    const prop = propertyById('C2');
    if (prop === undefined) throw new Error('no C2');
    const whole = runOn(prop, 'call-ignores-alignment', { seed: TEST_SEED, numRuns: 500 });
    expect(whole?.result).toBe('fail');
    const first = whole?.counterexample?.scenariosToFailure ?? 0;
    // The shard holding the unsharded run's first failing scenario finds that same scenario first.
    console.log(`C2 kills call-ignores-alignment at scenario ${first}`);
    const n = 3;
    const index = ((first - 1) % n) + 1;
    const sharded = runOn(prop, 'call-ignores-alignment', { seed: TEST_SEED, numRuns: 500, shard: { index, count: n } });
    expect(sharded?.result).toBe('fail');
    expect(sharded?.counterexample?.scenariosToFailure).toBe(first);
    expect(sharded?.runs).toBe(Math.floor((first - 1) / n) + 1);
  });
});
