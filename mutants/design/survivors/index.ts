// Design flaws the properties miss (docs/mutants.md "Design flaws the properties miss"): each
// survives its targets at check's default budget, so it is not in ALL_DESIGN_MUTANTS (npm test
// would fail). Kept here, not run by npm test: `targets` names the properties that judge the
// flaw once a scenario reaches it. The witness (properties/security/witness) judges every one
// of these acts; what is missing is a generator that makes the act and then uses it (issue
// 13). Once one is caught, move the file to ../, list it in ../index.ts and record its trace
// (`dipc-spec record-mutants --design --only <id>`).
import type { DesignMutant } from '../types';
import { mutant as domRemapWithoutOwnership } from './dom-remap-without-ownership';
import { mutant as entryRegisterOutsideDomain } from './entry-register-outside-domain';
import { mutant as entryRegisterWithoutOwner } from './entry-register-without-owner';
import { mutant as timeoutCallerKeepsCalleeStack } from './timeout-caller-keeps-callee-stack';

export const SURVIVING_DESIGN_MUTANTS: readonly DesignMutant[] = [
  // P1 judges a remap of another's pages, but the generators rarely remap a domain they were sent a handle to
  domRemapWithoutOwnership,
  // P1 judges where an entry is registered, P2 where a call lands: the generators rarely register outside their code and then call it
  entryRegisterWithoutOwner,
  entryRegisterOutsideDomain,
  // TMO now checks both directions, but the resumed caller rarely uses a capability it kept to the split callee's stack
  timeoutCallerKeepsCalleeStack,
];
