// Generation strategies (issue 13): how a property's scenarios are made. Each strategy
// makes plain scenarios (config + ops) that replay without it, so the corpus, the
// minimiser and `replay` never need to know which strategy found a trace.
//  - patterns: today's generators, each property's own (single random ops with multi-op
//    attack patterns mixed in; the security suites' aimed patterns);
//  - uniform: single random ops only, no patterns (the baseline the patterns improve on);
//  - guided: generation by execution (gen/guided/): a list of choice integers is mapped,
//    by running the impl, to ops chosen in the state they meet, weighted toward
//    follow-through. fast-check shrinks the choices; the minimiser then shrinks the ops.
import fc from 'fast-check';
import * as t from 'io-ts';
import type { Config } from '../alphabet/config';
import { ISOLATION_PROPS, type IsolationProp, REQUESTED_BY } from '../alphabet/policy';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Op } from '../alphabet/ops';
import { CODOMS_BOUNDS } from './bounds';
import { configArb } from './config';
import { DIPC_BOUNDS } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { callReturnPattern, chainEventPattern, dipcOpArb, exportImportPattern, grantRacePattern } from './dipc-ops';
import { aplRacePattern, capChainPattern } from './patterns';
import { type DipcScenario, dipcScenarioArb, wildDipcScenarioArb } from './dipc-scenario';
import { auditConfigArb, auditScenarioArb } from './audit-scenario';
import { guidedCodomsOps } from './guided/codoms';
import { Opening } from './opening';
import { guidedDipcOps } from './guided/dipc';
import { opArb } from './ops';
import { type Scenario, scenarioArb, wildScenarioArb } from './scenario';
import { keptStackAttackArb, steerKeptStack } from './timeout-attack';
import { lifecycleScenarioArb } from './lifecycle-attack';
import { authorityAttackPattern, upgradeAttackPattern } from './security-authority';
import { attackFirstScenarioArb, framesContainmentConfigArb, framesFirstArb, framesSecurityConfigArb, passDownContainmentConfigArb, passDownFirstArb, passDownSecurityConfigArb, containmentConfigArb, proxyFirstArb, denseContainmentConfigArb, denseSecurityConfigArb, containmentScenarioArb, securityConfigArb, securityPatternArb, revokeFollowThroughPattern, type Chunk, writerContainmentConfigArb, writerFirstArb, writerSecurityConfigArb, securityScenarioArb, wire } from './security-scenario';

export const STRATEGY_IDS = ['patterns', 'uniform', 'guided', 'swarm'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];
export const StrategyC = t.keyof({ patterns: null, uniform: null, guided: null, swarm: null }, 'patterns, uniform, guided or swarm');

/** The strategy of `check`, `npm test` and the audit when none is named. */
export const DEFAULT_STRATEGY: StrategyId = 'swarm';

/** What a strategy needs to know of a property (properties/types.ts PropertyDef). */
export interface GeneratedFor {
  readonly layer: 'codoms' | 'dipc';
  readonly wild?: boolean;
  readonly scenarios?: (maxOps?: number) => fc.Arbitrary<Scenario | DipcScenario>;
}

type AnyScenario = Scenario | DipcScenario;

/** Today's generators: the property's own, else its layer's (with malformed ops when it asks). */
const patternsArb = (prop: GeneratedFor, maxOps?: number): fc.Arbitrary<AnyScenario> =>
  prop.scenarios !== undefined
    ? prop.scenarios(maxOps)
    : prop.layer === 'dipc'
      ? (prop.wild === true ? wildDipcScenarioArb : dipcScenarioArb)(DIPC_BOUNDS, maxOps ?? DIPC_BOUNDS.maxOps)
      : (prop.wild === true ? wildScenarioArb : scenarioArb)(CODOMS_BOUNDS, maxOps ?? CODOMS_BOUNDS.maxOps);

/** The systems a dIPC property is checked on: the security suites fix who is honest (process 0) and who is not. */
const dipcConfigFor = (prop: GeneratedFor): fc.Arbitrary<DipcConfig> =>
  prop.scenarios === undefined
    ? dipcConfigArb(DIPC_BOUNDS)
    : (prop.scenarios as unknown) === containmentScenarioArb
      ? containmentConfigArb
      : (prop.scenarios as unknown) === securityScenarioArb
        ? securityConfigArb
        : securityConfigArb;

/** Dense systems for the security suites (two or three processes importing from each other, policies from one palette). */
const denseConfigFor = (prop: GeneratedFor): fc.Arbitrary<DipcConfig> =>
  (prop.scenarios as unknown) === containmentScenarioArb ? denseContainmentConfigArb : denseSecurityConfigArb;

