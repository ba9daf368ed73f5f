import { useState } from 'preact/hooks';
import { enc, post } from '../api';
import { ErrorNote, Field, useSubmission } from '../ui';

export interface ReasonedEventButtonProps {
  itemId: string;
  /** The custody event recorded, with the reason typed in (voided, handover_withdrawn). */
  type: string;
  openLabel: string;
  fieldId: string;
  fieldLabel: string;
  submitLabel: string;
  onDone: () => void;
}

/** A button that opens a one-field form: the reason, then the event is recorded on the item. */
export function ReasonedEventButton(props: ReasonedEventButtonProps) {
  const { itemId, type, openLabel, fieldId, fieldLabel, submitLabel, onDone } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useSubmission();
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {openLabel}
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await run(() => post(`/api/items/${enc(itemId)}/events`, { type, reason }))) {
          setOpen(false);
          onDone();
        }
      }}
    >
      <Field id={fieldId} label={fieldLabel} value={reason} onValue={setReason} required />
      <button type="submit" disabled={busy}>
        {busy ? 'Mencatat…' : submitLabel}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
