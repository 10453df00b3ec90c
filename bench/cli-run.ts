// How the bench scripts end on bad flags: one line naming the problem, a pointer to --help,
// exit 2 (as `dipc-spec` itself does); --help exits 0.
import { type Command, CommanderError } from 'commander';
import { UsageError } from '../cli/options';

export const parseOrExit = (program: Command, name: string): void => {
  try {
    program.parse(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.exitCode === 0) process.exit(0);
      process.stderr.write(`${name}: ${e.message.replace(/^error: /, '')}\nsee: npm run ${name} -- --help\n`);
      process.exit(2);
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\nsee: npm run ${name} -- --help\n`);
      process.exit(2);
    }
    throw e;
  }
};

/** `--mutants ids...`: every id must name a mutant the bench runs (else a usage error naming them). */
export const checkMutantIds = (ids: readonly string[], known: readonly string[]): void => {
  const unknown = ids.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw new UsageError(`--mutants: unknown mutant ${unknown.join(', ')} (known: ${known.join(' ')})`);
};
