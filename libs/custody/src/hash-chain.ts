import { createHash } from 'node:crypto';
import type { Actor } from './actor';
import { canonicalJson, canonicalMembers } from './canonical-json';
import type { CustodyEvent, DecidedEvent } from './events';

/** The prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 (hex) of prevHash followed by the canonical JSON of the event without its `hash`.
 * Accepts any stream's event (item or transfer); a `hash` member, if present, is ignored.
 */
export function hashEvent(event: Omit<CustodyEvent, 'hash'> | ({ prevHash: string } & object)): string {
  const { hash: _ignored, ...unsealed } = event as { hash?: unknown; prevHash: string };
  return sha256Hex(unsealed.prevHash + canonicalJson(unsealed));
}

/**
 * The canonical JSON of each event sealed by this process, as sealed (hash included): the text the
 * verifiable log's leaf is hashed from and the store keeps, made here from the members already
 * serialised for the hash, so the store need not serialise the event again.
 */
const SEALED_TEXT = new WeakMap<object, string>();

/** The canonical JSON (RFC 8785) of an event as chainEvents sealed it; undefined for any other object. */
export const sealedCanonicalText = (event: object): string | undefined => SEALED_TEXT.get(event);

/** hashEvent(unsealed) and the canonical JSON of the event with that hash, from one serialisation. */
function sealOne(unsealed: { prevHash: string } & object): { hash: string; text: string | undefined } {
  const withToJson = unsealed as { toJSON?: unknown };
  if ('hash' in unsealed || typeof withToJson.toJSON === 'function' || Array.isArray(unsealed)) {
    return { hash: hashEvent(unsealed), text: undefined };
  }
  const { keys, members } = canonicalMembers(unsealed);
  const hash = sha256Hex(unsealed.prevHash + `{${members.join(',')}}`);
  let at = 0;
  while (at < keys.length && keys[at] < 'hash') at++;
  members.splice(at, 0, `"hash":${JSON.stringify(hash)}`);
  return { hash, text: `{${members.join(',')}}` };
}

/** What the command handler knows about the append besides the decided events. */
export interface SealContext {
  itemId: string;
  /** One per decided event, in order. */
  eventIds: readonly string[];
  /** Revision of the stream's last event; -1 for a new stream. */
  prevRevision: number;
  /** Hash of the stream's last event; GENESIS_HASH for a new stream. */
  prevHash: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  commandId: string | null;
  correlationId: string | null;
  note: string | null;
}

/** The envelope fields every chained stream shares, whatever identifies the stream. */
export interface ChainLink {
  revision: number;
  prevHash: string;
  hash: string;
}

/**
 * Puts the envelope around decided events and links them: revisions follow prevRevision, each
 * prevHash is the previous event's hash. Generic so the transfer stream chains the same way.
 */
export function chainEvents<D, E extends ChainLink>(
  decided: readonly D[],
  start: { prevRevision: number; prevHash: string },
  envelope: (event: D, index: number, link: { revision: number; prevHash: string }) => Omit<E, 'hash'>,
): E[] {
  const sealed: E[] = [];
  let prevHash = start.prevHash;
  decided.forEach((event, index) => {
    const unsealed = envelope(event, index, { revision: start.prevRevision + 1 + index, prevHash });
    const { hash, text } = sealOne(unsealed);
    const one = { ...unsealed, hash } as E;
    if (text !== undefined) SEALED_TEXT.set(one, text);
    sealed.push(one);
    prevHash = hash;
  });
  return sealed;
}

export function sealEvents(decided: readonly DecidedEvent[], ctx: SealContext): CustodyEvent[] {
  const { itemId, ...rest } = ctx;
  return sealStreamEvents<DecidedEvent, CustodyEvent>(decided, rest, { itemId }, 'sealEvents');
}

/** The envelope every chained stream's events carry, with the key naming their stream. */
export function sealStreamEvents<D extends { type: string; data: unknown }, E extends ChainLink>(
  decided: readonly D[],
  ctx: Omit<SealContext, 'itemId'>,
  streamKey: { itemId: string } | { transferId: string },
  caller: string,
): E[] {
  if (ctx.eventIds.length !== decided.length) {
    throw new Error(`${caller}: ${decided.length} events but ${ctx.eventIds.length} event ids`);
  }
  return chainEvents<D, E>(
    decided,
    ctx,
    (event, index, link) =>
      ({
        eventId: ctx.eventIds[index],
        ...streamKey,
        revision: link.revision,
        type: event.type,
        data: event.data,
        occurredAt: ctx.occurredAt,
        recordedAt: ctx.recordedAt,
        actor: ctx.actor,
        commandId: ctx.commandId,
        correlationId: ctx.correlationId,
        note: ctx.note,
        prevHash: link.prevHash,
      }) as unknown as Omit<E, 'hash'>,
  );
}

