// kill(p) (§5.2.1, DESIGN §5): p dies; every frame of p fails in every thread, which
// unwinds to the oldest calling domain still alive; p's pages, the APL entries of its
// domains, the grants it made, its entries and the proxies to and from it disappear, so
// every later use faults or returns an error.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcError } from '../../../alphabet/output';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import { releaseBlock } from './lifecycle';
import { replaceProcess, withHw, withOs } from './result';
import { failFramesOf } from './unwind';

export const kill = (s0: DipcState, pidSel: number): E.Either<DipcError, { state: DipcState; unwound: number[] }> => {
  const pid = resolveIndex(pidSel, s0.os.processes.length);
  if (pid < 0 || !s0.os.processes[pid].alive) return E.left('noProcess');
  const p = s0.os.processes[pid];
  let s = replaceProcess(s0, pid, { ...p, alive: false, block: null });
  if (p.block !== null) s = releaseBlock(s, p.block);
  // Its domains leave every APL, in both directions; the grants it made are undone.
  const n = s.hw.numDomains;
  const tags = new Set([...s.os.domains].filter(([, d]) => d.creator === pid).map(([tag]) => tag));
  const undone = new Set(s.os.grants.filter((g) => g.by === pid && g.live).map((g) => g.src * n + g.dst));
  const apl = new Map([...s.hw.apl].filter(([key]) => !tags.has(Math.floor(key / n)) && !tags.has(key % n) && !undone.has(key)));
  s = withHw(s, { ...s.hw, apl });
  s = withOs(s, {
    grants: s.os.grants.map((g) => (g.by === pid ? { ...g, live: false } : g)),
    entries: s.os.entries.map((e) => (e.owner === pid ? { ...e, live: false } : e)),
    proxies: s.os.proxies.map((x) => (x.callee === pid || x.caller === pid ? { ...x, live: false } : x)),
  });
  // Every frame of p fails: each thread unwinds from its oldest frame in p.
  return E.right(failFramesOf(s, pid, null));
};
