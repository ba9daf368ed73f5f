import { useState } from 'preact/hooks';
import { enc, query } from '../api';
import type { Me } from '../session';
import { Busy, Empty, ErrorNote, Field, MoreButton, Page, usePaged } from '../ui';
import type { ItemView } from './item';
import { ItemList } from './item-list';

/** What is at my unit (or depot) now, page by page. */
export function InventoryScreen({ me }: { me: Me }) {
  const [placeText, setPlaceText] = useState(me.unitId ?? '');
  const [placeId, setPlaceId] = useState(me.unitId ?? '');
  const list = usePaged<ItemView>(
    placeId ? `/api/locations/${enc(placeId)}/inventory${query({ limit: 25 })}` : null,
    'items',
  );
  return (
    <Page title="Inventaris">
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPlaceId(placeText.trim());
        }}
      >
        <Field id="placeId" label="Kode unit atau depo" value={placeText} onValue={setPlaceText} />
        <button type="submit">Tampilkan</button>
      </form>
      <ErrorNote error={list.error} />
      {!placeId && <Empty>Ketik kode unit atau depo, lalu tekan Tampilkan.</Empty>}
      {placeId && !list.loading && !list.error && list.items.length === 0 && (
        <Empty>
          Belum ada arsip di sini. Daftarkan arsip lewat <a href="/daftar">Daftarkan</a> atau{' '}
          <a href="/impor">Impor daftar arsip</a>.
        </Empty>
      )}
      {list.items.length > 0 && <ItemList items={list.items} />}
      {list.loading && <Busy />}
      <MoreButton more={list.more} loading={list.loading} />
    </Page>
  );
}
