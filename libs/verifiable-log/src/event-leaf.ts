import { canonicalJson } from '@jejak/custody';
import { leafHash } from './rfc9162-hash';

/**
 * The leaf data of a stored event: the RFC 8785 canonical JSON (UTF-8) of the event as stored,
 * hash chain fields included — the canonical form the per-stream hash chain already uses.
 */
export const eventLeafData = (storedEvent: unknown): Buffer =>
  Buffer.from(canonicalJson(storedEvent), 'utf8');

export const eventLeafHash = (storedEvent: unknown): Buffer => leafHash(eventLeafData(storedEvent));
