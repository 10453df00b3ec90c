// The mapped pages of each domain, in address order, kept up to date as the kernel maps,
// retags and unmaps pages. The CODOMs impl computes this list once at boot (its pages are
// static); under dIPC the page table changes, and the `entry` address selector ("the i-th
// entry point of domain d") must see the current pages. Lists are sorted arrays: pages are
// mostly appended in order by the block cursors, so an insert is usually a push.
export class DomainPageIndex {
  private readonly lists: number[][];

  constructor(numDomains: number) {
    this.lists = Array.from({ length: numDomains }, () => []);
  }

  pagesOf(tag: number): readonly number[] {
    return this.lists[tag];
  }

  add(tag: number, page: number): void {
    const l = this.lists[tag];
    if (l.length === 0 || l[l.length - 1] < page) {
      l.push(page);
      return;
    }
    const i = lowerBound(l, page);
    if (l[i] !== page) l.splice(i, 0, page);
  }

  remove(tag: number, page: number): void {
    const l = this.lists[tag];
    const i = lowerBound(l, page);
    if (i < l.length && l[i] === page) l.splice(i, 1);
  }
}

const lowerBound = (l: readonly number[], x: number): number => {
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
