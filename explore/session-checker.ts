// Checking the transitions of one expanded state through property sessions over shared
// machine runs (docs/explore.md "Checking incrementally"): the search's default way.
import type { DipcOp } from '../alphabet/dipc-ops';
import { type CheckSession, sessionOf } from '../properties/session';
import type { Violation } from '../properties/types';
import { TrieRuns } from './runs';
import type { ExpandContext } from './search';

/**
 * A verdict per property for the transitions of one state, incrementally: the machine runs
 * are shared by every property and transition of the state (TrieRuns); a session that can
 * fork itself is fed the trace once and forked per transition, the others are fed the trace
 * again from boot for each transition (their step checks keep history in closures), which
 * costs only the checks' own logic: the machines' steps and α are the trie's.
 */
export const sessionChecker = (trace: readonly DipcOp[], ctx: ExpandContext): ((op: DipcOp) => { property: string; violation: Violation } | null) => {
  const runs = new TrieRuns(ctx.config, ctx.factory);
  const checkers = ctx.properties.map((p): ((op: DipcOp) => Violation | null) => {
    const start = sessionOf(p);
    if (start === undefined) return (op) => p.check({ config: ctx.config, ops: [...trace, op] }, ctx.factory).violation;
    const fed = (): CheckSession => {
      const s = start(runs);
      for (const o of trace) s.step(o);
      return s;
    };
    const atNode = fed();
    const fork = atNode.fork;
    if (fork !== undefined) return (op) => fork.call(atNode).step(op);
    let unused: CheckSession | null = atNode;
    return (op) => {
      const s = unused ?? fed();
      unused = null;
      return s.step(op);
    };
  });
  return (op) => {
    for (let k = 0; k < checkers.length; k++) {
      const v = checkers[k](op);
      if (v !== null) return { property: ctx.properties[k].id, violation: v };
    }
    return null;
  };
};
