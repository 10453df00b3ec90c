// Design flaws the properties miss (docs/mutants.md "Design flaws the properties miss"): each
// survives the design properties at check's default budget, so it is not in
// ALL_DESIGN_MUTANTS (npm test would fail). Kept here, not run by npm test, for the oracle
// work (issue 12 §1) to pick up: `targets` names the property that should catch it. Once one
// does, move the file to ../, list it in ../index.ts and record its trace
// (`dipc-spec record-mutants --design --only <id>`).
import type { DesignMutant } from '../types';
import { mutant as domCopyUpgrades } from './dom-copy-upgrades';
import { mutant as domRemapWithoutOwnership } from './dom-remap-without-ownership';
import { mutant as entryRegisterOutsideDomain } from './entry-register-outside-domain';
import { mutant as entryRegisterWithoutOwner } from './entry-register-without-owner';
import { mutant as grantCreateWithoutOwner } from './grant-create-without-owner';
import { mutant as grantCreateReversed } from './grant-create-reversed';
import { mutant as grantRevokeKeepsApl } from './grant-revoke-keeps-apl';
import { mutant as handleSendUpgrades } from './handle-send-upgrades';
import { mutant as proxyKeepsResource } from './proxy-keeps-resource';
import { mutant as proxyKeepsTls } from './proxy-keeps-tls';
import { mutant as returnKeepsCalleeIdentity } from './return-keeps-callee-identity';
import { mutant as timeoutCallerKeepsCalleeStack } from './timeout-caller-keeps-callee-stack';

export const SURVIVING_DESIGN_MUTANTS: readonly DesignMutant[] = [
  // ACCT: no property reads the TLS base or the resource identity
  proxyKeepsTls,
  proxyKeepsResource,
  returnKeepsCalleeIdentity,
  // P1: consent is "any send from that process" whatever its permission, a page belongs to its
  // current tag's creator, and accesses after a revoke are rare in the generated traces
  grantCreateWithoutOwner,
  domCopyUpgrades,
  handleSendUpgrades,
  domRemapWithoutOwnership,
  grantCreateReversed,
  grantRevokeKeepsApl,
  // P2: no property checks that an entry lies in code of a domain its registrant owns
  entryRegisterWithoutOwner,
  entryRegisterOutsideDomain,
  // TMO: checks that the split thread never touches its caller, not the reverse
  timeoutCallerKeepsCalleeStack,
];
