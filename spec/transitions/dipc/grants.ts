// Domain grants (§5.2.2, Table 2): grant_create writes the APL of src towards dst with dst's
// permission (owner becomes write); grant_revoke sets it back to nil.
import { aplKey } from '../../state/apl';
import type { DipcState } from '../../state/dipc';
import { aplPermOf } from '../../state/handles';
import { domHandle, grantHandle } from './handle-lookup';
import { addHandle, done, refuse, type SysResult, withHw, withOs } from './result';

/** grant_create(src, dst) -> grant handle, iff src.perm == owner. Recorded in the ledger (P1). */
export const grantCreate = (s: DipcState, pid: number, src: number, dst: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const from = domHandle(s, pid, src);
  const to = domHandle(s, pid, dst);
  if (from === null || to === null) return refuse('badHandle');
  if (from.perm !== 'owner') return refuse('permDenied');
  const perm = aplPermOf(to.perm);
  const apl = new Map(s.hw.apl);
  apl.set(aplKey(s.hw.numDomains, from.tag, to.tag), perm);
  const grant = s.os.grants.length;
  const s1 = withOs(withHw(s, { ...s.hw, apl }), {
    grants: [...s.os.grants, { src: from.tag, dst: to.tag, perm, live: true, by: pid }],
    ledger: [...s.os.ledger, { act: 'grant', by: pid, grant }],
  });
  const r = addHandle(s1, pid, { k: 'grant', grant, origin: pid, via: [] });
  return done(r.state, r.index);
};

/** grant_revoke(g): "set permission to nil for g.dst in g.src's APL", iff g is a live grant. */
export const grantRevoke = (s: DipcState, pid: number, g: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const h = grantHandle(s, pid, g);
  if (h === null || !s.os.grants[h.grant].live) return refuse('badHandle');
  const gr = s.os.grants[h.grant];
  const apl = new Map(s.hw.apl);
  apl.delete(aplKey(s.hw.numDomains, gr.src, gr.dst));
  return done(
    withOs(withHw(s, { ...s.hw, apl }), { grants: s.os.grants.map((x, i) => (i === h.grant ? { ...x, live: false } : x)) }),
    0,
  );
};
