// The minimiser (properties/minimize.ts) and `dipc-spec shrink`: 1-minimal results, no
// candidate tried twice, a hard call budget, and files rewritten atomically or left alone.
import * as E from 'fp-ts/lib/Either.js';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { UsageError } from '../cli/options';
import { runShrink } from '../cli/shrink';
import { minimalityWitness } from '../counterexamples/shrink';
import { CORPUS_DIR, readCounterexample } from '../counterexamples/store';
import { firstFailingCandidate, minimizeScenario, oneStepCandidates, smallerInts, violationKind } from '../properties/minimize';
import { propertyById } from '../properties/catalogue';
import { checkOn } from '../machines/registry';
import type { Config } from '../alphabet/config';
import type { Op } from '../alphabet/ops';

const config: Config = {
  wordsPerPage: 16,
  entryAlign: 4,
  numDomains: 2,
  numCpus: 1,
  dcsSize: 2,
  pages: [0, 1, 2].map((tag) => ({ mapped: true, tag, read: true, write: true, exec: true, priv: false, capStore: false })),
  apl: [],
  threads: [{ ip: 0, sp: 40, cpu: 0 }],
};
const li = (r: number, v: number): Op => ({ op: 'li', t: 0, r, v });

describe('minimiser', () => {
  test('smaller integers go toward 0: 0, half, v-1; for negatives 0 and v+1', () => {
    expect(smallerInts(10)).toEqual([0, 5, 9]);
    expect(smallerInts(2)).toEqual([0, 1]);
    expect(smallerInts(1)).toEqual([0]);
    expect(smallerInts(0)).toEqual([]);
    expect(smallerInts(-5)).toEqual([0, -4]);
  });

  test('reaches a 1-minimal scenario, never calling the predicate twice on one candidate', () => {
    const sc = { config, ops: [li(1, 9), li(2, 40), li(3, 7), li(4, 12)] };
    const seen = new Set<string>();
    let repeats = 0;
    // Fails while some li loads at least 6 and the machine has at least 2 pages.
    const fails = (s: typeof sc) => {
      const k = JSON.stringify(s);
      if (seen.has(k)) repeats++;
      seen.add(k);
      return s.config.pages.length >= 2 && s.ops.some((o) => o.op === 'li' && o.v >= 6);
    };
    const m = minimizeScenario(sc, 'codoms', fails);
    expect(repeats).toBe(0);
    expect(m.capped).toBe(false);
    expect(m.calls).toBe(seen.size);
    expect(m.scenario.ops).toEqual([li(0, 6)]);
    expect(m.scenario.config.pages.length).toBe(2);
    expect(m.scenario.config.threads).toEqual([]);
    expect(firstFailingCandidate(m.scenario, 'codoms', fails)).toBeNull();
  });

  test('stops at the call budget', () => {
    const m = minimizeScenario({ config, ops: [li(1, 1000), li(2, 1000)] }, 'codoms', () => true, 10);
    expect(m).toMatchObject({ calls: 10, capped: true });
  });

  test('every candidate decodes with the layer codec', () => {
    // wordsPerPage 1 and numCpus 1 are the codec minimum: 0 is never proposed.
    const sc = { config: { ...config, wordsPerPage: 1 }, ops: [li(0, 1)] };
    for (const c of oneStepCandidates(sc, 'codoms')) {
      expect(c.config.wordsPerPage).toBeGreaterThanOrEqual(1);
      expect(c.config.numCpus).toBeGreaterThanOrEqual(1);
    }
  });

  test('the kind of a violation ignores op arguments and numbers', () => {
    const v = (expected: string) => ({ step: 0, expected, observed: '' });
    expect(violationKind(v('α(impl) = spec after kill[p0]'))).toBe(violationKind(v('α(impl) = spec after kill[p3]')));
    expect(violationKind(v('load[t0 r0 <- page15+16] returns FAULT noAccess @0x40'))).toBe(violationKind(v('load[t1 r0 <- page1] returns FAULT noAccess @0x10')));
    expect(violationKind(v('α(impl) = spec after kill[p0]'))).not.toBe(violationKind(v('α(impl) = spec after timeout[t0]')));
    expect(violationKind(v('the machine boots'))).not.toBe(violationKind(v('α(impl) = spec at boot')));
  });
});

describe('dipc-spec shrink', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dipc-shrink-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = () => vi.spyOn(console, 'log').mockImplementation(() => {});

  test('rewrites a padded counterexample back to a 1-minimal one, keeping the other fields', () => {
    const src = join(CORPUS_DIR, 'C5', 'revoke-misses-grandchildren.json');
    const raw = JSON.parse(readFileSync(src, 'utf8'));
    const padded = { ...raw, trace: [{ op: 'li', t: 0, r: 3, v: 77 }, ...raw.trace, { op: 'fault', t: 0 }] };
    const file = join(dir, 'padded.json');
    writeFileSync(file, JSON.stringify(padded, null, 2));
    const log = quiet();
    expect(runShrink([file])).toBe(0);
    log.mockRestore();
    const out = readCounterexample(file);
    if (E.isLeft(out)) throw new Error(out.left);
    const cx = out.right;
    expect(cx.trace.length).toBeLessThan(padded.trace.length);
    expect(cx.trace).not.toContainEqual({ op: 'li', t: 0, r: 3, v: 77 });
    expect({ ...cx, trace: null, config: null, failingStep: null, expected: null, observed: null }).toEqual({
      ...padded,
      trace: null,
      config: null,
      failingStep: null,
      expected: null,
      observed: null,
    });
    expect(cx.failingStep).toBe(cx.trace.length - 1);
    expect(minimalityWitness(cx, propertyById(cx.property)!, checkOn)).toBeNull();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('refuses a paper scenario and leaves it alone', () => {
    const file = join(dir, 'paper.json');
    copyFileSync(join(CORPUS_DIR, 'UNW', 'paper-a-b-a-b-kill.json'), file);
    const before = readFileSync(file, 'utf8');
    expect(() => runShrink([file])).toThrow(/not a counterexample/);
    expect(() => runShrink([file])).toThrow(UsageError);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('names the bad field of a malformed file and changes nothing', () => {
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    copyFileSync(join(CORPUS_DIR, 'C5', 'revoke-misses-grandchildren.json'), good);
    const raw = JSON.parse(readFileSync(good, 'utf8'));
    raw.trace[1].len = 'x';
    writeFileSync(bad, JSON.stringify(raw));
    const before = [readFileSync(good, 'utf8'), readFileSync(bad, 'utf8')];
    expect(() => runShrink([good, bad])).toThrow(`${bad}: $.trace[1].len: expected an integer, got "x"`);
    expect([readFileSync(good, 'utf8'), readFileSync(bad, 'utf8')]).toEqual(before);
  });
});
