// The policy audit (audit/, docs/audit.md): the combinations and their dedup, the cost model,
// a small audit's report shape, witnesses that replay, and the command's bad flags.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ERR_REG } from '../alphabet/config';
import { effectivePolicy, ISOLATION_PROPS, type IsolationProp, REQUESTED_BY } from '../alphabet/policy';
import { audit, type AuditReport } from '../audit/api';
import { CALLEE_MAY, CALLER_MAY, combinationOf, enumerateCombinations, keyOf, keyString } from '../audit/combinations';
import { COST_SIGNATURE, roundTripCost } from '../audit/cost';
import { auditHtml, auditMarkdown } from '../audit/format';
import { auditPageData } from '../pages/audit-page';
import type { AuditPageData } from '../pages/data';
import { AuditOptionsC, decodeOptions, flagName, UsageError } from '../cli/options';
import { replayCounterexample } from '../counterexamples/replay';
import { readCounterexample } from '../counterexamples/store';
import { auditScenarioArb, inCombination, scenarioUnder } from '../gen/audit-scenario';
import { propertyById } from '../properties/catalogue';
import { checkOn } from '../machines/registry';
import { dipcSpecFactory } from '../refinement/dipc-spec-machine';
import { liveRegisters } from '../spec/transitions/dipc/stubs';
import { TEST_SEED } from './budget';

const combos = enumerateCombinations();
const subsets = (of: readonly IsolationProp[]) => Array.from({ length: 1 << of.length }, (_, m) => of.filter((_k, i) => (m >> i) & 1));
const PAIRS = subsets(CALLER_MAY).flatMap((caller) => subsets(CALLEE_MAY).map((callee) => ({ caller, callee })));

describe('combinations', () => {
  test('each side asks only for what it may; 1024 pairs make 192 combinations', () => {
    expect(CALLER_MAY).toEqual(ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'callee'));
    expect(CALLEE_MAY).toEqual(['regConf', 'stackConf', 'dcsConf', 'argCopy']);
    expect(PAIRS).toHaveLength(1024);
    // proxy: stackConf (2) x DCS none/int/conf (3); caller stub 2^3; callee stub 2^2.
    expect(combos).toHaveLength(192);
    expect(combos.reduce((a, c) => a + c.pairs, 0)).toBe(1024);
    expect(new Set(combos.map((c) => keyString(c.key))).size).toBe(192);
    expect(new Set(combos.map((c) => c.name)).size).toBe(192);
    combos.forEach((c, i) => {
      expect(c.index).toBe(i);
      expect(keyString(keyOf(c.caller, c.callee))).toBe(keyString(c.key));
      expect(c.effective).toEqual(effectivePolicy(c.callee, c.caller));
    });
  });

  test('every pair behaves as exactly one combination, and every effective policy of a pair is covered', () => {
    const count = new Map<number, number>();
    for (const p of PAIRS) {
      const c = combinationOf(combos, p.caller, p.callee);
      expect(c, JSON.stringify(p)).toBeDefined();
      count.set(c!.index, (count.get(c!.index) ?? 0) + 1);
      // Same proxy behaviour: the effective policy differs at most by dcsInt under dcsConf.
      const eff = effectivePolicy(p.callee, p.caller).filter((k) => !(k === 'dcsInt' && p.caller.concat(p.callee).includes('dcsConf')));
      expect(eff).toEqual(c!.effective.filter((k) => !(k === 'dcsInt' && c!.effective.includes('dcsConf'))));
    }
    for (const c of combos) expect(count.get(c.index)).toBe(c.pairs);
    // The 128 distinct effective policies (2^7) all occur among the pairs, and each maps to a combination.
    expect(new Set(PAIRS.map((p) => JSON.stringify(effectivePolicy(p.callee, p.caller)))).size).toBe(128);
  });

  test("paper Figure 5's Low and High are marked, once each", () => {
    const low = combos.filter((c) => c.paper === 'Low');
    const high = combos.filter((c) => c.paper === 'High');
    expect(low.map((c) => c.name)).toEqual(['caller-RI--callee-none']);
    expect(high).toHaveLength(1);
    // Every property each side may ask for; dcsInt does nothing under dcsConf, so the representative leaves it out.
    expect(high[0].effective).toEqual(ISOLATION_PROPS.filter((k) => k !== 'dcsInt'));
    expect(combinationOf(combos, CALLER_MAY, CALLEE_MAY)?.index).toBe(high[0].index);
    expect(high[0].key).toEqual({ proxy: ['stackConf', 'dcsConf'], callerStub: ['regInt', 'regConf', 'stackInt'], calleeStub: ['regConf', 'argCopy'] });
  });

  test('two pairs with the same key run identically (outputs and hardware state after every op)', () => {
    const groups = [
      { caller: ['stackConf'], callee: [] as IsolationProp[], other: { caller: [] as IsolationProp[], callee: ['stackConf'] as IsolationProp[] } },
      { caller: ['dcsInt', 'dcsConf'], callee: ['argCopy'], other: { caller: [], callee: ['dcsConf', 'argCopy'] } },
    ] as const;
    for (const g of groups) {
      expect(keyString(keyOf(g.caller, g.callee))).toBe(keyString(keyOf(g.other.caller, g.other.callee)));
      for (const side of ['caller', 'callee'] as const) {
        const scs = fc.sample(auditScenarioArb(side, { caller: g.caller, callee: g.callee }, 40), { seed: TEST_SEED, numRuns: 6 });
        for (const sc of scs) {
          const other = scenarioUnder(sc, g.other);
          const a = dipcSpecFactory.create(sc.config);
          const b = dipcSpecFactory.create(other.config);
          sc.ops.forEach((op, i) => {
            expect(a.step(op), `op ${i}`).toEqual(b.step(other.ops[i]));
            expect(a.abstract().hw, `op ${i}`).toEqual(b.abstract().hw);
          });
        }
      }
    }
  });
});

