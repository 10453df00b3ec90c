// audit --exhaustive K (issue 14 item 3, docs/audit.md "Exhaustive to depth K"): each class's
// small scope explored to depth K next to the random runs; a held cell carries what the
// search covered, and a guarantee the random runs missed but the search breaks is reported
// broken with the search's (minimised) shortest trace.
import { describe, expect, test } from 'vitest';
import { audit } from '../audit/api';
import { PAPER_POLICIES } from '../audit/combinations';
import { runExhaustive } from '../audit/exhaustive';
import { auditMarkdown } from '../audit/format';
import { GUARANTEES } from '../properties/security/guarantees';

const P1_CALLER = GUARANTEES.findIndex((g) => g.id === 'P1' && g.side === 'caller');
const LOW = { combo: 8, side: 'caller' as const, ...PAPER_POLICIES.Low };

describe('audit --exhaustive', () => {
  test('on the impl, Low caller side to depth 1: complete, nothing broken', () => {
    const held = GUARANTEES.flatMap((g, i) => (g.side === 'caller' ? [i] : []));
    const r = runExhaustive({ ...LOW, depth: 1, maxStates: 10_000, machine: 'impl', held });
    expect(r.complete).toBe(true);
    expect(r.depthExhausted).toBe(1);
    expect(r.states).toBeGreaterThan(10);
    expect(r.breaks).toEqual([]);
  });

  test('a machine that skips the process switch breaks P1 within two ops, found by the search alone', () => {
    const r = runExhaustive({ ...LOW, depth: 2, maxStates: 100_000, machine: 'process-switch-skipped', held: [P1_CALLER] });
    expect(r.breaks.map((b) => [b.guarantee, b.scenario.ops.length])).toEqual([[P1_CALLER, 2]]);
  }, 120_000);

  test('the report: every cell carries the class search; held cells say so', async () => {
    const report = await audit({ only: (c) => c.paper === 'Low', runs: 1, exhaustive: { depth: 1 }, workers: 0 });
    const cells = report.combinations.flatMap((c) => c.guarantees);
    expect(cells.length).toBe(GUARANTEES.length);
    for (const c of cells) expect(c.exhaustive, c.id).toMatchObject({ depth: 1, asked: 1, complete: true });
    expect(auditMarkdown(report)).toContain('held: exhaustive to depth 1 (');
  }, 120_000);
});
