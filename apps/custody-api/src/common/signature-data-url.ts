import { signatureHashOf, type SignatureImage } from '@jejak/directory';
import { ApiProblem } from './problem';

/** A drawn signature is a few kilobytes; a photo pasted in its place is refused. */
export const MAX_SIGNATURE_BYTES = 256 * 1024;
/** Its data URL as sent: base64 of MAX_SIGNATURE_BYTES, with the prefix. */
export const MAX_SIGNATURE_URL_LENGTH =
  'data:image/png;base64,'.length + Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4;

const PREFIX = 'data:image/png;base64,';
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The PNG of `acknowledgement.signature` (a data URL), checked at the edge: the prefix, base64,
 * the PNG magic bytes and the size (413 over MAX_SIGNATURE_BYTES). The domain only sees its hash.
 */
export function signatureImageOf(field: string, dataUrl: string): SignatureImage {
  const bad = (message: string) =>
    new ApiProblem('validation-failed', `${field}: ${message}`, { errors: [{ field, message }] });
  if (!dataUrl.startsWith(PREFIX)) throw bad('must be a PNG data URL (data:image/png;base64,…)');
  const base64 = dataUrl.slice(PREFIX.length);
  // Judged by its size before the base64 is even checked: a photo is a 413 whatever its bytes.
  if (Math.floor((base64.length * 3) / 4) - 2 > MAX_SIGNATURE_BYTES) throw tooLarge(field);
  if (base64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw bad('is not valid base64');
  }
  const png = Buffer.from(base64, 'base64');
  if (png.length > MAX_SIGNATURE_BYTES) {
    throw new ApiProblem(
      'payload-too-large',
      `${field}: the signature image is over ${MAX_SIGNATURE_BYTES / 1024} KB.`,
    );
  }
  if (png.length < PNG_MAGIC.length + 25 || !png.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw bad('is not a PNG image');
  }
  return { hash: signatureHashOf(png), png };
}

const tooLarge = (field: string) =>
  new ApiProblem(
    'payload-too-large',
    `${field}: the signature image is over ${MAX_SIGNATURE_BYTES / 1024} KB.`,
  );
