// Pieces the security generators share: thread and register choices, argument lists, and
// what boot will make of a config (which imports resolve, to whom, under which policy), so
// that aimed patterns can pick real call chains before the system exists.
import fc from 'fast-check';
import type { DipcConfig } from '../alphabet/dipc-config';
import { effectivePolicy, type IsolationProp, sameSignature, type Signature } from '../alphabet/policy';
import { resolveIndex } from '../alphabet/resolve';

export const thread = fc.integer({ min: 0, max: 7 });
export const reg = fc.integer({ min: 0, max: 7 });
export const argsArb = fc.array(fc.integer({ min: -5, max: 99 }), { minLength: 0, maxLength: 8 });

/** An import as boot will wire it: its callee, whether entry_request will match, the proxy's effective policy. */
export interface WiredImport {
  readonly index: number;
  readonly callee: number;
  readonly matches: boolean;
  readonly policy: readonly IsolationProp[];
  /** The caller's own policy (what its stub implements). */
  readonly callerPolicy: readonly IsolationProp[];
  readonly sig: Signature;
}

/** What boot makes of a config, as far as the wired patterns need it (processes past maxProcesses do not boot). */
export const bootOf = (cfg: DipcConfig) => {
  const n = Math.min(cfg.processes.length, cfg.maxProcesses);
  const firstThread: number[] = [];
  let next = 0;
  for (let p = 0; p < n; p++) {
    const k = cfg.processes[p].threads;
    firstThread.push(k > 0 && next < cfg.maxThreads ? next : -1);
    next += k;
  }
  const imports = (p: number): WiredImport[] =>
    (cfg.processes[p].imports ?? []).map((im, index) => {
      const callee = resolveIndex(im.from, n);
      const exps = cfg.processes[callee]?.exports ?? [];
      const ex = exps.length === 0 ? undefined : exps[resolveIndex(im.export, exps.length)];
      return {
        index, callee, sig: im.sig, callerPolicy: effectivePolicy([], im.policy),
        matches: ex !== undefined && sameSignature(im.sig, ex.sig), policy: ex === undefined ? [] : effectivePolicy(ex.policy, im.policy),
      };
    });
  return { n, firstThread, honest: (p: number) => cfg.processes[p].honest, imports };
};

