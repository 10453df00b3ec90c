// The issue-13 conditions as bench:gen reports them (bench/generators-verdict.ts), on made-up rows.
import { describe, expect, it } from 'vitest';
import type { TrialRow } from '../bench/generators-run';
import { verdict } from '../bench/generators-verdict';

const row = (mutant: string, property: string, strategy: 'patterns' | 'swarm', trial: number, status: TrialRow['status'], tests: number, timeMs: number): TrialRow =>
  ({ mutant, property, strategy, trial, seed: trial, status, tests, timeMs, shrunkLength: null });

describe('bench:gen verdicts', () => {
  const rows: TrialRow[] = [
    // m1: swarm 10x faster; its trial time is its fastest failing target's.
    row('m1', 'P1', 'patterns', 0, 'failed', 100, 1000), row('m1', 'P1', 'patterns', 1, 'failed', 100, 1000),
    row('m1', 'P1', 'swarm', 0, 'failed', 20, 200), row('m1', 'P2', 'swarm', 0, 'failed', 5, 100),
    row('m1', 'P1', 'swarm', 1, 'failed', 10, 100), row('m1', 'P2', 'swarm', 1, 'passed', 3000, 9000),
    // m2: swarm 3x slower in ms, 2x in scenarios; one swarm trial not killed.
    row('m2', 'P3', 'patterns', 0, 'failed', 2, 10), row('m2', 'P3', 'patterns', 1, 'failed', 2, 10),
    row('m2', 'P3', 'swarm', 0, 'failed', 4, 30), row('m2', 'P3', 'swarm', 1, 'timed_out', 4, 30),
  ];
  const v = verdict(rows, 'patterns', 'swarm');
  it('totals each mutant\'s median of its fastest failing target', () => {
    expect(v.totalRatio).toBeCloseTo(1010 / 130);
  });
  it('names mutants not killed in every trial, and the worst trial', () => {
    expect(v.notAlwaysKilled).toEqual(['m2']);
    expect(v.mutantsAlwaysKilled).toBe(1);
    expect(v.worstMutantMs).toBe(100);
  });
  it('reports medians more than 2x worse in ms and, apart, in scenarios', () => {
    expect(v.worseThan2x.map((c) => c.mutant)).toEqual(['m2']);
    expect(v.worseThan2xInTests).toEqual([]);
  });
});
