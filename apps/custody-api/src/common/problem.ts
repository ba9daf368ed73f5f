import { HttpException } from '@nestjs/common';

/** The error codes of http-api.md (plus `projection-lagging`, `shutting-down`, `storage-full`, `internal-error`, ...). */
export type ProblemCode =
  | 'validation-failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'invalid-transition'
  | 'concurrency-conflict'
  | 'already-exists'
  | 'payload-too-large'
  | 'classified-not-accepted'
  | 'unknown-party'
  | 'idempotency-key-reused'
  | 'rate-limited'
  | 'projection-lagging'
  | 'shutting-down'
  | 'storage-full'
  | 'data-damaged'
  | 'request-timeout'
  | 'headers-too-large'
  | 'method-not-allowed'
  | 'unsupported-media-type'
  | 'internal-error';

export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  'validation-failed': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'request-timeout': 408,
  'invalid-transition': 409,
  'concurrency-conflict': 409,
  'already-exists': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'classified-not-accepted': 422,
  'unknown-party': 422,
  'idempotency-key-reused': 422,
  'rate-limited': 429,
  'headers-too-large': 431,
  'internal-error': 500,
  'projection-lagging': 503,
  'shutting-down': 503,
  'storage-full': 503,
  'data-damaged': 503,
};

const TITLES: Record<ProblemCode, string> = {
  'validation-failed': 'The request is not valid',
  unauthenticated: 'A valid bearer token is required',
  forbidden: 'Not allowed for this token',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'invalid-transition': 'Not allowed in the current status',
  'concurrency-conflict': 'The item changed meanwhile',
  'already-exists': 'Already exists',
  'payload-too-large': 'The body is too large',
  'unsupported-media-type': 'Unsupported media type',
  'classified-not-accepted': 'Classified items are not accepted',
  'unknown-party': 'Not an active person or unit of the directory',
  'idempotency-key-reused': 'Idempotency key reused with another request',
  'rate-limited': 'Too many requests',
  'internal-error': 'Internal error',
  'projection-lagging': 'The read model has not caught up yet',
  'shutting-down': 'The service is stopping; retry shortly',
  'storage-full': 'The disk holding the data is full; retry later',
  'data-damaged': 'A data file is damaged',
  'request-timeout': 'The request did not arrive in time',
  'headers-too-large': 'The request headers are too large',
};

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export const problemType = (code: ProblemCode): string => `urn:jejak:problem:${code}`;

export function problemBody(
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: problemType(code),
    title: TITLES[code],
    status: PROBLEM_STATUS[code],
    detail,
    code,
    ...extra,
  };
}

/** Throw this anywhere in the HTTP layer; the problem filter renders it as application/problem+json. */
export class ApiProblem extends HttpException {
  readonly body: ProblemBody;

  constructor(
    code: ProblemCode,
    detail: string,
    extra: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    const body = problemBody(code, detail, extra);
    super(body, body.status);
    this.body = body;
  }
}
