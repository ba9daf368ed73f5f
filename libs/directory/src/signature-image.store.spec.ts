import { openTestDirectory } from './test-directory.fixture';
import { SqliteSignatureImageStore, signatureHashOf } from './signature-image.store';

describe('the signature image store', () => {
  it('keeps an image under its hash once, and refuses one that does not match its hash', async () => {
    const { db, close } = openTestDirectory();
    try {
      const store = new SqliteSignatureImageStore(db);
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const hash = signatureHashOf(png);
      await store.keep({ hash, png }, 'KURIR-A');
      await store.keep({ hash, png }, 'KURIR-A');
      expect((await store.get(hash))?.equals(png)).toBe(true);
      expect(db.prepare('SELECT COUNT(*) AS n FROM signature_images').get()).toEqual({ n: 1 });
      await expect(store.keep({ hash: '0'.repeat(64), png }, 'KURIR-A')).rejects.toThrow(/does not match/);
      expect(await store.get('0'.repeat(64))).toBeUndefined();
    } finally {
      close();
    }
  });
});
