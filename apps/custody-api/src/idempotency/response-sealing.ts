import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;

/**
 * Stored first answers are encrypted under a key derived from the caller's bearer token, which
 * the server never keeps (only its SHA-256): an answer may hold a secret (`POST /api/tokens`
 * shows a new token once), and a copy of the data folder must not give it away. Only the same
 * token, asking again with the same key, can read its answer back.
 */
function keyFor(bearerToken: string, tokenId: string, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', bearerToken, tokenId, `jejak idempotency ${idempotencyKey}`, 32));
}

export interface SealingContext {
  bearerToken: string;
  tokenId: string;
  idempotencyKey: string;
}

export function sealResponse(json: string, context: SealingContext): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(
    CIPHER,
    keyFor(context.bearerToken, context.tokenId, context.idempotencyKey),
    iv,
  );
  const sealed = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    sealed.toString('base64'),
  ].join('.');
}

/** The JSON sealed by sealResponse; throws when the text was altered or sealed for another token. */
export function unsealResponse(stored: string, context: SealingContext): string {
  const [version, iv, tag, sealed] = stored.split('.');
  if (version !== VERSION || sealed === undefined) throw new Error('unknown sealed response format');
  const decipher = createDecipheriv(
    CIPHER,
    keyFor(context.bearerToken, context.tokenId, context.idempotencyKey),
    Buffer.from(iv, 'base64'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}
