// `dipc-spec explore`: bounded-exhaustive exploration of a small scope (docs/explore.md).
// Every input is checked before any work: one scope (--scope or --scenario), a dIPC
// machine, known properties of the dIPC layer. Progress on stderr; the certificate on
// stdout (text, or JSON with --json); a violation's minimised trace stored like any
// counterexample (under --out, atomically). Exit 1 on a violation.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcConfig } from '../alphabet/dipc-config';
import { SCHEMA_VERSION, type CounterexampleFile } from '../counterexamples/format';
import { readJsonFile } from '../counterexamples/json-file';
import { counterexamplePath, writeCounterexampleFile } from '../counterexamples/store';
import { decodeTraceFile } from '../counterexamples/trace-file';
import { domainsOf } from '../explore/alphabet';
import { type Certificate, certificateText, runExploreWith } from '../explore/certificate';
import { SCOPE_NAMES, type Scope, scopeByName } from '../explore/scopes';
import { dipcMachineById, MACHINE_IDS } from '../machines/registry';
import { PROPERTIES, propertyById } from '../properties/catalogue';
import type { DipcProperty } from '../properties/types';
import { type ExploreCliOptions, InputError, UsageError } from './options';
import { preflightOutputs } from './output-paths';

const scopeOf = (o: ExploreCliOptions): Scope => {
  if ((o.scope === undefined) === (o.scenario === undefined)) throw new UsageError('explore: give exactly one of --scope <name> and --scenario <file>');
  if (o.scope !== undefined) {
    const s = scopeByName(o.scope);
    if (s === undefined) throw new UsageError(`--scope: expected one of ${SCOPE_NAMES.join(', ')}, got '${o.scope}'`);
    return s;
  }
  const file = o.scenario as string;
  const r = E.chain((raw: unknown) => decodeTraceFile(raw, (id) => propertyById(id)?.layer))(readJsonFile(file));
  if (E.isLeft(r)) throw new InputError(`${file}: ${r.left}`);
  if (r.right.layer !== 'dipc') throw new InputError(`${file}: $.layer: explore runs on the dIPC layer, got a ${r.right.layer} file`);
  return { name: file, description: `the config of ${file}${r.right.note === undefined ? '' : ` (${r.right.note})`}`, config: r.right.config as DipcConfig };
};

export const dipcProperties = (only: readonly string[]): DipcProperty[] => {
  const all = PROPERTIES.filter((p): p is DipcProperty => p.layer === 'dipc');
  if (only.length === 0) return all;
  // `--only none`: a survey of the state space alone (its certificate lists no property checked).
  if (only.length === 1 && only[0] === 'none') return [];
  for (const id of only) if (!all.some((p) => p.id === id)) throw new UsageError(`--only: '${id}' is not a dIPC-layer property (${all.map((p) => p.id).join(' ')})`);
  return all.filter((p) => only.includes(p.id));
};

const toFile = (c: Certificate, o: ExploreCliOptions): CounterexampleFile => {
  const v = c.violation;
  if (v === null) throw new Error('toFile: no violation');
  return {
    schemaVersion: SCHEMA_VERSION,
    property: v.property,
    name: `explore-${c.machine}`,
    machine: c.machine,
    seed: 0,
    path: `bfs depth ${v.depth}`,
    layer: 'dipc',
    config: v.minimised.config,
    trace: [...v.minimised.ops],
    failingStep: v.minimised.violation.step,
    expected: v.minimised.violation.expected,
    observed: v.minimised.violation.observed,
    note: `found by dipc-spec explore --${o.scope !== undefined ? `scope ${o.scope}` : `scenario ${o.scenario}`} --depth ${c.depth} --machine ${c.machine} (shortest trace: ${v.depth} ops, BFS order; minimised)`,
    outcomes: { [c.machine]: 'fail' },
  };
};

export const runExploreCommand = async (o: ExploreCliOptions): Promise<number> => {
  const scope = scopeOf(o);
  const factory = dipcMachineById(o.machine);
  if (factory === undefined) throw new UsageError(`--machine: expected a dIPC machine (${MACHINE_IDS.join(', ')}), got '${o.machine}'`);
  const properties = dipcProperties(o.only);
  if (o.write) preflightOutputs([{ flag: '--out', path: o.out, kind: 'folder' }]);
  const t0 = Date.now();
  const cert = await runExploreWith({
    scope,
    machine: o.machine,
    factory,
    properties,
    depth: o.depth,
    domains: domainsOf(scope.config, scope.policies),
    maxStates: o.maxStates,
    timeSeconds: o.time,
    ...(o.shard === undefined ? {} : { shard: o.shard }),
    ...(o.replayChecks === true ? { checking: 'replay' as const } : {}),
    onProgress: (p) =>
      process.stderr.write(
        `explore ${scope.name}: depth ${p.depth}, ${p.states} states (${Math.round((p.states * 1000) / Math.max(p.elapsedMs, 1))}/s), ${p.transitions} transitions, frontier ${p.frontier}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
      ),
  }, o.workers);
  let file: string | null = null;
  if (cert.violation !== null && o.write) {
    const cx = toFile(cert, o);
    file = writeCounterexampleFile(counterexamplePath(o.out, cx.property, cx.name), cx);
  }
  if (o.json) process.stdout.write(`${JSON.stringify({ ...cert, file }, null, 2)}\n`);
  else process.stdout.write(`${certificateText(cert)}${file === null ? '' : `\n  stored       ${file} (dipc-spec replay ${file})`}\n`);
  return cert.violation === null ? 0 : 1;
};
