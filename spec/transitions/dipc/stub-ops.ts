// The honest macro ops (DESIGN §5): stub_call resolves its import on first use (§3.2: the
// loader's entry_request + grant_create, then reused) and runs the caller stub up to the
// call; stub_return runs the callee stub and returns through the proxy.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcError, Fault } from '../../../alphabet/output';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import { domDefault } from './domains';
import { entryRequest } from './entries';
import { grantCreate } from './grants';
import { replaceProcess } from './result';
import { calleeReturnActs, callerPrologue } from './stubs';
import { runActs } from './user-actions';

export type MacroOutcome = E.Either<DipcError, { readonly state: DipcState; readonly fault: Fault | null }>;

/** The loader's resolution of import k of pid: a proxy for it and call permission on the proxy domain. */
const resolveImport = (s: DipcState, pid: number, k: number): E.Either<DipcError, { state: DipcState; proxy: number }> => {
  const imp = s.os.processes[pid].imports[k];
  if (imp.proxy !== null) return E.right({ state: s, proxy: imp.proxy });
  if (imp.handle === null) return E.left('badHandle');
  const proxy = s.os.proxies.length;
  const req = entryRequest(s, pid, imp.handle, [{ sig: imp.signature, policy: imp.policy }]);
  if (E.isLeft(req)) return req;
  const dflt = domDefault(req.right.state, pid);
  if (E.isLeft(dflt)) return dflt;
  const grant = grantCreate(dflt.right.state, pid, dflt.right.value, req.right.value);
  if (E.isLeft(grant)) return grant;
  const p = grant.right.state.os.processes[pid];
  const imports = p.imports.map((x, i) => (i === k ? { ...x, proxy } : x));
  return E.right({ state: replaceProcess(grant.right.state, pid, { ...p, imports }), proxy });
};

export const stubCall = (s: DipcState, t: number, i: number, args: readonly number[]): MacroOutcome => {
  const pid = s.os.threads[t].current;
  const p = s.os.processes[pid];
  if (!p.dipc) return E.left('notDipc');
  if (p.imports.length === 0) return E.left('noImport');
  const k = resolveIndex(i, p.imports.length);
  const resolved = resolveImport(s, pid, k);
  if (E.isLeft(resolved)) return resolved;
  const imp = resolved.right.state.os.processes[pid].imports[k];
  const px = resolved.right.state.os.proxies[resolved.right.proxy];
  return E.right(runActs(resolved.right.state, callerPrologue(t, imp.signature, imp.policy, args, p.data ?? 0, px.address)));
};

export const stubReturn = (s: DipcState, t: number, results: readonly number[]): MacroOutcome => {
  const kt = s.os.threads[t];
  const frame = kt.kcs[kt.kcs.length - 1];
  if (frame === undefined || frame.callee !== kt.current) return E.left('noCall');
  const px = s.os.proxies[frame.proxy];
  const calleePolicy = s.os.entries[px.entry].entries[px.slot].policy;
  return E.right(runActs(s, calleeReturnActs(t, px.signature, calleePolicy, results)));
};