export type ChainProblemKind = 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'unparsable';

export interface ChainProblem {
  revision: number;
  problem: ChainProblemKind;
  detail: string;
}

export interface ChainReport {
  valid: boolean;
  length: number;
  /** Hash of the last event as stored; GENESIS_HASH for an empty stream. */
  headHash: string;
  firstBrokenRevision?: number;
  problems: ChainProblem[];
}

const isHex64 = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

interface Tip {
  revision: number;
  hash: string;
}

/**
 * Verifies chained streams one stored event at a time, in any interleaving of streams (a walk of
 * the whole store in global order): revisions run 0..n-1, each prevHash is the previous event's
 * hash (GENESIS_HASH first) and each hash recomputes. Keeps only the tip of each stream.
 */
export class ChainWalker {
  private readonly tips = new Map<string, Tip>();
  private events = 0;

  /** The problems of the next stored event of `streamId`, at `storedRevision` in the store. */
  next(streamId: string, storedRevision: number, event: unknown): ChainProblem[] {
    this.events++;
    const tip = this.tips.get(streamId);
    const expectedRevision = tip ? tip.revision + 1 : 0;
    const expectedPrev = tip ? tip.hash : GENESIS_HASH;
    const link = (typeof event === 'object' && event !== null ? event : {}) as Partial<ChainLink>;
    const revision = typeof link.revision === 'number' ? link.revision : storedRevision;
    if (!isHex64(link.hash) || !isHex64(link.prevHash)) {
      this.tips.set(streamId, {
        revision: storedRevision,
        hash: isHex64(link.hash) ? link.hash : expectedPrev,
      });
      return [
        {
          revision,
          problem: 'unparsable',
          detail: `event #${storedRevision} lacks a well-formed hash or prevHash`,
        },
      ];
    }
    const problems: ChainProblem[] = [];
    if (storedRevision !== expectedRevision || link.revision !== storedRevision) {
      problems.push({
        revision,
        problem: 'revision-gap',
        detail: `expected revision ${expectedRevision}, found ${String(link.revision)}`,
      });
    }
    if (link.prevHash !== expectedPrev) {
      problems.push({
        revision,
        problem: 'prev-hash-mismatch',
        detail: `prevHash ${link.prevHash} does not match the previous hash ${expectedPrev}`,
      });
    }
    problems.push(...recomputeProblems(link as ChainLink, revision));
    this.tips.set(streamId, { revision: storedRevision, hash: link.hash });
    return problems;
  }

  /** Hash of the last event seen of `streamId`; GENESIS_HASH when none. */
  headOf(streamId: string): string {
    return this.tips.get(streamId)?.hash ?? GENESIS_HASH;
  }

  get streamCount(): number {
    return this.tips.size;
  }

  get eventCount(): number {
    return this.events;
  }
}

/** Checks a whole stream as stored (ChainWalker over one stream). Works for any chained stream. */
export function verifyChain(events: readonly ChainLink[]): ChainReport {
  const walker = new ChainWalker();
  const problems = events.flatMap((event, index) => walker.next('stream', index, event));
  const broken = problems.map((p) => p.revision);
  const last = events[events.length - 1];
  return {
    valid: problems.length === 0,
    length: events.length,
    headHash: events.length > 0 && isHex64(last?.hash) ? last.hash : GENESIS_HASH,
    ...(broken.length > 0 ? { firstBrokenRevision: Math.min(...broken) } : {}),
    problems,
  };
}

function recomputeProblems(event: ChainLink, revision: number): ChainProblem[] {
  let recomputed: string;
  try {
    recomputed = hashEvent(event);
  } catch (error) {
    return [{ revision, problem: 'unparsable', detail: `cannot canonicalise: ${(error as Error).message}` }];
  }
  if (recomputed === event.hash) return [];
  return [
    { revision, problem: 'hash-mismatch', detail: `stored hash ${event.hash}, recomputed ${recomputed}` },
  ];
}