describe('cost of a round trip (measured on the spec)', () => {
  const live = liveRegisters(COST_SIGNATURE).length;
  test('no isolation: the call itself (buffer capability, return capability, process and TLS switches)', () => {
    expect(roundTripCost([], [])).toEqual({
      registersSaved: 0, registersZeroed: 0, wordsCopied: 0, dcsEntriesCopied: 0, capabilitiesCreated: 2, capabilitiesRevoked: 2,
      stackSwitches: 0, dcsSwitches: 0, dcsBaseChanges: 0, processSwitches: 2, tlsSwitches: 2,
    });
  });
  test("High: every stub and proxy property, as stubs.ts and proxy.ts do them", () => {
    const high = combos.find((c) => c.paper === 'High')!;
    expect(roundTripCost(high.caller, high.callee)).toEqual({
      registersSaved: live,
      // The caller stub zeroes r(inRegs)..r7, the callee stub r(outRegs)..r7.
      registersZeroed: ERR_REG + 1 - COST_SIGNATURE.inRegs + (ERR_REG + 1 - COST_SIGNATURE.outRegs),
      // In-stack words to the callee's stack, and each buffer copied by the callee stub.
      wordsCopied: COST_SIGNATURE.stackWords + 4 * COST_SIGNATURE.dcsArgs,
      dcsEntriesCopied: COST_SIGNATURE.dcsArgs,
      // Plus the two capabilities stack integrity narrows the stack to (dropped, not revoked, after the call).
      capabilitiesCreated: COST_SIGNATURE.dcsArgs + 1 + 2,
      capabilitiesRevoked: COST_SIGNATURE.dcsArgs + 1,
      stackSwitches: 2, dcsSwitches: 2, dcsBaseChanges: 0, processSwitches: 2, tlsSwitches: 2,
    });
  });
  test('DCS integrity alone raises and restores the base', () => {
    expect(roundTripCost(['dcsInt'], [])).toMatchObject({ dcsBaseChanges: 2, dcsSwitches: 0, dcsEntriesCopied: 0 });
    expect(roundTripCost([], ['argCopy'])).toMatchObject({ wordsCopied: 4 * COST_SIGNATURE.dcsArgs, stackSwitches: 0 });
  });
});

