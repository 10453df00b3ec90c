// C4 capability monotonicity and unforgeability (§4.2): every capability anywhere is a node
// of the derivation tree; a root was authorised by its creator's APL when it was made; a
// child never exceeds its parent; nodes never change once made (but for being revoked).
import { permRank } from '../../alphabet/config';
import { effectivePerm } from '../../spec/state/apl';
import type { SpecState } from '../../spec/state/machine';
import { checkSteps } from '../observe';
import { codeTag, page, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';

const references = (s: SpecState): number[] => [
  ...s.threads.flatMap((th) => [...th.capRegs, ...th.dcs]).filter((x): x is number => x !== null),
  ...s.capMemory.values(),
];

const everyReferenceIsANode: StepCheck = ({ op, post }) => {
  const forged = references(post).find((id) => !Number.isSafeInteger(id) || id < 0 || id >= post.caps.length);
  return forged === undefined ? null : { expected: 'every capability reference names a node', observed: `${op.op} left reference ${forged}` };
};

const childrenWithinParents: StepCheck = ({ op, post }) => {
  for (let id = 0; id < post.caps.length; id++) {
    const c = post.caps[id];
    if (c.parent === null) continue;
    const p = post.caps[c.parent];
    if (c.base < p.base || c.base + c.length > p.base + p.length)
      return { expected: `cap ${id} lies inside its parent ${c.parent}`, observed: `[${c.base},+${c.length}) vs [${p.base},+${p.length}) after ${op.op}` };
    if (permRank(c.perm) > permRank(p.perm))
      return { expected: `cap ${id} has no more permission than its parent`, observed: `${c.perm} from ${p.perm} after ${op.op}` };
    if (c.kind === 'async' && p.kind === 'sync')
      return { expected: `cap ${id} is not an async child of a sync capability`, observed: `async from sync after ${op.op}` };
  }
  return null;
};

const nodesImmutable: StepCheck = ({ op, pre, post }) => {
  if (post.caps.length < pre.caps.length) return { expected: 'capability nodes are never removed', observed: `${op.op} removed some` };
  for (let id = 0; id < pre.caps.length; id++) {
    const a = pre.caps[id];
    const b = post.caps[id];
    if (a.base !== b.base || a.length !== b.length || a.perm !== b.perm || a.kind !== b.kind || a.parent !== b.parent || a.owner !== b.owner || (a.revoked && !b.revoked))
      return { expected: `capability ${id} never changes once made`, observed: `${op.op} changed it` };
  }
  return null;
};

/** A new root must come from cap_create, made by the running domain, with its APL allowing every page. */
const rootsAuthorisedByApl: StepCheck = ({ op, pre, post }) => {
  const fresh = post.caps.slice(pre.caps.length);
  if (fresh.length === 0) return null;
  if (fresh.length > 1) return { expected: 'at most one capability per op', observed: `${op.op} made ${fresh.length}` };
  const c = fresh[0];
  const t = threadOf(pre, op);
  if (c.parent !== null) return op.op === 'cap_derive' ? null : { expected: 'only cap_derive derives', observed: `${op.op} derived` };
  if (op.op !== 'cap_create') return { expected: 'only cap_create makes a root capability', observed: `${op.op} made one` };
  const from = codeTag(pre, t);
  if (from === null || c.creatorTag !== from) return { expected: 'a root records the domain that made it', observed: `creator d${c.creatorTag}` };
  for (let a = c.base; a < c.base + c.length; a++) {
    const pg = page(pre, a);
    const eff = pg === null ? 'none' : effectivePerm({ numDomains: pre.numDomains, entries: pre.apl }, from, pg.tag);
    if (permRank(eff) < permRank(c.perm))
      return { expected: `d${from}'s APL grants ${c.perm} on every word of the new capability`, observed: `0x${a.toString(16)} has ${eff}` };
  }
  return null;
};

export const C4: CodomsProperty = {
  id: 'C4',
  layer: 'codoms',
  title: 'capability monotonicity and unforgeability',
  check: (sc, f) =>
    checkSteps(sc, f, (o) => everyReferenceIsANode(o) ?? childrenWithinParents(o) ?? nodesImmutable(o) ?? rootsAuthorisedByApl(o)),
};
