import type Database from 'better-sqlite3';
import type { LocationInfo, LocationLookup, LocationType } from '@jejak/custody';
import { recordAudit } from './directory.database';
import { BEKASI_DIRECTORY } from './bekasi-directory.seed';
import { DirectoryError } from './directory-error';

interface LocationRow {
  id: string;
  name: string;
  type: LocationType;
  parent_id: string | null;
}

const toInfo = (row: LocationRow): LocationInfo => ({
  id: row.id,
  name: row.name,
  type: row.type,
  parentId: row.parent_id,
});

/** The directory of units and places, held in memory for the domain's lookups. */
export class LocationRepository {
  private readonly byId = new Map<string, LocationInfo>();

  constructor(private readonly db: Database.Database) {
    this.seedIfEmpty();
    for (const row of db.prepare('SELECT id, name, type, parent_id FROM locations').all() as LocationRow[]) {
      this.byId.set(row.id, toInfo(row));
    }
  }

  readonly lookup: LocationLookup = (id) => this.byId.get(id);

  get(id: string): LocationInfo | undefined {
    return this.byId.get(id);
  }

  list(filter: { type?: LocationType; parentId?: string } = {}): LocationInfo[] {
    return [...this.byId.values()]
      .filter((l) => (filter.type ? l.type === filter.type : true))
      .filter((l) => (filter.parentId ? l.parentId === filter.parentId : true))
      .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, 'id'));
  }

  /** Throws DirectoryError('id-is-a-person') when a person has that id: the two never collide. */
  create(location: LocationInfo, actorId: string): void {
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
        .run(location.id, location.name, location.type, location.parentId, new Date().toISOString(), actorId);
      recordAudit(this.db, {
        actorId,
        action: 'location.created',
        subjectId: location.id,
        details: { ...location },
      });
    })();
    this.byId.set(location.id, location);
  }

  private seedIfEmpty(): void {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM locations').get() as { n: number };
    if (n > 0) return;
    const now = new Date().toISOString();
    const insert = this.db.prepare(
      'INSERT INTO locations (id, name, type, parent_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const l of BEKASI_DIRECTORY) insert.run(l.id, l.name, l.type, l.parentId, now, 'system:seed');
      recordAudit(this.db, {
        actorId: 'system:seed',
        action: 'directory.seeded',
        subjectId: 'kabupaten-bekasi',
        details: { locations: BEKASI_DIRECTORY.length },
      });
    })();
  }
}
