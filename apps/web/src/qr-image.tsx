import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code drawn in the browser. The encoder loads only when a code is first shown (a chunk of its
 * own, kept out of the courier's first load); until then, and if it cannot load, the text beside it
 * is what the other person reads.
 */
export function QrImage({ text, label, size = 240 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setSrc(null);
    void import('qrcode')
      .then((qr) => qr.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: size }))
      .then((url) => current && setSrc(url))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [text, size]);
  if (!src) return null;
  return <img class="qr-image" src={src} width={size} height={size} alt={label} data-testid="qr-image" />;
}
