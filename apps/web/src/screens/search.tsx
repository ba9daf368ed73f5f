import { useState } from 'preact/hooks';
import { query } from '../api';
import { navigate } from '../router';
import { Busy, Empty, ErrorNote, Field, MoreButton, Page, usePaged } from '../ui';
import type { ItemView } from './item';
import { ItemList } from './item-list';

/** Cari arsip: by title, short code, letter number; a scanned label (URL or bare id) opens the item. */
export function SearchScreen() {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  const [text, setText] = useState(initial);
  const [q, setQ] = useState(initial);
  const list = usePaged<ItemView>(q ? `/api/items${query({ q, limit: 20 })}` : null, 'items');

  const submit = (event: Event) => {
    event.preventDefault();
    const value = text.trim();
    // A label's QR holds <base>/i/<itemId>: pasted or typed by a scanner, it opens the item at once.
    const fromLabel = /\/i\/([^/?#\s]+)/.exec(value);
    if (fromLabel) return navigate(`/i/${fromLabel[1]}`);
    history.replaceState(null, '', `/cari${query({ q: value })}`);
    setQ(value);
  };

  return (
    <Page title="Cari arsip">
      <form onSubmit={submit} class="card row-form" role="search">
        <Field
          id="q"
          label="Di mana arsip ini? Ketik uraian, kode arsip, atau nomor surat"
          value={text}
          onValue={setText}
          type="search"
        />
        <button type="submit">Cari</button>
      </form>
      <ErrorNote error={list.error} />
      {!q && <Empty>Ketik sebagian uraian atau kode arsip (mis. CKU-2026-00042), lalu tekan Cari.</Empty>}
      {q && !list.loading && !list.error && list.items.length === 0 && (
        <Empty>Tidak ada arsip yang cocok dengan “{q}”. Coba kata lain atau kode arsipnya.</Empty>
      )}
      {list.items.length > 0 && <ItemList items={list.items} />}
      {list.loading && <Busy label="Mencari…" />}
      <MoreButton more={list.more} loading={list.loading} />
    </Page>
  );
}
