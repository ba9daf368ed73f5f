import { SIGNED } from './testing/acknowledgements';
import type { CustodyCommand } from './commands';
import { ACTORS, aFile, aLetter, context } from './testing/fixtures';
import { given } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';
const correct = (data: object) => ({ type: 'corrected', itemId: item, data }) as CustodyCommand;
const voiding = (reason = 'duplikat impor') =>
  ({ type: 'voided', itemId: item, data: { reason } }) as CustodyCommand;

describe('corrected with changes: amends the description', () => {
  it('records the new values and the old ones, and the state shows the new', () => {
    const when = given(histories.registeredFile()).when(
      correct({ changes: { title: 'Daftar gaji pegawai 2011', notes: 'lengkap' }, reason: 'salah ketik' }),
      context(ACTORS.officerA),
    );
    when.then([
      {
        type: 'corrected',
        data: {
          reason: 'salah ketik',
          changes: { title: 'Daftar gaji pegawai 2011', notes: 'lengkap' },
          before: { title: 'Daftar gaji pegawai 2010', notes: null },
        },
      },
    ]);
    const state = when.thenState({ status: 'registered' });
    expect(state.description).toMatchObject({
      title: 'Daftar gaji pegawai 2011',
      notes: 'lengkap',
      kind: 'file',
    });
  });

  it('removes an optional field given null, and keeps only fields that really change', () => {
    const withNotes = histories.registeredFile(aFile({ notes: 'x', boxNo: 'B1' }));
    const when = given(withNotes).when(
      correct({ changes: { notes: null, boxNo: 'B1' }, reason: 'catatan keliru' }),
      context(ACTORS.officerA),
    );
    when.then([
      {
        type: 'corrected',
        data: { reason: 'catatan keliru', changes: { notes: null }, before: { notes: 'x' } },
      },
    ]);
    expect(when.thenState({}).description).not.toHaveProperty('notes');
  });

  it('may also name the event it annotates', () => {
    given(histories.registeredFile())
      .when(
        correct({ correctsEventId: 'ev-0', changes: { year: 2011 }, reason: 'tahun' }),
        context(ACTORS.officerA),
      )
      .then([
        {
          type: 'corrected',
          data: { reason: 'tahun', correctsEventId: 'ev-0', changes: { year: 2011 }, before: { year: 2010 } },
        },
      ]);
  });

  it('is allowed in any status but voided: a deposited file, by depot staff of its depot', () => {
    given(histories.deposited())
      .when(correct({ changes: { boxNo: 'B-0042' }, reason: 'nomor boks definitif' }), context(ACTORS.depot1))
      .thenState({ status: 'deposited', description: expect.objectContaining({ boxNo: 'B-0042' }) });
    given([...histories.registeredFile(), { type: 'voided', data: { reason: 'duplikat' } }])
      .when(correct({ changes: { title: 'X' }, reason: 'x' }), context(ACTORS.officerA))
      .thenRefused('invalid-transition', "status 'voided'");
  });

  it.each([
    ['the kind', { kind: 'letter' }, 'changes.kind'],
    ['the origin unit', { originUnitId: 'dinas-b' }, 'changes.originUnitId'],
    ['a field that is not of the description', { status: 'deposited' }, 'changes.status'],
    ['an empty title', { title: '  ' }, 'changes.title'],
    ['a year out of range', { year: 1800 }, 'changes.year'],
    ['an unknown copy status', { copyStatus: 'fotokopi' }, 'changes.copyStatus'],
    ['a period backwards', { period: { from: 2012, to: 2010 } }, 'changes.period'],
    ['removing a required field', { classificationCode: null }, 'changes.classificationCode'],
    ['an unknown security class', { securityClass: 'rahasia_sekali' }, 'changes.securityClass'],
    ['a title longer than registration takes', { title: 'x'.repeat(1001) }, 'changes.title'],
    ['a malformed kode klasifikasi', { classificationCode: '../../x y' }, 'changes.classificationCode'],
  ])('refuses to change %s (validation-failed naming the field)', (_name, changes, field) => {
    const when = given(histories.registeredFile()).when(
      correct({ changes, reason: 'x' }),
      context(ACTORS.officerA),
    );
    when.thenRefused('validation-failed');
    expect(when.decision).toMatchObject({ refusal: { errors: [expect.objectContaining({ field })] } });
  });

  it('refuses changes that change nothing, or name no field', () => {
    for (const changes of [{}, { title: 'Daftar gaji pegawai 2010' }]) {
      given(histories.registeredFile())
        .when(correct({ changes, reason: 'x' }), context(ACTORS.officerA))
        .thenRefused('validation-failed', /changes/);
    }
  });

  it('refuses neither changes nor an event to annotate', () => {
    given(histories.registeredFile())
      .when(correct({ reason: 'x' }), context(ACTORS.officerA))
      .thenRefused('validation-failed');
  });

  it('refuses to make an item rahasia (classified-not-accepted)', () => {
    given(histories.registeredFile())
      .when(correct({ changes: { securityClass: 'rahasia' }, reason: 'x' }), context(ACTORS.officerA))
      .thenRefused('classified-not-accepted');
  });

  it('lets a courier annotate an event of an item it holds, but not amend its description', () => {
    given(histories.collectedFile())
      .when(correct({ correctsEventId: 'ev-1', reason: 'jam salah' }), context(ACTORS.courier1))
      .then([{ type: 'corrected', data: { correctsEventId: 'ev-1', reason: 'jam salah' } }]);
    given(histories.collectedFile())
      .when(correct({ changes: { title: 'X' }, reason: 'x' }), context(ACTORS.courier1))
      .thenRefused('forbidden', /origin unit/);
  });

  it('refuses an officer of another unit', () => {
    given(histories.registeredFile())
      .when(correct({ changes: { title: 'X' }, reason: 'x' }), context(ACTORS.officerB))
      .thenRefused('forbidden');
  });

  it('changes the retention only before deposit: after that, by reappraised', () => {
    const retention = { activeYears: 1, inactiveYears: 1, disposition: 'musnah' };
    given(histories.registeredFile(aFile({ retention: { ...retention, disposition: 'dinilai_kembali' } })))
      .when(correct({ changes: { retention }, reason: 'JRA keliru' }), context(ACTORS.officerA))
      .thenState({ description: expect.objectContaining({ retention }) });
    given(histories.deposited(aFile({ retention: { ...retention, disposition: 'dinilai_kembali' } })))
      .when(correct({ changes: { retention }, reason: 'x' }), context(ACTORS.depot1))
      .thenRefused('invalid-transition', /reappraised/);
  });

  it('changes a letter’s addressee only before it leaves', () => {
    given([happened.registered(aLetter())])
      .when(
        correct({ changes: { addresseeUnitId: 'kec-1' }, reason: 'salah tujuan' }),
        context(ACTORS.officerA),
      )
      .thenState({ description: expect.objectContaining({ addresseeUnitId: 'kec-1' }) });
    given(histories.letterInTransit())
      .when(correct({ changes: { addresseeUnitId: 'kec-1' }, reason: 'x' }), context(ACTORS.admin))
      .thenRefused('invalid-transition', /before the letter leaves/);
  });
});

