// UNW (DESIGN §6, paper §5.2.1): after a crash or a kill, a thread resumes only in a live
// process, at the saved return point of the oldest failed frame's call, with sp, DCS and
// the current process restored and the error visible in r7; no instruction ever runs in a
// dead process again; no thread is left waiting on a dead frame or on a proxy page; a killed
// process's pages, APL entries and proxies are gone.
import { ERR_REG, SP } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcState } from '../../spec/state/dipc';
import type { KcsFrame } from '../../spec/state/kcs';
import { pageOf } from '../../spec/state/pages';
import { checkStepsIn, type LayerObservation } from '../observe';
import type { Broken, DipcProperty } from '../types';
import { chain, dipcEvents } from './events';

type Obs = LayerObservation<DipcOp, DipcState>;

const inProxyDomain = (s: DipcState, a: number): boolean => {
  const pg = pageOf({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages }, a);
  return pg !== null && s.os.domains.get(pg.tag)?.kind === 'proxy';
};

/** No live thread has a frame in a dead process: it would wait forever (liveness), or run there. */
const noThreadOnADeadFrame = ({ post }: Obs): Broken | null => {
  for (const [t, kt] of post.os.threads.entries()) {
    if (kt.ended) continue;
    const dead = chain(kt).find((p) => !post.os.processes[p].alive);
    if (dead !== undefined) return { expected: `t${t} has no frame in a dead process`, observed: `p${dead} is dead in its chain ${chain(kt).map((p) => `p${p}`).join('->')}` };
  }
  return null;
};

/**
 * No live thread sits on a proxy page after an op: proxies run atomically within the op that
 * lands on them, and the kernel resumes threads only at return addresses a proxy checked.
 * A thread left there would run a proxy's privileged code as user code.
 */
const noThreadOnAProxyPage = ({ post }: Obs): Broken | null => {
  const t = post.os.threads.findIndex((kt, i) => !kt.ended && inProxyDomain(post, post.hw.threads[i].ip));
  return t < 0 ? null : { expected: 'no live thread is left on a proxy page', observed: `t${t} at 0x${post.hw.threads[t].ip.toString(16)}` };
};

/** An instruction runs only in a live process. */
const noInstructionInADeadProcess = ({ op, pre, output }: Obs): Broken | null => {
  if (typeof op !== 'object' || op === null || !('t' in op) || output.out === 'skip') return null;
  const t = resolveIndex(op.t, pre.os.threads.length);
  if (t < 0 || op.op === 'timeout') return null;
  const p = pre.os.threads[t].current;
  return pre.os.processes[p].alive ? null : { expected: 'no instruction runs in a dead process', observed: `t${t} ran ${op.op} in p${p}` };
};

/** A thread unwound by this op resumes at the saved return point of the call it unwound to. */
const resumedAtTheSavedReturnPoint = ({ pre, post }: Obs): Broken | null => {
  for (const [t, kt] of post.os.threads.entries()) {
    const before = pre.os.threads[t];
    if (before === undefined || kt.ended || kt.kcs.length >= before.kcs.length) continue;
    const r7 = post.hw.threads[t].regs[ERR_REG];
    if (r7 === 0) continue; // a normal return through the proxy
    const f: KcsFrame = before.kcs[kt.kcs.length];
    if (f.split || inProxyDomain(post, f.returnAddress)) continue;
    const where = `t${t} unwound to the call p${f.caller}->p${f.callee}`;
    if (kt.current !== f.caller) return { expected: `${where} resumes in p${f.caller}`, observed: `current p${kt.current}` };
    const ctx = post.hw.threads[t];
    if (ctx.ip !== f.returnAddress) return { expected: `${where} resumes at 0x${f.returnAddress.toString(16)}`, observed: `ip 0x${ctx.ip.toString(16)}` };
    // An honest caller's stub epilogue moves sp and the DCS after the restore; an adversarial caller has none.
    if (!post.os.processes[f.caller].honest) {
      if (ctx.regs[SP] !== f.savedSp + 1) return { expected: `${where} has sp restored to ${f.savedSp + 1}`, observed: `sp ${ctx.regs[SP]}` };
      if (f.savedDcs !== null && ctx.dcs.length !== f.savedDcs.length) return { expected: `${where} has its DCS restored`, observed: `DCS of ${ctx.dcs.length} entries` };
    }
  }
  return null;
};

/** kill(p): each thread unwinds from its oldest frame in p (its first appearance), never to a frame of p. */
const unwoundFromTheOldestFailedFrame = ({ op, pre, output, post }: Obs): Broken | null => {
  if (op.op !== 'kill' || output.out !== 'ok') return null;
  const p = resolveIndex(op.pid, pre.os.processes.length);
  for (const [t, kt] of pre.os.threads.entries()) {
    if (kt.ended) continue;
    const i = chain(kt).indexOf(p);
    if (i < 0) continue;
    const after = post.os.threads[t];
    if (i === 0 && !after.ended) return { expected: `t${t}, whose home p${p} was killed, ends`, observed: 'it goes on' };
    if (i > 0 && !after.ended && after.kcs.length > i - 1) return { expected: `t${t} unwinds past frame ${i} (the first p${p})`, observed: `${after.kcs.length} KCS frames left` };
    if (!after.ended && after.current === p) return { expected: `t${t} leaves p${p}`, observed: 'it is still there' };
  }
  return null;
};

/** A dead process keeps no block, no APL entry of its domains, no live proxy. */
const killedResourcesGone = ({ post }: Obs): Broken | null => {
  const dead = (p: number | null | undefined) => p !== null && p !== undefined && !post.os.processes[p]?.alive;
  const b = post.os.blockOwners.findIndex((o) => typeof o === 'number' && dead(o));
  if (b >= 0) return { expected: 'a dead process owns no block', observed: `block ${b} of dead p${post.os.blockOwners[b]}` };
  for (const key of post.hw.apl.keys()) {
    const src = Math.floor(key / post.hw.numDomains);
    const dst = key % post.hw.numDomains;
    if (dead(post.os.domains.get(src)?.creator) || dead(post.os.domains.get(dst)?.creator))
      return { expected: "no APL entry names a dead process's domain", observed: `d${src}->d${dst}` };
  }
  const x = post.os.proxies.findIndex((px) => px.live && (dead(px.callee) || dead(px.caller)));
  return x < 0 ? null : { expected: 'no live proxy to or from a dead process', observed: `proxy ${x}` };
};

export const UNW: DipcProperty = {
  id: 'UNW',
  layer: 'dipc',
  title: 'unwinding: resume only live callers, at the saved return point, with the error visible',
  check: (sc, f) =>
    checkStepsIn(DIPC_LAYER, sc, f, (o, events) => {
      dipcEvents(o.op, o.pre, o.output, o.post, events);
      return noThreadOnADeadFrame(o) ?? noThreadOnAProxyPage(o) ?? noInstructionInADeadProcess(o) ?? resumedAtTheSavedReturnPoint(o) ?? unwoundFromTheOldestFailedFrame(o) ?? killedResourcesGone(o);
    }),
};
