import { MongoServerError } from 'mongodb';

type Doc = { _id: string } & Record<string, unknown>;
type Filter = Record<string, unknown>;
type Update = Record<string, Record<string, unknown>>;

/**
 * A collection for specs, answering the calls the ledger and counter stores make as the server and
 * driver 7 document them: the `_id` index is unique (a second insert throws a MongoServerError with
 * code 11000); findOneAndUpdate returns the document itself (before or after, `returnDocument`),
 * null when nothing matched, and with `upsert` creates the document from the filter's equality
 * fields and the update (then 'before' answers null); `$setOnInsert` only on that insert; `$inc` of
 * a missing field starts from 0; `$max` sets a missing field; a comparison with a field of another
 * type, or a missing one, does not match. Each call waits a turn of the event loop first, so that
 * calls made at once interleave, and then runs whole (one document's update is atomic).
 */
export class FakeMongoCollection<T extends Doc = Doc> {
  readonly docs = new Map<string, Doc>();
  readonly indexes: { keys: Record<string, unknown>; options: Record<string, unknown> }[] = [];

  async insertOne(doc: T): Promise<{ acknowledged: true; insertedId: string }> {
    await turn();
    if (this.docs.has(doc._id)) throw duplicateKey(doc._id);
    this.docs.set(doc._id, clone(doc));
    return { acknowledged: true, insertedId: doc._id };
  }

  async findOne(filter: Filter): Promise<T | null> {
    await turn();
    const doc = this.first(filter);
    return doc ? (clone(doc) as T) : null;
  }

  find(filter: Filter) {
    return {
      sort: (spec: Record<string, 1 | -1>) => ({
        toArray: async (): Promise<T[]> => {
          await turn();
          const found = [...this.docs.values()].filter((doc) => matches(doc, filter));
          found.sort((a, b) => {
            for (const [field, direction] of Object.entries(spec)) {
              const order = compare(a[field], b[field]) ?? 0;
              if (order !== 0) return order * direction;
            }
            return 0;
          });
          return found.map((doc) => clone(doc) as T);
        },
      }),
    };
  }

  async findOneAndUpdate(
    filter: Filter,
    update: Update,
    options: { upsert?: boolean; returnDocument?: 'before' | 'after' } = {},
  ): Promise<T | null> {
    await turn();
    const doc = this.first(filter);
    if (doc) {
      const before = clone(doc);
      apply(doc, update, false);
      return clone(options.returnDocument === 'after' ? doc : before) as T;
    }
    if (!options.upsert) return null;
    const created = this.upsert(filter, update);
    return options.returnDocument === 'after' ? (clone(created) as T) : null;
  }

  async updateOne(filter: Filter, update: Update): Promise<{ matchedCount: number; modifiedCount: number }> {
    await turn();
    const doc = this.first(filter);
    if (!doc) return { matchedCount: 0, modifiedCount: 0 };
    apply(doc, update, false);
    return { matchedCount: 1, modifiedCount: 1 };
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    await turn();
    const doc = this.first(filter);
    if (doc) this.docs.delete(doc._id);
    return { deletedCount: doc ? 1 : 0 };
  }

  async createIndex(keys: Record<string, unknown>, options: Record<string, unknown>): Promise<string> {
    this.indexes.push({ keys, options });
    return String(options.name);
  }

  private first(filter: Filter): Doc | undefined {
    return [...this.docs.values()].find((doc) => matches(doc, filter));
  }

  private upsert(filter: Filter, update: Update): Doc {
    const doc: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(filter))
      if (!field.startsWith('$') && !isOperators(value)) doc[field] = value;
    if (typeof doc._id !== 'string') throw new Error('the fake upserts by _id only');
    if (this.docs.has(doc._id)) throw duplicateKey(doc._id);
    apply(doc, update, true);
    this.docs.set(doc._id, doc as Doc);
    return doc as Doc;
  }
}

/** A deep copy (structuredClone would make Dates of another realm under Jest). */
function clone<V>(value: V): V {
  if (isDate(value)) return new Date(value.getTime()) as V;
  if (Array.isArray(value)) return value.map(clone) as V;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as V;
  return value;
}

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === '[object Date]';

const turn = () => new Promise((resolve) => setImmediate(resolve));

const duplicateKey = (id: string) =>
  new MongoServerError({
    message: `E11000 duplicate key error index: _id_ dup key: { _id: "${id}" }`,
    code: 11000,
  });

const isOperators = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !isDate(value) &&
  Object.keys(value).every((key) => key.startsWith('$'));

/** Same-type order (numbers, strings, dates); undefined when the types differ or one is missing. */
function compare(a: unknown, b: unknown): number | undefined {
  if (isDate(a) && isDate(b)) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function matches(doc: Record<string, unknown>, filter: Filter): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    if (field === '$or') return (condition as Filter[]).some((each) => matches(doc, each));
    const value = doc[field];
    if (!isOperators(condition)) {
      if (condition === null) return value === null || value === undefined;
      return compare(value, condition) === 0 || value === condition;
    }
    return Object.entries(condition).every(([op, operand]) => {
      const order = compare(value, operand);
      if (order === undefined) return false;
      if (op === '$lte') return order <= 0;
      if (op === '$lt') return order < 0;
      if (op === '$gte') return order >= 0;
      if (op === '$gt') return order > 0;
      throw new Error(`the fake does not know ${op}`);
    });
  });
}

function apply(doc: Record<string, unknown>, update: Update, inserting: boolean): void {
  for (const [op, fields] of Object.entries(update)) {
    for (const [field, value] of Object.entries(fields)) {
      if (op === '$set') doc[field] = clone(value);
      else if (op === '$setOnInsert') {
        if (inserting) doc[field] = clone(value);
      } else if (op === '$inc') doc[field] = ((doc[field] as number | undefined) ?? 0) + (value as number);
      else if (op === '$max') {
        if (doc[field] === undefined || (compare(value, doc[field]) ?? 0) > 0) doc[field] = clone(value);
      } else throw new Error(`the fake does not know ${op}`);
    }
  }
}
