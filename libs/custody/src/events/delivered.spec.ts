import type { Acknowledgement, AcknowledgementGiven } from '../acknowledgement';
import type { CustodyCommand } from '../commands';
import { KODE, SIGNED, releaseCodes } from '../testing/acknowledgements';
import { ACTORS, context } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { happened, histories } from '../testing/histories';

const item = 'item-1';
const deliver = (acknowledgement?: AcknowledgementGiven, extra: object = {}) =>
  ({ type: 'delivered', itemId: item, data: { acknowledgement, ...extra } }) as CustodyCommand;
/** dinas-b (the letter's addressee) showed KODE (budi); dinas-a showed it too. */
const codes = releaseCodes([
  { code: KODE.code, placeId: 'dinas-b', issuedBy: 'budi' },
  { code: KODE.code, placeId: 'dinas-a', issuedBy: 'siti' },
]);
const as = (actor: (typeof ACTORS)[keyof typeof ACTORS]) => context(actor, { releaseCodes: codes });

const delivery = (acknowledgement: Acknowledgement, receivedBy: string) => [
  {
    type: 'delivered' as const,
    data: {
      locationId: 'dinas-b',
      custodianId: 'dinas-b',
      receivedBy,
      fromCustodianId: 'kurir-1',
      acknowledgement,
    },
  },
];

describe('delivered: only at the addressee unit, with its acknowledgement', () => {
  it('given a letter arrived at its addressee, when an officer there records it, then the unit received it by account', () => {
    const when = given(histories.letterArrived()).when(deliver({ method: 'account' }), as(ACTORS.officerB));
    when.then(delivery({ method: 'account', byId: 'budi', placeId: 'dinas-b' }, 'budi'));
    when.thenState({ status: 'delivered', custodianId: 'dinas-b', locationId: 'dinas-b' });
  });

  it("when the courier types the unit's kode serah, then it is delivered, received by whoever showed the code", () => {
    given(histories.letterArrived())
      .when(deliver(KODE), as(ACTORS.courier1))
      .then(delivery({ method: 'code', byId: 'budi', placeId: 'dinas-b' }, 'budi'));
  });

  it("when the receiver signs on the courier's phone, then the signer is who received it", () => {
    const { name, nip, signatureHash } = SIGNED;
    given(histories.letterArrived())
      .when(deliver(SIGNED), as(ACTORS.courier1))
      .then(
        delivery({ method: 'signature', byId: null, placeId: 'dinas-b', name, nip, signatureHash }, name),
      );
  });

  it('refuses a letter still in transit (409), recording nothing', () => {
    given(histories.letterInTransit())
      .when(deliver(SIGNED), as(ACTORS.courier1))
      .thenRefused('invalid-transition', /status 'in_transit'/);
  });

  it('refuses a letter arrived at another unit than its addressee (409)', () => {
    const atTheWrongUnit = [...histories.letterInTransit(), happened.arrived('sort-1')];
    given(atTheWrongUnit)
      .when(deliver(SIGNED), as(ACTORS.courier1))
      .thenRefused('invalid-transition', /delivered only there \(it arrived at 'sort-1'\)/);
    given(histories.letterArrived())
      .when(deliver(SIGNED, { locationId: 'dinas-a' }), as(ACTORS.courier1))
      .thenRefused('invalid-transition', /is for 'dinas-b'/);
  });

  it("refuses the courier's own account and a code of another unit (403)", () => {
    given(histories.letterArrived())
      .when(deliver({ method: 'account' }), as(ACTORS.courier1))
      .thenRefused('forbidden', /only an officer of 'dinas-b' acknowledges by account/);
    const codeOfDinasA = releaseCodes([{ code: KODE.code, placeId: 'dinas-a', issuedBy: 'siti' }]);
    given(histories.letterArrived())
      .when(deliver(KODE), context(ACTORS.courier1, { releaseCodes: codeOfDinasA }))
      .thenRefused('forbidden', /not one issued for 'dinas-b'/);
  });

  it('refuses a delivery without an acknowledgement (400, naming it)', () => {
    const { decision } = given(histories.letterArrived()).when(deliver(undefined), as(ACTORS.courier1));
    expect(decision).toMatchObject({
      ok: false,
      refusal: { code: 'validation-failed', errors: [{ field: 'acknowledgement' }] },
    });
  });
});
