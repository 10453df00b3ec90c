// `npm ci` on the Node the README names prints no EBADENGINE warning: every package in the
// lock file accepts this Node (issue 15: commander 15 wanted Node 22.12). The ranges in the
// lock are of the forms npm's semver writes there: `>=a.b.c`, `^a.b`, `a.*`, joined by `||`.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.replace(/^v|^=/, '').split('.').map((x) => (x === '*' || x === 'x' ? 0 : Number(x)));
  return [a, b, c];
};
const cmp = (x: Version, y: Version): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** Does `v` satisfy one comparator (`>=18`, `^20.19.0`, `10.*`, `>= 12.*`)? */
const comparator = (v: Version, c: string): boolean => {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(\S+)$/.exec(c.trim());
  if (m === null) throw new Error(`unknown range '${c}'`);
  const [, op = '', ver] = m;
  const w = parse(ver);
  const wildcard = ver.includes('*') || ver.split('.').length < 3;
  switch (op) {
    case '>=':
      return cmp(v, w) >= 0;
    case '>':
      return cmp(v, w) > 0;
    case '<=':
      return cmp(v, w) <= 0;
    case '<':
      return cmp(v, w) < 0;
    case '^':
      return cmp(v, w) >= 0 && v[0] === w[0];
    case '~':
      return cmp(v, w) >= 0 && v[0] === w[0] && v[1] === w[1];
    default:
      return wildcard ? v[0] === w[0] : cmp(v, w) === 0;
  }
};

/** A range: alternatives joined by `||`, each a space-separated list of comparators (all must hold). */
export const satisfies = (version: string, range: string): boolean => {
  const v = parse(version);
  return range.split('||').some((alt) => alt.trim().replace(/(>=|<=|>|<)\s+/g, '$1').split(/\s+/).every((c) => comparator(v, c)));
};

describe(`engines: every locked package accepts Node ${process.versions.node}`, () => {
  test('the range reader', () => {
    expect(satisfies('20.20.2', '>=20')).toBe(true);
    expect(satisfies('20.20.2', '>=22.12.0')).toBe(false);
    expect(satisfies('20.20.2', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.18.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.20.2', '10.* || >= 12.*')).toBe(true);
  });

  test('package-lock.json', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
    const refused = Object.entries(lock.packages).flatMap(([name, p]) =>
      p.engines?.node !== undefined && !satisfies(process.versions.node, p.engines.node) ? [`${name || 'dipc-spec'} wants node ${p.engines.node}`] : [],
    );
    expect(refused).toEqual([]);
  });
});
