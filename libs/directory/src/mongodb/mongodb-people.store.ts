import type { Filter } from 'mongodb';
import type { Role } from '@jejak/custody';
import { DirectoryError } from '../directory-error';
import type { NewPerson, PeopleFilter, PersonChanges } from '../people.repository';
import { ROLES_WITH_UNIT, tokenHolder, type Person } from '../person';
import { PeopleStore } from '../port/directory.port';
import type { MongoDirectoryContext, Tx } from './mongodb-directory-context';
import type { PersonDocument } from './mongodb-directory-documents';
import { toPerson, type DirectorySnapshot } from './mongodb-directory-snapshot';
import { isDuplicateKey, takenIdRefusal, type IdKind } from './mongodb-errors';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The people filter as a MongoDB query (the SQLite adapter's WHERE clause, field for field). */
export function peopleQuery(filter: PeopleFilter): Filter<PersonDocument> {
  const query: Filter<PersonDocument> = {};
  if (filter.unitId !== undefined) query.unitId = filter.unitId;
  if (filter.role !== undefined) query.role = filter.role;
  if (filter.active !== undefined) query.active = filter.active;
  if (filter.after !== undefined) query._id = { $gt: filter.after };
  if (filter.q) {
    const $regex = escapeRegex(filter.q);
    query.$or = (['_id', 'name', 'nip', 'jabatan'] as const).map((field) => ({
      [field]: { $regex, $options: 'i' },
    }));
  }
  return query;
}

const describe = (p: Person) => ({
  name: p.name,
  jabatan: p.jabatan,
  nip: p.nip,
  unitId: p.unitId,
  role: p.role,
  active: p.active,
});

function diff(before: Person, after: Person): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'jabatan', 'nip', 'unitId', 'active'] as const) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  return changed;
}

/**
 * People on MongoDB, with the SQLite adapter's rules. An id is claimed in `directory_ids` first
 * (unique _id): a person and a place can never take the same id, even from two replicas at once.
 */
export class MongoPeopleStore extends PeopleStore {
  constructor(
    private readonly ctx: MongoDirectoryContext,
    private readonly snapshot: DirectorySnapshot,
  ) {
    super();
  }

  async get(id: string): Promise<Person | undefined> {
    const doc = await this.ctx.c.people.findOne({ _id: id });
    return doc ? toPerson(doc) : undefined;
  }

  known(id: string): Person | undefined {
    return this.snapshot.people.get(id);
  }

  async list(filter: PeopleFilter = {}): Promise<Person[]> {
    const docs = await this.ctx.c.people
      .find(peopleQuery(filter))
      .sort({ _id: 1 })
      .limit(filter.limit ?? 1000)
      .toArray();
    return docs.map(toPerson);
  }

  async create(input: NewPerson, actorId: string): Promise<Person> {
    const person = await this.ctx.inTransaction((tx) => this.createIn(input, actorId, tx));
    await this.snapshot.refresh();
    return person;
  }

  /** Within the caller's transaction (a token made for a new person creates them too). */
  async createIn(input: NewPerson, actorId: string, tx: Tx): Promise<Person> {
    const unitId = input.unitId ?? null;
    await claimId(this.ctx, input.id, 'person', tx);
    try {
      await this.checkUnit(input.role, unitId, tx);
    } catch (error) {
      // Without a transaction (a standalone server) the claim would outlive the refusal.
      if (!tx.session) await this.ctx.c.ids.deleteOne({ _id: input.id, kind: 'person' });
      throw error;
    }
    const now = this.ctx.clock().toISOString();
    const doc: PersonDocument = {
      _id: input.id,
      name: input.name,
      jabatan: input.jabatan ?? null,
      nip: input.nip ?? null,
      unitId,
      role: input.role,
      active: true,
      createdAt: now,
      createdBy: actorId,
      updatedAt: now,
      updatedBy: actorId,
    };
    await this.ctx.c.people.insertOne(doc, tx);
    const person = toPerson(doc);
    await this.ctx.audit(
      { actorId, action: 'person.created', subjectId: person.id, details: describe(person) },
      tx,
    );
    await this.ctx.bumpVersion(tx);
    return person;
  }

