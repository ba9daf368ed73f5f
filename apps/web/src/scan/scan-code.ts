/**
 * What a scanned or typed code names. An item label holds `<base URL>/i/<itemId>` (labels.pdf); the
 * scanner also takes the bare id. A shelf label holds `<base URL>/rak/<room>/<shelf>` or
 * `RAK:<room>/<shelf>`; a transfer's slip `<base URL>/transfer/<transferId>`. Anything else with a
 * scheme, a space or a slash is not a Jejak code.
 */
export type Scanned =
  | { kind: 'item'; id: string }
  | { kind: 'transfer'; id: string }
  | { kind: 'shelf'; room: string; shelf: string }
  | { kind: 'unknown'; text: string };

const part = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export function parseScan(raw: string): Scanned {
  const text = raw.trim();
  const shelf = /^(?:rak:|.*\/rak\/)([^/?#]+)\/([^/?#]+)\/?$/i.exec(text);
  if (shelf) return { kind: 'shelf', room: part(shelf[1]), shelf: part(shelf[2]) };
  const item = /^(?:https?:\/\/[^/]+)?\/i\/([^/?#\s]+)\/?$/.exec(text);
  if (item) return { kind: 'item', id: part(item[1]) };
  const transfer = /^(?:https?:\/\/[^/]+)?\/transfer\/([^/?#\s]+)\/?$/.exec(text);
  if (transfer) return { kind: 'transfer', id: part(transfer[1]) };
  if (/^[^\s/:?#]{1,128}$/.test(text)) return { kind: 'item', id: text };
  return { kind: 'unknown', text };
}
