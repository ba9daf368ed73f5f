/**
 * How the party that did not send the request acknowledged a change of custody (domain.md
 * "Two-party custody"), strongest first. The event keeps it, and the trail and every printed
 * document say which was used.
 */
export const ACKNOWLEDGEMENT_METHODS = ['account', 'code', 'signature'] as const;
export type AcknowledgementMethod = (typeof ACKNOWLEDGEMENT_METHODS)[number];

export interface Acknowledgement {
  method: AcknowledgementMethod;
  /** Who acknowledged: the person signed in (account), or who made the code (code); null for a signature. */
  byId: string | null;
  /** The place the acknowledging party acted for (the holder's place, the addressee unit). */
  placeId: string | null;
  /** A signature: the signer's name and NIP as written on the phone, and the drawn image's SHA-256. */
  name?: string;
  nip?: string;
  signatureHash?: string;
}
