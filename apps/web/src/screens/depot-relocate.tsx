import { useState } from 'preact/hooks';
import { enc, post } from '../api';
import { findItem } from '../find-item';
import type { Me } from '../session';
import { Done, ErrorNote, Field, Page } from '../ui';
import { storageText, titleOf, type ItemView } from './item';

/** Pindah tempat simpan: a deposited file gets a new room, shelf and box within the depot. */
export function RelocateScreen(_props: { me: Me }) {
  const [code, setCode] = useState('');
  const [room, setRoom] = useState('');
  const [shelf, setShelf] = useState('');
  const [box, setBox] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [moved, setMoved] = useState<{ item: ItemView; to: string } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setMoved(null);
    try {
      const item = await findItem(code);
      const storage = {
        room: room.trim(),
        ...(shelf.trim() ? { shelf: shelf.trim() } : {}),
        ...(box.trim() ? { box: box.trim() } : {}),
      };
      await post(`/api/items/${enc(item.itemId)}/events`, { type: 'relocated', storage });
      setMoved({ item, to: storageText(storage) });
      setCode('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Pindah tempat simpan">
      <form class="card" onSubmit={submit}>
        <Field
          id="moveItem"
          label="Arsip (pindai label, ID atau kode)"
          value={code}
          onValue={setCode}
          required
        />
        <Field id="moveRoom" label="Ruang baru" value={room} onValue={setRoom} required />
        <Field id="moveShelf" label="Rak baru" value={shelf} onValue={setShelf} />
        <Field id="moveBox" label="Boks baru" value={box} onValue={setBox} />
        <ErrorNote error={error} />
        {moved && (
          <Done>
            {titleOf(moved.item)} dipindah dari {storageText(moved.item.storage ?? null)} ke {moved.to}.
          </Done>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Mencatat…' : 'Pindahkan'}
        </button>
      </form>
    </Page>
  );
}
