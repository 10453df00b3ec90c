// The named small scopes `explore --scope` takes (docs/explore.md "Scopes"): fixed configs,
// each the smallest instance of a situation, like a TLA+ model's constants.
//  - two-process-call: examples/two-process-call.json's config, an honest process calling
//    another (§5.2);
//  - three-process-chain-kill: honest processes 0 -> 1 -> 2 by imports, so a chain of
//    calls can be cut by a kill of the middle process (§5.2.1, §5.4);
//  - <combination>/<side>: the audit's scope (gen/audit-scenario.ts) for one combination
//    (Low, High, its index or its name, audit/combinations.ts) and side (caller, callee),
//    every audit parameter at the least value its generator draws, one audited entry whose
//    signature has an argument of every kind, and a secret word in the honest process's data.
import type { DipcConfig, ProcessConfig } from '../alphabet/dipc-config';
import type { IsolationProp, Signature } from '../alphabet/policy';
import { enumerateCombinations, PAPER_POLICIES } from '../audit/combinations';
import { ADVERSARY_PID, type AuditPolicies, type AuditSide, HONEST_PID, rolesOf, SERVICE_PID, SERVICE_POLICIES } from '../gen/audit-scenario';

export interface Scope {
  readonly name: string;
  readonly description: string;
  readonly config: DipcConfig;
  /** Policies the alphabet's entry_register / entry_request use (default: those of the config, and none). */
  readonly policies?: { readonly register: readonly (readonly IsolationProp[])[]; readonly request: readonly (readonly IsolationProp[])[] };
}

const SIG_2_1: Signature = { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 };

const twoProcessCall: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 16, numCpus: 1, dcsSize: 4, blocks: 4, blockPages: 10, maxProcesses: 3, maxThreads: 2, stackPages: 1,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 1, imports: [{ from: 1, export: 0, sig: SIG_2_1, policy: ['regInt', 'stackConf'] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 1, sig: SIG_2_1, policy: ['regConf'] }] },
  ],
};

const threeProcessChain: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 16, numCpus: 1, dcsSize: 4, blocks: 5, blockPages: 8, maxProcesses: 3, maxThreads: 3, stackPages: 1,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 1, imports: [{ from: 1, export: 0, sig: SIG_2_1, policy: ['regInt'] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig: SIG_2_1, policy: [] }], imports: [{ from: 2, export: 0, sig: SIG_2_1, policy: ['regInt'] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig: SIG_2_1, policy: [] }] },
  ],
};

/** An audited entry with an argument of every kind: registers, in-stack words, a DCS capability. */
export const AUDIT_ENTRY_SIG: Signature = { inRegs: 2, outRegs: 1, stackWords: 1, dcsArgs: 1 };
const SERVICE_SIG: Signature = { inRegs: 1, outRegs: 3, stackWords: 1, dcsArgs: 0 };
/** The honest process's secret (its data page's first word at boot). */
export const AUDIT_SECRET = 7;

/** gen/audit-scenario.ts auditConfigArb at its least values, one audited entry. */
export const auditConfig = (side: AuditSide, pol: AuditPolicies): DipcConfig => {
  const audited = [{ code: 0, sig: AUDIT_ENTRY_SIG, policy: [...pol.callee] }];
  const importsOf = (from: number) => [{ from, export: 0, sig: AUDIT_ENTRY_SIG, policy: [...pol.caller] }];
  const honestExports = [...(side === 'callee' ? audited : []), { code: 3, sig: SERVICE_SIG, policy: [...SERVICE_POLICIES.callee] }];
  const shape = { codePages: 1, dataPages: 1, threads: 1 };
  const p0: ProcessConfig = {
    honest: true, ...shape, data: [AUDIT_SECRET],
    exports: honestExports,
    imports: [...(side === 'caller' ? importsOf(ADVERSARY_PID) : []), { from: SERVICE_PID, export: 0, sig: SERVICE_SIG, policy: [...SERVICE_POLICIES.caller] }],
  };
  const p1: ProcessConfig = { honest: false, ...shape, exports: side === 'caller' ? audited : [], imports: side === 'callee' ? importsOf(HONEST_PID) : [] };
  const p2: ProcessConfig = {
    honest: true, codePages: 1, dataPages: 1, threads: 1,
    exports: [{ code: 0, sig: SERVICE_SIG, policy: [...SERVICE_POLICIES.callee] }],
    imports: [{ from: HONEST_PID, export: honestExports.length - 1, sig: SERVICE_SIG, policy: [...SERVICE_POLICIES.caller] }],
  };
  return {
    wordsPerPage: 16, entryAlign: 4, maxDomains: 14, numCpus: 1, dcsSize: 4, blocks: 5, blockPages: 8, maxProcesses: 3, maxThreads: 6, stackPages: 1,
    processes: [p0, p1, p2],
  };
};

/** A combination by Low, High, index or name (as `audit --only` takes them). */
const combinationPolicies = (name: string): { policies: AuditPolicies; label: string } | undefined => {
  if (name === 'Low' || name === 'High') return { policies: PAPER_POLICIES[name], label: name };
  const combos = enumerateCombinations();
  const c = /^\d+$/.test(name) ? combos[Number(name)] : combos.find((x) => x.name === name);
  return c === undefined ? undefined : { policies: { caller: c.caller, callee: c.callee }, label: c.name };
};

export const auditScope = (combination: string, side: AuditSide): Scope | undefined => {
  const c = combinationPolicies(combination);
  if (c === undefined) return undefined;
  const { exporter, importer } = rolesOf(side);
  return {
    name: `${combination}/${side}`,
    description: `the audit's ${side} side of ${c.label} (caller asks {${c.policies.caller.join(',')}}, callee declares {${c.policies.callee.join(',')}}): honest p${HONEST_PID} with a secret, adversarial p${ADVERSARY_PID}, honest service p${SERVICE_PID}; p${importer} imports p${exporter}'s audited entry`,
    config: auditConfig(side, c.policies),
    policies: { register: [c.policies.callee], request: [c.policies.caller] },
  };
};

export const SCOPE_NAMES = ['two-process-call', 'three-process-chain-kill', 'Low/caller', 'Low/callee', 'High/caller', 'High/callee', '<combination>/<side>'] as const;

/** The scope called `name`, or undefined. */
export const scopeByName = (name: string): Scope | undefined => {
  if (name === 'two-process-call') return { name, description: 'an honest process calling another through one import (examples/two-process-call.json)', config: twoProcessCall };
  if (name === 'three-process-chain-kill')
    return { name, description: 'honest processes 0 -> 1 -> 2 by imports: a chain of calls, and kills of any process', config: threeProcessChain };
  const m = /^(.+)\/(caller|callee)$/.exec(name);
  return m === null ? undefined : auditScope(m[1], m[2] as AuditSide);
};
