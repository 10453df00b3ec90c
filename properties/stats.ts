// Statistics about what a run exercised, returned as values (and printed by reports), so a
// generator that never reaches the interesting cases is visible.
import { OP_NAMES } from '../alphabet/ops';
import type { Output } from '../alphabet/output';

export interface OutcomeCounts {
  ok: number;
  fault: number;
  skip: number;
  /** dIPC system calls refused by a precondition. */
  error?: number;
}
export type OpStats = Record<string, OutcomeCounts>;

export const emptyStats = (): OpStats => Object.fromEntries(OP_NAMES.map((n) => [n, { ok: 0, fault: 0, skip: 0 }]));

/** The name statistics use for an op: its kind, or the system call's name. */
const opName = (op: unknown): string => {
  if (typeof op !== 'object' || op === null) return 'malformed';
  const o = op as { op?: unknown; call?: { k?: unknown } };
  if (o.op === 'syscall' && typeof o.call?.k === 'string') return o.call.k;
  return typeof o.op === 'string' ? o.op : 'malformed';
};

export const countOutcomes = (stats: OpStats, ops: readonly unknown[], outputs: readonly Output[]): void => {
  for (let i = 0; i < outputs.length; i++) {
    const name = opName(ops[i]);
    stats[name] ??= { ok: 0, fault: 0, skip: 0 };
    const o = outputs[i].out;
    const c = stats[name];
    if (o === 'error') c.error = (c.error ?? 0) + 1;
    else c[o === 'fault' ? 'fault' : o === 'skip' ? 'skip' : 'ok']++;
  }
};

/** One line per op kind: `load ok 41% fault 59% (n=1234)`. */
export const formatStats = (stats: OpStats): string[] =>
  Object.entries(stats)
    .filter(([, c]) => c.ok + c.fault + c.skip + (c.error ?? 0) > 0)
    .map(([name, c]) => {
      const n = c.ok + c.fault + c.skip + (c.error ?? 0);
      const pct = (x: number) => `${((100 * x) / n).toFixed(0)}%`;
      return `${name.padEnd(11)} ok ${pct(c.ok).padStart(4)}  fault ${pct(c.fault).padStart(4)}${c.error ? `  error ${pct(c.error)}` : ''}${c.skip ? `  skip ${pct(c.skip)}` : ''}  (n=${n})`;
    });

/** The dIPC events a run reached, as a share of its scenarios (properties/dipc/events.ts). */
export const formatEvents = (r: { readonly id: string; readonly runs: number; readonly events: Readonly<Record<string, number>> }): string[] => [
  `dIPC scenarios reached (${r.id} run, share of ${r.runs} scenarios):`,
  ...Object.entries(r.events)
    .filter(([e]) => !e.startsWith('reached: '))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([e, n]) => `  ${e.padEnd(40)} ${((100 * n) / Math.max(1, r.runs)).toFixed(1).padStart(5)}%`),
];
