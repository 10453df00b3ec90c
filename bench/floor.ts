// The floor: what one CODOMs access check costs in this JavaScript engine when it is nothing
// but typed-array lookups (§4.1): the page of the address, the page's tag, the executing
// domain's APL row entry for that tag, and the page's permission bit. No op decoding, no
// selector, no capability registers, no fault values: the impl's ns/op divided by this is
// how many bare access checks' worth of work one op costs.
import type { Config } from '../alphabet/config';
import { median, timeOnce } from './measure';

const READ = 1;
const WRITE = 2;
const RANK = { call: 1, read: 2, write: 3 } as const;

export interface Probes {
  /** Domain the access executes in. */
  readonly from: Int32Array;
  readonly addr: Int32Array;
  /** 1 = read, 2 = write. */
  readonly need: Uint8Array;
}

export interface FloorResult {
  readonly nsPerCheck: number;
  readonly checks: number;
  /** Share of the probes the loop found granted (a sanity check that it did the work). */
  readonly grantedShare: number;
}

/**
 * The arrays of a hardware walker: page tag, page bits, a dense APL matrix of ranks. A
 * domain's write access to itself (§4.1) is written into the matrix's diagonal, so the loop
 * has no branch for it: this is a floor, the least work a check can be.
 */
const tables = (cfg: Config) => {
  const D = cfg.numDomains;
  const tag = new Uint16Array(cfg.pages.length);
  const bits = new Uint8Array(cfg.pages.length);
  cfg.pages.forEach((p, i) => {
    tag[i] = p.tag;
    bits[i] = (p.read ? READ : 0) | (p.write ? WRITE : 0);
  });
  const apl = new Uint8Array(D * D);
  for (const e of cfg.apl) apl[e.src * D + e.dst] = RANK[e.perm];
  for (let d = 0; d < D; d++) apl[d * D + d] = RANK.write;
  return { D, W: cfg.wordsPerPage, tag, bits, apl };
};

/** `rounds` passes over the probes; returns how many checks passed (so the loop is not dead code). */
const checkLoop = (t: ReturnType<typeof tables>, probes: Probes, rounds: number): number => {
  const { D, W, tag, bits, apl } = t;
  const { from, addr, need } = probes;
  const n = from.length;
  let granted = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = Math.floor(addr[i] / W);
      const rank = apl[from[i] * D + tag[p]];
      const nd = need[i];
      // need 1 (read) wants rank >= 2, need 2 (write) wants rank 3; the page bit is the need's bit.
      if (rank > nd && (bits[p] & nd) !== 0) granted++;
    }
  }
  return granted;
};

export const measureFloor = (cfg: Config, probes: Probes, opts: { checks: number; reps: number }): FloorResult => {
  const t = tables(cfg);
  const rounds = Math.max(1, Math.ceil(opts.checks / Math.max(1, probes.from.length)));
  const checks = rounds * probes.from.length;
  checkLoop(t, probes, rounds); // warm-up
  let granted = 0;
  const runs: number[] = [];
  for (let r = 0; r < opts.reps; r++) {
    runs.push(timeOnce(() => {
      granted = checkLoop(t, probes, rounds);
    }) / checks);
  }
  return { nsPerCheck: median(runs), checks, grantedShare: checks === 0 ? 0 : granted / checks };
};
