// `npm run check:seeds`: the whole suite (`dipc-spec check`, default budget) at ten seeds, one
// after the other, so that a verdict that holds only at the default seed shows (issue 12 §4).
// Outside `npm test`: it takes about fifteen minutes on two cores. Each seed runs as its own
// `dipc-spec check --json` child; this script reads the JSON report, prints one line per seed
// (pass, or the failing properties) and a final summary line, and exits 1 if any seed fails.
// Failing traces go to scratch/seeds/seed<N>/ (git-ignored) for triage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SEEDS: readonly number[] = [20170423, 1, 7, 42, 777, 1234, 31337, 65537, 2024, 99991];

interface SeedReport {
  readonly seed: number;
  /** 'pass', 'fail', or 'error' (the child did not produce a report). */
  readonly verdict: 'pass' | 'fail' | 'error';
  readonly failing: readonly string[];
  readonly passed: number;
  readonly seconds: number;
  readonly note?: string;
}

const bin = join(import.meta.dirname, '..', 'bin', 'dipc-spec.mjs');

const runSeed = (seed: number, extra: readonly string[]): SeedReport => {
  const dir = mkdtempSync(join(tmpdir(), 'dipc-seeds-'));
  const json = join(dir, 'report.json');
  const started = Date.now();
  try {
    const child = spawnSync(process.execPath, [bin, 'check', '--seed', String(seed), '--json', json, '--out-dir', join('scratch', 'seeds', `seed${seed}`), ...extra], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    let doc: { reports?: { id: string; result: string }[] };
    try {
      doc = JSON.parse(readFileSync(json, 'utf8')) as typeof doc;
    } catch {
      const last = (child.stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
      return { seed, verdict: 'error', failing: [], passed: 0, seconds, note: `exit ${child.status ?? child.signal}, no report${last === '' ? '' : `: ${last}`}` };
    }
    const reports = doc.reports ?? [];
    const failing = reports.filter((r) => r.result === 'fail').map((r) => r.id);
    const passed = reports.length - failing.length;
    const verdict = failing.length > 0 || child.status !== 0 ? 'fail' : 'pass';
    return { seed, verdict, failing, passed, seconds, ...(verdict === 'fail' && failing.length === 0 ? { note: `exit ${child.status}` } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = (): number => {
  // Extra words are passed to every `check` (e.g. `-- --only ARG-REG-CONF`).
  const extra = process.argv.slice(2);
  console.log(`dipc-spec check at ${SEEDS.length} seeds: ${SEEDS.join(' ')}${extra.length > 0 ? ` (with ${extra.join(' ')})` : ''}`);
  const results: SeedReport[] = [];
  for (const seed of SEEDS) {
    const r = runSeed(seed, extra);
    results.push(r);
    const what = r.verdict === 'pass' ? `pass (${r.passed} properties)` : r.verdict === 'fail' ? `FAIL ${r.failing.join(' ')}${r.note === undefined ? '' : ` (${r.note})`}` : `ERROR ${r.note ?? ''}`;
    console.log(`seed ${String(seed).padStart(8)}: ${what}  ${r.seconds.toFixed(0)}s`);
  }
  const bad = results.filter((r) => r.verdict !== 'pass');
  const total = results.reduce((s, r) => s + r.seconds, 0);
  console.log(
    bad.length === 0
      ? `check:seeds: all ${SEEDS.length} seeds pass (${total.toFixed(0)}s)`
      : `check:seeds: ${SEEDS.length - bad.length} of ${SEEDS.length} seeds pass; failing: ${bad.map((r) => `${r.seed} (${r.failing.join(' ') || r.note})`).join(', ')} (${total.toFixed(0)}s)`,
  );
  return bad.length === 0 ? 0 : 1;
};

process.exitCode = main();
