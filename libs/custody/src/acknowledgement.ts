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

/**
 * The acknowledgement as a command carries it. The edge has already checked a drawn signature
 * (a PNG) and replaced it by its SHA-256: the image is kept beside the store, never in an event.
 */
export type AcknowledgementGiven =
  | { method: 'account' }
  | { method: 'code'; code: string }
  | { method: 'signature'; name: string; nip?: string; signatureHash: string };

/** What the directory is asked about a typed release code (kode serah). */
export interface ReleaseCodeQuery {
  code: string;
  /** The place the code must have been issued for (where the item is, the addressee unit). */
  placeId: string;
  /** The courier typing it in: a code belongs to the first courier who uses it. */
  courierId: string;
  /** When the handover happened as reported: an offline scan synced later is judged at its time. */
  at: string;
}

export const RELEASE_CODE_REFUSALS = [
  'unknown',
  'expired',
  'used-by-another-courier',
  'not-yet-issued',
] as const;
export type ReleaseCodeRefusal = (typeof RELEASE_CODE_REFUSALS)[number];

export type ReleaseCodeVerdict =
  { valid: true; issuedBy: string } | { valid: false; reason: ReleaseCodeRefusal };

/** The domain only asks; the caller answers from the directory without binding the code (pure). */
export type ReleaseCodeLookup = (query: ReleaseCodeQuery) => ReleaseCodeVerdict;

export { releaseCodeRefused } from './events/acknowledgement-rule';
