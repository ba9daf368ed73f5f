import type { Me } from '../session';
import { when } from '../words';
import { ReasonedEventButton } from './reasoned-event-button';

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
  return (
    <ReasonedEventButton
      itemId={itemId}
      type="handover_withdrawn"
      openLabel="Tarik kembali tawaran"
      fieldId="withdrawReason"
      fieldLabel="Alasan menarik kembali"
      submitLabel="Tarik kembali"
      onDone={onDone}
    />
  );
}
