// Every dIPC-layer mutant, in the order reports list them.
import { mutant as blockAllocatorReusesLiveBlock } from './block-allocator-reuses-live-block';
import { mutant as domCopyAllowsUpgrade } from './dom-copy-allows-upgrade';
import { mutant as globalTagAllocator } from './global-tag-allocator';
import { mutant as grantCreateNonOwnerSource } from './grant-create-non-owner-source';
import { mutant as grantRevokeLeavesCache } from './grant-revoke-leaves-cache';
import { mutant as handleSendUncheckedIndex } from './handle-send-unchecked-index';
import { mutant as proxyTemplateIgnoresPolicy } from './proxy-template-ignores-policy';
import { mutant as signatureCheckSkipsDcsArgs } from './signature-check-skips-dcs-args';
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
];

export const dipcMutantById = (id: string): DipcMutant | undefined => ALL_DIPC_MUTANTS.find((m) => m.id === id);
