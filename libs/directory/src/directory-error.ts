/** Why the directory refused a change; the HTTP layer maps each kind to its problem code. */
export type DirectoryErrorKind =
  | 'not-found'
  | 'already-exists'
  | 'id-is-a-place'
  | 'id-is-a-person'
  | 'unknown-unit'
  | 'unit-required'
  | 'person-inactive'
  | 'person-mismatch'
  | 'unknown-parent';

export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}
