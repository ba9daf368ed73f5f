import type Database from 'better-sqlite3';
import type { Role } from '@jejak/custody';
import { bumpAuthGeneration, recordAudit } from './directory.database';
import type { Clock } from './person';

export interface MigrationReport {
  /** Principals that became people. */
  created: string[];
  /** Principals that are place ids, whose tokens were revoked. */
  revokedPlaceIds: string[];
}

const MIGRATION = 'system:migration';

/**
 * Tokens made before the directory had people: each principal becomes a person, from its latest
 * active token (name, role, unit). A principal that is a place's id cannot be a person: its
 * tokens are revoked (audited), since they let a caller act under a place's name. Idempotent.
 */
export function migrateTokenPrincipals(db: Database.Database, clock: Clock): MigrationReport {
  const report: MigrationReport = { created: [], revokedPlaceIds: [] };
  const isPlace = (id: string) => db.prepare('SELECT 1 FROM locations WHERE id = ?').get(id) !== undefined;
  db.transaction(() => {
    const orphans = db
      .prepare(
        `SELECT t.principal_id AS id, t.name, t.role, t.unit_id, (t.revoked_at IS NULL) AS live
         FROM tokens t LEFT JOIN people p ON p.id = t.principal_id
         WHERE p.id IS NULL ORDER BY live, t.created_at`,
      )
      .all() as { id: string; name: string; role: Role; unit_id: string | null }[];
    // Ordered so that the latest active token of each principal comes last and wins.
    const latest = new Map(orphans.map((o) => [o.id, o]));
    for (const o of latest.values()) {
      const now = clock();
      if (isPlace(o.id)) {
        const revoked = db
          .prepare(
            'UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE principal_id = ? AND revoked_at IS NULL',
          )
          .run(now.toISOString(), MIGRATION, o.id).changes;
        if (revoked > 0) {
          report.revokedPlaceIds.push(o.id);
          recordAudit(
            db,
            {
              actorId: MIGRATION,
              action: 'tokens.revoked',
              subjectId: o.id,
              details: { reason: 'principal id is a place id', tokens: revoked },
            },
            now,
          );
        }
        continue;
      }
      const unitId = o.unit_id === null || isPlace(o.unit_id) ? o.unit_id : null;
      db.prepare(
        `INSERT INTO people (id, name, unit_id, role, active, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
      ).run(o.id, o.name, unitId, o.role, now.toISOString(), MIGRATION, now.toISOString(), MIGRATION);
      recordAudit(
        db,
        {
          actorId: MIGRATION,
          action: 'person.created',
          subjectId: o.id,
          details: { name: o.name, role: o.role, unitId, from: 'tokens' },
        },
        now,
      );
      report.created.push(o.id);
    }
  })();
  if (report.revokedPlaceIds.length > 0) bumpAuthGeneration(db);
  return report;
}
