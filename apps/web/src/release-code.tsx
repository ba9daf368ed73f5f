import { useState } from 'preact/hooks';
import { post } from './api';
import { QrImage } from './qr-image';
import { ErrorNote } from './ui';
import { when } from './words';

interface ReleaseCode {
  code: string;
  placeId: string;
  expiresAt: string;
}

/** Kode serah: made for my place, shown big with its expiry and as a QR code, for the courier's phone. */
export function ReleaseCodeButton({ placeId }: { placeId: string }) {
  const [code, setCode] = useState<ReleaseCode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div class="release">
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setCode(await post<ReleaseCode>('/api/release-codes', { placeId }));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Membuat…' : 'Buat kode serah untuk kurir'}
      </button>
      {code && (
        <div class="note note-ok" role="status">
          <p>Kode serah (tunjukkan ke kurir):</p>
          <p class="release-code" data-testid="release-code">
            {code.code}
          </p>
          <p>Berlaku sampai {when(code.expiresAt)}.</p>
          {/* The courier's scan session reads it first, then the files (scan/scan-code.ts). */}
          <QrImage text={`KODE:${code.code}`} label={`Kode QR kode serah ${code.code}`} />
          <p class="hint">Atau kurir memindai kode QR ini dengan Pindai, lalu memindai arsipnya.</p>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
