/** The domain's way of saying no. Codes are those of http-api.md, so the edge maps them 1:1. */
export const REFUSAL_CODES = [
  'validation-failed',
  'forbidden',
  'not-found',
  'invalid-transition',
  'already-exists',
  'classified-not-accepted',
  'unknown-party',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface Refusal {
  code: RefusalCode;
  message: string;
  errors?: FieldError[];
}

export type Decision<T> = { ok: true; events: T[] } | { ok: false; refusal: Refusal };

export const refuse = (
  code: RefusalCode,
  message: string,
  errors?: FieldError[],
): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: errors ? { code, message, errors } : { code, message },
});
