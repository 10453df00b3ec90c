// Mutants the security suites (issue 5) are meant to kill: stub and proxy bugs that break
// an isolation guarantee, an accounting bug, a grant that no act of the owner justifies.
import type { DipcMutant } from '../dipc/types';
import { mutant as argCopyAfterUse } from './arg-copy-after-use';
import { mutant as argCopySharedArea } from './arg-copy-shared-area';
import { mutant as calleeStubLeavesResultRegister } from './callee-stub-leaves-result-register';
import { mutant as callerStubForgetsOneRegister } from './caller-stub-forgets-one-register';
import { mutant as callerStubKeepsOneRegister } from './caller-stub-keeps-one-register';
import { mutant as cpuChargedToHome } from './cpu-charged-to-home';
import { mutant as dcsArgsNotRevoked } from './dcs-args-not-revoked';
import { mutant as dcsBaseOneTooLow } from './dcs-base-one-too-low';
import { mutant as grantCreateTakesRawTag } from './grant-create-takes-raw-tag';
import { mutant as processSwitchSkipped } from './process-switch-skipped';
import { mutant as ownDcsCopiesEntryBelowArguments } from './own-dcs-copies-entry-below-arguments';
import { mutant as stackCapsOneWordTooLarge } from './stack-caps-one-word-too-large';
import { mutant as stackSwitchKeepsStackCapability } from './stack-switch-keeps-stack-capability';

export const SECURITY_MUTANTS: readonly DipcMutant[] = [
  callerStubKeepsOneRegister,
  calleeStubLeavesResultRegister,
  argCopyAfterUse,
  argCopySharedArea,
  dcsArgsNotRevoked,
  cpuChargedToHome,
  processSwitchSkipped,
  grantCreateTakesRawTag,
  callerStubForgetsOneRegister,
  stackCapsOneWordTooLarge,
  dcsBaseOneTooLow,
  stackSwitchKeepsStackCapability,
  ownDcsCopiesEntryBelowArguments,
];
