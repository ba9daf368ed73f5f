import type Database from 'better-sqlite3';
import type { Role } from '@jejak/custody';
import { bumpAuthGeneration, recordAudit } from './directory.database';
import { DirectoryError } from './directory-error';
import { migrateTokenPrincipals, type MigrationReport } from './token-principal.migration';
import {
  ROLES_WITH_UNIT,
  systemClock,
  tokenHolder,
  toPerson,
  type Clock,
  type Person,
  type PersonRow,
} from './person';

export interface NewPerson {
  id: string;
  name: string;
  jabatan?: string | null;
  nip?: string | null;
  unitId?: string | null;
  role: Role;
}

export interface PersonChanges {
  name?: string;
  jabatan?: string | null;
  nip?: string | null;
  unitId?: string | null;
  active?: boolean;
}

export interface PeopleFilter {
  unitId?: string;
  role?: Role;
  q?: string;
  active?: boolean;
  limit?: number;
  /** The id of the last person of the previous page (people are listed by id). */
  after?: string;
}

/**
 * The people of the directory. Every change is written to directory_audit with who and when in
 * the same transaction. Deactivating a person revokes their tokens and ends their sessions,
 * unused sign-in codes and live release codes in that transaction too, so nothing of theirs works
 * from the next request.
 */
export class PeopleRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock = systemClock,
  ) {}

  get(id: string): Person | undefined {
    const row = this.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
    return row ? toPerson(row) : undefined;
  }

  list(filter: PeopleFilter = {}): Person[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    if (filter.unitId !== undefined) add('unit_id = ?', filter.unitId);
    if (filter.role !== undefined) add('role = ?', filter.role);
    if (filter.active !== undefined) add('active = ?', filter.active ? 1 : 0);
    if (filter.after !== undefined) add('id > ?', filter.after);
    if (filter.q) {
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        "(lower(id) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' OR lower(coalesce(nip, '')) LIKE ? ESCAPE '\\' OR lower(coalesce(jabatan, '')) LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like, like);
    }
    const sql = `SELECT * FROM people ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit ?? 1000) as PersonRow[];
    return rows.map(toPerson);
  }

  create(input: NewPerson, actorId: string): Person {
    return this.db.transaction(() => {
      this.checkNewId(input.id);
      const unitId = input.unitId ?? null;
      this.checkUnit(input.role, unitId);
      const now = this.clock().toISOString();
      const row: PersonRow = {
        id: input.id,
        name: input.name,
        jabatan: input.jabatan ?? null,
        nip: input.nip ?? null,
        unit_id: unitId,
        role: input.role,
        active: 1,
        created_at: now,
        created_by: actorId,
        updated_at: now,
        updated_by: actorId,
      };
      this.db
        .prepare(
          `INSERT INTO people (id, name, jabatan, nip, unit_id, role, active, created_at, created_by, updated_at, updated_by)
           VALUES (@id, @name, @jabatan, @nip, @unit_id, @role, @active, @created_at, @created_by, @updated_at, @updated_by)`,
        )
        .run(row);
      const person = toPerson(row);
      recordAudit(
        this.db,
        { actorId, action: 'person.created', subjectId: person.id, details: describe(person) },
        this.clock(),
      );
      return person;
    })();
  }

  /** Applies the changes; `active: false` ends every token, session and sign-in code at once. */
  update(id: string, changes: PersonChanges, actorId: string): Person {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (!before) throw new DirectoryError('not-found', `No person '${id}'.`);
      const after: Person = {
        ...before,
        name: changes.name ?? before.name,
        jabatan: changes.jabatan !== undefined ? changes.jabatan : before.jabatan,
        nip: changes.nip !== undefined ? changes.nip : before.nip,
        unitId: changes.unitId !== undefined ? changes.unitId : before.unitId,
        active: changes.active ?? before.active,
        updatedAt: this.clock().toISOString(),
        updatedBy: actorId,
      };
      if (after.unitId !== before.unitId) this.checkUnit(after.role, after.unitId);
      const changed = diff(before, after);
      if (Object.keys(changed).length === 0) return before;
      this.db
        .prepare(
          `UPDATE people SET name = ?, jabatan = ?, nip = ?, unit_id = ?, active = ?, updated_at = ?, updated_by = ?
           WHERE id = ?`,
        )
        .run(
          after.name,
          after.jabatan,
          after.nip,
          after.unitId,
          after.active ? 1 : 0,
          after.updatedAt,
          actorId,
          id,
        );
      const action = changes.active === false && before.active ? 'person.deactivated' : 'person.updated';
      recordAudit(this.db, { actorId, action, subjectId: id, details: changed }, this.clock());
      // A token acts for its holder's unit: moving the person moves what their tokens may touch.
      if (after.unitId !== before.unitId) {
        this.db
          .prepare('UPDATE tokens SET unit_id = ? WHERE principal_id = ? AND revoked_at IS NULL')
          .run(after.unitId, id);
        bumpAuthGeneration(this.db);
      }
      if (!after.active && before.active) this.endEverythingOf(id, actorId);
      return after;
    })();
  }

  /**
   * The person a new token belongs to: the existing one (who must be active and have the token's
   * role and unit), or one created from the token's name, so today's clients keep working.
   */
  ensureForToken(
    input: { principalId: string; name: string; role: Role; unitId: string | null | undefined },
    actorId: string,
  ): Person {
    const existing = this.get(input.principalId);
    if (!existing) {
      return this.create(
        { id: input.principalId, name: input.name, role: input.role, unitId: input.unitId ?? null },
        actorId,
      );
    }
    return tokenHolder(existing, input);
  }

  /** See migrateTokenPrincipals: older tokens' principals become people. */
  migrateTokenPrincipals(): MigrationReport {
    return migrateTokenPrincipals(this.db, this.clock);
  }

  private endEverythingOf(id: string, actorId: string): void {
    const now = this.clock().toISOString();
    const tokens = this.db
      .prepare(
        'UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE principal_id = ? AND revoked_at IS NULL',
      )
      .run(now, actorId, id).changes;
    const sessions = this.db
      .prepare(
        "UPDATE sessions SET ended_at = ?, end_reason = 'deactivated' WHERE person_id = ? AND ended_at IS NULL",
      )
      .run(now, id).changes;
    const codes = this.db
      .prepare('DELETE FROM sign_in_codes WHERE person_id = ? AND used_at IS NULL')
      .run(id).changes;
    // The release codes they showed stop vouching for anything too.
    const releaseCodes = this.db
      .prepare('UPDATE release_codes SET expires_at = ? WHERE issued_by = ? AND expires_at > ?')
      .run(now, id, now).changes;
    recordAudit(
      this.db,
      {
        actorId,
        action: 'person.credentials-ended',
        subjectId: id,
        details: { tokens, sessions, codes, releaseCodes },
      },
      this.clock(),
    );
    bumpAuthGeneration(this.db);
  }

  private checkNewId(id: string): void {
    if (this.isPlace(id)) {
      throw new DirectoryError(
        'id-is-a-place',
        `'${id}' is the id of a place: person ids and place ids never collide.`,
        'id',
      );
    }
    if (this.get(id)) throw new DirectoryError('already-exists', `Person '${id}' already exists.`, 'id');
  }

  private checkUnit(role: Role, unitId: string | null): void {
    if (unitId === null) {
      if (ROLES_WITH_UNIT.includes(role)) {
        throw new DirectoryError('unit-required', `A person with role ${role} needs a unitId.`, 'unitId');
      }
      return;
    }
    if (!this.isPlace(unitId))
      throw new DirectoryError('unknown-unit', `Unknown unitId '${unitId}'.`, 'unitId');
  }

  private isPlace(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM locations WHERE id = ?').get(id) !== undefined;
  }
}

const describe = (p: Person) => ({
  name: p.name,
  jabatan: p.jabatan,
  nip: p.nip,
  unitId: p.unitId,
  role: p.role,
  active: p.active,
});

/** Field → { from, to } for what changed (the audit's before → after). */
function diff(before: Person, after: Person): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'jabatan', 'nip', 'unitId', 'active'] as const) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  return changed;
}
