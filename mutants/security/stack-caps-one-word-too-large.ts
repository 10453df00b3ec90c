// The caller stub's stack integrity (§5.2.3) derives its two capabilities one word too
// large (an off-by-one in the length computation): c5, over the in-stack arguments, also
// covers the word above them, and c7, over the unused area, also covers the word at sp. That
// word is a saved register or the caller's own frame, which the callee can now overwrite.
import type { DipcConfig } from '../../alphabet/dipc-config';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class StackCapsOneWordTooLarge extends DipcImplMachine {
  constructor(cfg: DipcConfig) {
    super(cfg);
    // The stubs derive capabilities only for stack integrity (c5 and c7). Where the extra
    // word lies outside the whole-stack capability the derivation would fault: keep the
    // bug quiet there, as a real off-by-one would go unnoticed.
    const hw = this.hw;
    const derive = hw.userCapDeriveWrite.bind(hw);
    hw.userCapDeriveWrite = (t, c, s, off, len) => (derive(t, c, s, off, len + 1) === null ? null : derive(t, c, s, off, len));
  }
}

export const mutant: DipcMutant = {
  id: 'stack-caps-one-word-too-large',
  description: "the caller stub's stack-integrity capabilities (c5 and c7) are one word too large",
  targets: ['ARG-STACK-INT', 'ARG-REG-INT', 'ARG-STACK-CONF'],
  factory: dipcMachineFactoryFor('stack-caps-one-word-too-large', StackCapsOneWordTooLarge),
};
