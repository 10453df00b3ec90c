// Makes a long trace file from a short one, to measure replay, run and shrink on traces of
// 10^4 to 10^6 ops (docs/trace-files.md "Long traces"):
//   npx tsx bench/long-trace.ts FROM.json OPS OUT.json
//   npx tsx bench/long-trace.ts --random-dipc SEED OPS OUT.json
// A counterexample file (it has `outcomes`) keeps its failure: OPS - n no-op moves
// (`mov[t0 r1 <- r1]`, which changes nothing on any machine) go before its n ops and the
// failing step moves with them, so every recorded outcome still holds. A trace file is
// repeated until it has OPS ops. --random-dipc makes a dIPC trace file of OPS generated ops
// (the suite's generator, 80 ops at a time) on one generated system.
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { DIPC_BOUNDS } from '../gen/dipc-bounds';
import { dipcConfigArb } from '../gen/dipc-config';
import { dipcTraceArb } from '../gen/dipc-ops';

const args = process.argv.slice(2);
const [from, opsArg, out] = args[0] === '--random-dipc' ? [args[0], args[2], args[3]] : args;
const ops = Number(opsArg);
if (from === undefined || out === undefined || !Number.isSafeInteger(ops) || ops < 1) {
  process.stderr.write('usage: npx tsx bench/long-trace.ts FROM.json OPS OUT.json\n');
  process.exit(2);
}
const randomFile = (seed: number): { layer: string; config: unknown; trace: unknown[] } => {
  const [config] = fc.sample(dipcConfigArb(DIPC_BOUNDS), { seed, numRuns: 1 });
  const trace: unknown[] = [];
  for (let k = 0; trace.length < ops; k++) trace.push(...fc.sample(dipcTraceArb(80), { seed: seed + k + 1, numRuns: 1 })[0]);
  return { layer: 'dipc', config, trace: trace.slice(0, ops) };
};
const file = (from === '--random-dipc' ? randomFile(Number(process.argv[3])) : JSON.parse(readFileSync(from, 'utf8'))) as { trace: unknown[]; outcomes?: unknown; failingStep?: number; name?: string };
const n = file.trace.length;
let trace: unknown[];
if (file.outcomes !== undefined) {
  const pad = Array.from({ length: Math.max(0, ops - n) }, () => ({ op: 'mov', t: 0, r: 1, s: 1 }));
  trace = [...pad, ...file.trace];
  file.failingStep = (file.failingStep ?? -1) < 0 ? file.failingStep ?? -1 : (file.failingStep ?? 0) + pad.length;
} else {
  trace = Array.from({ length: ops }, (_, i) => file.trace[i % n]);
}
// One op per line: the file stays readable and is about 40 bytes an op.
const body = JSON.stringify({ ...file, trace: [] }, null, 2).replace('"trace": []', `"trace": [\n${trace.map((o) => `    ${JSON.stringify(o)}`).join(',\n')}\n  ]`);
writeFileSync(out, `${body}\n`);
process.stderr.write(`${out}: ${trace.length} ops\n`);
