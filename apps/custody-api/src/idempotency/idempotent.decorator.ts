import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotentReplayFilter } from './idempotent-replay';

/** A POST that honours `Idempotency-Key`: the guard and its replay, and the header in the OpenAPI document. */
export const Idempotent = (
  description = 'Same key + same body: the first answer again',
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(IdempotencyGuard),
    UseFilters(IdempotentReplayFilter),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description,
    }),
  );
