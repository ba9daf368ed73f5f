import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A POST that honours `Idempotency-Key`: the interceptor, and the header in the OpenAPI document. */
export const Idempotent = (
  description = 'Same key + same body: the first answer again',
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description,
    }),
  );
