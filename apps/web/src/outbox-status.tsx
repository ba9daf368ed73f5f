import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { outboxState, subscribe } from './outbox';
import { ErrorNote } from './ui';

const TIME = new Intl.DateTimeFormat('id-ID', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
});

/** "3 menunggu sinkron" · "Terakhir sinkron 10.42", and every action the server refused, with its reason. */
export function OutboxStatus({ onSynced }: { onSynced?: () => void }) {
  const [state, setState] = useState(outboxState());
  useEffect(
    () =>
      subscribe(() => {
        setState(outboxState());
      }),
    [],
  );
  const before = useRef(state.waiting);
  useEffect(() => {
    // Only when what waited has gone out: the lists then show what the server now knows.
    if (before.current > 0 && state.waiting === 0) onSynced?.();
    before.current = state.waiting;
  }, [state.waiting, onSynced]);
  return (
    <div class="sync" role="status" data-testid="sync-status">
      <span>{state.waiting > 0 ? `${state.waiting} menunggu sinkron` : 'Semua tercatat di server'}</span>
      {state.lastSync && (
        <span> · Terakhir sinkron {TIME.format(new Date(state.lastSync)).replace(':', '.')}</span>
      )}
      {!navigator.onLine && <span> · Tidak ada sinyal: tindakan disimpan di ponsel</span>}
      {state.refused.map((r) => (
        <div key={r.entry.key}>
          <p>Ditolak server: {r.entry.label}</p>
          <ErrorNote error={new ApiError(r.problem)} />
        </div>
      ))}
    </div>
  );
}