describe(`a small audit (seed ${TEST_SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dipc-audit-'));
  let report: AuditReport;
  const picked = (i: number) => i === 0 || combos[i].paper === 'High';

  test('runs and returns the JSON shape', async () => {
    report = await audit({ seed: TEST_SEED, runs: 12, maxOps: 40, only: (c) => picked(c.index), witnessDir: dir });
    const json = JSON.parse(JSON.stringify(report)) as AuditReport;
    expect(json.combinations).toHaveLength(2);
    for (const c of json.combinations) {
      expect(c).toMatchObject({ caller: expect.any(Array), callee: expect.any(Array), effective: expect.any(Array), cost: expect.any(Object) });
      expect(c.guarantees).toHaveLength(17);
      for (const g of c.guarantees) {
        expect(['caller', 'callee']).toContain(g.side);
        expect(typeof g.id).toBe('string');
        expect(typeof g.holds).toBe('boolean');
        expect(g.runs).toBeGreaterThan(0);
        if (g.holds) expect(g.witness).toBeNull();
        else expect(g.witness!.length).toBeGreaterThan(0);
      }
    }
    expect(auditMarkdown(report)).toContain('| 0 |  | - | - | - | 1 |');
  }, 60_000);

  test('the HTML page: self-contained, built from the report, each broken cell opening its witness at the failing step', () => {
    const html = auditHtml(report);
    expect(html).toContain(`content="default-src 'none'`);
    expect(html).not.toMatch(/<(script|img|iframe|link)\b[^>]*\b(src|href)=/i);
    const m = /<script type="application\/json" id="audit-data">(.*?)<\/script>/s.exec(html);
    const data = JSON.parse(m![1]) as AuditPageData;
    expect(data).toEqual(JSON.parse(JSON.stringify(auditPageData(report))));
    expect(data.combinations.map((c) => c.cells.length)).toEqual(report.combinations.map(() => 17));
    report.combinations.forEach((c, ci) =>
      c.guarantees.forEach((g, gi) => {
        const cell = data.combinations[ci].cells[gi];
        expect(cell.s).toBe(g.holds ? 'held' : 'broken');
        if (g.holds) return;
        const trace = data.traces.find((t) => t.id === cell.trace)!;
        expect(trace, `${c.name} ${g.id}`).toBeDefined();
        expect(trace.failing?.step).toBe(g.violation!.step);
        expect(trace.steps).toHaveLength(g.witness!.length);
        expect(trace.error).toBeUndefined();
      }),
    );
    // A cell an exhaustive search covered completely is "held exhaustively"; an incomplete search leaves it "held".
    const heldAt = report.combinations[0].guarantees.findIndex((g) => g.holds);
    const withSearch = (complete: boolean): AuditReport => ({
      ...report,
      combinations: report.combinations.map((c, ci) =>
        ci !== 0 ? c : { ...c, guarantees: c.guarantees.map((g, gi) => (gi === heldAt ? { ...g, exhaustive: { depth: 4, asked: 4, states: 1234, transitions: 5678, complete } } : g)) },
      ),
    });
    expect(auditPageData(withSearch(true)).combinations[0].cells[heldAt]).toMatchObject({ s: 'exhaustive', exhaustive: { depth: 4, complete: true } });
    expect(auditPageData(withSearch(true)).meta.exhaustive).toBe(1);
    expect(auditPageData(withSearch(false)).combinations[0].cells[heldAt].s).toBe('held');
  });

  test('the empty policy breaks the register guarantees; every witness replays on the impl and keeps its combination', () => {
    const none = report.combinations.find((c) => c.index === 0)!;
    const broken = none.guarantees.filter((g) => !g.holds);
    expect(broken.map((g) => `${g.side} ${g.id}`)).toEqual(expect.arrayContaining(['caller ARG-REG-INT', 'caller ARG-REG-CONF']));
    for (const g of broken) {
      expect(g.witnessFile, g.id).toBeDefined();
      expect(existsSync(g.witnessFile!)).toBe(true);
      const cx = readCounterexample(g.witnessFile!);
      if (E.isLeft(cx)) throw new Error(cx.left);
      const prop = propertyById(cx.right.property);
      expect(prop, cx.right.property).toBeDefined();
      expect(checkOn(prop!, { config: cx.right.config, ops: cx.right.trace } as never, 'impl')?.violation).not.toBeNull();
      expect(replayCounterexample(cx.right, prop!, checkOn).holds).toBe(true);
      expect(inCombination({ config: cx.right.config as never, ops: cx.right.trace }, g.side, none)).toBe(true);
    }
  });

  test('under High, the register and stack guarantees hold for the caller', () => {
    const high = report.combinations.find((c) => c.paper === 'High')!;
    for (const id of ['ARG-REG-INT', 'ARG-STACK-INT', 'ARG-REG-CONF', 'P3'])
      expect(high.guarantees.find((g) => g.side === 'caller' && g.id === id)?.holds, id).toBe(true);
  });
});

describe('bad flags: one line naming the flag, the usage hint, exit 2', () => {
  const cli = (args: readonly string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/dipc-spec.mjs', 'audit', ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
      );
    });
  test('spawned', async () => {
    const cases: [string[], string][] = [
      [['--format', 'xml'], '--format: expected md, json or html, got "xml"'],
      [['--only', 'Medium'], "--only: no combination 'Medium'"],
      [['--out', tmpdir()], `--out: '${tmpdir()}' is a directory`],
    ];
    const runs = await Promise.all(cases.map(([a]) => cli(a)));
    runs.forEach((r, i) => {
      const lines = r.stderr.trimEnd().split('\n');
      expect(r.code, r.stderr).toBe(2);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(cases[i][1]);
      expect(lines[1]).toBe('see: dipc-spec --help');
      expect(r.stdout).toBe('');
    });
  }, 60_000);
  test('in process', () => {
    const DEFAULTS = { format: 'md', runs: '100', seed: '1', maxOps: '80', machine: 'impl', witnessDir: 'audit-witnesses', witnesses: true, workers: '2', only: [], strategy: 'swarm' };
    const message = (raw: Record<string, unknown>) => {
      try {
        decodeOptions(AuditOptionsC, { ...DEFAULTS, ...raw }, flagName);
      } catch (e) {
        if (e instanceof UsageError) return e.message;
        throw e;
      }
      return 'no error';
    };
    expect(message({ runs: '0' })).toContain('--runs: expected runs (an integer from 1 to 1000000), got "0"');
    expect(message({ workers: 'two' })).toContain('--workers: expected workers');
    expect(message({ strategy: 'guided' })).toContain('--strategy: expected patterns or swarm, got "guided"');
    expect(message({ maxOps: '-3' })).toContain('--max-ops: expected max-ops');
    expect(message({ exhaustive: '0' })).toContain('--exhaustive: expected exhaustive');
    expect(message({ exhaustive: '2', exhaustiveMaxStates: 'many' })).toContain('--exhaustive-max-states: expected');
    expect(message({ exhaustive: '2' })).toBe('no error');
    expect(message({ witnessDir: '' })).toContain('--witness-dir: expected a file name');
    expect(message({ out: 'r.md', format: 'html' })).toBe('no error');
  });
});
