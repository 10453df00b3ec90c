// C6 capability storage (§4.2): data writes never change stored capabilities nor land on
// capability-storage pages; sync capabilities never leave their owner thread.
import { checkSteps } from '../observe';
import { addressOf, changedKeys, hex, page, succeeded, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';

const storedCapsChangeOnlyByCapStore: StepCheck = ({ op, pre, output, post }) => {
  const changed = changedKeys(pre.capMemory, post.capMemory);
  if (changed.length === 0) return null;
  const ok = op.op === 'cap_store' && succeeded(output) && changed.length === 1 && changed[0] === addressOf(pre, threadOf(pre, op), op.a);
  return ok ? null : { expected: 'only cap_store changes a capability slot, and only the one it names', observed: `${op.op} changed ${changed.map(hex).join(',')}` };
};

const noDataOnCapabilityPages: StepCheck = ({ op, post }) => {
  for (const a of post.memory.keys()) {
    if (page(post, a)?.capStore) return { expected: 'no data word on a capability-storage page', observed: `${op.op} left data at ${hex(a)}` };
  }
  return null;
};

const syncCapabilitiesStayHome: StepCheck = ({ op, post }) => {
  for (const [a, id] of post.capMemory) {
    if (post.caps[id]?.kind === 'sync') return { expected: 'sync capabilities are never stored in memory', observed: `${op.op}: cap ${id} at ${hex(a)}` };
  }
  for (let t = 0; t < post.threads.length; t++) {
    const th = post.threads[t];
    for (const id of [...th.capRegs, ...th.dcs]) {
      if (id !== null && post.caps[id]?.kind === 'sync' && post.caps[id].owner !== t)
        return { expected: `t${t} holds only its own sync capabilities`, observed: `${op.op}: cap ${id} of t${post.caps[id].owner}` };
    }
  }
  return null;
};

export const C6: CodomsProperty = {
  id: 'C6',
  layer: 'codoms',
  title: 'capability storage: data writes never touch capabilities; sync capabilities stay in their thread',
  check: (sc, f) => checkSteps(sc, f, (o) => storedCapsChangeOnlyByCapStore(o) ?? noDataOnCapabilityPages(o) ?? syncCapabilitiesStayHome(o)),
};
