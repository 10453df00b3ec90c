// Every dIPC-layer mutant, in the order reports list them.
import { mutant as blockAllocatorReusesLiveBlock } from './block-allocator-reuses-live-block';
import { mutant as domCopyAllowsUpgrade } from './dom-copy-allows-upgrade';
import { mutant as globalTagAllocator } from './global-tag-allocator';
import { mutant as grantCreateNonOwnerSource } from './grant-create-non-owner-source';
import { mutant as grantRevokeLeavesCache } from './grant-revoke-leaves-cache';
import { mutant as handleSendUncheckedIndex } from './handle-send-unchecked-index';
import { mutant as proxyTemplateIgnoresPolicy } from './proxy-template-ignores-policy';
import { mutant as signatureCheckSkipsDcsArgs } from './signature-check-skips-dcs-args';
import { mutant as proxySkipsSpCheck } from './proxy-skips-sp-check';
import { mutant as proxyReturnAnyFrame } from './proxy-return-any-frame';
import { mutant as processSwitchKeepsTls } from './process-switch-keeps-tls';
import { mutant as returnCapNotRevoked } from './return-cap-not-revoked';
import { mutant as dcsBaseOffByOne } from './dcs-base-off-by-one';
import { mutant as unwindToNewestFailedFrame } from './unwind-to-newest-failed-frame';
import { mutant as unwindForgetsSp } from './unwind-forgets-sp';
import { mutant as timeoutWithoutStackSwitch } from './timeout-without-stack-switch';
import { mutant as splitThreadNotDeleted } from './split-thread-not-deleted';
import { mutant as hotPathNotInvalidatedOnKill } from './hot-path-not-invalidated-on-kill';
import { mutant as resumeDeadCaller } from './resume-dead-caller';
import { mutant as deadProxyCallable } from './dead-proxy-callable';
import { mutant as timeoutWithoutErrorFlag } from './timeout-without-error-flag';
import { mutant as unwindKeepsRegisters } from './unwind-keeps-registers';
import { SECURITY_MUTANTS } from '../security/index';
import type { DipcMutant } from './types';

export type { DipcMutant } from './types';

export const ALL_DIPC_MUTANTS: readonly DipcMutant[] = [
  signatureCheckSkipsDcsArgs,
  grantCreateNonOwnerSource,
  domCopyAllowsUpgrade,
  blockAllocatorReusesLiveBlock,
  grantRevokeLeavesCache,
  proxyTemplateIgnoresPolicy,
  handleSendUncheckedIndex,
  globalTagAllocator,
  proxySkipsSpCheck,
  processSwitchKeepsTls,
  returnCapNotRevoked,
  proxyReturnAnyFrame,
  dcsBaseOffByOne,
  unwindToNewestFailedFrame,
  unwindForgetsSp,
  timeoutWithoutStackSwitch,
  splitThreadNotDeleted,
  hotPathNotInvalidatedOnKill,
  resumeDeadCaller,
  deadProxyCallable,
  timeoutWithoutErrorFlag,
  unwindKeepsRegisters,
  ...SECURITY_MUTANTS,
];

export const dipcMutantById = (id: string): DipcMutant | undefined => ALL_DIPC_MUTANTS.find((m) => m.id === id);
