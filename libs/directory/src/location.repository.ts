import type Database from 'better-sqlite3';
import type { LocationInfo, LocationLookup, LocationType } from '@jejak/custody';
import { recordAudit } from './directory.database';
import { BEKASI_DIRECTORY } from './bekasi-directory.seed';
import { DirectoryError } from './directory-error';
import { migrateLocations } from './location.migration';

/** A place of the directory: never deleted, only deactivated (it stays readable). */
export interface DirectoryLocation extends LocationInfo {
  active: boolean;
  /** Kemendagri code of a kecamatan, desa or kelurahan; null for the other places. */
  kemendagriCode: string | null;
}

export interface LocationChanges {
  name?: string;
  parentId?: string | null;
  active?: boolean;
}

export interface LocationFilter {
  type?: LocationType;
  parentId?: string;
  active?: boolean;
  /** Matches the name, the id or the Kemendagri code, case-insensitively. */
  q?: string;
}

interface LocationRow {
  id: string;
  name: string;
  type: LocationType;
  parent_id: string | null;
  active: number;
  kemendagri_code: string | null;
}

const toLocation = (row: LocationRow): DirectoryLocation => ({
  id: row.id,
  name: row.name,
  type: row.type,
  parentId: row.parent_id,
  active: row.active === 1,
  kemendagriCode: row.kemendagri_code,
});

const matches = (l: DirectoryLocation, q: string): boolean =>
  [l.name, l.id, l.kemendagriCode ?? ''].some((s) => s.toLowerCase().includes(q));

/** The places that pass the filter, by type and then name (both adapters list alike). */
export function listLocations(
  places: Iterable<DirectoryLocation>,
  filter: LocationFilter = {},
): DirectoryLocation[] {
  const q = filter.q?.trim().toLowerCase();
  return [...places]
    .filter((l) => (filter.type ? l.type === filter.type : true))
    .filter((l) => (filter.parentId ? l.parentId === filter.parentId : true))
    .filter((l) => (filter.active !== undefined ? l.active === filter.active : true))
    .filter((l) => (q ? matches(l, q) : true))
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, 'id'));
}

/** The directory of units and places, held in memory for the domain's lookups. */
export class LocationRepository {
  private readonly byId = new Map<string, DirectoryLocation>();

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrateLocations(db);
    this.seedIfEmpty();
    const rows = db
      .prepare('SELECT id, name, type, parent_id, active, kemendagri_code FROM locations')
      .all() as LocationRow[];
    for (const row of rows) this.byId.set(row.id, toLocation(row));
  }

  readonly lookup: LocationLookup = (id) => this.byId.get(id);

  get(id: string): DirectoryLocation | undefined {
    return this.byId.get(id);
  }

  list(filter: LocationFilter = {}): DirectoryLocation[] {
    return listLocations(this.byId.values(), filter);
  }

  /** Throws DirectoryError('id-is-a-person') when a person has that id: the two never collide. */
  create(location: LocationInfo, actorId: string): DirectoryLocation {
    const created: DirectoryLocation = { ...location, active: true, kemendagriCode: null };
    this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM people WHERE id = ?').get(location.id) !== undefined) {
        throw new DirectoryError(
          'id-is-a-person',
          `'${location.id}' is the id of a person: person ids and place ids never collide.`,
          'id',
        );
      }
      this.db
        .prepare(
          'INSERT INTO locations (id, name, type, parent_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          location.id,
          location.name,
          location.type,
          location.parentId,
          this.clock().toISOString(),
          actorId,
        );
      recordAudit(
        this.db,
        { actorId, action: 'location.created', subjectId: location.id, details: { ...location } },
        this.clock(),
      );
    })();
    this.byId.set(location.id, created);
    return created;
  }

  /**
   * Renames, moves or (de)activates a place, audited as field → { from, to }. Refuses an unknown
   * place ('not-found'), and a parent that does not exist or would make a cycle ('unknown-parent').
   */
  update(id: string, changes: LocationChanges, actorId: string): DirectoryLocation {
    const before = this.byId.get(id);
    if (!before) throw new DirectoryError('not-found', `No location '${id}'.`);
    const after: DirectoryLocation = {
      ...before,
      name: changes.name ?? before.name,
      parentId: changes.parentId !== undefined ? changes.parentId : before.parentId,
      active: changes.active ?? before.active,
    };
    if (after.parentId !== before.parentId && after.parentId !== null) this.checkParent(id, after.parentId);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['name', 'parentId', 'active'] as const) {
      if (after[field] !== before[field]) changed[field] = { from: before[field], to: after[field] };
    }
    if (Object.keys(changed).length === 0) return before;
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE locations SET name = ?, parent_id = ?, active = ? WHERE id = ?')
        .run(after.name, after.parentId, after.active ? 1 : 0, id);
      const action = !after.active && before.active ? 'location.deactivated' : 'location.updated';
      recordAudit(this.db, { actorId, action, subjectId: id, details: changed }, this.clock());
    })();
    this.byId.set(id, after);
    return after;
  }

  private checkParent(id: string, parentId: string): void {
    if (!this.byId.has(parentId)) {
      throw new DirectoryError('unknown-parent', `Unknown parentId '${parentId}'.`, 'parentId');
    }
    for (let at: string | null = parentId; at !== null; at = this.byId.get(at)?.parentId ?? null) {
      if (at === id) {
        throw new DirectoryError(
          'unknown-parent',
          `parentId '${parentId}' lies under '${id}': a place cannot be inside itself.`,
          'parentId',
        );
      }
    }
  }

  private seedIfEmpty(): void {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM locations').get() as { n: number };
    if (n > 0) return;
    const now = this.clock().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO locations (id, name, type, parent_id, kemendagri_code, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const l of BEKASI_DIRECTORY) {
        insert.run(l.id, l.name, l.type, l.parentId, l.kemendagriCode ?? null, now, 'system:seed');
      }
      recordAudit(this.db, {
        actorId: 'system:seed',
        action: 'directory.seeded',
        subjectId: 'kabupaten-bekasi',
        details: { locations: BEKASI_DIRECTORY.length },
      });
    })();
  }
}
