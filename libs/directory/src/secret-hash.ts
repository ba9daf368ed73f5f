import { hash } from 'node:crypto';

/**
 * How every adapter stores a bearer token or a session secret: its SHA-256 hex (never the secret).
 * One-shot `hash`, not a Hash object: it runs on every authenticated request, at less than half
 * the cost.
 */
export const hashSecret = (secret: string): string => hash('sha256', secret, 'hex');
