import { useState } from 'preact/hooks';
import { query } from '../api';
import { DownloadButton } from '../download-button';
import { Field } from '../ui';

/** Label rak dan ruang: the stickers Rak and Penerimaan scan first (GET /api/labels.pdf?placeId=…). */
export function ShelfLabelsForm({ depot }: { depot: string }) {
  const [room, setRoom] = useState('');
  const [shelves, setShelves] = useState('');
  const [withRoom, setWithRoom] = useState(true);
  const path = `/api/labels.pdf${query({
    placeId: depot,
    rooms: withRoom ? room.trim() : undefined,
    room: shelves.trim() ? room.trim() : undefined,
    shelves: shelves.trim() || undefined,
  })}`;
  return (
    <details class="card">
      <summary>Cetak label rak dan ruang</summary>
      <Field id="labelRoom" label="Ruang" value={room} onValue={setRoom} autoComplete="off" />
      <Field
        id="labelShelves"
        label="Rak di ruang itu"
        hint="Pisahkan dengan koma, misalnya R1-01, R1-02, R1-03."
        value={shelves}
        onValue={setShelves}
        autoComplete="off"
      />
      <label class="mode">
        <input type="checkbox" checked={withRoom} onChange={() => setWithRoom(!withRoom)} />
        Juga label pintu ruang
      </label>
      {room.trim() && (withRoom || shelves.trim()) && (
        <DownloadButton path={path} filename={`label-rak-${room.trim().replace(/[^\w-]+/g, '-')}.pdf`}>
          Unduh label (PDF, lembar 3×8)
        </DownloadButton>
      )}
    </details>
  );
}
