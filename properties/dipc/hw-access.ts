// HW-ACCESS: the CODOMs access rule (DESIGN §3, §4.1, §4.2) on dIPC systems. Every raw load,
// store, capability access and control transfer a thread runs in the global address space
// that succeeds is allowed by the hardware state *before* it: the APL of the code's domain
// as the APL is now (not as a cache remembers it, §4.3), a capability register, the page
// bits. The same judgement as C1 (properties/codoms/c1-access.ts), read from the dIPC
// state's hardware: the kernel's system calls, stubs and proxies are judged by P1-P5, not
// here. Without it a stale APL cache on a dIPC system (a grant revoked on another CPU, still
// cached on this one) was seen by REF alone: the access stays inside one process, so P1,
// which judges cross-process accesses, has nothing to say.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { Op } from '../../alphabet/ops';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcState } from '../../spec/state/dipc';
import { accessObeysRule } from '../codoms/c1-access';
import { actorOf } from '../security/actor';
import { checkStepsIn, type LayerObservation, stepSession } from '../observe';
import { withSession } from '../session';
import type { Broken, DipcProperty } from '../types';

/** The ops the hardware runs itself; the rest (system calls, stubs, kill, time-out) are the kernel's. */
const RAW = new Set(['load', 'store', 'cap_load', 'cap_store', 'call', 'jump', 'ret']);

const check = (o: LayerObservation<DipcOp, DipcState>): Broken | null => {
  if (!RAW.has(o.op.op)) return null;
  // The op names its thread among the kernel's threads (index modulo their number); the
  // hardware has a context slot for each, so the resolved index names the same thread there.
  const t = actorOf(o.op, o.pre);
  if (t < 0) return null;
  return accessObeysRule({ index: o.index, op: { ...(o.op as Op), t } as Op, pre: o.pre.hw, output: o.output, post: o.post.hw });
};

export const HW_ACCESS: DipcProperty = {
  id: 'HW-ACCESS',
  layer: 'dipc',
  title: 'access (dIPC): raw loads, stores and control transfers obey the access rule of the hardware state',
  check: withSession(
    (sc, f) => checkStepsIn(DIPC_LAYER, sc, f, check),
    (runs) => stepSession(runs, check),
  ),
};
