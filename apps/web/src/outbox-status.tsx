import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { dismiss, outboxState, subscribe } from './outbox';
import { ErrorNote } from './ui';

const TIME = new Intl.DateTimeFormat('id-ID', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
});

/** "3 menunggu sinkron" · "Terakhir sinkron 10.42", and every action the server refused, with its reason. */
export function OutboxStatus({ onSynced }: { onSynced?: () => void }) {
  const [state, setState] = useState(outboxState());
  useEffect(() => {
    const unsubscribe = subscribe(() => setState(outboxState()));
    // The count read at start may have come in between the first render and this subscription: a
    // reload showed "0 waiting" over a full outbox that way. Read it again now that we listen.
    setState(outboxState());
    return unsubscribe;
  }, []);
  const before = useRef(state.waiting);
  useEffect(() => {
    // Only when what waited has gone out: the lists then show what the server now knows.
    if ((before.current ?? 0) > 0 && state.waiting === 0) onSynced?.();
    before.current = state.waiting;
  }, [state.waiting, onSynced]);
  return (
    <div class="sync" role="status" data-testid="sync-status">
      <span data-testid="sync-waiting">
        {state.waiting === null
          ? 'Memeriksa antrean di ponsel…'
          : state.waiting > 0
            ? `${state.waiting} menunggu sinkron`
            : 'Semua tercatat di server'}
      </span>
      {state.lastSync && (
        <span> · Terakhir sinkron {TIME.format(new Date(state.lastSync)).replace(':', '.')}</span>
      )}
      {!navigator.onLine && <span> · Tidak ada sinyal: tindakan disimpan di ponsel</span>}
      {state.late > 0 && (
        <p class="note note-warn">
          {state.late} tindakan sampai di server lebih dari 1 jam setelah dipindai: jejaknya ditandai
          terlambat, dengan waktu pindai aslinya.
        </p>
      )}
      {state.refused.map((r) => (
        <div key={r.entry.key} class="refused" data-testid="sync-refused">
          <p>
            Ditolak server: {r.entry.label} (dipindai{' '}
            {TIME.format(new Date(r.entry.takenAt)).replace(':', '.')})
          </p>
          <ErrorNote error={new ApiError(r.problem)} />
          <button type="button" class="secondary" onClick={() => void dismiss(r.entry.key)}>
            Sudah dibaca, hapus
          </button>
        </div>
      ))}
    </div>
  );
}
