export const ROLES = ['admin', 'officer', 'courier', 'depot', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a principal (person) with the role and unit of the token used. */
export interface Actor {
  id: string;
  role: Role;
  unitId: string | null;
}
