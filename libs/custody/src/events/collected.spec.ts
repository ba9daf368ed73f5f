import type { AcknowledgementGiven } from '../acknowledgement';
import type { CustodyCommand } from '../commands';
import { KODE, SIGNED, releaseCodes } from '../testing/acknowledgements';
import { ACTORS, context, NOW } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { happened, histories } from '../testing/histories';

// The holder's own account release (handover_offered, then accepted) is in decide-handovers.spec.ts.

const item = 'item-1';
const collect = (data: { locationId?: string; acknowledgement?: AcknowledgementGiven }) =>
  ({ type: 'collected', itemId: item, data }) as CustodyCommand;
const minutesFromNow = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

/** dinas-a showed KODE at 07:55 (siti, valid ten minutes); depot-1 showed it too, for kurir-2 already. */
const codes = releaseCodes([
  { code: KODE.code, placeId: 'dinas-a', issuedBy: 'siti' },
  { code: KODE.code, placeId: 'depot-1', issuedBy: 'dewi', courierId: 'kurir-2' },
]);
const asCourier = (occurredAt = NOW, actor = ACTORS.courier1) =>
  context(actor, { releaseCodes: codes, occurredAt });

describe("collected needs the holder's release, where the item is", () => {
  it('given a file registered at dinas-a, when a courier collects it with the kode serah of dinas-a, then both parties and the code are recorded', () => {
    const when = given(histories.registeredFile()).when(collect({ acknowledgement: KODE }), asCourier());
    when.then([
      {
        type: 'collected',
        data: {
          locationId: 'dinas-a',
          custodianId: 'kurir-1',
          fromCustodianId: 'dinas-a',
          acknowledgement: { method: 'code', byId: 'siti', placeId: 'dinas-a' },
        },
      },
    ]);
    when.thenState({ status: 'collected', custodianId: 'kurir-1', locationId: 'dinas-a' });
  });

  it('given a deposited file, when a courier collects it with a drawn signature, then the name, NIP and hash are recorded, never the image', () => {
    given(histories.deposited())
      .when(collect({ acknowledgement: SIGNED }), asCourier())
      .then([
        {
          type: 'collected',
          data: {
            locationId: 'depot-1',
            custodianId: 'kurir-1',
            fromCustodianId: 'depot-1',
            acknowledgement: {
              method: 'signature',
              byId: null,
              placeId: 'depot-1',
              name: SIGNED.name,
              nip: SIGNED.nip,
              signatureHash: SIGNED.signatureHash,
            },
          },
        },
      ]);
  });

  it('judges the code at the time the collection happened: an offline scan synced later still counts', () => {
    given(histories.registeredFile())
      .when(
        collect({ acknowledgement: KODE }),
        context(ACTORS.courier1, {
          releaseCodes: codes,
          now: minutesFromNow(60),
          occurredAt: minutesFromNow(9),
        }),
      )
      .thenState({ status: 'collected', custodianId: 'kurir-1' });
  });

  it.each([
    ['an unknown code', { method: 'code', code: 'SALAH1' }, NOW, /not one issued for 'dinas-a'/],
    ['an expired code', KODE, minutesFromNow(10), /had expired/],
    ['a code dated before it was issued', KODE, minutesFromNow(-11), /was issued after/],
  ] as const)('refuses %s (403), recording nothing', (_case, acknowledgement, occurredAt, detail) => {
    const when = given(histories.registeredFile()).when(
      collect({ acknowledgement }),
      context(ACTORS.courier1, { releaseCodes: codes, occurredAt, now: minutesFromNow(11) }),
    );
    when.thenRefused('forbidden', detail);
    if (!when.decision.ok)
      expect(when.decision.refusal.errors).toEqual([
        { field: 'acknowledgement.code', message: expect.any(String) },
      ]);
  });

  it('refuses a code another courier used first, and a code of another place (403)', () => {
    given(histories.deposited())
      .when(collect({ acknowledgement: KODE }), asCourier())
      .thenRefused('forbidden', /already used by another courier/);
    given([...histories.inTransitToDepot(), happened.arrived('kec-1')])
      .when(collect({ acknowledgement: KODE }), asCourier())
      .thenRefused('forbidden', /not one issued for 'kec-1'/);
  });

  it("refuses the courier's own account (403): a courier cannot release to themselves", () => {
    given(histories.registeredFile())
      .when(collect({ acknowledgement: { method: 'account' } }), asCourier())
      .thenRefused('forbidden', /cannot release an item to themselves/);
  });

  it('refuses a collection somewhere the item is not (409), before looking at the release', () => {
    given(histories.registeredFile())
      .when(collect({ locationId: 'kec-1', acknowledgement: KODE }), asCourier())
      .thenRefused('invalid-transition', /the item is at 'dinas-a', not at 'kec-1'/);
  });

  it('refuses a collection without an acknowledgement, or with an incomplete one (400), naming the field', () => {
    const fields = (acknowledgement?: object) => {
      const { decision } = given(histories.registeredFile()).when(
        collect({ acknowledgement } as never),
        asCourier(),
      );
      return decision.ok ? [] : decision.refusal.errors?.map((error) => error.field);
    };
    expect(fields(undefined)).toEqual(['acknowledgement']);
    expect(fields({ method: 'thumbprint' })).toEqual(['acknowledgement.method']);
    expect(fields({ method: 'code' })).toEqual(['acknowledgement.code']);
    expect(fields({ method: 'signature', name: ' ' })).toEqual([
      'acknowledgement.name',
      'acknowledgement.signature',
    ]);
  });
});
