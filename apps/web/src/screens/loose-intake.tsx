import { useState } from 'preact/hooks';
import { enc, get, post, query } from '../api';
import { groupByTransfer, journeyOf } from '../custody-groups';
import type { Me } from '../session';
import { Busy, Done, Empty, ErrorNote, Field, Page, useLoad } from '../ui';
import { OUTCOME_WORDS, word } from '../words';
import { titleOf, type ItemView } from './item';

type LooseOutcome = 'received' | 'damaged' | 'rejected';
interface Mark {
  outcome: LooseOutcome | '';
  note: string;
}

/**
 * Penerimaan arsip lepas: files that arrived at this depot on their own (released item by item, not
 * in a transfer) are taken in one by one: received or damaged (`intake_confirmed` at the storage
 * place, the damage in the note) or rejected (`intake_rejected`: it stays with its courier).
 */
export function LooseIntakeScreen({ me }: { me: Me }) {
  const depot = me.unitId ?? '';
  const arrived = useLoad(async () => {
    const answer = await get<{ items: ItemView[] }>(
      `/api/items${query({ status: 'arrived', locationId: depot, limit: 100 })}`,
    );
    const groups = await groupByTransfer(answer.items);
    const loose = groups.find((g) => g.transferId === null)?.items ?? [];
    // A file this depot already turned away stays with its courier: not waiting for intake again.
    const lastSteps = await Promise.all(loose.map(journeyOf));
    return {
      waiting: loose.filter((_, i) => lastSteps[i].last?.type !== 'intake_rejected'),
      rejected: loose.flatMap((item, i) => {
        const last = lastSteps[i].last;
        return last?.type === 'intake_rejected' ? [{ item, reason: String(last.data?.reason ?? '') }] : [];
      }),
    };
  }, [depot]);
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [room, setRoom] = useState('');
  const [shelf, setShelf] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const mark = (itemId: string) => marks[itemId] ?? { outcome: '', note: '' };
  const update = (itemId: string, change: Partial<Mark>) =>
    setMarks((old) => ({ ...old, [itemId]: { ...mark(itemId), ...change } }));

  const items = arrived.data?.waiting ?? [];
  const rejected = arrived.data?.rejected ?? [];
  const marked = items.filter((item) => mark(item.itemId).outcome);
  const needsNote = marked.some(
    (item) => mark(item.itemId).outcome !== 'received' && !mark(item.itemId).note.trim(),
  );
  const needsRoom = marked.some((item) => mark(item.itemId).outcome !== 'rejected') && !room.trim();

  const submit = async () => {
    setError(null);
    setDone(null);
    let recorded = 0;
    try {
      for (const item of marked) {
        setBusy(`Mencatat ${recorded + 1} dari ${marked.length} arsip…`);
        const { outcome, note } = mark(item.itemId);
        const storage = { room: room.trim(), ...(shelf.trim() ? { shelf: shelf.trim() } : {}) };
        const body =
          outcome === 'rejected'
            ? { type: 'intake_rejected', reason: note.trim() }
            : {
                type: 'intake_confirmed',
                storage,
                ...(outcome === 'damaged' ? { note: `Rusak: ${note.trim()}` } : {}),
              };
        await post(`/api/items/${enc(item.itemId)}/events`, body);
        recorded++;
      }
      setDone(`${recorded} arsip tercatat.`);
      setMarks({});
      arrived.reload();
    } catch (e) {
      setError(e);
      if (recorded > 0) setDone(`${recorded} dari ${marked.length} arsip tercatat sebelum penolakan ini.`);
      arrived.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title="Penerimaan arsip lepas">
      <p class="hint">
        Arsip yang tiba tanpa transfer. Untuk kiriman dengan berita acara, buka transfernya dari{' '}
        <a href="/depo">Kiriman masuk</a>.
      </p>
      <div class="card">
        <h2>Tempat simpan</h2>
        <Field id="looseRoom" label="Ruang" value={room} onValue={setRoom} />
        <Field id="looseShelf" label="Rak" value={shelf} onValue={setShelf} />
      </div>
      {done && <Done>{done}</Done>}
      <ErrorNote error={error ?? arrived.error} />
      {arrived.loading && <Busy />}
      {!arrived.loading && items.length === 0 && (
        <Empty>Tidak ada arsip lepas yang menunggu penerimaan.</Empty>
      )}
      <ul class="items">
        {items.map((item) => (
          <li key={item.itemId} class="item-row intake-line" data-testid={`loose-${item.itemId}`}>
            <div>
              <a href={`/i/${enc(item.itemId)}`}>
                <strong>{titleOf(item)}</strong>
              </a>
              <br />
              <span class="meta">
                {item.shortCode ?? item.itemId} · dibawa {item.custodianId}
              </span>
            </div>
            <div class="field">
              <label for={`loose-outcome-${item.itemId}`}>Hasil</label>
              <select
                id={`loose-outcome-${item.itemId}`}
                value={mark(item.itemId).outcome}
                onChange={(e) =>
                  update(item.itemId, { outcome: (e.target as HTMLSelectElement).value as LooseOutcome })
                }
              >
                <option value="">— belum —</option>
                {(['received', 'damaged', 'rejected'] as LooseOutcome[]).map((o) => (
                  <option key={o} value={o}>
                    {word(OUTCOME_WORDS, o)}
                  </option>
                ))}
              </select>
            </div>
            {mark(item.itemId).outcome && mark(item.itemId).outcome !== 'received' && (
              <div class="intake-note no-box">
                <Field
                  id={`loose-note-${item.itemId}`}
                  label={mark(item.itemId).outcome === 'damaged' ? 'Kondisi' : 'Alasan menolak'}
                  value={mark(item.itemId).note}
                  onValue={(note) => update(item.itemId, { note })}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {busy && <Busy label={busy} />}
      {needsNote && <p class="hint">Tulis kondisi atau alasan untuk arsip yang rusak atau ditolak.</p>}
      {needsRoom && <p class="hint">Isi ruang tempat simpan untuk arsip yang diterima.</p>}
      <button
        type="button"
        disabled={!!busy || marked.length === 0 || needsNote || needsRoom}
        onClick={() => void submit()}
      >
        Catat {marked.length} hasil penerimaan
      </button>
      {rejected.length > 0 && (
        <>
          <h2>Ditolak, masih dibawa kurir</h2>
          <ul class="items" data-testid="loose-rejected">
            {rejected.map(({ item, reason }) => (
              <li key={item.itemId} class="item-row">
                <a href={`/i/${enc(item.itemId)}`}>
                  <strong>{titleOf(item)}</strong>
                </a>
                <span class="meta">
                  {item.shortCode ?? item.itemId} · dibawa {item.custodianId} · alasan: {reason}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
