import { ACTORS, aFile, context } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { histories } from '../testing/histories';
import type { MaybeItemState } from '../state';
import { decideDisposal, evolveDisposal, sealDisposalEvent, type DisposalCommand } from './decide-disposal';

const stateOf = (history: Parameters<typeof given>[0]): MaybeItemState => given(history).state;
const musnah = stateOf(histories.deposited());
const permanen = stateOf(
  histories.deposited(aFile({ retention: { activeYears: 1, inactiveYears: 1, disposition: 'permanen' } })),
);
const pending = stateOf(
  histories.deposited(
    aFile({ retention: { activeYears: 1, inactiveYears: 1, disposition: 'dinilai_kembali' } }),
  ),
);
const batch = (itemIds: string[], kind: DisposalCommand['kind'] = 'musnah'): DisposalCommand => ({
  baNumber: 'BA-010/MUS/2026',
  kind,
  itemIds,
  note: 'dicacah',
});

describe('a batch under one berita acara (decideDisposal)', () => {
  it('decides disposed on every item of a musnah batch, under its BA number', () => {
    const outcome = decideDisposal(
      batch(['a', 'b']),
      null,
      new Map([
        ['a', musnah],
        ['b', musnah],
      ]),
      context(ACTORS.depot1),
    );
    expect(outcome).toMatchObject({
      ok: true,
      event: {
        type: 'disposal_recorded',
        data: { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: ['a', 'b'], note: 'dicacah' },
      },
      items: [
        { itemId: 'a', events: [{ type: 'disposed', data: { baNumber: 'BA-010/MUS/2026' } }] },
        { itemId: 'b', events: [{ type: 'disposed', data: { baNumber: 'BA-010/MUS/2026' } }] },
      ],
    });
  });

  it('decides transferred_static on every item of a statis batch, with the receiving archive', () => {
    const outcome = decideDisposal(
      { ...batch(['p'], 'statis'), toArchive: 'DPK Jabar' },
      null,
      new Map([['p', permanen]]),
      context(ACTORS.depot1),
    );
    expect(outcome).toMatchObject({
      ok: true,
      items: [
        {
          itemId: 'p',
          events: [
            { type: 'transferred_static', data: { baNumber: 'BA-010/MUS/2026', toArchive: 'DPK Jabar' } },
          ],
        },
      ],
    });
  });

  it('refuses the whole batch when one item may not end so, naming each refused item', () => {
    const outcome = decideDisposal(
      batch(['a', 'dk', 'gone']),
      null,
      new Map([
        ['a', musnah],
        ['dk', pending],
        ['gone', null],
      ]),
      context(ACTORS.depot1),
    );
    expect(outcome).toMatchObject({
      ok: false,
      refusal: { code: 'invalid-transition' },
      items: [
        {
          itemId: 'dk',
          refusal: { code: 'invalid-transition', message: expect.stringContaining('re-appraised') },
        },
        { itemId: 'gone', refusal: { code: 'not-found' } },
      ],
    });
  });

  it('refuses a statis batch of musnah files, and a batch at another depot (403)', () => {
    expect(
      decideDisposal(batch(['a'], 'statis'), null, new Map([['a', musnah]]), context(ACTORS.depot1)),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'invalid-transition' },
    });
    expect(
      decideDisposal(batch(['a']), null, new Map([['a', musnah]]), context(ACTORS.depot2)),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
  });

  it('refuses a BA number already used (already-exists) before looking at any item', () => {
    const event = sealDisposalEvent(
      {
        type: 'disposal_recorded',
        data: { baNumber: 'BA-010/MUS/2026', kind: 'musnah', itemIds: ['x'], note: null, toArchive: null },
      },
      {
        eventId: 'e-0',
        prevRevision: -1,
        prevHash: '0'.repeat(64),
        occurredAt: 'x',
        recordedAt: 'x',
        actor: ACTORS.depot1,
        commandId: null,
      },
    );
    const existing = evolveDisposal(null, event);
    expect(existing).toMatchObject({
      baNumber: 'BA-010/MUS/2026',
      itemIds: ['x'],
      revision: 0,
      headHash: event.hash,
    });
    expect(
      decideDisposal(batch(['a']), existing, new Map([['a', musnah]]), context(ACTORS.depot1)),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'already-exists' },
    });
  });
});
