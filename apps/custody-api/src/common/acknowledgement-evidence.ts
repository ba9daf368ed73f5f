import { Inject, Injectable } from '@nestjs/common';
import {
  releaseCodeRefused,
  type Acknowledgement,
  type DecisionContext,
  type ReleaseCodeLookup,
  type Refusal,
} from '@jejak/custody';
import {
  releaseCodeLookupOf,
  ReleaseCodeStore,
  SignatureImageStore,
  type SignatureImage,
} from '@jejak/directory';

/** What a decided event may carry: its acknowledgement, when custody changed hands. */
type Decided = { data?: unknown };

const acknowledgementIn = (event: Decided): Acknowledgement | undefined =>
  (event.data as { acknowledgement?: Acknowledgement } | undefined)?.acknowledgement;

/** Every code is unknown to a command that carries none. */
const NO_CODES: ReleaseCodeLookup = () => ({ valid: false, reason: 'unknown' });

/** The lookup gathered for a command, in the context its decision sees. */
export const withReleaseCodes = (ctx: DecisionContext, releaseCodes: ReleaseCodeLookup): DecisionContext => ({
  ...ctx,
  releaseCodes,
});

/**
 * The two sides of an acknowledgement outside the stream, both through the directory port (so
 * on MongoDB every replica sees the same codes and images). Before a decision (the pipeline's
 * gather step) `gather` reads the records of the kode serah the command carries, and the domain
 * judges over them synchronously, binding nothing. Once the decision holds, before it is
 * appended (the settle step), `settle` binds each code it relied on to the courier and keeps the
 * drawn signature's image. A refused command thus binds no code and keeps no image.
 */
@Injectable()
export class AcknowledgementEvidence {
  constructor(
    @Inject(ReleaseCodeStore) private readonly codes: ReleaseCodeStore,
    @Inject(SignatureImageStore) private readonly images: SignatureImageStore,
  ) {}

  /** The domain's lookup for the code a command gave (undefined: none), read now. */
  async gather(code: string | undefined): Promise<ReleaseCodeLookup> {
    if (code === undefined) return NO_CODES;
    return releaseCodeLookupOf(code, await this.codes.find(code), new Date());
  }

  /**
   * `code` is the one the command gave (never in an event); `image` its drawn signature. A code
   * another courier bound since it was gathered refuses the command (403), as the domain would
   * have; the same courier again (an offline replay, a retry) binds nothing new and passes.
   */
  async settle(
    decided: readonly Decided[],
    evidence: { code?: string; image?: SignatureImage; actorId: string; at: string },
  ): Promise<Refusal | null> {
    const acknowledgements = decided.flatMap((event) => acknowledgementIn(event) ?? []);
    const places = new Set(
      acknowledgements.flatMap((a) => (a.method === 'code' && a.placeId ? [a.placeId] : [])),
    );
    for (const placeId of places) {
      if (evidence.code === undefined) continue;
      const use = { code: evidence.code, placeId, courierId: evidence.actorId, at: evidence.at };
      const verdict = await this.codes.check(use);
      if (!verdict.valid) return releaseCodeRefused(verdict.reason, placeId, evidence.at).refusal;
    }
    const { image } = evidence;
    if (image && acknowledgements.some((a) => a.method === 'signature' && a.signatureHash === image.hash)) {
      await this.images.keep(image, evidence.actorId);
    }
    return null;
  }

  signature(hash: string): Promise<Buffer | undefined> {
    return this.images.get(hash);
  }
}

/** The kode serah a command's data gave, if any (an item's or a transfer's collected, delivered). */
export function givenCode(data: unknown): string | undefined {
  const given = (data as { acknowledgement?: { method?: unknown; code?: unknown } } | undefined)
    ?.acknowledgement;
  return given?.method === 'code' && typeof given.code === 'string' ? given.code : undefined;
}
