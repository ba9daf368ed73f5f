import type { Role } from '@jejak/custody';
import { DirectoryError } from './directory-error';

/** A person of the directory (domain.md "People and places"): whom tokens and sign-ins belong to. */
export interface Person {
  /** The NIP, or the courier company's staff number. */
  id: string;
  name: string;
  jabatan: string | null;
  nip: string | null;
  unitId: string | null;
  role: Role;
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface PersonRow {
  id: string;
  name: string;
  jabatan: string | null;
  nip: string | null;
  unit_id: string | null;
  role: Role;
  active: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  jabatan: row.jabatan,
  nip: row.nip,
  unitId: row.unit_id,
  role: row.role,
  active: row.active === 1,
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** Roles that act for a place and so need a unit (as their tokens always did). */
export const ROLES_WITH_UNIT: readonly Role[] = ['officer', 'depot'];

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * An existing person a new token may belong to: active, with the token's role and unit (a token
 * without a unit keeps the person's). Both directory adapters ask this one rule.
 */
export function tokenHolder(
  existing: Person,
  input: { role: Role; unitId: string | null | undefined },
): Person {
  if (!existing.active) {
    throw new DirectoryError(
      'person-inactive',
      `Person '${existing.id}' is deactivated: no token can be made for them.`,
      'principalId',
    );
  }
  const unitId = input.unitId === undefined ? existing.unitId : input.unitId;
  if (existing.role !== input.role || existing.unitId !== unitId) {
    throw new DirectoryError(
      'person-mismatch',
      `Person '${existing.id}' is ${existing.role} of ${existing.unitId ?? 'no unit'}: ` +
        'a token for them has that role and unit.',
      existing.role !== input.role ? 'role' : 'unitId',
    );
  }
  return existing;
}
