// The benchmark machine: a Config of a given size whose layout lets one workload shape run
// at every size. Every domain owns the same run of pages (code, privileged code, a stack,
// a capability-storage page, data, one read-only page), and the APLs form the same
// neighbourhood around every domain, so a thread that calls "three domains up" or stores
// "two domains up" means the same thing with 8 domains and with 1024.
import { type AplEntry, type Config, DEFAULTS, type PageConfig, type ThreadConfig } from '../alphabet/config';

export interface MachineSize {
  readonly domains: number;
  readonly pages: number;
}

/** The sizes of the scaling table, smallest first (DESIGN §9: per-op cost flat as these grow). */
export const SCALING_SIZES: readonly MachineSize[] = [
  { domains: 8, pages: 256 },
  { domains: 64, pages: 2048 },
  { domains: 256, pages: 16384 },
  { domains: 1024, pages: 65536 },
];

/** The spec-versus-impl figure runs on the smallest machine, the spec's best case. */
export const CODOMS_SIZE: MachineSize = SCALING_SIZES[0];

export const WORDS_PER_PAGE = DEFAULTS.wordsPerPage;
export const ENTRY_ALIGN = DEFAULTS.entryAlign;
export const NUM_CPUS = 2;
export const DCS_SIZE = 8;
export const NUM_THREADS = 4;

/** Page roles inside a domain's run of pages. */
export const PAGE_CODE = 0;
export const PAGE_PRIV_CODE = 1;
export const PAGE_STACK = 2;
export const PAGE_CAP_STORE = 3;
export const FIRST_DATA_PAGE = 4;
/** The last page of every domain is read-only data (stores to it fault with pageProt). */
export const readOnlyPage = (pagesPerDomain: number): number => pagesPerDomain - 1;

/**
 * The APL neighbourhood of domain d (offsets mod the number of domains). The offsets are
 * distinct mod 8, so no two rules name the same APL entry at the smallest size.
 *   d+1 read, d+2 write, d+3 call (cross-domain calls), d-3 read (so a callee can return
 *   to its caller's code), and d+4, which privileged code toggles between none and read.
 */
export const APL_READ = 1;
export const APL_WRITE = 2;
export const APL_CALL = 3;
export const APL_BACK = -3;
export const APL_TOGGLED = 4;

export const pagesPerDomain = (size: MachineSize): number => Math.floor(size.pages / size.domains);

export const homeDomain = (size: MachineSize, t: number): number => Math.floor((t * size.domains) / NUM_THREADS);

export const domainPage = (size: MachineSize, d: number, role: number): number => d * pagesPerDomain(size) + role;

const pageConfig = (tag: number, role: number, ppd: number): PageConfig => {
  const base = { mapped: true, tag, read: true, write: false, exec: false, priv: false, capStore: false };
  if (role === PAGE_CODE) return { ...base, exec: true };
  if (role === PAGE_PRIV_CODE) return { ...base, exec: true, priv: true };
  if (role === PAGE_CAP_STORE) return { ...base, write: true, capStore: true };
  if (role === readOnlyPage(ppd)) return base;
  return { ...base, write: true };
};

export const buildConfig = (size: MachineSize): Config => {
  const D = size.domains;
  const ppd = pagesPerDomain(size);
  if (D < 8 || ppd < FIRST_DATA_PAGE + 2) throw new Error(`bench machine too small: ${D} domains, ${size.pages} pages`);
  const mod = (x: number): number => ((x % D) + D) % D;
  const pages: PageConfig[] = [];
  for (let d = 0; d < D; d++) for (let role = 0; role < ppd; role++) pages.push(pageConfig(d, role, ppd));
  const apl: AplEntry[] = [];
  for (let d = 0; d < D; d++) {
    apl.push({ src: d, dst: mod(d + APL_READ), perm: 'read' });
    apl.push({ src: d, dst: mod(d + APL_WRITE), perm: 'write' });
    apl.push({ src: d, dst: mod(d + APL_CALL), perm: 'call' });
    apl.push({ src: d, dst: mod(d + APL_BACK), perm: 'read' });
  }
  const threads: ThreadConfig[] = [];
  for (let t = 0; t < NUM_THREADS; t++) {
    const h = homeDomain(size, t);
    // sp starts one past the stack page: a call pushes its return address on the page's last word.
    threads.push({
      ip: domainPage(size, h, PAGE_CODE) * WORDS_PER_PAGE,
      sp: (domainPage(size, h, PAGE_STACK) + 1) * WORDS_PER_PAGE,
      cpu: t % NUM_CPUS,
    });
  }
  return { wordsPerPage: WORDS_PER_PAGE, entryAlign: ENTRY_ALIGN, numDomains: D, numCpus: NUM_CPUS, dcsSize: DCS_SIZE, pages, apl, threads };
};