/** Frames systems for the security suites (every import asks stack integrity, one DCS protection per system). */
const framesConfigFor = (prop: GeneratedFor): fc.Arbitrary<DipcConfig> =>
  (prop.scenarios as unknown) === containmentScenarioArb ? framesContainmentConfigArb : framesSecurityConfigArb;
const passDownConfigFor = (prop: GeneratedFor): fc.Arbitrary<DipcConfig> =>
  (prop.scenarios as unknown) === containmentScenarioArb ? passDownContainmentConfigArb : passDownSecurityConfigArb;

/**
 * Swarm over the isolation policies (Groce et al.'s swarm testing, with the policy
 * combination as the feature set): the audit's scenarios (gen/audit-scenario.ts) for a
 * random side and a random combination of what caller and callee ask, every link between
 * the honest process and the adversary under it, and attacks aimed at that config. P5's
 * systems keep every process but 0 adversarial.
 */
type PolicyDraw = readonly ['caller' | 'callee', IsolationProp[], IsolationProp[], [IsolationProp[], IsolationProp[]] | null];
const policyDrawArb: fc.Arbitrary<PolicyDraw> = fc.tuple(
  fc.constantFrom('caller' as const, 'callee' as const),
  fc.subarray(ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'callee')),
  fc.subarray(ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'caller')),
  fc.option(fc.tuple(fc.subarray<IsolationProp>([...ISOLATION_PROPS]), fc.subarray<IsolationProp>([...ISOLATION_PROPS])), { freq: 2, nil: null }),
);

/** The config of a policy-swarm system as the property's suite needs it (P5: every process but 0 adversarial). */
const finishPolicyConfig = (prop: GeneratedFor, cfg: DipcConfig, service: PolicyDraw[3]): DipcConfig => {
  const c = service === null ? cfg : withServicePolicies(cfg, service[0], service[1]);
  return (prop.scenarios as unknown) === containmentScenarioArb ? { ...c, processes: c.processes.map((p, pid) => ({ ...p, honest: pid === 0 })) } : c;
};

const policySwarmArb = (prop: GeneratedFor, maxOps: number): fc.Arbitrary<DipcScenario> =>
  policyDrawArb.chain(([side, caller, callee, service]) =>
    auditScenarioArb(side, { caller, callee }, maxOps).map((sc) => ({ ...sc, config: finishPolicyConfig(prop, sc.config, service) })));

/** Policy-swarm systems alone, for the attack-first traces. */
export const policySwarmConfigArb = (prop: GeneratedFor): fc.Arbitrary<DipcConfig> =>
  policyDrawArb.chain(([side, caller, callee, service]) => auditConfigArb(side, { caller, callee }).map((cfg) => finishPolicyConfig(prop, cfg, service)));

/**
 * The links between the honest process and its service (process 2) under random policies
 * instead of the audit's nearly full isolation, in half the policy-swarm systems: what the
 * service passes the honest process is then exposed further down a chain.
 */
const withServicePolicies = (cfg: DipcConfig, importer: readonly IsolationProp[], exporter: readonly IsolationProp[]): DipcConfig => ({
  ...cfg,
  processes: cfg.processes.map((p, pid) =>
    pid === 2
      ? { ...p, imports: (p.imports ?? []).map((im) => ({ ...im, policy: [...importer] })), exports: (p.exports ?? []).map((e) => ({ ...e, policy: [...exporter] })) }
      : pid === 0
        ? {
            ...p,
            imports: (p.imports ?? []).map((im) => (im.from === 2 ? { ...im, policy: [...importer] } : im)),
            exports: (p.exports ?? []).map((e, k, all) => (k === all.length - 1 ? { ...e, policy: [...exporter] } : e)),
          }
        : p,
  ),
});

/** Single random ops, no patterns. */
const uniformArb = (prop: GeneratedFor, maxOps?: number): fc.Arbitrary<AnyScenario> => {
  if (prop.wild === true) return patternsArb(prop, maxOps);
  if (prop.layer === 'codoms')
    return fc.record({ config: configArb(CODOMS_BOUNDS), ops: fc.array(opArb, { maxLength: maxOps ?? CODOMS_BOUNDS.maxOps, size: 'max' }) });
  return fc.record({ config: dipcConfigFor(prop), ops: fc.array(dipcOpArb, { maxLength: maxOps ?? DIPC_BOUNDS.maxOps, size: 'max' }) });
};

/**
 * One choice integer per op: the source of a guided trace's randomness. At least half the
 * layer's bound, like today's traces (which are nearly always full): fast-check's shrinking
 * of the choices stops there, and the 1-minimal minimiser shrinks the ops from there on.
 */
