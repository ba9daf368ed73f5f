import fc from 'fast-check';
import type { Actor } from './actor';
import type { CustodyCommand } from './commands';
import { decide } from './decide';
import type { CustodyEvent, CustodyEventType } from './events';
import { evolve } from './evolve';
import { DISPOSITIONS, type Disposition, type ItemDescription } from './item';
import { GENESIS_HASH, sealEvents, verifyChain } from './hash-chain';
import { replay } from './replay';
import { HANDOVER_STATUSES } from './events/handover-offered';
import { ITEM_STATUSES, type ItemState, type ItemStatus, type MaybeItemState } from './state';
import { ALLOWED_FROM } from './transitions';
import { authorize } from './permissions';
import type { Acknowledgement } from './acknowledgement';
import type { DecisionContext } from './commands';
import { KODE, SIGNED, releaseCodes } from './testing/acknowledgements';
import { ACTORS, aFile, aLetter, context as baseContext, lookupLocation, NOW } from './testing/fixtures';

const itemId = 'item-p';
const actors = [...Object.values(ACTORS), { id: 'rina', role: 'officer' as const, unitId: 'sort-1' }];
const places = ['dinas-a', 'dinas-b', 'kec-1', 'sort-1', 'depot-1', 'depot-2'];
// 'rina' and 'KRR-017' are not in the directory: offers to them are refused (unknown-party).
const parties = ['kurir-1', 'kurir-2', 'dinas-b', 'depot-1', 'rina', 'KRR-017'];
const storage = fc.record({ room: fc.constantFrom('R1', 'R2'), shelf: fc.constantFrom('S1', 'S2') });
/** Codes shown at some places only, valid all along: a code elsewhere is refused. */
const CODES = releaseCodes(
  ['dinas-a', 'dinas-b', 'depot-1'].map((placeId) => ({
    code: KODE.code,
    placeId,
    issuedBy: `officer-${placeId}`,
    issuedAt: '2026-11-01T00:00:00.000Z',
    expiresAt: '2027-01-01T00:00:00.000Z',
  })),
);
const context = (actor: Actor, overrides: Partial<DecisionContext> = {}) =>
  baseContext(actor, { releaseCodes: CODES, ...overrides });
/** Every way of acknowledging, and none: only a real one moves custody. */
const acknowledgements = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<object>(
      { acknowledgement: SIGNED },
      { acknowledgement: KODE },
      { acknowledgement: { method: 'account' } },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<object>({ acknowledgement: { method: 'code', code: 'SALAH1' } }, {}),
  },
);
const c = <T extends CustodyEventType>(type: T, data: fc.Arbitrary<object>) =>
  data.map((d) => ({ type, itemId, data: d }) as CustodyCommand);

