// P4 signatures (DESIGN §6, paper §5.1, §5.2.3): entry_request with any signature mismatch
// fails and creates nothing; proxies move exactly the declared arguments (the in-stack
// words copied when the stack is switched, the DCS arguments handed over when the callee
// gets its own DCS). Results travel in registers, so there is nothing else to move.
import { SP } from '../../alphabet/config';
import { canonicalSignature } from '../../alphabet/policy';
import { resolveIndex, toWord } from '../../alphabet/resolve';
import { BUFFER_WORDS } from '../../spec/transitions/dipc/stubs';
import { firstDipcDifference } from '../../refinement/dipc-diff';
import type { DipcState } from '../../spec/state/dipc';
import type { Broken } from '../types';
import type { CallEvent } from './call-tracker';
import { actorOf } from './call-tracker';
import { type Obs, securityProperty } from './harness';
import type { Witness } from './witness/witness';
import { calleeCopyWords, prologueWords, retLanding } from './stub-shape';
import { pageIndexOf } from '../../spec/state/pages';

/** What a refused system call may change: the caller's CPU time. */
const withoutCpu = (s: DipcState): DipcState => ({ ...s, os: { ...s.os, processes: s.os.processes.map((p) => ({ ...p, cpuTime: 0 })) } });

const mismatchRefused = (o: Obs, events: Set<string>, w: Witness): Broken | null => {
  if (o.op.op !== 'syscall' || o.op.call.k !== 'entry_request') return null;
  const t = actorOf(o.op, o.pre);
  const kt = o.pre.os.threads[t];
  if (kt === undefined || kt.ended) return null;
  // The requester: the process whose code issued the system call (witness), not `current`.
  const p = o.pre.os.processes[w.actingAs(o.pre, t)];
  if (p === undefined) return null;
  // The entry the handle names and its registered signatures, as the witness recorded them
  // (the handle as sent or made, the signatures as entry_register named them), not the
  // process's handle table or the kernel's entry records.
  const h = w.auth.handle(w.actingAs(o.pre, t), resolveIndex(o.op.call.e, p.handles.length));
  if (h === undefined || h.k !== 'entry') return null;
  const registered = w.entrySignatures.get(h.entry);
  if (registered === undefined) return null;
  const asked = o.op.call.entries;
  const mismatch =
    asked.length !== registered.length ||
    asked.some((a, i) => JSON.stringify(canonicalSignature(a.sig)) !== JSON.stringify(registered[i]));
  // A thread that cannot fetch faults before its system call reaches the kernel: nothing was requested.
  if (!mismatch || o.output.out === 'fault') return null;
  events.add('signature mismatch requested');
  if (o.output.out !== 'error') return { expected: 'entry_request with a signature mismatch is refused', observed: `it returned ${o.output.out}` };
  const d = firstDipcDifference(withoutCpu(o.pre), withoutCpu(o.post));
  return d === null ? null : { expected: 'a refused entry_request creates nothing', observed: d };
};

/**
 * The declared arguments arrive, judged from what the caller sent (issue 12 §1), not from the
 * proxy's frame: the in-stack words the caller's call left just above its sp (a stub_call's
 * own arguments, pushed by its prologue; memory before the op for a raw call or jump) are the
 * words the callee finds just above its sp, switched stack or not; and a callee given a DCS
 * of its own (dcsConf) finds on it exactly the capabilities the caller sent: the top
 * `dcsArgs` entries of its DCS, or the buffer capabilities its stub made over its own memory.
 */
