import { createHash } from 'node:crypto';
import type { DecisionContext } from '../commands';
import { decide } from '../decide';
import type { DecidedEvent } from '../events';
import { chainEvents } from '../hash-chain';
import { refuse, type Refusal } from '../refusal';
import type { MaybeItemState } from '../state';
import type { Actor } from '../actor';

export const DISPOSAL_KINDS = ['musnah', 'statis'] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
/** One berita acara lists at most this many items (as a transfer's manifest). */
export const MAX_DISPOSAL_ITEMS = 500;

/** Streams of batches, one per BA number: not `item-`/`transfer-`, so neither projected nor a trail. */
export const DISPOSAL_STREAM_PREFIX = 'disposal-';

/** One stream per BA number (hashed: a BA number holds slashes and spaces). */
export const disposalStreamId = (baNumber: string): string =>
  `${DISPOSAL_STREAM_PREFIX}${createHash('sha256').update(baNumber.trim(), 'utf8').digest('hex').slice(0, 40)}`;

export interface DisposalCommand {
  baNumber: string;
  kind: DisposalKind;
  itemIds: readonly string[];
  note?: string;
  /** Penyerahan arsip statis: the archive that receives them. */
  toArchive?: string;
}

export interface DisposalRecordedData {
  baNumber: string;
  kind: DisposalKind;
  itemIds: string[];
  note: string | null;
  toArchive: string | null;
}

export interface DisposalEvent {
  eventId: string;
  type: 'disposal_recorded';
  baNumber: string;
  revision: number;
  data: DisposalRecordedData;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  commandId: string | null;
  prevHash: string;
  hash: string;
}

export interface DisposalState {
  baNumber: string;
  kind: DisposalKind;
  itemIds: string[];
  revision: number;
  headHash: string;
  eventIds: string[];
}

export type DisposalOutcome =
  | {
      ok: true;
      event: { type: 'disposal_recorded'; data: DisposalRecordedData };
      /** What each item records: `disposed` or `transferred_static` under the BA. */
      items: { itemId: string; state: NonNullable<MaybeItemState>; events: DecidedEvent[] }[];
    }
  | { ok: false; refusal: Refusal; items?: { itemId: string; refusal: Refusal }[] };

/**
 * A batch of disposals (or static transfers) under one berita acara, all or nothing: every item is
 * decided as its own `disposed` / `transferred_static` would be, and one refusal refuses the batch.
 * A BA number already used is refused before any item is looked at.
 */
export function decideDisposal(
  command: DisposalCommand,
  existing: DisposalState | null,
  items: ReadonlyMap<string, MaybeItemState>,
  ctx: DecisionContext,
): DisposalOutcome {
  if (existing !== null) {
    return refuse(
      'already-exists',
      `berita acara '${command.baNumber}' is already recorded (${existing.itemIds.length} items)`,
    );
  }
  const type = command.kind === 'musnah' ? 'disposed' : 'transferred_static';
  const decided: Extract<DisposalOutcome, { ok: true }>['items'] = [];
  const refused: { itemId: string; refusal: Refusal }[] = [];
  for (const itemId of command.itemIds) {
    const state = items.get(itemId) ?? null;
    if (state === null) {
      refused.push({ itemId, refusal: { code: 'not-found', message: `item '${itemId}' does not exist` } });
      continue;
    }
    const data =
      type === 'disposed'
        ? { baNumber: command.baNumber }
        : {
            baNumber: command.baNumber,
            ...(command.toArchive !== undefined ? { toArchive: command.toArchive } : {}),
          };
    const decision = decide({ type, itemId, data }, state, ctx);
    if (decision.ok) decided.push({ itemId, state, events: decision.events });
    else refused.push({ itemId, refusal: decision.refusal });
  }
  if (refused.length > 0) {
    const [first] = refused;
    // The strongest reason names the batch's answer: an unknown item is 404, a role 403, else 409.
    const code = refused.some((r) => r.refusal.code === 'forbidden') ? 'forbidden' : first.refusal.code;
    const detail = refused.map(({ itemId, refusal }) => `item '${itemId}': ${refusal.message}`).join('; ');
    return { ...refuse(code, `nothing recorded under '${command.baNumber}': ${detail}`), items: refused };
  }
  return {
    ok: true,
    event: {
      type: 'disposal_recorded',
      data: {
        baNumber: command.baNumber,
        kind: command.kind,
        itemIds: [...command.itemIds],
        note: command.note ?? null,
        toArchive: command.toArchive ?? null,
      },
    },
    items: decided,
  };
}

/** The batch's own event, chained on its stream as item and transfer events are. */
export function sealDisposalEvent(
  decided: { type: 'disposal_recorded'; data: DisposalRecordedData },
  ctx: {
    eventId: string;
    prevRevision: number;
    prevHash: string;
    occurredAt: string;
    recordedAt: string;
    actor: Actor;
    commandId: string | null;
  },
): DisposalEvent {
  const [event] = chainEvents<typeof decided, DisposalEvent>([decided], ctx, (event, _index, link) => ({
    eventId: ctx.eventId,
    type: event.type,
    baNumber: event.data.baNumber,
    revision: link.revision,
    data: event.data,
    occurredAt: ctx.occurredAt,
    recordedAt: ctx.recordedAt,
    actor: ctx.actor,
    commandId: ctx.commandId,
    prevHash: link.prevHash,
  }));
  return event;
}

export function evolveDisposal(state: DisposalState | null, event: DisposalEvent): DisposalState {
  return {
    baNumber: event.data.baNumber,
    kind: event.data.kind,
    itemIds: [...(state?.itemIds ?? []), ...event.data.itemIds],
    revision: event.revision,
    headHash: event.hash,
    eventIds: [...(state?.eventIds ?? []), event.eventId],
  };
}
