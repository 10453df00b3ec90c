// The ghost ledger (DESIGN §6, P1): every explicit act by which a process hands another
// process access: a handle sent, a grant made. Properties check accesses against it.
export type LedgerRecord =
  | { readonly act: 'send'; readonly from: number; readonly to: number; readonly handle: number }
  | { readonly act: 'grant'; readonly by: number; readonly grant: number };
