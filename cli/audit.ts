// `dipc-spec audit`: the policy audit (audit/api.ts, docs/audit.md). Prints the seed and the
// progress on stderr (a bar on a terminal, a line per tenth otherwise), the report on stdout
// or into --out (written whole or not at all), and each broken cell's witness as a
// counterexample file under --witness-dir. Exit 0 whatever the audit finds: a broken cell
// is a finding, not a failure of the command.
import cliProgress from 'cli-progress';
import { statSync } from 'node:fs';
import { audit, type AuditProgress } from '../audit/api';
import { enumerateCombinations, type Combination } from '../audit/combinations';
import { auditHtml, auditMarkdown } from '../audit/format';
import { dipcMachineById, MACHINE_IDS } from '../machines/registry';
import { type AuditCliOptions, UsageError } from './options';
import { writeTextAtomically } from './report';

const kind = (f: string): 'file' | 'directory' | 'none' => {
  try {
    return statSync(f).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'none';
  }
};

/** `--only`: combinations by index, name (caller-RI--callee-none) or paper policy (Low, High). */
const selectCombinations = (only: readonly string[]): ((c: Combination) => boolean) | undefined => {
  if (only.length === 0) return undefined;
  const all = enumerateCombinations();
  const picked = new Set<number>();
  for (const o of only) {
    const hits = all.filter((c) => String(c.index) === o || c.name === o || c.paper?.toLowerCase() === o.toLowerCase());
    if (hits.length === 0) throw new UsageError(`--only: no combination '${o}' (give an index 0-${all.length - 1}, a name such as ${all[1].name}, Low or High)`);
    for (const c of hits) picked.add(c.index);
  }
  return (c) => picked.has(c.index);
};

interface PhaseDisplay {
  update(p: AuditProgress): void;
  stop(): void;
}

const UNIT: Record<AuditProgress['phase'], string> = { search: 'scenarios', witnesses: 'witnesses' };

/** A bar per phase on a terminal; otherwise a line at each tenth of a phase. */
const progressDisplay = (): PhaseDisplay => {
  let phase: AuditProgress['phase'] | null = null;
  if (!process.stderr.isTTY) {
    let lastTenth = -1;
    return {
      update: (p) => {
        if (p.phase !== phase) {
          phase = p.phase;
          lastTenth = -1;
        }
        const tenth = p.total === 0 ? 10 : Math.floor((10 * p.done) / p.total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          process.stderr.write(`audit ${p.phase}: ${p.done}/${p.total} ${UNIT[p.phase]}\n`);
        }
      },
      stop: () => {},
    };
  }
  let bar: cliProgress.SingleBar | null = null;
  return {
    update: (p) => {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = new cliProgress.SingleBar(
          { format: `audit ${p.phase.padEnd(9)} [{bar}] {value}/{total} ${UNIT[p.phase]}  {eta_formatted} left`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done);
      } else bar?.update(p.done);
    },
    stop: () => bar?.stop(),
  };
};

const minutes = (ms: number) => `${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s`;

export const runAudit = async (opts: AuditCliOptions): Promise<number> => {
  if (dipcMachineById(opts.machine) === undefined)
    throw new UsageError(`--machine: unknown dIPC machine '${opts.machine}' (known: ${MACHINE_IDS.filter((id) => dipcMachineById(id) !== undefined).join(' ')})`);
  if (opts.out !== undefined && kind(opts.out) === 'directory') throw new UsageError(`--out: '${opts.out}' is a directory, expected a file name`);
  if (opts.witnesses && kind(opts.witnessDir) === 'file') throw new UsageError(`--witness-dir: '${opts.witnessDir}' is a file, expected a folder`);
  const only = selectCombinations(opts.only);
  const count = enumerateCombinations().filter((c) => only?.(c) ?? true).length;
  process.stderr.write(
    `dipc-spec audit: seed ${opts.seed}, ${count} combination${count === 1 ? '' : 's'}, ${opts.runs} scenarios per combination class and side, up to ${opts.maxOps} ops each, machine ${opts.machine}, ` +
      `${opts.workers === 0 ? 'in this thread' : `${opts.workers} worker${opts.workers === 1 ? '' : 's'}`}${opts.witnesses ? `; witnesses in ${opts.witnessDir}/` : ''}\n`,
  );
  const started = performance.now();
  const phaseStart: Partial<Record<AuditProgress['phase'], number>> = {};
  const display = progressDisplay();
  let report;
  try {
    report = await audit({
      seed: opts.seed, runs: opts.runs, maxOps: opts.maxOps, machine: opts.machine, workers: opts.workers,
      witnessDir: opts.witnesses ? opts.witnessDir : null,
      onProgress: (p) => {
        phaseStart[p.phase] ??= performance.now();
        display.update(p);
      }, ...(only === undefined ? {} : { only }),
    });
  } finally {
    display.stop();
  }
  const text = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : opts.format === 'html' ? auditHtml(report) : auditMarkdown(report);
  if (opts.out === undefined) process.stdout.write(text);
  else writeTextAtomically(opts.out, text);
  const s = report.summary;
  process.stderr.write(
    `dipc-spec audit: ${s.combinations} combination${s.combinations === 1 ? '' : 's'}, ${s.cells} cells: ${s.broken} broken, ${s.cells - s.broken} held; seed ${report.seed}; ${minutes(performance.now() - started)}` +
      ` (search ${minutes((phaseStart.witnesses ?? started) - (phaseStart.search ?? started))}, witnesses ${minutes(performance.now() - (phaseStart.witnesses ?? performance.now()))})` +
      `${opts.out === undefined ? '' : `; report in ${opts.out}`}${opts.witnesses && s.broken > 0 ? `; witnesses in ${opts.witnessDir}/` : ''}\n`,
  );
  return 0;
};