const choicesArb = (maxOps: number, minOps = Math.floor(maxOps / 2)): fc.Arbitrary<number[]> => fc.array(fc.nat(), { minLength: Math.min(minOps, maxOps), maxLength: maxOps, size: 'max' });

/**
 * A quarter of guided dIPC systems have more domain tags than the 32-entry APL cache (and
 * the guided ops make domains in bursts), so cache slots are evicted, aliased and reused.
 */
const manyTags = <C extends DipcConfig>(cfg: fc.Arbitrary<C>): fc.Arbitrary<C> =>
  fc.tuple(cfg, fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 36, max: 64 }) })).map(([c, d]) => (d === 0 ? c : { ...c, maxDomains: d }));

/** Today's multi-op patterns, which the guided generators take as plans among their other choices. */
const CODOMS_PATTERNS: fc.Arbitrary<readonly Op[]> = fc.oneof(capChainPattern, aplRacePattern);
const DIPC_PATTERNS: fc.Arbitrary<readonly DipcOp[]> = fc.oneof(
  { weight: 1, arbitrary: exportImportPattern },
  { weight: 3, arbitrary: callReturnPattern },
  { weight: 2, arbitrary: chainEventPattern },
  { weight: 1, arbitrary: grantRacePattern },
);
/** The security suites' patterns are aimed with the config (`wire`). */
const dipcPatternsFor = (prop: GeneratedFor, config: DipcConfig): fc.Arbitrary<readonly DipcOp[]> =>
  prop.scenarios === undefined ? DIPC_PATTERNS : securityPatternArb.map((c) => wire(config, [c], 64));

/** Generation by execution: choices mapped to ops by running the impl on the config. */
const guidedArb = (prop: GeneratedFor, maxOps?: number, minOps?: number): fc.Arbitrary<AnyScenario> => {
  if (prop.wild === true) return patternsArb(prop, maxOps);
  if (prop.layer === 'codoms')
    return fc
      .tuple(configArb(CODOMS_BOUNDS), choicesArb(maxOps ?? CODOMS_BOUNDS.maxOps, minOps))
      .map(([config, choices]): Scenario => ({ config, ops: guidedCodomsOps(config, choices, CODOMS_PATTERNS) }));
  // As in the patterns strategy, one system in eight of the dIPC layer's own generator has a
  // call steered for the time-out attack on the split callee's stack (gen/timeout-attack.ts,
  // §5.4), whose ops then are one of the patterns the guided steps plan with.
  const steer = prop.scenarios === undefined
    ? fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: keptStackAttackArb })
    : fc.constant(null);
  return fc
    .tuple(manyTags(dipcConfigFor(prop)), choicesArb(maxOps ?? DIPC_BOUNDS.maxOps, minOps), steer)
    .map(([config0, choices, w]): DipcScenario => {
      if (w === null) return { config: config0, ops: guidedDipcOps(config0, choices, dipcPatternsFor(prop, config0)) };
      const { config, ops: attack } = steerKeptStack(config0, [], w);
      const patterns = fc.oneof({ weight: 1, arbitrary: dipcPatternsFor(prop, config) }, { weight: 1, arbitrary: fc.constant(attack) });
      return { config, ops: guidedDipcOps(config, choices, patterns) };
    });
};

/** Short traces: most flaws need fewer than 10 ops, and a short scenario is cheaper to make and check. */
const SHORT = { min: 6, max: 24 };

/**
 * A portfolio (swarm) of generators: each scenario is made by one sub-generator drawn at
 * random, so a flaw that one of them reaches quickly is reached quickly by the mix:
 *  - the property's own generator (`patterns`), full length;
 *  - generation by execution (`guided`), full length or short;
 *  - for the security suites, attack first: aimed attack patterns at the head of a short
 *    trace, aimed at the boot state they meet there.
 */
