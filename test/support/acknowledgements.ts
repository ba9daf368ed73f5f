import { createHash } from 'node:crypto';
import type request from 'supertest';

/** A real 1×1 PNG, as a phone's signature pad would send it (data URL). */
export const SIGNATURE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The SHA-256 the event keeps for a signature data URL (hex). */
export const signatureHashOf = (dataUrl: string): string =>
  createHash('sha256')
    .update(Buffer.from(dataUrl.split(',')[1], 'base64'))
    .digest('hex');

/** A receiver without an account signs on the courier's phone: the weakest acknowledgement. */
export const SIGNED = {
  method: 'signature',
  name: 'Ujang Suryana',
  nip: '196801011990031005',
  signature: SIGNATURE_PNG,
} as const;

type Http = () => ReturnType<typeof request>;

/**
 * The holder's release as a kode serah: an officer or depot clerk of `placeId` (their token) asks
 * for one, and the courier types it in. One code covers everything of the sitting.
 */
export async function releasedByCode(
  http: Http,
  holderToken: string,
  placeId: string,
): Promise<{ method: 'code'; code: string }> {
  const response = await http()
    .post('/api/release-codes')
    .set('Authorization', `Bearer ${holderToken}`)
    .send({ placeId });
  if (response.status !== 201) {
    throw new Error(`release code for ${placeId}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { method: 'code', code: response.body.code };
}