// Going missing is possible from almost anywhere; kept rare so journeys get far enough.
const anyCommand: fc.Arbitrary<CustodyCommand> = fc.oneof(
  c(
    'collected',
    fc
      .tuple(fc.constantFrom({}, { locationId: 'kec-1' }), acknowledgements)
      .map(([where, ack]) => ({ ...where, ...ack })),
  ),
  c(
    'sorted',
    fc.record({
      locationId: fc.constant('sort-1'),
      destinationId: fc.constantFrom('depot-1', 'dinas-b', 'depot-2'),
    }),
  ),
  c(
    'dispatched',
    fc.constantFrom(
      {},
      { destinationId: 'depot-1' },
      { destinationId: 'dinas-b' },
      { destinationId: 'dinas-b' },
      { destinationId: 'sort-1' },
    ),
  ),
  c('handover_offered', fc.record({ toCustodianId: fc.constantFrom(...parties) })),
  c('handover_accepted', fc.constant({})),
  c('handover_declined', fc.constant({ reason: 'penuh' })),
  c('handover_withdrawn', fc.constant({ reason: 'salah alamat' })),
  { weight: 4, arbitrary: c('arrived', fc.constantFrom({}, { locationId: 'sort-1' })) },
  // Delivered needs a letter arrived at its addressee and a valid acknowledgement: asked for often.
  {
    weight: 4,
    arbitrary: c(
      'delivered',
      acknowledgements.map((ack) => ({ receivedBy: 'Budi', ...ack })),
    ),
  },
  { weight: 4, arbitrary: c('intake_confirmed', fc.record({ storage })) },
  c('intake_rejected', fc.constant({ reason: 'rusak' })),
  c('relocated', fc.record({ storage })),
  {
    weight: 4,
    arbitrary: c(
      'lent',
      fc.constant({ borrowerUnitId: 'dinas-b', borrowerName: 'Budi', dueAt: '2027-01-01T00:00:00Z' }),
    ),
  },
  c('returned', fc.constantFrom({}, { storage: { room: 'R9' } })),
  { weight: 1, arbitrary: c('reported_missing', fc.constant({ reason: 'hilang' })) },
  c('found', fc.record({ locationId: fc.constantFrom(...places) })),
  { weight: 3, arbitrary: c('disposed', fc.constant({ baNumber: 'BA-1' })) },
  { weight: 3, arbitrary: c('transferred_static', fc.constant({ baNumber: 'BA-2' })) },
  c(
    'corrected',
    fc.record({ correctsEventId: fc.constantFrom('e-0', 'e-1', 'nope'), reason: fc.constant('typo') }),
  ),
  c(
    'corrected',
    fc.record({
      changes: fc.constantFrom<object>(
        { title: 'Judul baru' },
        { kind: 'letter' },
        { securityClass: 'rahasia' },
        { retention: { activeYears: 0, inactiveYears: 0, disposition: 'musnah' } },
        { notes: null },
      ),
      reason: fc.constant('salah ketik'),
    }),
  ),
  c(
    'loan_extended',
    fc.record({
      dueAt: fc.constantFrom('2027-02-01T00:00:00Z', '2026-01-01T00:00:00Z'),
      reason: fc.constant('x'),
    }),
  ),
  {
    weight: 2,
    arbitrary: c(
      'reappraised',
      fc.record({
        disposition: fc.constantFrom<Disposition>(...DISPOSITIONS),
        decisionNumber: fc.constant('SK-1'),
        reason: fc.constant('x'),
      }),
    ),
  },
  c('voided', fc.constant({ reason: 'duplikat' })),
);

/**
 * How far the reported clock moves before a step, in minutes: mostly forward (offline scans arrive
 * in order), sometimes backdated, so the out-of-order rule is exercised.
 */
const clockStep = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: -600, max: -1 }) },
);
const START = Date.parse(NOW) - 2 * 86_400_000;

const registration = fc
  .tuple(fc.boolean(), fc.constantFrom<Disposition>(...DISPOSITIONS))
  .map(([letter, disposition]): CustodyCommand => {
    const retention = { activeYears: 1, inactiveYears: 1, disposition };
    return { type: 'registered', itemId, data: letter ? aLetter({ retention }) : aFile({ retention }) };
  });

/**
 * Mostly random actors; 'fitting' picks one the permission matrix lets through, so sequences get
 * past the first steps and the state machine (not only the role check) is exercised.
 */
type ActorPick = Actor | 'fitting';
const steps = fc.array(
  fc.tuple(anyCommand, fc.constantFrom<ActorPick>(...actors, 'fitting', 'fitting', 'fitting'), clockStep),
  { minLength: 20, maxLength: 60, size: 'max' },
);

function resolveActor(pick: ActorPick, command: CustodyCommand, state: MaybeItemState): Actor {
  if (typeof pick !== 'string') return pick;
  if (!state) return ACTORS.officerA;
  const parties = [
    state.custodianId,
    state.pendingHandover?.toCustodianId,
    state.locationId,
    state.depotId,
    state.lastKnown?.locationId,
  ];
  const candidates: Actor[] = [...actors];
  for (const party of parties) {
    if (!party) continue;
    if (party.startsWith('kurir-')) candidates.push({ id: party, role: 'courier', unitId: null });
    else
      candidates.push(
        { id: `officer-${party}`, role: 'officer', unitId: party },
        { id: `depot-${party}`, role: 'depot', unitId: party },
      );
  }
  const foundAt = command.type === 'found' ? command.data.locationId : undefined;
  return (
    candidates.find(
      (actor) => authorize(command.type, actor, state, { locations: lookupLocation, foundAt }) === null,
    ) ?? ACTORS.admin
  );
}

