// `npm run check:seeds`: the whole suite (`dipc-spec check`, default budget) at ten seeds, one
// after the other, so that a verdict that holds only at the default seed shows (issue 12 §4).
// Outside `npm test`: about fifteen minutes on a quiet two-core machine (at a load of 20, one
// seed alone took over 50 minutes). Each seed runs as its own
// `dipc-spec check --json` child; this script reads the JSON report, prints one line per seed
// (pass, or the failing properties) and a final summary line, and exits 1 if any seed fails.
// Failing traces and the child's output (check.log) go to scratch/seeds/seed<N>/ (git-ignored).
// `--jobs N` runs N seeds at once (default 1: one `check` keeps a core busy with its worker).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
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

interface CheckJson {
  readonly reports?: readonly { readonly id: string; readonly result: string }[];
}

/** The child's --json report, or null when it wrote none (it crashed or was stopped early). */
const readReport = (file: string): CheckJson | null => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CheckJson;
  } catch {
    return null;
  }
};

const runSeed = (seed: number, extra: readonly string[]): Promise<SeedReport> =>
  new Promise((done) => {
    const dir = mkdtempSync(join(tmpdir(), 'dipc-seeds-'));
    const json = join(dir, 'report.json');
    const started = Date.now();
    const out = join('scratch', 'seeds', `seed${seed}`);
    mkdirSync(out, { recursive: true });
    // The child's own report (progress, summary table, failure blocks) goes to check.log there, to follow a long run.
    const log = openSync(join(out, 'check.log'), 'w');
    const child = spawn(process.execPath, [bin, 'check', '--seed', String(seed), '--json', json, '--out-dir', out, ...extra], {
      stdio: ['ignore', log, 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('close', (status, signal) => {
      closeSync(log);
      const seconds = (Date.now() - started) / 1000;
      const doc = readReport(json);
      rmSync(dir, { recursive: true, force: true });
      if (doc === null) {
        const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
        done({ seed, verdict: 'error', failing: [], passed: 0, seconds, note: `exit ${status ?? signal}, no report${last === '' ? '' : `: ${last}`}` });
        return;
      }
      const reports = doc.reports ?? [];
      const failing = reports.filter((r) => r.result === 'fail').map((r) => r.id);
      const verdict = failing.length > 0 || status !== 0 ? 'fail' : 'pass';
      done({ seed, verdict, failing, passed: reports.length - failing.length, seconds, ...(verdict === 'fail' && failing.length === 0 ? { note: `exit ${status ?? signal}` } : {}) });
    });
  });

const line = (r: SeedReport): string => {
  const what =
    r.verdict === 'pass' ? `pass (${r.passed} properties)` : r.verdict === 'fail' ? `FAIL ${r.failing.join(' ')}${r.note === undefined ? '' : ` (${r.note})`}` : `ERROR ${r.note ?? ''}`;
  return `seed ${String(r.seed).padStart(8)}: ${what}  ${r.seconds.toFixed(0)}s`;
};

const main = async (): Promise<number> => {
  // `--jobs N` first; other words are passed to every `check` (e.g. `-- --only ARG-REG-CONF`).
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`Usage: npm run check:seeds -- [--jobs N] [check options]\n\nRuns \`dipc-spec check\` (default budget) at the seeds ${SEEDS.join(' ')}; exits 1 if any seed fails.\n  --jobs N   seeds run at once (1 to ${SEEDS.length}, default 1)\nOther options go to every \`check\` (see \`dipc-spec check --help\`), e.g. --only ARG-REG-CONF.`);
    return 0;
  }
  const j = args.indexOf('--jobs');
  const jobs = j >= 0 ? Number(args[j + 1]) : 1;
  if (!Number.isSafeInteger(jobs) || jobs < 1 || jobs > SEEDS.length) {
    process.stderr.write(`check:seeds: --jobs: expected an integer from 1 to ${SEEDS.length}, got ${args[j + 1] ?? 'nothing'}\n`);
    return 2;
  }
  const extra = j >= 0 ? [...args.slice(0, j), ...args.slice(j + 2)] : args;
  const started = Date.now();
  console.log(`dipc-spec check at ${SEEDS.length} seeds: ${SEEDS.join(' ')}${extra.length > 0 ? ` (with ${extra.join(' ')})` : ''}${jobs > 1 ? `, ${jobs} at a time` : ''}`);
  const results: SeedReport[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < SEEDS.length) {
      const r = await runSeed(SEEDS[next++], extra);
      results.push(r);
      console.log(line(r));
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const bad = SEEDS.flatMap((seed) => results.filter((r) => r.seed === seed && r.verdict !== 'pass'));
  const wall = (Date.now() - started) / 1000;
  console.log(
    bad.length === 0
      ? `check:seeds: all ${SEEDS.length} seeds pass (${wall.toFixed(0)}s)`
      : `check:seeds: ${SEEDS.length - bad.length} of ${SEEDS.length} seeds pass; failing: ${bad.map((r) => `${r.seed} (${r.failing.join(' ') || r.note})`).join(', ')} (${wall.toFixed(0)}s)`,
  );
  return bad.length === 0 ? 0 : 1;
};

process.exitCode = await main();
