import { sealResponse, unsealResponse } from './response-sealing';

const context = {
  bearerToken: 'jk_the-admins-secret-token',
  tokenId: 'tok-1',
  idempotencyKey: 'token-kurir-c',
};
const answer = JSON.stringify({ id: 'tok-2', token: 'jk_a-new-couriers-token', role: 'courier' });

describe('sealed idempotency answers', () => {
  it('read back with the same token and key', () => {
    expect(unsealResponse(sealResponse(answer, context), context)).toBe(answer);
  });

  it('keep the answer, and the secret in it, out of what is stored', () => {
    const stored = sealResponse(answer, context);
    expect(stored).not.toContain('jk_a-new-couriers-token');
    expect(stored).not.toContain('courier');
    expect(sealResponse(answer, context)).not.toBe(stored);
  });

  it('cannot be read with another token or key, nor once altered', () => {
    const stored = sealResponse(answer, context);
    expect(() => unsealResponse(stored, { ...context, bearerToken: 'jk_someone-else' })).toThrow();
    expect(() => unsealResponse(stored, { ...context, idempotencyKey: 'other-key' })).toThrow();
    const [version, iv, tag, sealed] = stored.split('.');
    const flipped = Buffer.from(sealed, 'base64');
    flipped[0] ^= 1;
    expect(() => unsealResponse([version, iv, tag, flipped.toString('base64')].join('.'), context)).toThrow();
  });
});
