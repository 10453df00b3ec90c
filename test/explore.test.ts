// `dipc-spec explore` (issue 14, docs/explore.md) at small depths: the certificate's shape,
// determinism, mutants whose stored counterexample is short found by the search with a
// trace no longer than the stored one, and bad flags rejected with exit 2.
import { execFile } from 'node:child_process';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import { dipcProperties } from '../cli/explore';
import { readCounterexample } from '../counterexamples/store';
import { candidates, domainsOf, OP_KINDS, shapeOf } from '../explore/alphabet';
import { type Certificate, runExplore, runExploreWith } from '../explore/certificate';
import { stateHash, TypedRecord } from '../explore/hash';
import { bootMachine, holdsClosures } from '../explore/machine';
import type { DipcOp } from '../alphabet/dipc-ops';
import { outputToString } from '../alphabet/output';
import { implBehind } from '../refinement/dipc-impl-machine';
import { scopeByName } from '../explore/scopes';
import { dipcMachineById } from '../machines/registry';
import type { DipcMachineFactory } from '../refinement/machine';
import { propertyById } from '../properties/catalogue';

const scope = (name: string) => {
  const s = scopeByName(name);
  if (s === undefined) throw new Error(`no scope ${name}`);
  return s;
};

const run = (name: string, machine: string, only: string[], depth: number, maxStates?: number): Certificate => {
  const s = scope(name);
  const factory = dipcMachineById(machine);
  if (factory === undefined) throw new Error(`no machine ${machine}`);
  return runExplore({ scope: s, machine, factory, properties: dipcProperties(only), depth, domains: domainsOf(s.config, s.policies), maxStates });
};

/** The certificate without its timings (the only fields allowed to differ between runs). */
const untimed = (c: Certificate) => ({ ...c, timeMs: 0, statesPerSec: 0, transitionsPerSec: 0 });

describe('explore: the certificate', () => {
  test('states what was covered: scope, depth, alphabet, states, transitions per depth, properties, time, completeness', () => {
    const c = run('two-process-call', 'impl', ['ACCT'], 2);
    expect(c.scope.name).toBe('two-process-call');
    expect(c.depth).toBe(2);
    expect(c.depthExhausted).toBe(2);
    expect(c.complete).toBe(true);
    expect(c.cutBy).toBeNull();
    expect(c.dedup).toBe('impl-state');
    expect(c.alphabet.kinds).toEqual(OP_KINDS);
    expect(c.alphabet.size).toBeGreaterThan(100);
    expect(c.alphabet.distinctMax).toBeGreaterThan(5);
    expect(c.levels.map((l) => l.depth)).toEqual([1, 2]);
    // Every state but boot was first reached at some depth; every transition was from some depth.
    expect(c.levels.reduce((a, l) => a + l.states, 1)).toBe(c.states);
    expect(c.levels.reduce((a, l) => a + l.transitions, 0)).toBe(c.transitions);
    expect(c.states).toBeGreaterThan(c.levels[0].states);
    expect(c.properties.checked).toEqual(['ACCT']);
    expect(c.seed).toBeNull();
    expect(c.violation).toBeNull();
  });

  test('a budget cuts the search and the certificate says so', () => {
    const c = run('two-process-call', 'impl', ['P1'], 3, 20);
    expect(c.complete).toBe(false);
    expect(c.cutBy).toBe('max-states');
    expect(c.depthExhausted).toBeLessThan(3);
  });

  test('deterministic: two runs give the same certificate but for the timings', () => {
    const a = run('three-process-chain-kill', 'impl', ['UNW'], 1);
    const b = run('three-process-chain-kill', 'impl', ['UNW'], 1);
    expect(untimed(a)).toEqual(untimed(b));
  });

  test('the audit scopes: Low and High, both sides, boot with every op kind in their alphabet', () => {
    for (const name of ['Low/caller', 'Low/callee', 'High/caller', 'High/callee']) {
      const s = scope(name);
      const m = bootMachine(dipcMachineById('impl')!, s.config);
      const kinds = new Set(candidates(shapeOf(m.abstract()), domainsOf(s.config, s.policies)).map((op) => (op.op === 'syscall' ? `syscall:${op.call.k}` : op.op)));
      expect([...kinds].sort()).toEqual([...OP_KINDS].sort());
    }
  });

  test('the state hash reads the impl, not α: equal for equal states, different after a change', () => {
    const s = scope('two-process-call');
    const f = dipcMachineById('impl')!;
    const a = bootMachine(f, s.config);
    const b = bootMachine(f, s.config);
    expect(a.hash()).toBe(b.hash());
    const c = a.fork();
    c.step({ op: 'stub_call', t: 0, i: 0, args: [1, 1] });
    expect(c.hash()).not.toBe(a.hash());
    expect(a.hash()).toBe(b.hash());
    expect(stateHash(new Int32Array([1, 2]))).not.toBe(stateHash(new Int32Array([2, 1])));
  });
});

