import { useState } from 'preact/hooks';
import { enc, post } from '../api';
import type { Me } from '../session';
import { ErrorNote, Field } from '../ui';
import { when } from '../words';

export interface PendingHandoverView {
  toCustodianId: string;
  offeredById?: string;
  offeredAt?: string;
  expiresAt?: string | null;
  lapsed?: boolean;
  kind?: 'handover' | 'release';
}

/** "Serah terima" on the item page: to whom, until when (or lapsed), and the offerer's way back. */
export function PendingHandover({
  me,
  itemId,
  pending,
  onDone,
}: {
  me: Me;
  itemId: string;
  pending: PendingHandoverView;
  onDone: () => void;
}) {
  const what = pending.kind === 'release' ? 'Diserahkan untuk diambil' : 'Ditawarkan';
  const state = pending.lapsed
    ? `tawaran kedaluwarsa ${when(pending.expiresAt)}; dapat ditawarkan ulang`
    : pending.expiresAt
      ? `menunggu jawaban sampai ${when(pending.expiresAt)}`
      : 'menunggu jawaban';
  const mayWithdraw =
    me.role === 'admin' || (pending.offeredById !== undefined && pending.offeredById === me.id);
  return (
    <>
      <dt>Serah terima</dt>
      <dd data-testid="pending-handover">
        {what} kepada {pending.toCustodianId}, {state}
        {mayWithdraw && <WithdrawButton itemId={itemId} onDone={onDone} />}
      </dd>
    </>
  );
}

function WithdrawButton({ itemId, onDone }: { itemId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        Tarik kembali tawaran
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await post(`/api/items/${enc(itemId)}/events`, { type: 'handover_withdrawn', reason });
          setOpen(false);
          onDone();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field id="withdrawReason" label="Alasan menarik kembali" value={reason} onValue={setReason} required />
      <button type="submit" disabled={busy}>
        {busy ? 'Mencatat…' : 'Tarik kembali'}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
