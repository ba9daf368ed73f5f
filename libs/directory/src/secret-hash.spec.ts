import { createHash } from 'node:crypto';
import { hashSecret } from './secret-hash';
import { generateToken } from './token.repository';

describe('hashSecret', () => {
  // Every adapter (SQLite and MongoDB) stores tokens and session secrets by it: what any earlier
  // version stored must still be found.
  it('is the SHA-256 hex of a token, as stored by every earlier version', () => {
    const token = generateToken();
    expect(hashSecret(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashSecret('jjk_é✓')).toBe(createHash('sha256').update('jjk_é✓', 'utf8').digest('hex'));
  });

  it('is the SHA-256 hex of a session secret', () => {
    expect(hashSecret('s3cr3t-é')).toBe(createHash('sha256').update('s3cr3t-é', 'utf8').digest('hex'));
  });
});