/** The status each event may leave the item in, from domain.md's effect column. */
function possibleResults(type: CustodyEventType, before: ItemState | null): readonly ItemStatus[] {
  const unchanged = before ? [before.status] : [];
  const results: Partial<Record<CustodyEventType, readonly ItemStatus[]>> = {
    registered: ['registered'],
    collected: ['collected'],
    // A holder's release accepted is the collection.
    handover_accepted: [...unchanged, 'collected'],
    sorted: ['sorted'],
    dispatched: ['in_transit'],
    arrived: ['arrived'],
    delivered: ['delivered'],
    intake_confirmed: ['deposited'],
    lent: ['on_loan'],
    returned: ['deposited'],
    reported_missing: ['missing'],
    found: before?.lastKnown ? [before.lastKnown.status, 'arrived'] : ['arrived'],
    disposed: ['disposed'],
    transferred_static: ['transferred_static'],
    voided: ['voided'],
  };
  return results[type] ?? unchanged;
}

function checkInvariants(state: ItemState): void {
  expect(ITEM_STATUSES).toContain(state.status);
  expect(state.locationId === null).toBe(state.status === 'in_transit' || state.status === 'missing');
  if (state.pendingHandover) {
    expect(HANDOVER_STATUSES).toContain(state.status);
    expect(state.pendingHandover.expiresAt).not.toBeNull();
  }
  if (state.status === 'on_loan') expect(state.loan).not.toBeNull();
  if (state.loan) expect(['on_loan', 'missing']).toContain(state.status);
  if (state.status === 'deposited') expect(state.storage).not.toBeNull();
  expect(state.eventIds).toHaveLength(state.revision + 1);
  if (state.status === 'voided') {
    expect(state.locationId).toBe(state.description.originUnitId);
    expect(state.custodianId).toBe(state.description.originUnitId);
  }
}

/**
 * No handover is left that nobody can clear: its offerer and an admin can always withdraw it, and
 * its addressee, when a real party, can decline it (or accept it until it lapses).
 */
function expectClearable(state: ItemState, now: string, stream: readonly CustodyEvent[]): void {
  const pending = state.pendingHandover;
  if (!pending) return;
  const withdraw = { type: 'handover_withdrawn', itemId, data: { reason: 'x' } } as CustodyCommand;
  const at = { now, occurredAt: now };
  expect(decide(withdraw, state, context(ACTORS.admin, at))).toMatchObject({ ok: true });
  const offerer = stream.find((event) => event.eventId === pending.eventId)!.actor;
  expect(offerer.id).toBe(pending.offeredById);
  expect(decide(withdraw, state, context(offerer, at))).toMatchObject({ ok: true });
  const addressee = [...actors, ...Object.values(ACTORS)].find(
    (actor) => actor.id === pending.toCustodianId && actor.role === 'courier',
  );
  if (addressee) {
    const decline = { type: 'handover_declined', itemId, data: { reason: 'x' } } as CustodyCommand;
    expect(decide(decline, state, context(addressee, at))).toMatchObject({ ok: true });
  }
}

/**
 * Custody never moves on one party's word: every collection and delivery names who gave and the
 * other party's acknowledgement, for the place the item is (a delivery: its addressee unit); an
 * account is never the courier's own.
 */
function expectAcknowledged(
  event: { type: string; data: object },
  before: MaybeItemState,
  actor: Actor,
): void {
  if (event.type !== 'collected' && event.type !== 'delivered') return;
  const data = event.data as { fromCustodianId?: string; acknowledgement?: Acknowledgement };
  expect(data.acknowledgement).toBeDefined();
  expect(data.fromCustodianId).toBe(before!.custodianId);
  expect(data.acknowledgement?.placeId).toBe(before!.locationId);
  if (event.type === 'delivered') expect(before!.locationId).toBe(before!.description.addresseeUnitId);
  if (data.acknowledgement?.method === 'account') {
    const courier =
      event.type === 'collected' ? (data as { custodianId?: string }).custodianId : data.fromCustodianId;
    expect(data.acknowledgement.byId).not.toBe(courier);
    // A courier's own request never counts as an account acknowledgement of their own.
    if (actor.role === 'courier') expect(data.acknowledgement.byId).not.toBe(actor.id);
  }
}

