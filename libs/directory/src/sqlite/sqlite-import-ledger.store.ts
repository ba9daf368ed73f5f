import type Database from 'better-sqlite3';
import type { Clock } from '../person';
import {
  IMPORT_CLAIM_MS,
  ImportLedgerStore,
  type ImportClaim,
  type ImportClaimRequest,
  type LedgerEntry,
} from '../port/import-ledger.port';

interface ClaimRow {
  holder: string;
  request: string | null;
  actor_id: string;
  claimed_at: string;
  expires_at: number;
}

/**
 * The import ledger in `directory.sqlite` (the service and `jejak import` may share the file: each
 * claim runs in an IMMEDIATE transaction, so of two processes one claims and the other sees it).
 */
export class SqliteImportLedgerStore extends ImportLedgerStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {
    super();
    db.exec(`
      CREATE TABLE IF NOT EXISTS daftar_arsip_imports (
        import_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported INTEGER NOT NULL,
        actor_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS daftar_arsip_imports_by_fingerprint
        ON daftar_arsip_imports (fingerprint, imported_at);
      CREATE TABLE IF NOT EXISTS daftar_arsip_import_claims (
        fingerprint TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        request TEXT,
        actor_id TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `);
  }

  async earlier(fingerprint: string): Promise<LedgerEntry[]> {
    return this.entries(fingerprint);
  }

  async claim(request: ImportClaimRequest): Promise<ImportClaim> {
    const now = this.clock();
    return this.db
      .transaction((): ImportClaim => {
        const earlier = this.entries(request.fingerprint);
        if (earlier.length > 0 && !request.allowDuplicate) return { ok: false, reason: 'imported', earlier };
        const held = this.db
          .prepare('SELECT * FROM daftar_arsip_import_claims WHERE fingerprint = ?')
          .get(request.fingerprint) as ClaimRow | undefined;
        const lapsed = held && held.expires_at <= now.getTime();
        const sameRequest = held && request.request !== null && held.request === request.request;
        if (held && !lapsed && !sameRequest) {
          return {
            ok: false,
            reason: 'importing',
            claimedAt: held.claimed_at,
            actorId: held.actor_id,
            earlier,
          };
        }
        this.db
          .prepare(
            `INSERT OR REPLACE INTO daftar_arsip_import_claims
               (fingerprint, holder, request, actor_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(
            request.fingerprint,
            request.holder,
            request.request,
            request.actorId,
            now.toISOString(),
            now.getTime() + IMPORT_CLAIM_MS,
          );
        return { ok: true, earlier };
      })
      .immediate();
  }

  async complete(fingerprint: string, holder: string, entry: LedgerEntry): Promise<void> {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT OR IGNORE INTO daftar_arsip_imports (import_id, fingerprint, imported_at, imported, actor_id)
             VALUES (?, ?, ?, ?, ?)`,
          )
          .run(entry.importId, fingerprint, entry.importedAt, entry.imported, entry.actorId);
        this.releaseNow(fingerprint, holder);
      })
      .immediate();
  }

  async release(fingerprint: string, holder: string): Promise<void> {
    this.releaseNow(fingerprint, holder);
  }

  private releaseNow(fingerprint: string, holder: string): void {
    this.db
      .prepare('DELETE FROM daftar_arsip_import_claims WHERE fingerprint = ? AND holder = ?')
      .run(fingerprint, holder);
  }

  private entries(fingerprint: string): LedgerEntry[] {
    return this.db
      .prepare(
        `SELECT import_id AS importId, imported_at AS importedAt, imported, actor_id AS actorId
           FROM daftar_arsip_imports WHERE fingerprint = ? ORDER BY imported_at, import_id`,
      )
      .all(fingerprint) as LedgerEntry[];
  }
}
