// Data, control and privileged instructions, and the scheduler and crash events (§4.1).
// Each is one ladder: resolve operands, fetch the executing domain, the checks in the
// spec's order, then the effect on the arrays. A fault is returned and the caller counts it.
import { NUM_REGS, SP } from '../alphabet/config';
import type { PrivAction } from '../alphabet/ops';
import { fault, ok, type Output, value } from '../alphabet/output';
import { toWord } from '../alphabet/resolve';
import type { AddrSel } from '../alphabet/address';
import { AccessRule } from './access-rule';
import { idx, RANK_CALL, RANK_NONE, RANK_READ, RANK_WRITE } from './indices';
import { PG_PRIV } from './page-table';

export class Instructions extends AccessRule {
  protected li(t: number, r: number, v: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    this.threads.regs[t * NUM_REGS + idx(r, NUM_REGS)] = toWord(v);
    return ok;
  }

  protected mov(t: number, r: number, s: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    const regs = this.threads.regs;
    regs[t * NUM_REGS + idx(r, NUM_REGS)] = regs[t * NUM_REGS + idx(s, NUM_REGS)];
    return ok;
  }

  protected load(t: number, r: number, sel: AddrSel): Output {
    const a = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, from, a, RANK_READ);
    if (f !== null) return f;
    const v = this.memory.words[a];
    this.threads.regs[t * NUM_REGS + idx(r, NUM_REGS)] = v;
    return value(v);
  }

  protected store(t: number, r: number, sel: AddrSel): Output {
    const a = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, from, a, RANK_WRITE);
    if (f !== null) return f;
    this.memory.words[a] = this.threads.regs[t * NUM_REGS + idx(r, NUM_REGS)];
    return ok;
  }

  /** call: the target first (a bad target never touches the stack), then the push of ip+1 at sp-1. */
  protected call(t: number, sel: AddrSel): Output {
    const target = this.resolveAddress(t, sel);
    const spAt = t * NUM_REGS + SP;
    const slot = this.threads.regs[spAt] - 1;
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkControlTarget(t, from, target) ?? this.checkDataAccess(t, from, slot, RANK_WRITE);
    if (f !== null) return f;
    this.memory.words[slot] = toWord(this.threads.ip[t] + 1);
    this.threads.ip[t] = target;
    this.threads.regs[spAt] = toWord(slot);
    return ok;
  }

  protected jump(t: number, sel: AddrSel): Output {
    const target = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkControlTarget(t, from, target);
    if (f !== null) return f;
    this.threads.ip[t] = target;
    return ok;
  }

  /** ret: read the word at sp (data rule), then the control rule with it as the target. */
  protected ret(t: number): Output {
    const spAt = t * NUM_REGS + SP;
    const slot = this.threads.regs[spAt];
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, from, slot, RANK_READ);
    if (f !== null) return f;
    const target = this.memory.words[slot];
    const g = this.checkControlTarget(t, from, target);
    if (g !== null) return g;
    this.threads.ip[t] = target;
    this.threads.regs[spAt] = toWord(slot + 1);
    return ok;
  }

  /** Whether the code at thread t's ip may run privileged instructions (§4.1); ip is known mapped. */
  protected onPrivilegedPage(t: number): boolean {
    return (this.pages.flags[this.pages.pageIndexOf(this.threads.ip[t])] & PG_PRIV) !== 0;
  }

  /** priv: fetch, notPrivileged, then the action. */
  protected priv(t: number, act: PrivAction): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    if (!this.onPrivilegedPage(t)) return fault('notPrivileged', this.threads.ip[t]);
    switch (act.k) {
      case 'apl_set':
        this.aplSet(t, idx(act.src, this.numDomains), idx(act.dst, this.numDomains), aplRankOf(act.perm));
        break;
      case 'dcs_base':
        this.threads.dcsBase[t] = idx(act.v, this.threads.dcsTop[t] + 1);
        break;
      case 'nop':
        break;
    }
    return ok;
  }

  /** Change APL[src][dst]; every CPU's cached copy of row src goes (§4.3 coherence). */
  protected aplSet(t: number, src: number, dst: number, rank: number): void {
    if (this.apl.set(src, dst, rank)) this.aplCache.shootdown(src, this.threads.cpu[t]);
  }

  /** schedule: no fetch, the scheduler moves the thread. */
  protected schedule(t: number, cpu: number): Output {
    this.threads.cpu[t] = idx(cpu, this.numCpus);
    return ok;
  }

  protected crash(t: number): Output {
    return fault('crash', this.threads.ip[t]);
  }
}

const aplRankOf = (p: 'call' | 'read' | 'write' | 'none'): number =>
  p === 'write' ? RANK_WRITE : p === 'read' ? RANK_READ : p === 'call' ? RANK_CALL : RANK_NONE;
