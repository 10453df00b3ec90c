// `dipc-spec mutants`: the kill matrix and how fast each mutant falls, with small budgets.
import { execFile } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { killMatrix, mutantProperties, runMutant } from '../cli/mutants';
import { PROPERTIES } from '../properties/catalogue';
import { EVERY_MUTANT } from '../machines/registry';
import { TEST_SEED } from './budget';

const mutant = (id: string) => {
  const m = EVERY_MUTANT.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no mutant ${id}`);
  return m;
};

const cli = (args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['bin/dipc-spec.mjs', ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
    );
  });

describe(`mutants (seed ${TEST_SEED})`, () => {
  test("a mutant's properties: its declared targets first, then the rest of its layer", () => {
    for (const m of EVERY_MUTANT) {
      const ids = mutantProperties(m).map((x) => x.prop.id);
      expect(ids.slice(0, m.targets.length)).toEqual([...m.targets]);
      expect([...ids].sort()).toEqual(PROPERTIES.filter((p) => p.layer === m.layer).map((p) => p.id).sort());
      expect(mutantProperties(m).every((x) => x.target === m.targets.includes(x.prop.id))).toBe(true);
    }
  });

  test('ret-keeps-sp: killed by its target REF; time, scenarios and trace length of the first failure; budgets', () => {
    const r = runMutant(mutant('ret-keeps-sp'), { seed: TEST_SEED, runs: 300, otherRuns: 5 });
    expect(r.killed).toBe(true);
    expect(r.firstKilledBy).toBe('REF');
    expect(r.killedBy).toContain('REF');
    const ref = r.properties[0];
    expect(ref).toMatchObject({ property: 'REF', target: true, budget: 300, killed: true });
    expect(r.scenariosToFailure).toBe(ref.scenariosToFailure);
    expect(r.shrunkLength).toBe(ref.shrunkLength);
    expect(r.shrunkLength).toBeGreaterThan(0);
    expect(r.timeToFailureMs).toBeGreaterThanOrEqual(0);
    expect(r.timeToFailureMs).toBeLessThanOrEqual(r.timeMs);
    for (const c of r.properties.slice(1)) {
      expect(c.budget).toBe(5);
      expect(c.runs).toBeLessThanOrEqual(5);
    }
    expect(r.targetsMissed).toEqual([]);
    const matrix = killMatrix([r]);
    expect(matrix).toMatch(/ret-keeps-sp +(\S+ +){6}\[x\]/);
  });

  test('a mutant that survives its budget: killed false, the scenarios it took count toward the next kill', () => {
    // C2 needs 35 scenarios to kill call-ignores-alignment at this seed; REF kills it on the same scenario.
    const r = runMutant(mutant('call-ignores-alignment'), { seed: TEST_SEED, runs: 10, otherRuns: 0 });
    expect(r).toMatchObject({ killed: false, killedBy: [], timeToFailureMs: null, scenariosToFailure: null, shrunkLength: null, targetsMissed: ['C2'] });
    expect(r.properties.map((c) => c.property)).toEqual(['C2']);
    expect(killMatrix([r])).toContain('survived');
  });

  test('--json prints the JSON object alone on stdout (progress on stderr); exit 1 when a mutant survives', async () => {
    // ret-keeps-sp falls to REF at scenario 6; call-ignores-alignment needs 35 scenarios of C2, more than 20.
    const r = await cli(['mutants', '--json', '--only-mutant', 'ret-keeps-sp', 'call-ignores-alignment', '--runs', '20', '--other-runs', '0']);
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    // In the registry's order.
    expect(j.mutants.map((m: { id: string }) => m.id)).toEqual(['call-ignores-alignment', 'ret-keeps-sp']);
    const [survived, killed] = j.mutants;
    expect(killed).toMatchObject({ killed: true, killedBy: ['REF'] });
    for (const k of ['timeToFailureMs', 'scenariosToFailure', 'shrunkLength']) expect(typeof killed[k], k).toBe('number');
    expect(survived).toMatchObject({ killed: false, killedBy: [], timeToFailureMs: null, scenariosToFailure: null, shrunkLength: null });
    expect(r.stderr).toContain('ret-keeps-sp × REF (target): killed after');
    expect(r.stderr).toContain('1 of 2 mutants killed');
  }, 60_000);
});
