// Every design mutant (issue 12 §3), in the order reports list them: each a flaw of the
// design, a variant of the spec (spec-variant.ts), killed by a property at check's default
// budget. 
import { mutant as killKeepsGrants } from './kill-keeps-grants';
import { mutant as killKeepsPages } from './kill-keeps-pages';
import { mutant as killKeepsProxies } from './kill-keeps-proxies';
import { mutant as killLeavesHandlesUsable } from './kill-leaves-handles-usable';
import { mutant as killSparesVisitors } from './kill-spares-visitors';
import { mutant as entryRequestAcceptsMismatch } from './entry-request-accepts-mismatch';
import { mutant as proxyIgnoresDcsInt } from './proxy-ignores-dcs-int';
import { mutant as proxyIgnoresStackConf } from './proxy-ignores-stack-conf';
import { mutant as proxyKeepsCurrent } from './proxy-keeps-current';
import { mutant as proxySkipsSpCheck } from './proxy-skips-sp-check';
import { mutant as returnCapNotRevoked } from './return-cap-not-revoked';
import { mutant as returnKeepsCalleeDcs } from './return-keeps-callee-dcs';
import { mutant as returnKeepsCalleeDcsArgs } from './return-keeps-callee-dcs-args';
import { mutant as returnKeepsCalleeSp } from './return-keeps-callee-sp';
import { mutant as returnKeepsDcsBase } from './return-keeps-dcs-base';
import { mutant as splitThreadSurvivesReturn } from './split-thread-survives-return';
import { mutant as timeoutSplitKeepsCallerChain } from './timeout-split-keeps-caller-chain';
import { mutant as timeoutOnSharedStack } from './timeout-on-shared-stack';
import { mutant as timeoutWithoutError } from './timeout-without-error';
import { mutant as timeoutSplitsOutermostOnly } from './timeout-splits-outermost-only';
import { mutant as unwindKeepsCalleeCurrent } from './unwind-keeps-callee-current';
import { mutant as unwindKeepsCalleeDcs } from './unwind-keeps-callee-dcs';
import { mutant as unwindClearsStackCap } from './unwind-clears-stack-cap';
import { mutant as unwindKeepsInnerStackCap } from './unwind-keeps-inner-stack-cap';
import { mutant as timeoutCallerKeepsCalleeC7 } from './timeout-caller-keeps-callee-c7';
import { mutant as unwindKeepsCalleeDcsBase } from './unwind-keeps-callee-dcs-base';
import { mutant as domCopyUpgrades } from './dom-copy-upgrades';
import { mutant as grantCreateWithoutOwner } from './grant-create-without-owner';
import { mutant as grantCreateReversed } from './grant-create-reversed';
import { mutant as grantRevokeKeepsApl } from './grant-revoke-keeps-apl';
import { mutant as handleSendUpgrades } from './handle-send-upgrades';
import { mutant as proxyKeepsResource } from './proxy-keeps-resource';
import { mutant as proxyKeepsTls } from './proxy-keeps-tls';
import { mutant as returnKeepsCalleeIdentity } from './return-keeps-callee-identity';
import { mutant as proxyCopiesOneWordMore } from './proxy-copies-one-word-more';
import { mutant as proxyEnteredAnywhere } from './proxy-entered-anywhere';
import { mutant as importNamesThreadsEarly } from './import-names-threads-early';
import { mutant as registerDropsDcsArgs } from './register-drops-dcs-args';
import { mutant as proxyIgnoresCallerPolicy } from './proxy-ignores-caller-policy';
import { mutant as sharedCopyArea } from './shared-copy-area';
import { mutant as domRemapWithoutOwnership } from './dom-remap-without-ownership';
import { mutant as entryRegisterWithoutOwner } from './entry-register-without-owner';
import { mutant as entryRegisterOutsideDomain } from './entry-register-outside-domain';
import { mutant as timeoutCallerKeepsCalleeStack } from './timeout-caller-keeps-callee-stack';
import type { DesignMutant } from './types';

export type { DesignMutant } from './types';

export const ALL_DESIGN_MUTANTS: readonly DesignMutant[] = [
  // track_process_call and the proxy's checks (§5.2.3, §6.1.2)
  proxyKeepsCurrent,
  proxySkipsSpCheck,
  proxyIgnoresStackConf,
  proxyIgnoresDcsInt,
  proxyCopiesOneWordMore,
  proxyEnteredAnywhere,
  // Table 2 preconditions
  entryRequestAcceptsMismatch,
  // the return path (§5.2.3)
  returnCapNotRevoked,
  returnKeepsCalleeSp,
  returnKeepsDcsBase,
  returnKeepsCalleeDcs,
  returnKeepsCalleeDcsArgs,
  // kill and unwinding (§5.2.1)
  killSparesVisitors,
  killKeepsPages,
  killKeepsProxies,
  killKeepsGrants,
  unwindKeepsCalleeCurrent,
  unwindKeepsCalleeDcs,
  // honest progress (issue 12 §2): what the resumed caller owns
  unwindClearsStackCap,
  unwindKeepsInnerStackCap,
  timeoutCallerKeepsCalleeC7,
  // time-outs (§5.4)
  timeoutWithoutError,
  timeoutOnSharedStack,
  splitThreadSurvivesReturn,
  timeoutSplitKeepsCallerChain,
  timeoutSplitsOutermostOnly,
  // Caught since the properties keep their own witness (issue 12 §1: witness/): ACCT reads the
  // TLS base and resource identity; P1 judges every authority act.
  // Flaws no property catches yet at the default budget are in survivors/ (docs/mutants.md)
  proxyKeepsTls,
  proxyKeepsResource,
  returnKeepsCalleeIdentity,
  importNamesThreadsEarly,
  grantCreateWithoutOwner,
  domCopyUpgrades,
  handleSendUpgrades,
  grantCreateReversed,
  grantRevokeKeepsApl,
  // Caught since UNW keeps its own witness (issue 12 §1 UNW): every use of a handle it saw name a dead process's domain, and the
  // DCS base an unwound caller gets back, against the one it saw at the call.
  killLeavesHandlesUsable,
  unwindKeepsCalleeDcsBase,
  // argument copy (§3.4, issue 12 §2): the copy per activation, not per process
  sharedCopyArea,
  // signatures (P4): judged against what entry_register was asked, not the kernel's records
  registerDropsDcsArgs,
  // the policy a call is owed (ARG-*): what both sides asked, as the witness saw it, not the proxy's record
  proxyIgnoresCallerPolicy,
  // Survivors until the generators made the two-step attacks (issue 13): authority taken
  // without the owner's rights and used (gen/security-authority.ts: Table 2, §5.2.2, §5.2.3),
  // and a time-out's caller writing the split callee's stack through a capability it kept on
  // the DCS (gen/timeout-attack.ts, §5.4).
  domRemapWithoutOwnership,
  entryRegisterWithoutOwner,
  entryRegisterOutsideDomain,
  timeoutCallerKeepsCalleeStack,
];
