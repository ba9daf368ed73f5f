import { Inject, Injectable } from '@nestjs/common';
import {
  releaseCodeRefused,
  type Acknowledgement,
  type Decision,
  type ReleaseCodeLookup,
} from '@jejak/custody';
import { ReleaseCodeRepository, type SignatureImage, type SignatureImageStore } from '@jejak/directory';

export const SIGNATURE_IMAGES = Symbol('SIGNATURE_IMAGES');

/** What a decided event may carry: its acknowledgement, when custody changed hands. */
type Decided = { data?: unknown };

const acknowledgementIn = (event: Decided): Acknowledgement | undefined =>
  (event.data as { acknowledgement?: Acknowledgement } | undefined)?.acknowledgement;

/**
 * The two sides of an acknowledgement outside the stream: the domain asks whether a kode serah
 * counts (`lookup`, binding nothing), and once a decision is accepted, before it is appended,
 * `settle` binds each code it relied on to the courier and keeps the drawn signature's image. A
 * refused command thus binds no code and keeps no image.
 */
@Injectable()
export class AcknowledgementEvidence {
  constructor(
    @Inject(ReleaseCodeRepository) private readonly codes: ReleaseCodeRepository,
    @Inject(SIGNATURE_IMAGES) private readonly images: SignatureImageStore,
  ) {}

  readonly lookup: ReleaseCodeLookup = (query) => {
    const verdict = this.codes.verify(query);
    return verdict.valid ? { valid: true, issuedBy: verdict.issuedBy } : verdict;
  };

  /**
   * `code` is the one the command gave (never in an event); `image` its drawn signature. A code
   * another courier took since the decision refuses it (403), as the domain would have.
   */
  settle<T extends Decided>(
    decision: Decision<T>,
    evidence: { code?: string; image?: SignatureImage; actorId: string; at: string },
  ): Decision<T> {
    if (!decision.ok) return decision;
    const acknowledgements = decision.events.flatMap((event) => acknowledgementIn(event) ?? []);
    const places = new Set(
      acknowledgements.flatMap((a) => (a.method === 'code' && a.placeId ? [a.placeId] : [])),
    );
    for (const placeId of places) {
      if (evidence.code === undefined) continue;
      const use = { code: evidence.code, placeId, courierId: evidence.actorId, at: evidence.at };
      const verdict = this.codes.check(use);
      if (!verdict.valid) return releaseCodeRefused(verdict.reason, placeId, evidence.at);
    }
    const { image } = evidence;
    if (image && acknowledgements.some((a) => a.method === 'signature' && a.signatureHash === image.hash)) {
      this.images.keep(image, evidence.actorId);
    }
    return decision;
  }

  signature(hash: string): Buffer | undefined {
    return this.images.get(hash);
  }
}

/** The kode serah a command's data gave, if any (an item's or a transfer's collected, delivered). */
export function givenCode(data: unknown): string | undefined {
  const given = (data as { acknowledgement?: { method?: unknown; code?: unknown } } | undefined)
    ?.acknowledgement;
  return given?.method === 'code' && typeof given.code === 'string' ? given.code : undefined;
}
