import { createHash, randomInt } from 'node:crypto';

/** Letters and digits that cannot be misread for one another (no I, L, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A uniformly random code of `length` characters of ALPHABET. */
export const randomCode = (length: number): string =>
  Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** What a person types, read as the code it means: case, spaces and dashes do not matter. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** Codes are kept only as hashes, so a copy of the data folder holds none that work. */
export const hashCode = (code: string): string =>
  createHash('sha256').update(normaliseCode(code)).digest('hex');
