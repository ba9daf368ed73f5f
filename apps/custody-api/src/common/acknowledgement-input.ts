import type { AcknowledgementGiven } from '@jejak/custody';
import type { SignatureImage } from '@jejak/directory';
import { signatureImageOf } from './signature-data-url';

/** The acknowledgement as the HTTP body has it (http-api.md), before the edge looks at the image. */
export interface AcknowledgementBody {
  method: string;
  code?: string;
  name?: string;
  nip?: string;
  signature?: string;
}

/**
 * The body's acknowledgement as the domain takes it: a drawn signature becomes its hash, its image
 * is handed back to be kept once the event is recorded. Only the fields of the method are kept.
 * Anything malformed is passed on as it is, for the domain to name the field.
 */
export function acknowledgementInput(body: unknown): { given: unknown; image?: SignatureImage } {
  if (typeof body !== 'object' || body === null) return { given: body };
  const ack = body as AcknowledgementBody;
  switch (ack.method) {
    case 'account':
      return { given: { method: 'account' } satisfies AcknowledgementGiven };
    case 'code':
      return { given: { method: 'code', code: ack.code } };
    case 'signature': {
      const image =
        typeof ack.signature === 'string'
          ? signatureImageOf('acknowledgement.signature', ack.signature)
          : undefined;
      const given = {
        method: 'signature',
        name: ack.name,
        ...(ack.nip !== undefined ? { nip: ack.nip } : {}),
        signatureHash: image?.hash,
      };
      return { given, image };
    }
    default:
      return { given: body };
  }
}
