import { createHash } from 'node:crypto';
import { MAX_SIGNATURE_BYTES, signatureImageOf } from './signature-data-url';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const url = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
const field = 'acknowledgement.signature';

describe('a drawn signature at the edge', () => {
  it('is a PNG data URL, kept with its SHA-256', () => {
    expect(signatureImageOf(field, url(PNG))).toEqual({
      hash: createHash('sha256').update(PNG).digest('hex'),
      png: PNG,
    });
  });

  it.each([
    ['another image type', `data:image/jpeg;base64,${PNG.toString('base64')}`, /PNG data URL/],
    ['broken base64', 'data:image/png;base64,iVBOR*w0K', /not valid base64/],
    [
      'bytes that are not a PNG',
      url(Buffer.from('GIF89a: a picture of something else entirely')),
      /not a PNG/,
    ],
  ])('refuses %s (400 on the field)', (_case, dataUrl, detail) => {
    expect(() => signatureImageOf(field, dataUrl)).toThrow(
      expect.objectContaining({
        body: expect.objectContaining({ code: 'validation-failed', detail: expect.stringMatching(detail) }),
      }),
    );
  });

  it('refuses an image over 256 KB as too large (413)', () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_SIGNATURE_BYTES)]);
    expect(() => signatureImageOf(field, url(huge))).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'payload-too-large' }) }),
    );
  });
});
