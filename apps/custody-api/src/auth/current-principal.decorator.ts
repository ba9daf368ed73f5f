import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@jejak/directory';

export const PRINCIPAL = 'jejakPrincipal';

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<Record<string, unknown>>();
    return request[PRINCIPAL] as Principal;
  },
);