  async update(id: string, changes: PersonChanges, actorId: string): Promise<Person> {
    const person = await this.ctx.inTransaction(async (tx) => {
      const found = await this.ctx.c.people.findOne({ _id: id }, tx);
      if (!found) throw new DirectoryError('not-found', `No person '${id}'.`);
      const before = toPerson(found);
      const after: Person = {
        ...before,
        name: changes.name ?? before.name,
        jabatan: changes.jabatan !== undefined ? changes.jabatan : before.jabatan,
        nip: changes.nip !== undefined ? changes.nip : before.nip,
        unitId: changes.unitId !== undefined ? changes.unitId : before.unitId,
        active: changes.active ?? before.active,
        updatedAt: this.ctx.clock().toISOString(),
        updatedBy: actorId,
      };
      if (after.unitId !== before.unitId) await this.checkUnit(after.role, after.unitId, tx);
      const changed = diff(before, after);
      if (Object.keys(changed).length === 0) return before;
      const { id: _id, ...fields } = after;
      await this.ctx.c.people.replaceOne({ _id }, fields, tx);
      const action = changes.active === false && before.active ? 'person.deactivated' : 'person.updated';
      await this.ctx.audit({ actorId, action, subjectId: id, details: changed }, tx);
      // A token acts for its holder's unit: moving the person moves what their tokens may touch.
      if (after.unitId !== before.unitId) {
        await this.ctx.c.tokens.updateMany(
          { principalId: id, revokedAt: null },
          { $set: { unitId: after.unitId } },
          tx,
        );
      }
      if (!after.active && before.active) await this.endEverythingOf(id, actorId, tx);
      await this.ctx.bumpVersion(tx);
      return after;
    });
    await this.snapshot.refresh();
    return person;
  }

  /** See PeopleRepository.ensureForToken. */
  async ensureForToken(
    input: { principalId: string; name: string; role: Role; unitId: string | null | undefined },
    actorId: string,
    tx: Tx,
  ): Promise<Person> {
    const found = await this.ctx.c.people.findOne({ _id: input.principalId }, tx);
    if (!found) {
      return this.createIn(
        { id: input.principalId, name: input.name, role: input.role, unitId: input.unitId ?? null },
        actorId,
        tx,
      );
    }
    return tokenHolder(toPerson(found), input);
  }

  changes(subjectId: string) {
    return this.ctx.auditOf(subjectId);
  }

  refresh(): Promise<void> {
    return this.snapshot.refresh();
  }

  /** A MongoDB directory was never without people: nothing to migrate. */
  async migrateTokenPrincipals() {
    return { created: [], revokedPlaceIds: [] };
  }

  private async endEverythingOf(id: string, actorId: string, tx: Tx): Promise<void> {
    const now = this.ctx.clock().toISOString();
    const { c } = this.ctx;
    const tokens = (
      await c.tokens.updateMany(
        { principalId: id, revokedAt: null },
        { $set: { revokedAt: now, revokedBy: actorId } },
        tx,
      )
    ).modifiedCount;
    const sessions = (
      await c.sessions.updateMany(
        { personId: id, endedAt: null },
        { $set: { endedAt: now, endReason: 'deactivated' } },
        tx,
      )
    ).modifiedCount;
    const codes = (await c.signInCodes.deleteMany({ personId: id, usedAt: null }, tx)).deletedCount;
    const releaseCodes = (
      await c.releaseCodes.updateMany(
        { issuedBy: id, expiresAt: { $gt: now } },
        { $set: { expiresAt: now } },
        tx,
      )
    ).modifiedCount;
    await this.ctx.audit(
      {
        actorId,
        action: 'person.credentials-ended',
        subjectId: id,
        details: { tokens, sessions, codes, releaseCodes },
      },
      tx,
    );
  }

  private async checkUnit(role: Role, unitId: string | null, tx: Tx): Promise<void> {
    if (unitId === null) {
      if (ROLES_WITH_UNIT.includes(role)) {
        throw new DirectoryError('unit-required', `A person with role ${role} needs a unitId.`, 'unitId');
      }
      return;
    }
    if (!(await this.ctx.c.locations.findOne({ _id: unitId }, { projection: { _id: 1 }, ...tx }))) {
      throw new DirectoryError('unknown-unit', `Unknown unitId '${unitId}'.`, 'unitId');
    }
  }
}

/**
 * Takes `id` for a person or a place: an insert on the unique _id, so of two replicas claiming
 * the same id at once exactly one wins; the other gets DuplicateKey, answered as the refusal the
 * holder's kind calls for.
 */
export async function claimId(ctx: MongoDirectoryContext, id: string, kind: IdKind, tx: Tx): Promise<void> {
  try {
    await ctx.c.ids.insertOne({ _id: id, kind }, tx);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Inside a transaction the failed insert aborted it: read the holder outside it.
    const holder = await ctx.c.ids.findOne({ _id: id });
    throw takenIdRefusal(kind, holder?.kind, id);
  }
}
