import type { Actor, Role } from '@jejak/custody';

/**
 * Who is calling: the holder of a bearer token or of a signed-in session, resolved to the same
 * shape so that every permission applies alike. `tokenId` scopes idempotency keys and the rate
 * limit (a session's is `session:<id>`).
 */
export interface Principal {
  tokenId: string;
  principalId: string;
  role: Role;
  unitId: string | null;
  name: string;
  via?: 'token' | 'session';
}

export const toActor = (principal: Principal): Actor => ({
  id: principal.principalId,
  role: principal.role,
  unitId: principal.unitId,
});