describe('explore: stepping a copy is stepping the machine', () => {
  test('every depth-1 candidate of High/caller: the copied state stepped hashes as the trace replayed from boot', () => {
    const s = scope('High/caller');
    const f = dipcMachineById('impl')!;
    const base = bootMachine(f, s.config);
    const ops = candidates(shapeOf(base.abstract()), domainsOf(s.config, s.policies));
    let differ = 0;
    // The search hashes successors with the base state's record of its arrays (hash.ts TypedRecord): the same hash.
    const record = new TypedRecord();
    base.hash({ into: record });
    let recordDiffers = 0;
    for (const op of ops) {
      const copy = base.fork();
      copy.step(op);
      const fresh = bootMachine(f, s.config);
      fresh.step(op);
      if (copy.hash() !== fresh.hash()) differ++;
      if (copy.hash({ from: record }) !== copy.hash()) recordDiffers++;
    }
    expect(ops.length).toBeGreaterThan(500);
    expect(record.arrays.length).toBeGreaterThan(10);
    expect(differ).toBe(0);
    expect(recordDiffers).toBe(0);
  });

  test('a machine whose graph holds closures (a patched method) is copied by replay: stepping a copy leaves the original as it was', () => {
    const s = scope('two-process-call');
    const impl = implBehind.get(dipcMachineById('impl')!.create(s.config));
    const patched = implBehind.get(dipcMachineById('stack-caps-one-word-too-large')!.create(s.config));
    expect(holdsClosures(impl)).toBe(false);
    expect(holdsClosures(patched)).toBe(true);
    // Deep-copied, the patched derivation would stay bound to the original's hardware, so a
    // call on the copy changed the original: the same op then faulted on it (found by npm run explore:mutants).
    const cx = readCounterexample('counterexamples/ARG-STACK-CONF/stack-caps-one-word-too-large.json', (id) => propertyById(id)?.layer);
    if (E.isLeft(cx)) throw new Error(cx.left);
    const [first, call] = cx.right.trace as DipcOp[];
    const base = bootMachine(dipcMachineById('stack-caps-one-word-too-large')!, cx.right.config as DipcConfig);
    base.step(first);
    const once = () => {
      const m = base.fork();
      const out = outputToString(m.step(call));
      return `${m.hash()}|${out}`;
    };
    const before = base.hash();
    expect(once()).toBe(once());
    expect(base.hash()).toBe(before);
  });

  test('the spec and the impl, explored alike, meet the same states (impl hashed from its arrays, spec from its abstract state)', () => {
    const a = run('two-process-call', 'impl', ['none'], 1);
    const b = run('two-process-call', 'spec', ['none'], 1);
    expect(a.dedup).toBe('impl-state');
    expect(b.dedup).toBe('abstraction');
    expect(b.levels).toEqual(a.levels);
  });
});

/** [property, mutant]: each stored counterexample (counterexamples/<property>/<mutant>.json) is 1 or 2 ops long. */
const MUTANTS: readonly (readonly [string, string])[] = [
  ['REF.dipc', 'dcs-base-off-by-one'],
  ['P4', 'signature-check-skips-dcs-args'],
  ['TOTAL.dipc', 'handle-send-unchecked-index'],
  ['ACCT', 'cpu-charged-to-home'],
  ['ARG-REF', 'dcs-args-not-revoked'],
];

describe('explore: a pure machine (the spec, a design mutant) copied by sharing its state', () => {
  // The same machine with its pure facet hidden: explore then copies it by replaying its trace.
  const opaque = (f: DipcMachineFactory): DipcMachineFactory => ({
    id: f.id,
    create: (cfg) => {
      const m = f.create(cfg);
      return { step: (op) => m.step(op), abstract: () => m.abstract() };
    },
  });
  test.each([
    ['spec', 'two-process-call', 2],
    ['design-timeout-on-shared-stack', 'two-process-call', 2],
  ] as const)('%s on %s to depth %d: the certificate replaying gives', (machine, name, depth) => {
    const s = scope(name);
    const f = dipcMachineById(machine)!;
    const req = { scope: s, machine, properties: dipcProperties([]), depth, domains: domainsOf(s.config, s.policies), minimise: false };
    expect(untimed(runExplore({ ...req, factory: f }))).toEqual(untimed(runExplore({ ...req, factory: opaque(f) })));
  }, 120_000);
});

