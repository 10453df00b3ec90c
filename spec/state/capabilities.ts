// Capabilities (§4.2) and the derivation tree that makes revocation immediate and total.
// Every capability is a node: created from the APL (a root) or derived from a parent. Copies
// held in registers, on a DCS or in capability-storage memory are references to a node.
import type { CapKind, CapPerm } from '../../alphabet/config';

export type CapId = number;

export interface CapNode {
  readonly parent: CapId | null;
  readonly base: number;
  readonly length: number;
  readonly perm: CapPerm;
  readonly kind: CapKind;
  /** The thread a sync capability belongs to; null for async ones. */
  readonly owner: number | null;
  /** The domain whose code created it (C4 provenance). */
  readonly creatorTag: number;
  /** Set by cap_revoke on this node; descendants are revoked through it. */
  readonly revoked: boolean;
}

/** §4.2: revocation covers everything derived from the revoked capability. */
export const isRevoked = (caps: readonly CapNode[], id: CapId): boolean => {
  for (let cur: CapId | null = id; cur !== null; cur = caps[cur].parent) {
    if (caps[cur].revoked) return true;
  }
  return false;
};

/** A reference is usable by thread `t` when it exists, is not revoked, and (sync) is t's. */
export const usableBy = (caps: readonly CapNode[], id: CapId | null, t: number): id is CapId =>
  id !== null &&
  Number.isSafeInteger(id) &&
  id >= 0 &&
  id < caps.length &&
  !isRevoked(caps, id) &&
  (caps[id].kind === 'async' || caps[id].owner === t);

export const covers = (c: CapNode, a: number): boolean => a >= c.base && a < c.base + c.length;
