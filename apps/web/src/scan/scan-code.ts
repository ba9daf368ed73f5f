/**
 * What a scanned or typed code names. An item label holds `<base URL>/i/<itemId>` (labels.pdf); the
 * scanner also takes the bare id. A shelf label holds `<base URL>/rak/<depotId>/<room>/<shelf>`
 * (older ones `<base URL>/rak/<room>/<shelf>` or `RAK:<room>/<shelf>`), a room label
 * `<base URL>/ruang/<depotId>/<room>`; a transfer's slip `<base URL>/transfer/<transferId>`; a
 * person's badge `<base URL>/orang/<personId>`; a kode serah on the holder's screen `KODE:<code>`.
 * Anything else with a scheme, a space or a slash is not a Jejak code.
 */
export type Scanned =
  | { kind: 'item'; id: string }
  | { kind: 'transfer'; id: string }
  | { kind: 'shelf'; depotId?: string; room: string; shelf: string }
  | { kind: 'room'; depotId: string; room: string }
  | { kind: 'person'; id: string }
  | { kind: 'release-code'; code: string }
  | { kind: 'unknown'; text: string };

const part = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

const SEGMENT = '([^/?#]+)';
const onBase = (path: string) => new RegExp(`^(?:https?:\\/\\/[^/]+)?\\/${path}\\/?$`, 'i');
const SHELF = onBase(`rak\\/${SEGMENT}\\/${SEGMENT}\\/${SEGMENT}`);
const OLD_SHELF = new RegExp(`^(?:rak:|.*\\/rak\\/)${SEGMENT}\\/${SEGMENT}\\/?$`, 'i');
const ROOM = onBase(`ruang\\/${SEGMENT}\\/${SEGMENT}`);
const PERSON = onBase(`orang\\/${SEGMENT}`);

export function parseScan(raw: string): Scanned {
  const text = raw.trim();
  const shelf = SHELF.exec(text);
  if (shelf) return { kind: 'shelf', depotId: part(shelf[1]), room: part(shelf[2]), shelf: part(shelf[3]) };
  const oldShelf = OLD_SHELF.exec(text);
  if (oldShelf) return { kind: 'shelf', room: part(oldShelf[1]), shelf: part(oldShelf[2]) };
  const room = ROOM.exec(text);
  if (room) return { kind: 'room', depotId: part(room[1]), room: part(room[2]) };
  const person = PERSON.exec(text);
  if (person) return { kind: 'person', id: part(person[1]) };
  const release = /^kode[:\s]+([^\s/]{1,32})$/i.exec(text);
  if (release) return { kind: 'release-code', code: release[1] };
  const item = /^(?:https?:\/\/[^/]+)?\/i\/([^/?#\s]+)\/?$/.exec(text);
  if (item) return { kind: 'item', id: part(item[1]) };
  const transfer = /^(?:https?:\/\/[^/]+)?\/transfer\/([^/?#\s]+)\/?$/.exec(text);
  if (transfer) return { kind: 'transfer', id: part(transfer[1]) };
  if (/^[^\s/:?#]{1,128}$/.test(text)) return { kind: 'item', id: text };
  return { kind: 'unknown', text };
}