describe('explore finds mutants whose known counterexample is short, with their trace', () => {
  for (const [prop, mutant] of MUTANTS)
    test(`${mutant} (${prop})`, () => {
      const cx = readCounterexample(`counterexamples/${prop}/${mutant}.json`, (id) => propertyById(id)?.layer);
      if (E.isLeft(cx)) throw new Error(cx.left);
      const stored = cx.right;
      const s = { name: mutant, description: stored.note, config: stored.config as DipcConfig };
      const props = dipcProperties([prop]);
      const mk = (machine: string) =>
        runExplore({ scope: s, machine, factory: dipcMachineById(machine)!, properties: props, depth: stored.trace.length, domains: domainsOf(s.config) });
      const c = mk(mutant);
      expect(c.violation?.property).toBe(prop);
      // BFS order: no longer than the stored (minimised) trace.
      expect(c.violation?.depth).toBeLessThanOrEqual(stored.trace.length);
      expect(c.violation?.minimised.ops.length).toBeGreaterThan(0);
      expect(c.violation?.minimised.violation.step).toBeGreaterThanOrEqual(0);
      expect(c.cutBy).toBe('violation');
      // The impl, on the same scope and depth, breaks nothing (checked where that is quick).
      if (stored.trace.length === 1) expect(mk('impl').violation).toBeNull();
    });
});

const cli = (args: readonly string[]): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['bin/dipc-spec.mjs', 'explore', ...args], { timeout: 30_000 }, (err, _stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stderr });
    });
  });

describe('explore: bad flags are one line naming the flag, exit 2', () => {
  test('depth, scope, neither scope nor scenario', async () => {
    const cases: readonly (readonly [string[], string])[] = [
      [['--scope', 'two-process-call', '--depth', '-1'], '--depth: expected depth (an integer from 0 to 1000), got "-1"'],
      [['--scope', 'nowhere'], "--scope: expected one of two-process-call, three-process-chain-kill"],
      [[], 'explore: give exactly one of --scope <name> and --scenario <file>'],
    ];
    expect(() => dipcProperties(['C1'])).toThrow("--only: 'C1' is not a dIPC-layer property");
    expect(dipcProperties(['none'])).toEqual([]);
    const results = await Promise.all(cases.map(([a]) => cli(a)));
    cases.forEach(([args, msg], i) => {
      expect(results[i].code, args.join(' ')).toBe(2);
      expect(results[i].stderr).toContain(msg);
    });
  });
});

describe('explore --workers and --shard (issue 14 item 4)', () => {
  const request = (name: string, machine: string, only: string[], depth: number, shard?: { index: number; count: number }) => {
    const s = scope(name);
    const factory = dipcMachineById(machine);
    if (factory === undefined) throw new Error(`no machine ${machine}`);
    return { scope: s, machine, factory, properties: dipcProperties(only), depth, domains: domainsOf(s.config, s.policies), minimise: false, ...(shard === undefined ? {} : { shard }) };
  };

  test('two workers give the certificate one thread gives, violation and trace included', async () => {
    const req = request('Low/caller', 'process-switch-skipped', ['P1'], 2);
    const one = runExplore(req);
    const two = await runExploreWith(req, 2);
    expect(one.violation?.trace).toHaveLength(2);
    expect(untimed(two)).toEqual(untimed(one));
  }, 180_000);

  test('the shards of a search together reach every state it reaches', () => {
    const whole = runExplore(request('two-process-call', 'impl', ['none'], 2));
    const shards = [1, 2].map((index) => runExplore(request('two-process-call', 'impl', ['none'], 2, { index, count: 2 })));
    expect(shards.map((c) => c.shard)).toEqual(['1/2', '2/2']);
    // Each shard has boot and every state of depth 1; the states of depth 2 are split between them.
    const depth2 = (c: Certificate) => c.levels[1].states;
    expect(shards.every((c) => c.complete && c.levels[0].states === whole.levels[0].states)).toBe(true);
    expect(depth2(shards[0]) + depth2(shards[1])).toBeGreaterThanOrEqual(depth2(whole));
    expect(shards[0].transitions + shards[1].transitions - whole.levels[0].transitions).toBe(whole.transitions);
  });
});
