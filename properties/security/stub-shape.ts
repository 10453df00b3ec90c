// What an honest caller stub pushes on its stack before its call instruction (§5.2.3, DESIGN
// §5): the saved live registers (register integrity) and the in-stack arguments. Properties
// use it to know where the caller's own writes end and to place the return point of a call
// made by a stub whose epilogue never runs (an adversary's), from the signature and policy
// alone.
import { liveRegisters } from '../../spec/transitions/dipc/stubs';
import type { OpenCall } from './call-tracker';

export const prologueWords = (c: Pick<OpenCall, 'callerPolicy' | 'policy' | 'signature'>): number =>
  ((c.callerPolicy ?? c.policy).includes('regInt') ? liveRegisters(c.signature).length : 0) + c.signature.stackWords;
