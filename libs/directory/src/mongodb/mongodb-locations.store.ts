import type { LocationInfo, LocationLookup } from '@jejak/custody';
import { BEKASI_DIRECTORY } from '../bekasi-directory.seed';
import { DirectoryError } from '../directory-error';
import {
  listLocations,
  type DirectoryLocation,
  type LocationChanges,
  type LocationFilter,
} from '../location.repository';
import { LocationStore } from '../port/directory.port';
import type { MongoDirectoryContext } from './mongodb-directory-context';
import type { DirectorySnapshot } from './mongodb-directory-snapshot';
import { claimId } from './mongodb-people.store';

/** Places on MongoDB; reads from the snapshot (synchronous, for the domain), writes to the server. */
export class MongoLocationStore extends LocationStore {
  readonly lookup: LocationLookup = (id) => this.snapshot.locations.get(id);

  constructor(
    private readonly ctx: MongoDirectoryContext,
    private readonly snapshot: DirectorySnapshot,
  ) {
    super();
  }

  get(id: string): DirectoryLocation | undefined {
    return this.snapshot.locations.get(id);
  }

  list(filter: LocationFilter = {}): DirectoryLocation[] {
    return listLocations(this.snapshot.locations.values(), filter);
  }

  async create(location: LocationInfo, actorId: string): Promise<DirectoryLocation> {
    const created: DirectoryLocation = { ...location, active: true, kemendagriCode: null };
    await this.ctx.inTransaction(async (tx) => {
      await claimId(this.ctx, location.id, 'place', tx);
      const now = this.ctx.clock().toISOString();
      const { id: _id, ...rest } = created;
      await this.ctx.c.locations.insertOne({ _id, ...rest, createdAt: now, createdBy: actorId }, tx);
      await this.ctx.audit(
        { actorId, action: 'location.created', subjectId: location.id, details: { ...location } },
        tx,
      );
      await this.ctx.bumpVersion(tx);
    });
    await this.snapshot.refresh();
    return created;
  }

  /** See LocationRepository.update; the parent is checked against the places as of now. */
  async update(id: string, changes: LocationChanges, actorId: string): Promise<DirectoryLocation> {
    await this.snapshot.refresh();
    const after = await this.ctx.inTransaction(async (tx) => {
      const doc = await this.ctx.c.locations.findOne({ _id: id }, tx);
      if (!doc) throw new DirectoryError('not-found', `No location '${id}'.`);
      const before = this.snapshot.locations.get(id) ?? {
        id,
        name: doc.name,
        type: doc.type,
        parentId: doc.parentId,
        active: doc.active,
        kemendagriCode: doc.kemendagriCode,
      };
      const next: DirectoryLocation = {
        ...before,
        name: changes.name ?? doc.name,
        parentId: changes.parentId !== undefined ? changes.parentId : doc.parentId,
        active: changes.active ?? doc.active,
      };
      if (next.parentId !== doc.parentId && next.parentId !== null) this.checkParent(id, next.parentId);
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of ['name', 'parentId', 'active'] as const) {
        if (next[field] !== doc[field]) changed[field] = { from: doc[field], to: next[field] };
      }
      if (Object.keys(changed).length === 0) return next;
      await this.ctx.c.locations.updateOne(
        { _id: id },
        { $set: { name: next.name, parentId: next.parentId, active: next.active } },
        tx,
      );
      const action = !next.active && doc.active ? 'location.deactivated' : 'location.updated';
      await this.ctx.audit({ actorId, action, subjectId: id, details: changed }, tx);
      await this.ctx.bumpVersion(tx);
      return next;
    });
    await this.snapshot.refresh();
    return after;
  }

  refresh(): Promise<void> {
    return this.snapshot.refresh();
  }

  changes(subjectId: string) {
    return this.ctx.auditOf(subjectId);
  }

  private checkParent(id: string, parentId: string): void {
    const places = this.snapshot.locations;
    if (!places.has(parentId)) {
      throw new DirectoryError('unknown-parent', `Unknown parentId '${parentId}'.`, 'parentId');
    }
    for (let at: string | null = parentId; at !== null; at = places.get(at)?.parentId ?? null) {
      if (at === id) {
        throw new DirectoryError(
          'unknown-parent',
          `parentId '${parentId}' lies under '${id}': a place cannot be inside itself.`,
          'parentId',
        );
      }
    }
  }

  /**
   * The Bekasi places on an empty directory. Upserts with $setOnInsert on _id: replicas starting at
   * once seed the same documents and neither fails (the server retries an upsert that meets a
   * DuplicateKey on an equality match of _id, MongoDB ≥ 4.2: docs "Upsert with Duplicate Values").
   */
  async seedIfEmpty(): Promise<void> {
    const { c } = this.ctx;
    if ((await c.locations.countDocuments({}, { limit: 1 })) > 0) return;
    const now = this.ctx.clock().toISOString();
    await c.ids.bulkWrite(
      BEKASI_DIRECTORY.map((l) => ({
        updateOne: {
          filter: { _id: l.id },
          update: { $setOnInsert: { kind: 'place' as const } },
          upsert: true,
        },
      })),
    );
    const seeded = await c.locations.bulkWrite(
      BEKASI_DIRECTORY.map((l) => ({
        updateOne: {
          filter: { _id: l.id },
          update: {
            $setOnInsert: {
              name: l.name,
              type: l.type,
              parentId: l.parentId,
              active: true,
              kemendagriCode: l.kemendagriCode ?? null,
              createdAt: now,
              createdBy: 'system:seed',
            },
          },
          upsert: true,
        },
      })),
    );
    if (seeded.upsertedCount > 0) {
      await this.ctx.audit(
        {
          actorId: 'system:seed',
          action: 'directory.seeded',
          subjectId: 'kabupaten-bekasi',
          details: { locations: seeded.upsertedCount },
        },
        {},
      );
      await this.ctx.bumpVersion({});
    }
  }
}