const movedExactly = (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness): Broken | null => {
  const actor = actorOf(o.op, o.pre);
  for (const c of calls) {
    if (c.k !== 'call' || c.call.t !== actor) continue;
    const { signature: sig, t } = c.call;
    const ctx = o.post.hw.threads[t];
    const caller = w.actingAs(o.pre, t);
    const where = `t${t}'s call from p${caller}`;
    const preSp = o.pre.hw.threads[t].regs[SP];
    const stub = o.op.op === 'stub_call' ? o.op : null;
    // sp at the proxy: below the stub's pushes and the return address; a jump's caller left it
    // at [sp]; a ret landing on the proxy popped [sp] (and past a stub's copy area) first.
    const popped = retLanding(o.op, o.pre, c.call);
    const callSp = stub !== null ? preSp - prologueWords(c.call) - 1 : o.op.op === 'call' ? preSp - 1 : popped !== null ? preSp + popped + 1 : preSp;
    if (sig.stackWords > 0) {
      events.add('call copied in-stack arguments');
      for (let j = 0; j < sig.stackWords; j++) {
        const sent = stub !== null ? toWord(stub.args[sig.inRegs + j] ?? 0) : o.pre.hw.memory.get(callSp + 1 + j) ?? 0;
        // (An honest callee's stub has reserved its argument copy area below the proxy's sp.)
        const got = o.post.hw.memory.get(ctx.regs[SP] + calleeCopyWords(c.call) + 1 + j) ?? 0;
        if (sent !== got) return { expected: `${where}: in-stack argument ${j} arrives as ${sent}`, observed: `${got}` };
      }
    }
    if (c.call.policy.includes('dcsConf') && sig.dcsArgs > 0) {
      events.add('call handed over DCS arguments');
      const got = ctx.dcs.slice(0, sig.dcsArgs);
      const pre = o.pre.hw.threads[t].dcs;
      const table = { wordsPerPage: o.post.hw.wordsPerPage, pages: o.post.hw.pages };
      const want = stub === null ? pre.slice(Math.max(0, pre.length - sig.dcsArgs)) : null;
      const bad =
        want !== null
          ? ctx.dcs.length < want.length || want.some((id, i) => got[i] !== id)
          : got.length < sig.dcsArgs ||
            got.some((id) => {
              const cap = id === null ? undefined : o.post.hw.caps[id];
              const pg = cap === undefined ? null : pageIndexOf(table, cap.base);
              return cap === undefined || id! < o.pre.hw.caps.length || cap.length !== BUFFER_WORDS || pg === null || w.own.pageOwner(pg) !== caller;
            });
      if (bad)
        return {
          expected: `${where}: the callee's DCS starts with the ${sig.dcsArgs} arguments sent${want !== null ? ` [${want.join(',')}]` : ' (fresh buffer capabilities over the caller\'s memory)'}`,
          observed: `[${ctx.dcs.join(',')}]`,
        };
    }
  }
  return null;
};

/**
 * Nothing but the declared words is written by the op that makes a call: every word it
 * changes is the caller's own memory, or what the caller's own call pushed just below its sp
 * (a stub's saved registers and in-stack arguments, the return address), or, on the stack
 * the callee starts on after a switch, the return path at sp and the declared in-stack
 * arguments above it, or (an honest callee's stub) its argument copy area just below that sp
 * (stub-shape.ts `calleeCopyWords`) and the callee's own memory off that stack.
 * Page ownership is the witness's; sp before and after are observed.
 */
const nothingElseWritten = (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness): Broken | null => {
  const opened = calls.filter((c): c is Extract<CallEvent, { k: 'call' }> => c.k === 'call');
  if (opened.length !== 1) return null;
  const call = opened[0].call;
  const { t, signature: sig, calleeHonest } = call;
  const actor = actorOf(o.op, o.pre);
  const caller = w.actingAs(o.pre, t);
  const callee = w.codeOwner(o.post, o.post.hw.threads[t].ip);
  const table = { wordsPerPage: o.post.hw.wordsPerPage, pages: o.post.hw.pages };
  // The callee's sp as the proxy left it: an honest callee's stub reserved its copy area below.
  const copied = calleeCopyWords(call);
  const sp = o.post.hw.threads[t].regs[SP] + copied;
  const spPage = pageIndexOf(table, sp);
  const preSp = o.pre.hw.threads[t].regs[SP];
  const pushed = actor !== t ? 0 : o.op.op === 'stub_call' ? prologueWords(call) + 1 : o.op.op === 'call' ? 1 : 0;
  const where = `t${t}'s call p${caller}->p${typeof callee === 'number' ? callee : '?'}`;
  const changed = new Set([...o.pre.hw.memory.keys(), ...o.post.hw.memory.keys()]);
  for (const a of changed) {
    if ((o.pre.hw.memory.get(a) ?? 0) === (o.post.hw.memory.get(a) ?? 0)) continue;
    const pg = pageIndexOf(table, a);
    const owner = pg === null ? null : w.own.pageOwner(pg);
    if (owner === caller || (a >= preSp - pushed && a < preSp)) continue;
    if (sp !== preSp - pushed && a >= sp && a <= sp + sig.stackWords) continue;
    if (a >= sp - copied && a < sp) continue;
    if (owner === callee && calleeHonest && pg !== spPage) continue;
    return {
      expected: `${where}: writes only the caller's pushes below its sp ${preSp}, the return path and the ${sig.stackWords} declared words at the callee's sp ${sp}${calleeHonest ? ", and the honest callee's own memory" : ''}`,
      observed: `0x${a.toString(16)} of ${owner === null ? 'nobody' : owner === 'kernel' ? 'the kernel' : `p${owner}`} changed`,
    };
  }
  events.add('call wrote only declared words');
  return null;
};

export const P4 = securityProperty({
  id: 'P4',
  title: 'signatures: a signature mismatch is refused and creates nothing; proxies move exactly the declared arguments',
  needs: 'nothing (every policy)',
  coverage: { 'signature mismatch requested': 0.05, 'call copied in-stack arguments': 0.05, 'call handed over DCS arguments': 0.05 },
  makeCheck: () => (o, calls, events, w) => mismatchRefused(o, events, w) ?? movedExactly(o, calls, events, w) ?? nothingElseWritten(o, calls, events, w),
});
