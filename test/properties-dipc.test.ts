// Every dIPC-layer property holds on the shipped impl over generated scenarios.
import { describe, expect, test } from 'vitest';
import { formatEvents, formatStats } from '../properties/stats';
import { DIPC_MIN_SHARES, DIPC_PROPERTY_RUNS, TEST_SEED } from './budget';
import { PROPERTIES, SECURITY_PROPERTIES } from '../properties/catalogue';
import { implReport, propertyTestsFor } from './support/impl-reports';

describe(`dIPC properties on impl (seed ${TEST_SEED})`, () => {
  propertyTestsFor(PROPERTIES.filter((p) => p.layer === 'dipc' && !SECURITY_PROPERTIES.includes(p)), DIPC_PROPERTY_RUNS, test);

  // The dIPC generator must reach what unwinding and time-outs are about, in a share of the
  // scenarios (issue 4): otherwise UNW and TMO would pass vacuously.
  test('generator coverage (dIPC): calls, nesting, kills, crashes and time-outs are reached', () => {
    const r = implReport('UNW', DIPC_PROPERTY_RUNS);
    const share = (e: string) => (r.events[e] ?? 0) / r.runs;
    console.log(formatEvents(r).join('\n'));
    for (const [event, min] of Object.entries(DIPC_MIN_SHARES)) expect(share(event), `${event} in ${(100 * share(event)).toFixed(1)}% of scenarios`).toBeGreaterThanOrEqual(min);
  });

  // Every Table 2 call must both succeed and be refused in a run of the dIPC generator.
  test('generator coverage (dIPC): every system call succeeds and is refused', () => {
    const r = implReport('REF.dipc', DIPC_PROPERTY_RUNS);
    console.log(['dIPC op outcomes:', ...formatStats(r.stats)].join('\n  '));
    const neverRefused = new Set(['dom_default', 'exec']);
    for (const name of ['dom_default', 'dom_create', 'dom_copy', 'dom_mmap', 'dom_remap', 'grant_create', 'grant_revoke', 'entry_register', 'entry_request', 'handle_send', 'spawn', 'thread_create', 'fork', 'exec']) {
      const c = r.stats[name] ?? { ok: 0, error: 0 };
      expect(c.ok, `${name} never succeeded`).toBeGreaterThan(0);
      if (!neverRefused.has(name)) expect(c.error ?? 0, `${name} never refused`).toBeGreaterThan(0);
    }
  });
});
