// The ghost ledger (DESIGN §6, P1): every handle sent and every grant made, in order, as a
// growable struct of arrays. Only the abstraction function reads it.
import { ensure } from './growable';

export const ACT_SEND = 0;
export const ACT_GRANT = 1;

export class Ledger {
  count = 0;
  act = new Uint8Array(16);
  /** send: from, to, handle; grant: by, grant, unused. Float64 keeps a -0 pid as the spec does. */
  a = new Float64Array(16);
  b = new Float64Array(16);
  c = new Float64Array(16);

  private push(act: number, a: number, b: number, c: number): void {
    const i = this.count;
    if (i >= this.act.length) {
      this.act = ensure(this.act, i + 1);
      this.a = ensure(this.a, i + 1);
      this.b = ensure(this.b, i + 1);
      this.c = ensure(this.c, i + 1);
    }
    this.act[i] = act;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.count = i + 1;
  }

  send(from: number, to: number, handle: number): void {
    this.push(ACT_SEND, from, to, handle);
  }

  grant(by: number, grant: number): void {
    this.push(ACT_GRANT, by, grant, 0);
  }
}
