import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { PROBLEM_STATUS, type ProblemCode } from '../common/problem';

export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];

export class FieldProblemDto {
  @ApiProperty({ example: 'title' }) field!: string;
  @ApiProperty({ example: 'title should not be empty' }) message!: string;
}

/** RFC 9457 problem details, as every error of the service is rendered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:jejak:problem:validation-failed' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'title: title should not be empty' }) detail!: string;
  @ApiProperty({ enum: PROBLEM_CODES, example: 'validation-failed' }) code!: ProblemCode;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'Only for validation-failed' })
  errors?: FieldProblemDto[];
}

const DESCRIPTIONS: Partial<Record<number, string>> = {
  400: 'validation-failed: malformed JSON, missing or wrong fields',
  401: 'unauthenticated: no or bad token',
  403: 'forbidden: role or unit not allowed',
  404: 'not-found',
  409: 'invalid-transition, concurrency-conflict, already-exists or out-of-order',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'classified-not-accepted, unknown-party or idempotency-key-reused',
  429: 'rate-limited (see Retry-After)',
  500: 'internal-error (never carries the cause)',
  503: 'projection-lagging (minPosition not reached within 5 s), storage-full (see Retry-After) or data-damaged',
};

/** Documents the problem+json answers a route may give, beside the ones every secured route has. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
