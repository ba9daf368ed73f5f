import type { CustodyCommand } from './commands';
import { ACTORS, aFile, context, NOW } from './testing/fixtures';
import { given } from './testing/given-when-then';
import { happened, histories } from './testing/histories';

const item = 'item-1';
const cmd = (type: string, data: object) => ({ type, itemId: item, data }) as CustodyCommand;
const pending = aFile({ retention: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' } });
const reappraisal = (disposition: string, extra: object = {}) =>
  cmd('reappraised', { disposition, decisionNumber: 'SK-7/2026', reason: 'nilai guna habis', ...extra });

describe('reappraised: a dinilai_kembali file gets its disposition', () => {
  it('sets the new disposition, keeping the years, with the decision and the old schedule', () => {
    const when = given(histories.deposited(pending)).when(reappraisal('musnah'), context(ACTORS.depot1));
    when.then([
      {
        type: 'reappraised',
        data: {
          previous: { activeYears: 2, inactiveYears: 5, disposition: 'dinilai_kembali' },
          retention: { activeYears: 2, inactiveYears: 5, disposition: 'musnah' },
          decisionNumber: 'SK-7/2026',
          reason: 'nilai guna habis',
        },
      },
    ]);
    when.thenState({
      description: expect.objectContaining({ retention: expect.objectContaining({ disposition: 'musnah' }) }),
    });
  });

  it('takes new years too', () => {
    given(histories.deposited(pending))
      .when(
        reappraisal('permanen', { retention: { activeYears: 0, inactiveYears: 1 } }),
        context(ACTORS.depot1),
      )
      .thenState({
        description: expect.objectContaining({
          retention: { activeYears: 0, inactiveYears: 1, disposition: 'permanen' },
        }),
      });
  });

  it('then lets it be disposed of (musnah) or handed to the static archive (permanen)', () => {
    const reappraisedMusnah = {
      type: 'reappraised' as const,
      data: {
        previous: pending.retention!,
        retention: { ...pending.retention!, disposition: 'musnah' as const },
        decisionNumber: 'SK-7',
        reason: 'x',
      },
    };
    given([...histories.deposited(pending), reappraisedMusnah])
      .when(cmd('disposed', { baNumber: 'BA-1' }), context(ACTORS.depot1))
      .thenState({ status: 'disposed' });
    const reappraisedPermanen = {
      ...reappraisedMusnah,
      data: {
        ...reappraisedMusnah.data,
        retention: { ...pending.retention!, disposition: 'permanen' as const },
      },
    };
    given([...histories.deposited(pending), reappraisedPermanen])
      .when(cmd('transferred_static', { baNumber: 'BA-2' }), context(ACTORS.depot1))
      .thenState({ status: 'transferred_static' });
  });

  it('refuses a file whose disposition is not dinilai_kembali (invalid-transition)', () => {
    given(histories.deposited())
      .when(reappraisal('permanen'), context(ACTORS.depot1))
      .thenRefused('invalid-transition', /'musnah', not 'dinilai_kembali'/);
  });

  it('refuses anywhere but at the depot, by anyone but its depot staff', () => {
    given([...histories.registeredFile(pending)])
      .when(reappraisal('musnah'), context(ACTORS.depot1))
      .thenRefused('invalid-transition', "status 'registered'");
    given(histories.deposited(pending))
      .when(reappraisal('musnah'), context(ACTORS.depot2))
      .thenRefused('forbidden');
    given(histories.deposited(pending))
      .when(reappraisal('musnah'), context(ACTORS.officerA))
      .thenRefused('forbidden');
  });

  it.each([
    ['an unknown disposition', { disposition: 'dibakar' }, 'disposition'],
    ['no decision number', { decisionNumber: undefined }, 'decisionNumber'],
    ['no reason', { reason: undefined }, 'reason'],
    ['a retention that is not an object', { retention: 5 }, 'retention'],
    ['negative years', { retention: { activeYears: -1, inactiveYears: 1 } }, 'retention.activeYears'],
  ])('refuses %s (validation-failed)', (_name, extra, field) => {
    const when = given(histories.deposited(pending)).when(
      reappraisal('musnah', extra),
      context(ACTORS.depot1),
    );
    when.thenRefused('validation-failed');
    expect(when.decision).toMatchObject({ refusal: { errors: [expect.objectContaining({ field })] } });
  });
});

describe('loan_extended: a later due date, with the reason', () => {
  const later = new Date(Date.parse('2026-12-31T00:00:00.000Z') + 14 * 86_400_000).toISOString();

  it('moves the due date and keeps the old one in the event', () => {
    const when = given(histories.onLoan()).when(
      cmd('loan_extended', { dueAt: later, reason: 'masih diperiksa' }),
      context(ACTORS.depot1),
    );
    when.then([
      {
        type: 'loan_extended',
        data: { previousDueAt: '2026-12-31T00:00:00.000Z', dueAt: later, reason: 'masih diperiksa' },
      },
    ]);
    when.thenState({
      status: 'on_loan',
      loan: expect.objectContaining({ dueAt: later, borrowerUnitId: 'dinas-b' }),
    });
  });

  it('refuses a due date not after the current one', () => {
    for (const dueAt of ['2026-12-31T00:00:00.000Z', NOW]) {
      given(histories.onLoan())
        .when(cmd('loan_extended', { dueAt, reason: 'x' }), context(ACTORS.depot1))
        .thenRefused('validation-failed', /after the loan's current due date/);
    }
  });

  it('refuses an item not on loan, another depot, a borrower and a missing reason', () => {
    given(histories.deposited())
      .when(cmd('loan_extended', { dueAt: later, reason: 'x' }), context(ACTORS.depot1))
      .thenRefused('invalid-transition');
    given(histories.onLoan())
      .when(cmd('loan_extended', { dueAt: later, reason: 'x' }), context(ACTORS.depot2))
      .thenRefused('forbidden');
    given(histories.onLoan())
      .when(cmd('loan_extended', { dueAt: later, reason: 'x' }), context(ACTORS.officerB))
      .thenRefused('forbidden');
    given(histories.onLoan())
      .when(cmd('loan_extended', { dueAt: later }), context(ACTORS.depot1))
      .thenRefused('validation-failed', /reason/);
    given(histories.onLoan())
      .when(cmd('loan_extended', { dueAt: 'besok', reason: 'x' }), context(ACTORS.depot1))
      .thenRefused('validation-failed', /dueAt/);
  });

  it('is returned as usual afterwards', () => {
    const extended = {
      type: 'loan_extended' as const,
      data: { previousDueAt: '2026-12-31T00:00:00.000Z', dueAt: later, reason: 'x' },
    };
    given([...histories.onLoan(), extended])
      .when(cmd('returned', {}), context(ACTORS.depot1))
      .thenState({ status: 'deposited', loan: null });
  });
});

describe('disposal needs musnah and static transfer needs permanen, both with retention ended', () => {
  it('refuses a permanen file still in its retention to the static archive, and a musnah one to disposal', () => {
    const running = (disposition: 'musnah' | 'permanen') =>
      histories.deposited(
        aFile({ year: 2024, retention: { activeYears: 2, inactiveYears: 5, disposition } }),
      );
    given(running('permanen'))
      .when(cmd('transferred_static', { baNumber: 'BA-1' }), context(ACTORS.depot1))
      .thenRefused('invalid-transition', /retention ends at/);
    given(running('musnah'))
      .when(cmd('disposed', { baNumber: 'BA-1' }), context(ACTORS.depot1))
      .thenRefused('invalid-transition', /retention ends at/);
  });

  it('keeps the reappraisal history so a missing file found again still waits for it', () => {
    const state = given([...histories.deposited(pending), happened.missing('depot-1', 'depot-1')]).state!;
    expect(state.description.retention?.disposition).toBe('dinilai_kembali');
  });
});