export const swarmParts = (prop: GeneratedFor, maxOps?: number): { name: string; weight: number; arbitrary: fc.Arbitrary<AnyScenario> }[] => {
  const bound = maxOps ?? (prop.layer === 'codoms' ? CODOMS_BOUNDS.maxOps : DIPC_BOUNDS.maxOps);
  const short = Math.min(bound, SHORT.max);
  const security = prop.layer === 'dipc' && prop.scenarios !== undefined;
  // The property's own generator keeps a half (a third for the security suites) of the
  // scenarios: a flaw it finds quickly costs the mix two (three) times as many scenarios,
  // less what the cheaper short scenarios save.
  const subs: { name: string; weight: number; arbitrary: fc.Arbitrary<AnyScenario> }[] = [
    { name: 'patterns', weight: security ? 4 : 2, arbitrary: patternsArb(prop, maxOps) },
    { name: 'guided', weight: 1, arbitrary: guidedArb(prop, maxOps) },
    // Short guided traces: for the security suites the attack-first traces below do their
    // work more cheaply (bench:parts), so they are left out there.
    ...(security ? [] : [{ name: 'guided-short', weight: 1, arbitrary: guidedArb(prop, short, SHORT.min) }]),
  ];
  // The dIPC layer's own properties (UNW, TMO, REF.dipc, DET.dipc): lifecycle attacks first.
  if (prop.layer === 'dipc' && !security) subs.push({ name: 'attack-first-lifecycle', weight: 3, arbitrary: lifecycleScenarioArb(short) });
  if (security)
    subs.push(
      { name: 'attack-first', weight: 1, arbitrary: attackFirstScenarioArb(dipcConfigFor(prop), short, 3) },
      { name: 'attack-first-dense', weight: 1, arbitrary: attackFirstScenarioArb(denseConfigFor(prop), short, 3) },
      { name: 'policy-swarm', weight: 6, arbitrary: policySwarmArb(prop, short) },
      { name: 'attack-first-policy', weight: 1, arbitrary: attackFirstScenarioArb(policySwarmConfigArb(prop), short, 3) },
      { name: 'attack-first-frames', weight: 5, arbitrary: attackFirstScenarioArb(framesConfigFor(prop), short, 3, framesFirstArb) },
      { name: 'attack-first-authority', weight: 4, arbitrary: attackFirstScenarioArb(denseConfigFor(prop), short, 3, authorityFirstArb) },
      { name: 'attack-first-writer', weight: 2, arbitrary: attackFirstScenarioArb((prop.scenarios as unknown) === containmentScenarioArb ? writerContainmentConfigArb : writerSecurityConfigArb, short, 3, writerFirstArb) },
      { name: 'attack-first-pass-down', weight: 3, arbitrary: attackFirstScenarioArb(passDownConfigFor(prop), short, 3, passDownFirstArb) },
      { name: 'attack-first-proxy', weight: 2, arbitrary: attackFirstScenarioArb(dipcConfigFor(prop), short, 3, proxyFirstArb) },
    );
  return subs;
};

/** Authority attacks (gen/security-authority.ts), the upgrade among them, and authority taken back (a grant revoked, then used). */
const authorityFirstArb: fc.Arbitrary<Chunk> = fc.oneof(
  { weight: 3, arbitrary: authorityAttackPattern },
  { weight: 1, arbitrary: upgradeAttackPattern },
  { weight: 2, arbitrary: revokeFollowThroughPattern },
);

/**
 * Built once per property and bound: a swarm is a dozen arbitraries, and a run that stops at
 * its first failure (the mutant kills, the generator benchmark) should not pay for building
 * them again. Arbitraries are immutable values, so sharing them changes no scenario.
 */
const swarmCache = new WeakMap<GeneratedFor, Map<number | undefined, fc.Arbitrary<AnyScenario>>>();
const swarmArb = (prop: GeneratedFor, maxOps?: number): fc.Arbitrary<AnyScenario> => {
  if (prop.wild === true) return patternsArb(prop, maxOps);
  const byBound = swarmCache.get(prop) ?? swarmCache.set(prop, new Map()).get(prop)!;
  const cached = byBound.get(maxOps);
  if (cached !== undefined) return cached;
  const parts = swarmParts(prop, maxOps);
  const rest = fc.oneof(...parts.map(({ weight, arbitrary }) => ({ weight, arbitrary })));
  // The opening (runs 0-8): the property's own generator in two scenarios of three, so a
  // flaw it finds in its first one or two scenarios is found about as soon under swarm.
  const others = parts.filter((p) => p.name !== 'patterns').reduce((a, p) => a + p.weight, 0);
  const opening = fc.oneof(...parts.map(({ name, weight, arbitrary }) => ({ weight: name === 'patterns' ? 2 * others : weight, arbitrary })));
  const arb = new Opening(opening, rest);
  byBound.set(maxOps, arb);
  return arb;
};

/** The scenarios a strategy makes for a property, at most maxOps long (the layer's bound when absent). */
export const strategyArb = (id: StrategyId, prop: GeneratedFor, maxOps?: number): fc.Arbitrary<AnyScenario> =>
  id === 'guided' ? guidedArb(prop, maxOps) : id === 'uniform' ? uniformArb(prop, maxOps) : id === 'swarm' ? swarmArb(prop, maxOps) : patternsArb(prop, maxOps);

/** Guided ops for a config (tests and tools): the same mapping the strategy uses. */
export const guidedOps = (layer: 'codoms' | 'dipc', config: Config | DipcConfig, choices: readonly number[]): (Op | DipcOp)[] =>
  layer === 'codoms' ? guidedCodomsOps(config as Config, choices) : guidedDipcOps(config as DipcConfig, choices);
