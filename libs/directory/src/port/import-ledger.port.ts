/** An import of a daftar arsip done before, as the refusal of the same list names it. */
export interface LedgerEntry {
  importId: string;
  importedAt: string;
  imported: number;
  actorId: string;
}

/** Who asks to import a list (by its fingerprint), and whether a list imported before may go again. */
export interface ImportClaimRequest {
  fingerprint: string;
  /** This import's own mark, unique per try: only its holder completes or releases a claim. */
  holder: string;
  /**
   * The request's identity when it can be retried (an Idempotency-Key, the CLI's file hash): a
   * retry of the same request takes over its own claim at once (its import records nothing twice),
   * another request only once the claim has lapsed.
   */
  request: string | null;
  actorId: string;
  allowDuplicate: boolean;
}

export type ImportClaim =
  | { ok: true; earlier: LedgerEntry[] }
  /** Imported before (oldest first), and not asked to import it again: nothing is claimed. */
  | { ok: false; reason: 'imported'; earlier: LedgerEntry[] }
  /** Another import of the same list is under way (since `claimedAt`, by `actorId`). */
  | { ok: false; reason: 'importing'; claimedAt: string; actorId: string; earlier: LedgerEntry[] };

/**
 * How long a claim holds when its import neither completes nor releases it (the process died):
 * then another request may claim the list. Far longer than the largest import takes.
 */
export const IMPORT_CLAIM_MS = 30 * 60_000;

/**
 * The daftar arsip import ledger: which list was imported already, shared by every replica and the
 * `jejak import` command. An import claims its list first (one claim per list, anywhere), imports,
 * then completes (the entry is recorded, the claim let go) or, when it failed or was refused,
 * releases the claim so that nothing is marked done that is not and the list can be sent again.
 */
export abstract class ImportLedgerStore {
  /** The completed imports of a list, oldest first. */
  abstract earlier(fingerprint: string): Promise<LedgerEntry[]>;
  /** Claims the list for one import, or says why not (recording nothing). */
  abstract claim(request: ImportClaimRequest): Promise<ImportClaim>;
  /** Records the import (once per importId: a completing retry does not count twice) and lets go. */
  abstract complete(fingerprint: string, holder: string, entry: LedgerEntry): Promise<void>;
  /** Lets go of the claim, recording nothing; a claim already taken over is left to its new holder. */
  abstract release(fingerprint: string, holder: string): Promise<void>;
}
