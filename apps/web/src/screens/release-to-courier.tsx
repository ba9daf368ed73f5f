import { useState } from 'preact/hooks';
import { enc, post } from '../api';
import { CourierPicker } from '../people-picker';
import { Busy, Done, ErrorNote } from '../ui';

/**
 * Serahkan ke kurir: the holder releases the chosen items to a courier from the people list (one
 * `handover_offered` per item); the courier's acceptance in "Tas saya" is the collection itself.
 * Stops at the first refusal and says which items were already offered.
 */
export function ReleaseToCourier({
  itemIds,
  onDone,
}: {
  itemIds: string[];
  /** What was released, said in the screen's own words; the form then closes. */
  onDone: (message: string) => void;
}) {
  const [courier, setCourier] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    let offered = 0;
    try {
      for (const itemId of itemIds) {
        setBusy(`Menyerahkan ${offered + 1} dari ${itemIds.length} arsip…`);
        await post(`/api/items/${enc(itemId)}/events`, { type: 'handover_offered', toCustodianId: courier });
        offered++;
      }
      onDone(`${offered} arsip diserahkan kepada ${courier}; menunggu kurir menerimanya di Tas saya.`);
    } catch (e) {
      setError(e);
      if (offered > 0) {
        setMessage(`${offered} dari ${itemIds.length} arsip sudah diserahkan sebelum penolakan ini.`);
      }
    } finally {
      setBusy(null);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="release-title">
      <h2 id="release-title">Serahkan ke kurir</h2>
      <p class="hint">
        {itemIds.length} arsip dipilih. Kurir menerima serah terima di ponselnya; sampai itu arsip tetap
        tanggung jawab unit.
      </p>
      <CourierPicker id="releaseCourier" label="Kurir penerima" value={courier} onValue={setCourier} />
      <ErrorNote error={error} />
      {message && <Done>{message}</Done>}
      {busy && <Busy label={busy} />}
      <button type="submit" disabled={!!busy || !courier || itemIds.length === 0}>
        Serahkan {itemIds.length} arsip
      </button>
    </form>
  );
}
