import { DirectoryError } from '../directory-error';

/**
 * The server's DuplicateKey error code (E11000), which the driver surfaces as a MongoServerError
 * with `code: 11000` on a unique-index violation (insertOne, an upsert; a bulk write's entries carry
 * it too). Checked by the code, not the class, so a write error inside a bulk answer counts.
 * https://www.mongodb.com/docs/manual/core/index-unique/ ; error codes: src/mongo/base/error_codes.yml
 */
export const DUPLICATE_KEY = 11000;

export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;

export type IdKind = 'person' | 'place';

/**
 * The refusal for an id already taken in `directory_ids` (one id, one holder: person ids and place
 * ids never collide), as the SQLite adapter words it.
 */
export function takenIdRefusal(wanted: IdKind, holder: IdKind | undefined, id: string): DirectoryError {
  if (wanted === 'person' && holder === 'place') {
    return new DirectoryError(
      'id-is-a-place',
      `'${id}' is the id of a place: person ids and place ids never collide.`,
      'id',
    );
  }
  if (wanted === 'place' && holder === 'person') {
    return new DirectoryError(
      'id-is-a-person',
      `'${id}' is the id of a person: person ids and place ids never collide.`,
      'id',
    );
  }
  return new DirectoryError(
    'already-exists',
    wanted === 'person' ? `Person '${id}' already exists.` : `Location '${id}' already exists.`,
    'id',
  );
}
