// Every property of the catalogue holds on the shipped impl over generated scenarios.
import { describe, expect, test } from 'vitest';
import { failureBlock } from '../cli/report';
import { PROPERTIES, propertyById } from '../properties/catalogue';
import { formatStats } from '../properties/stats';
import { runOn } from '../refinement/registry';
import { DIPC_COVERAGE_RUNS, DIPC_MIN_SHARES, PROPERTY_RUNS, TEST_SEED } from './budget';

describe(`properties on impl (seed ${TEST_SEED})`, () => {
  for (const prop of PROPERTIES) {
    test(`${prop.id}: ${prop.title}`, () => {
      const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns: PROPERTY_RUNS });
      if (r === null) throw new Error(`no impl for layer ${prop.layer}`);
      console.log(`${prop.id}: seed ${r.seed}, ${r.runs} scenarios, ${r.ops} ops, ${r.timeMs} ms`);
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
      expect(r.runs).toBe(PROPERTY_RUNS);
    });
  }

  // A generator that never reaches the interesting cases would let the properties pass
  // vacuously: every op kind must both succeed and fault in a run (except the ones whose
  // only fault is an unrunnable ip, and `fault`, which always faults).
  test('generator coverage (CODOMs): every op kind succeeds and faults', () => {
    const prop = propertyById('C1');
    if (prop === undefined) throw new Error('C1 missing');
    const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns: PROPERTY_RUNS });
    if (r === null) throw new Error('no impl');
    console.log(['op outcomes:', ...formatStats(r.stats)].join('\n  '));
    const neverFault = new Set(['schedule', 'li', 'mov', 'cap_clear']);
    for (const [name, c] of Object.entries(r.stats)) {
      if (name !== 'fault') expect(c.ok, `${name} never succeeded`).toBeGreaterThan(5);
      if (!neverFault.has(name)) expect(c.fault, `${name} never faulted`).toBeGreaterThan(0);
    }
  });

  // The dIPC generator must reach what unwinding and time-outs are about, in a share of the
  // scenarios (issue 4): otherwise UNW and TMO would pass vacuously.
  test('generator coverage (dIPC): calls, nesting, kills, crashes and time-outs are reached', () => {
    const prop = propertyById('UNW');
    if (prop === undefined) throw new Error('UNW missing');
    const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns: DIPC_COVERAGE_RUNS });
    if (r === null) throw new Error('no impl');
    const share = (e: string) => (r.events[e] ?? 0) / r.runs;
    console.log(['dIPC events (share of scenarios):', ...Object.entries(r.events).sort().map(([e, n]) => `${e}: ${((100 * n) / r.runs).toFixed(1)}%`)].join('\n  '));
    for (const [event, min] of Object.entries(DIPC_MIN_SHARES)) expect(share(event), `${event} in ${(100 * share(event)).toFixed(1)}% of scenarios`).toBeGreaterThanOrEqual(min);
  });

  // Every Table 2 call must both succeed and be refused in a run of the dIPC generator.
  test('generator coverage (dIPC): every system call succeeds and is refused', () => {
    const prop = propertyById('REF.dipc');
    if (prop === undefined) throw new Error('REF.dipc missing');
    const r = runOn(prop, 'impl', { seed: TEST_SEED, numRuns: PROPERTY_RUNS });
    if (r === null) throw new Error('no impl');
    console.log(['dIPC op outcomes:', ...formatStats(r.stats)].join('\n  '));
    const neverRefused = new Set(['dom_default', 'exec']);
    for (const name of ['dom_default', 'dom_create', 'dom_copy', 'dom_mmap', 'dom_remap', 'grant_create', 'grant_revoke', 'entry_register', 'entry_request', 'handle_send', 'spawn', 'thread_create', 'fork', 'exec']) {
      const c = r.stats[name] ?? { ok: 0, error: 0 };
      expect(c.ok, `${name} never succeeded`).toBeGreaterThan(0);
      if (!neverRefused.has(name)) expect(c.error ?? 0, `${name} never refused`).toBeGreaterThan(0);
    }
  });
});