describe('voided: a mistaken registration withdrawn by its unit', () => {
  it('voids a registered item at its origin, by an officer of its origin unit, with the reason', () => {
    const when = given(histories.registeredFile()).when(voiding(), context(ACTORS.officerA));
    when.then([{ type: 'voided', data: { reason: 'duplikat impor' } }]);
    when.thenState({ status: 'voided', locationId: 'dinas-a', custodianId: 'dinas-a' });
  });

  it('refuses once collected, in transit or deposited (invalid-transition)', () => {
    for (const history of [histories.collectedFile(), histories.inTransitToDepot(), histories.deposited()]) {
      given(history).when(voiding(), context(ACTORS.officerA)).thenRefused('invalid-transition');
    }
  });

  it('refuses an officer of another unit, a courier, depot staff and even an admin', () => {
    given(histories.registeredFile()).when(voiding(), context(ACTORS.officerB)).thenRefused('forbidden');
    for (const actor of [ACTORS.courier1, ACTORS.depot1, ACTORS.admin, ACTORS.auditor]) {
      given(histories.registeredFile()).when(voiding(), context(actor)).thenRefused('forbidden');
    }
  });

  it('refuses without a reason', () => {
    given(histories.registeredFile())
      .when({ type: 'voided', itemId: item, data: {} } as CustodyCommand, context(ACTORS.officerA))
      .thenRefused('validation-failed', /reason/);
  });

  it('refuses while a handover to a courier is pending', () => {
    given([...histories.registeredFile(), happened.offered('kurir-1', 'dinas-a')])
      .when(voiding(), context(ACTORS.officerA))
      .thenRefused('invalid-transition', /handover is pending/);
  });

  it('is terminal: nothing follows a void but the trail', () => {
    const voidedFile = [...histories.registeredFile(), { type: 'voided' as const, data: { reason: 'x' } }];
    given(voidedFile)
      .when({ type: 'collected', itemId: item, data: { acknowledgement: SIGNED } }, context(ACTORS.courier1))
      .thenRefused('invalid-transition');
    given(voidedFile).when(voiding(), context(ACTORS.officerA)).thenRefused('invalid-transition');
    given(voidedFile)
      .when({ type: 'reported_missing', itemId: item, data: { reason: 'x' } }, context(ACTORS.officerA))
      .thenRefused('invalid-transition');
  });
});
