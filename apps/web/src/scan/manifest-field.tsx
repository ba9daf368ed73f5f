import { useState } from 'preact/hooks';
import type { ScanAnswer } from './camera-scanner';
import type { Manifest } from './manifest';
import { parseScan } from './scan-code';

/**
 * Which consignment the scanned files are checked against: its slip scanned (a transfer's QR) or its
 * number typed; once loaded, named with its BA number and the count of its manifest.
 */
export function ManifestField({
  manifest,
  onOpen,
  onAnswer,
  onClear,
}: {
  manifest: Manifest | null;
  onOpen: (transferId: string) => Promise<ScanAnswer>;
  onAnswer: (answer: ScanAnswer) => void;
  onClear: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  if (manifest)
    return (
      <p class="manifest" data-testid="scan-manifest">
        Dicocokkan dengan manifes {manifest.baNumber} ({manifest.itemIds.length} arsip).{' '}
        <button type="button" class="link" onClick={onClear}>
          Lepas manifes
        </button>
      </p>
    );
  return (
    <form
      class="row-form"
      onSubmit={(event) => {
        event.preventDefault();
        const text = typed.trim();
        if (!text) return;
        const code = parseScan(text);
        setBusy(true);
        void onOpen(code.kind === 'transfer' || code.kind === 'item' ? code.id : text)
          .then(onAnswer)
          .finally(() => setBusy(false));
        setTyped('');
      }}
    >
      <div class="field">
        <label for="scanTransfer">Kiriman (nomor transfer; kosong: arsip lepas tanpa manifes)</label>
        <input
          id="scanTransfer"
          value={typed}
          onInput={(event) => setTyped((event.target as HTMLInputElement).value)}
          autoComplete="off"
        />
      </div>
      <button type="submit" class="secondary" disabled={busy}>
        Muat manifes
      </button>
    </form>
  );
}
