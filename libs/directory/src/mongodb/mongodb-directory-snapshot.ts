import type { DirectoryLocation } from '../location.repository';
import type { Person } from '../person';
import type { LocationDocument, MetaDocument, PersonDocument } from './mongodb-directory-documents';

/** The few driver calls the snapshot makes (a Collection has them; the spec's fakes too). */
export interface SnapshotSources {
  meta: { findOne(filter: { _id: string }): Promise<MetaDocument | null> };
  people: { find(filter: object): { toArray(): Promise<PersonDocument[]> } };
  locations: { find(filter: object): { toArray(): Promise<LocationDocument[]> } };
}

export const toPerson = ({ _id, ...rest }: PersonDocument): Person => ({ id: _id, ...rest });
export const toLocation = (doc: LocationDocument): DirectoryLocation => ({
  id: doc._id,
  name: doc.name,
  type: doc.type,
  parentId: doc.parentId,
  active: doc.active,
  kemendagriCode: doc.kemendagriCode,
});

/**
 * People and places in memory, for the domain's synchronous lookups (`ctx.parties`,
 * `ctx.locations`) on a store that answers only asynchronously. Change awareness without change
 * streams: every write of a person or place bumps `directory_meta.version` in its own transaction,
 * so `refresh()` costs one findOne by _id when nothing changed, and reloads both collections when
 * something did. The command handlers await it before every decision, so a person deactivated on
 * one replica is refused on every other at its next command. The version is read before the
 * documents: a write that lands during a reload bumps it again, and the next refresh reloads.
 * People and places change by an administrator's hand (hundreds, rarely), so a reload is cheap.
 */
export class DirectorySnapshot {
  private version: number | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  people = new Map<string, Person>();
  locations = new Map<string, DirectoryLocation>();

  constructor(private readonly sources: SnapshotSources) {}

  /**
   * Resolves once a load that began after this call has finished (so a replica sees its own
   * write), while concurrent callers share one round-trip: those arriving during a load wait for
   * the next one, which they all share.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const running = this.load().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }

  private async load(): Promise<void> {
    const version = (await this.sources.meta.findOne({ _id: 'version' }))?.n ?? 0;
    if (version === this.version) return;
    const [people, locations] = await Promise.all([
      this.sources.people.find({}).toArray(),
      this.sources.locations.find({}).toArray(),
    ]);
    this.people = new Map(people.map((doc) => [doc._id, toPerson(doc)]));
    this.locations = new Map(locations.map((doc) => [doc._id, toLocation(doc)]));
    this.version = version;
  }
}