describe('random command sequences from random actors', () => {
  it('only ever make table transitions, and replaying the sealed events rebuilds the same state', () => {
    fc.assert(
      fc.property(registration, steps, (register, commandsByActor) => {
        let state: MaybeItemState = null;
        const stream: CustodyEvent[] = [];
        let clock = START;
        for (const [command, pick, minutes] of [
          [register, ACTORS.officerA, 0] as const,
          ...commandsByActor,
        ]) {
          clock += minutes * 60_000;
          const occurredAt = new Date(clock).toISOString();
          const actor = resolveActor(pick, command, state);
          const decision = decide(command, state, context(actor, { occurredAt }));
          if (!decision.ok) {
            // Refused for its time exactly when it is dated before the item's latest event.
            if (decision.refusal.code === 'out-of-order')
              expect(occurredAt < state!.latestOccurredAt!).toBe(true);
            continue;
          }
          const before: MaybeItemState = state;
          if (command.type !== 'registered') {
            expect(ALLOWED_FROM[command.type]).toContain(before!.status);
            expect(occurredAt >= before!.latestOccurredAt!).toBe(true);
            // The description's identity never changes; a dinilai_kembali file never ends unappraised.
            if (command.type === 'disposed' || command.type === 'transferred_static') {
              expect(before!.description.retention?.disposition).not.toBe('dinilai_kembali');
            }
          }
          const sealed = sealEvents(decision.events, {
            itemId,
            eventIds: decision.events.map((_, index) => `e-${stream.length + index}`),
            prevRevision: before?.revision ?? -1,
            prevHash: before?.headHash ?? GENESIS_HASH,
            occurredAt,
            recordedAt: NOW,
            actor,
            commandId: null,
            correlationId: null,
            note: null,
          });
          for (const event of decision.events) expectAcknowledged(event, before, actor);
          for (const event of sealed) state = evolve(state, event);
          stream.push(...sealed);
          expect(possibleResults(command.type, before)).toContain(state!.status);
          expect(state!.latestOccurredAt).toBe(occurredAt);
          expect(state!.description.kind).toBe((register.data as ItemDescription).kind);
          expect(state!.description.originUnitId).toBe((register.data as ItemDescription).originUnitId);
          checkInvariants(state!);
          expectClearable(state!, occurredAt, stream);
        }
        expect(replay(stream)).toEqual(state);
        expect(verifyChain(stream)).toMatchObject({ valid: true, length: stream.length, problems: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('reach deep statuses often enough for the property above to mean something', () => {
    const seen = new Set<ItemStatus>();
    fc.assert(
      fc.property(registration, steps, (register, commandsByActor) => {
        let state: MaybeItemState = null;
        let revision = -1;
        for (const [command, pick] of [[register, ACTORS.officerA, 0] as const, ...commandsByActor]) {
          const actor = resolveActor(pick, command, state);
          const decision = decide(command, state, context(actor));
          if (!decision.ok) continue;
          const [event] = sealEvents(decision.events, {
            itemId,
            eventIds: [`e-${revision + 1}`],
            prevRevision: revision,
            prevHash: state?.headHash ?? GENESIS_HASH,
            occurredAt: NOW,
            recordedAt: NOW,
            actor,
            commandId: null,
            correlationId: null,
            note: null,
          });
          state = evolve(state, event);
          revision += 1;
          seen.add(state.status);
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'collected',
        'sorted',
        'in_transit',
        'arrived',
        'deposited',
        'on_loan',
        'delivered',
        'missing',
        'disposed',
        'voided',
      ]),
    );
  });
});
