import type { Actor, Role } from '@jejak/custody';

/** Who is calling: the token's holder. `tokenId` scopes idempotency keys. */
export interface Principal {
  tokenId: string;
  principalId: string;
  role: Role;
  unitId: string | null;
  name: string;
}

export const toActor = (principal: Principal): Actor => ({
  id: principal.principalId,
  role: principal.role,
  unitId: principal.unitId,
});
