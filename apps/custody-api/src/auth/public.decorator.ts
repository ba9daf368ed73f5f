import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'jejak:public';
/** Health and docs only: everything else needs a bearer token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
