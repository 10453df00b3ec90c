// `dipc-spec audit`: the policy audit (audit/api.ts, docs/audit.md). Prints the seed and the
// progress on stderr (a bar on a terminal, a line per tenth otherwise), the report on stdout
// or into --out (written whole or not at all), and each broken cell's witness as a
// counterexample file in a folder of this run's own under --witness-dir (witnessRunFolder:
// a later audit never leaves an earlier one's witnesses beside its own, and the report names
// the folder). Output paths are checked before the run (cli/output-paths.ts). Exit 0
// whatever the audit finds: a broken cell is a finding, not a failure of the command.
// Ctrl-C or SIGTERM stops the audit with no report (it reports only whole) and leaves the
// witness folder as it was.
import cliProgress from 'cli-progress';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { audit, type AuditProgress } from '../audit/api';
import { AUDIT_DEFAULT_STRATEGY } from '../audit/defaults';
import { enumerateCombinations, type Combination } from '../audit/combinations';
import { auditHtml, auditMarkdown } from '../audit/format';
import { dipcMachineById, MACHINE_IDS } from '../machines/registry';
import { INTERRUPTED_EXIT, TERMINATED_EXIT } from './interrupt';
import { type AuditCliOptions, UsageError } from './options';
import { OUTPUT_NOT_WRITTEN_EXIT, type OutputTarget, preflightOutputs, writeOutput } from './output-paths';

/**
 * The folder of one audit's witnesses, under --witness-dir: named by what decides the
 * witnesses (seed, runs, trace length, machine, combinations), so the same audit run again
 * replaces its own folder whole, and audits with other settings never mix with it.
 */
export const witnessRunFolder = (
  o: Pick<AuditCliOptions, 'seed' | 'runs' | 'maxOps' | 'machine'> & { readonly strategy?: string } & { readonly exhaustive?: number; readonly exhaustiveMaxStates?: number },
  onlyIndices: readonly number[] | null,
): string => {
  const only = onlyIndices === null ? '' : onlyIndices.length <= 6 ? `-only-${onlyIndices.join('-')}` : `-only-${onlyIndices.length}-from-${onlyIndices[0]}-${fnv(onlyIndices.join(','))}`;
  // An exhaustive search can add witnesses: its depth and cut are part of what decides them.
  const exhaustive = o.exhaustive === undefined ? '' : `-exhaustive${o.exhaustive}-states${o.exhaustiveMaxStates ?? ''}`;
  // The default strategy adds nothing to the name, so the folders of earlier audits keep their names.
  const strategy = o.strategy === undefined || o.strategy === AUDIT_DEFAULT_STRATEGY ? '' : `-${o.strategy}`;
  return `seed${o.seed}-runs${o.runs}-ops${o.maxOps}-${o.machine}${strategy}${exhaustive}${only}`;
};

const fnv = (s: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
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

const UNIT: Record<AuditProgress['phase'], string> = { search: 'scenarios', exhaustive: 'searches', witnesses: 'witnesses' };

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
  const reportOut: OutputTarget | null = opts.out === undefined ? null : { flag: '--out', path: opts.out, kind: 'file', stdoutAllowed: true };
  preflightOutputs([reportOut, opts.witnesses ? { flag: '--witness-dir', path: opts.witnessDir, kind: 'folder' } : null]);
  const only = selectCombinations(opts.only);
  const picked = enumerateCombinations().filter((c) => only?.(c) ?? true);
  const count = picked.length;
  const runFolder = opts.witnesses ? join(opts.witnessDir, witnessRunFolder(opts, only === undefined ? null : picked.map((c) => c.index))) : null;
  process.stderr.write(
    `dipc-spec audit: seed ${opts.seed}, ${count} combination${count === 1 ? '' : 's'}, ${opts.runs} scenarios per combination class and side, up to ${opts.maxOps} ops each, machine ${opts.machine}, strategy ${opts.strategy}, ` +
      `${opts.workers === 0 ? 'in this thread' : `${opts.workers} worker${opts.workers === 1 ? '' : 's'}`}${runFolder !== null ? `; witnesses in ${runFolder}/` : ''}\n`,
  );
  // This run's folder replaces an earlier run's of the same settings: the old one waits aside
  // until the new one is complete, and comes back if the audit stops or fails.
  const aside = runFolder === null ? null : `${runFolder}.${process.pid}.old`;
  if (runFolder !== null && aside !== null && existsSync(runFolder)) renameSync(runFolder, aside);
  const restore = () => {
    if (runFolder === null || aside === null) return;
    rmSync(runFolder, { recursive: true, force: true });
    if (existsSync(aside)) renameSync(aside, runFolder);
  };
  const onSignal = (sig: 'SIGINT' | 'SIGTERM') => {
    restore();
    process.stderr.write(`\ndipc-spec audit: ${sig === 'SIGINT' ? 'interrupted' : 'terminated (SIGTERM)'}; no report written (an audit reports only whole), witness folder left as it was\n`);
    process.exit(sig === 'SIGINT' ? INTERRUPTED_EXIT : TERMINATED_EXIT);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const started = performance.now();
  const phaseStart: Partial<Record<AuditProgress['phase'], number>> = {};
  const display = progressDisplay();
  let report;
  try {
    report = await audit({
      seed: opts.seed, runs: opts.runs, maxOps: opts.maxOps, machine: opts.machine, strategy: opts.strategy, workers: opts.workers,
      ...(opts.exhaustive === undefined ? {} : { exhaustive: { depth: opts.exhaustive, maxStates: opts.exhaustiveMaxStates } }),
      witnessDir: runFolder,
      onProgress: (p) => {
        phaseStart[p.phase] ??= performance.now();
        display.update(p);
      }, ...(only === undefined ? {} : { only }),
    });
  } catch (e) {
    restore();
    throw e;
  } finally {
    display.stop();
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  if (aside !== null) rmSync(aside, { recursive: true, force: true });
  const text = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : opts.format === 'html' ? auditHtml(report) : auditMarkdown(report);
  const reportWritten = reportOut === null ? (process.stdout.write(text), true) : writeOutput(reportOut, text);
  const notWritten = report.combinations.flatMap((c) => c.guarantees.filter((g) => g.witnessNotWritten !== undefined));
  if (notWritten.length > 0)
    process.stderr.write(`dipc-spec audit: ${notWritten.length} witness file${notWritten.length === 1 ? '' : 's'} could not be written to ${runFolder}/ (${notWritten[0].witnessNotWritten}); their traces are in the report\n`);
  const s = report.summary;
  process.stderr.write(
    `dipc-spec audit: ${s.combinations} combination${s.combinations === 1 ? '' : 's'}, ${s.cells} cells: ${s.broken} broken, ${s.cells - s.broken} held; seed ${report.seed}; ${minutes(performance.now() - started)}` +
      ` (search ${minutes((phaseStart.exhaustive ?? phaseStart.witnesses ?? started) - (phaseStart.search ?? started))}` +
      `${phaseStart.exhaustive === undefined ? '' : `, exhaustive ${minutes((phaseStart.witnesses ?? started) - phaseStart.exhaustive)}`}, witnesses ${minutes(performance.now() - (phaseStart.witnesses ?? performance.now()))})` +
      `${opts.out === undefined || opts.out === '-' || !reportWritten ? '' : `; report in ${opts.out}`}${runFolder !== null && s.broken > 0 ? `; witnesses in ${runFolder}/` : ''}\n`,
  );
  return reportWritten && notWritten.length === 0 ? 0 : OUTPUT_NOT_WRITTEN_EXIT;
};
