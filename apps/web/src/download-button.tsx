import { useState } from 'preact/hooks';
import { download } from './api';
import { ErrorNote } from './ui';

/** A document to fetch with the signed-in credentials; shows progress and any refusal. */
export function DownloadButton({
  path,
  filename,
  children,
  primary,
}: {
  path: string;
  filename: string;
  children: preact.ComponentChildren;
  primary?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        class={primary ? undefined : 'secondary'}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await download(path, filename);
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Mengunduh…' : children}
      </button>
      <ErrorNote error={error} />
    </>
  );
}
