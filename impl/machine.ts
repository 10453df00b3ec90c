// The efficient CODOMs machine (DESIGN §9): validate the op's shape, resolve its thread,
// dispatch to the instruction, and deliver a fault by counting it on the thread (§4: the
// faulting instruction has no other effect). Never throws: every index resolves through
// alphabet/resolve.ts and every address is checked against the page table before use.
import type { Op } from '../alphabet/ops';
import { type Output, skip } from '../alphabet/output';
import { CapInstructions } from './cap-instructions';
import { idx } from './indices';
import { isWellFormedOp } from './op-shape';

const MALFORMED = skip('malformed');
const NO_THREAD = skip('noThread');

export class CodomsMachine extends CapInstructions {
  step(op: Op): Output {
    if (!isWellFormedOp(op)) return MALFORMED;
    const t = idx(op.t, this.threads.count);
    if (t < 0) return NO_THREAD;
    const out = this.execute(t, op);
    if (out.out === 'fault') this.threads.faults[t]++;
    return out;
  }

  protected execute(t: number, op: Op): Output {
    switch (op.op) {
      case 'li':
        return this.li(t, op.r, op.v);
      case 'mov':
        return this.mov(t, op.r, op.s);
      case 'load':
        return this.load(t, op.r, op.a);
      case 'store':
        return this.store(t, op.r, op.a);
      case 'call':
        return this.call(t, op.a);
      case 'jump':
        return this.jump(t, op.a);
      case 'ret':
        return this.ret(t);
      case 'cap_create':
        return this.capCreate(t, op.c, op.a, op.len, op.perm, op.kind);
      case 'cap_derive':
        return this.capDerive(t, op.c, op.s, op.off, op.len, op.perm, op.kind);
      case 'cap_clear':
        return this.capClear(t, op.c);
      case 'cap_revoke':
        return this.capRevoke(t, op.c);
      case 'cap_push':
        return this.capPush(t, op.c);
      case 'cap_pop':
        return this.capPop(t, op.c);
      case 'cap_store':
        return this.capStore(t, op.c, op.a);
      case 'cap_load':
        return this.capLoad(t, op.c, op.a);
      case 'priv':
        return this.priv(t, op.act);
      case 'schedule':
        return this.schedule(t, op.cpu);
      case 'fault':
        return this.crash(t);
    }
  }
}
