import { useState } from 'preact/hooks';
import { enc, newKey, post } from '../api';
import type { Me } from '../session';
import { ErrorNote, Field, useSubmission } from '../ui';
import type { ItemView } from './item';

/** A letter this officer's unit can take in now: it arrived there, addressed to it. */
export const receivableBy = (me: Me, item: ItemView): boolean =>
  me.role === 'officer' &&
  item.kind === 'letter' &&
  item.status === 'arrived' &&
  me.unitId !== null &&
  item.locationId === me.unitId &&
  item.addresseeUnitId === me.unitId;

/**
 * "Terima surat": an officer of the addressee unit records the letter delivered with their own
 * account as the unit's acknowledgement (domain.md "Two-party custody"), naming who took it.
 */
export function ReceiveLetterButton({ me, item, onDone }: { me: Me; item: ItemView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [receiver, setReceiver] = useState(me.name);
  const { busy, error, run } = useSubmission();
  // The same body keeps its key: sending again after a lost answer is the same request, not a second.
  const [sent, setSent] = useState<{ body: string; key: string } | null>(null);
  const fieldId = `receiver-${item.itemId}`;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Terima surat
      </button>
    );
  return (
    <form
      class="inline-form"
      data-testid={`receive-${item.itemId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const body = {
          type: 'delivered',
          acknowledgement: { method: 'account' },
          ...(receiver.trim() ? { receivedBy: receiver.trim() } : {}),
        };
        const text = JSON.stringify(body);
        const key = sent?.body === text ? sent.key : newKey();
        setSent({ body: text, key });
        if (await run(() => post(`/api/items/${enc(item.itemId)}/events`, body, key))) {
          setOpen(false);
          onDone();
        }
      }}
    >
      <Field
        id={fieldId}
        label="Diterima oleh"
        hint="Nama yang menerima surat di unit ini; pengakuan dicatat dengan akun Anda."
        value={receiver}
        onValue={setReceiver}
        maxLength={200}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Mencatat…' : 'Catat surat diterima'}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
