import { useState } from 'preact/hooks';
import { enc, query } from '../api';
import { useAutoRefresh } from '../auto-refresh';
import type { Me } from '../session';
import { Busy, Done, Empty, ErrorNote, Field, MoreButton, Page, usePaged } from '../ui';
import type { ItemView } from './item';
import { ChooseBox, useChosen } from './item-picker';
import { ItemList } from './item-list';
import { LabelsForm } from './labels-form';
import { ReleaseToCourier } from './release-to-courier';

/** A courier may take an item only from where it rests at its holder's place (domain.md, collected). */
const RELEASABLE = ['registered', 'arrived', 'deposited'];

/**
 * What is at my unit (or depot) now, page by page, refreshing itself; items chosen here can be
 * released to a courier or get their labels printed.
 */
export function InventoryScreen({ me }: { me: Me }) {
  const [placeText, setPlaceText] = useState(me.unitId ?? '');
  const [placeId, setPlaceId] = useState(me.unitId ?? '');
  const list = usePaged<ItemView>(
    placeId ? `/api/locations/${enc(placeId)}/inventory${query({ limit: 25 })}` : null,
    'items',
  );
  useAutoRefresh(list.reload);
  const pick = useChosen();
  const [notice, setNotice] = useState<string | null>(null);
  const chosen = pick.chosen.filter((id) => list.items.some((item) => item.itemId === id));
  const releasable = chosen.filter((id) =>
    list.items.some(
      (item) => item.itemId === id && RELEASABLE.includes(item.status) && !item.pendingHandover,
    ),
  );
  const holder = me.role === 'officer' || me.role === 'depot';
  return (
    <Page title="Inventaris">
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPlaceId(placeText.trim());
          pick.clear();
        }}
      >
        <Field id="placeId" label="Kode unit atau depo" value={placeText} onValue={setPlaceText} />
        <button type="submit">Tampilkan</button>
      </form>
      {notice && <Done>{notice}</Done>}
      <ErrorNote error={list.error} />
      {!placeId && <Empty>Ketik kode unit atau depo, lalu tekan Tampilkan.</Empty>}
      {placeId && !list.loading && !list.error && list.items.length === 0 && (
        <Empty>
          Belum ada arsip di sini. Daftarkan arsip lewat <a href="/daftar">Daftarkan</a> atau{' '}
          <a href="/impor">Impor daftar arsip</a>.
        </Empty>
      )}
      {list.items.length > 0 && (
        <>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setNotice(null);
                pick.set(list.items.map((item) => item.itemId));
              }}
            >
              Pilih semua yang tampil
            </button>
            {chosen.length > 0 && (
              <button type="button" class="secondary" onClick={pick.clear}>
                Batalkan pilihan
              </button>
            )}
          </div>
          <p class="summary" data-testid="chosen-count" aria-live="polite">
            {chosen.length === 0
              ? 'Pilih arsip untuk diserahkan ke kurir atau dicetak labelnya.'
              : `${chosen.length} arsip dipilih`}
          </p>
          <ItemList
            items={list.items}
            actions={(item) => (
              <ChooseBox
                item={item}
                checked={pick.has(item.itemId)}
                onToggle={() => {
                  setNotice(null);
                  pick.toggle(item.itemId);
                }}
              />
            )}
          />
        </>
      )}
      {list.loading && <Busy />}
      <MoreButton more={list.more} loading={list.loading} />
      {chosen.length > 0 && (
        <div class="side-by-side">
          {holder && (
            <ReleaseToCourier
              itemIds={releasable}
              onDone={(message) => {
                setNotice(message);
                pick.clear();
                list.reload();
              }}
            />
          )}
          <LabelsForm itemIds={chosen} />
        </div>
      )}
    </Page>
  );
}
