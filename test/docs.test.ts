// Docs that cannot drift (issue 15): every transcript in README.md and docs/*.md shows what
// its command prints today, wall times aside (scripts/transcripts.ts, docs/transcripts.md),
// and no block that looks like a transcript escapes the check. `npm run docs` rewrites them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { docFiles, findTranscripts, firstDifference, maskTimes, regenerate, ROOT, unmarkedTranscripts } from '../scripts/transcripts';

describe('docs transcripts', () => {
  test('every block that shows a command and its output is a marked transcript', () => {
    const unmarked = docFiles().flatMap((f) => unmarkedTranscripts(f, readFileSync(join(ROOT, f), 'utf8')).map((l) => `${f}:${l}`));
    expect(unmarked).toEqual([]);
    expect(docFiles().flatMap((f) => findTranscripts(f, readFileSync(join(ROOT, f), 'utf8'))).length).toBeGreaterThanOrEqual(10);
  });

  test('masking hides wall times and nothing else', () => {
    expect(maskTimes('C1 pass 5 scenarios, 159 ops, 0.2s')).toBe(maskTimes('C1 pass 5 scenarios, 159 ops, 12.9s'));
    expect(maskTimes('│ C1 │ 3.1s │')).toBe(maskTimes('│ C1 │ 13.1s │'));
    expect(maskTimes('"timeMs": 211, "timeToFailureMs": 58')).toBe(maskTimes('"timeMs": 2110, "timeToFailureMs": 5'));
    expect(maskTimes('first failure 133 ms, 0m12s')).toBe(maskTimes('first failure 9 ms, 1m02s'));
    expect(maskTimes('116 scenarios, 7499 ops')).not.toBe(maskTimes('117 scenarios, 7499 ops'));
    expect(maskTimes('seed 20170423')).not.toBe(maskTimes('seed 20170424'));
    expect(maskTimes('5 scenarios')).toBe('5 scenarios');
  });

  test('every transcript matches what its commands print now', () => {
    const stale = regenerate()
      .filter(({ t, fresh }) => maskTimes(t.shown) !== maskTimes(fresh))
      .map(({ t, fresh }) => `${t.file}:${t.marker + 1} $ ${t.commands.join(' ; ')}\n  ${firstDifference(t.shown, fresh)}\n  (npm run docs rewrites it)`);
    expect(stale).toEqual([]);
  }, 240_000);
});
