import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, enc, get, post, query } from '../api';
import { explain } from '../messages';
import { CameraScanner, ScanVerdict, type ScanAnswer } from '../scan/camera-scanner';
import { parseScan } from '../scan/scan-code';
import { WedgeInput } from '../scan/wedge-input';
import type { Me } from '../session';
import { Busy, ErrorNote, Page } from '../ui';
import { storageText, titleOf, type ItemView } from './item';
import { ShelfLabelsForm } from './shelf-labels';

interface Shelf {
  room: string;
  shelf: string;
  /** What the depot's records place on this shelf, by id. */
  expected: Map<string, ItemView>;
}

const MAX_PAGES = 50;

/** Every file deposited at the depot whose storage is this shelf (the list is paged by the server). */
async function expectedOn(depot: string, room: string, shelf: string): Promise<Map<string, ItemView>> {
  const found = new Map<string, ItemView>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const path = `/api/items${query({ locationId: depot, status: 'deposited', limit: 100, cursor })}`;
    const answer: { items: ItemView[]; nextCursor?: string | null } = await get(path);
    for (const item of answer.items)
      if (item.storage?.room === room && item.storage?.shelf === shelf) found.set(item.itemId, item);
    cursor = answer.nextCursor ?? null;
    if (!cursor) break;
  }
  return found;
}

/**
 * Rak (depot): stock-taking and relocation by scanning. Scan the shelf label: the files the records
 * place there are listed. Scan each file on the shelf: one expected here is ticked; one the records
 * place elsewhere is named with its recorded place and, with "Pindahkan ke rak ini", relocated here.
 * What was expected and not scanned stays listed as not found.
 */
export function ShelfScreen({
  me,
  opened,
}: {
  me: Me;
  /** The shelf label a phone camera opened. */ opened?: string;
}) {
  const depot = me.unitId ?? '';
  const [shelf, setShelf] = useState<Shelf | null>(null);
  const [seen, setSeen] = useState<string[]>([]);
  const [moved, setMoved] = useState<string[]>([]);
  const [relocate, setRelocate] = useState(false);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const now = useRef({ shelf, seen, relocate });
  now.current = { shelf, seen, relocate };

  const onCode = async (text: string): Promise<ScanAnswer> => {
    const code = parseScan(text);
    if (code.kind === 'room')
      return { verdict: 'unknown', text: `Ruang ${code.room}: itu label ruang; pindai label raknya.` };
    if (code.kind === 'shelf' && code.depotId && code.depotId !== depot)
      return { verdict: 'not-in-manifest', text: `Label rak ini milik ${code.depotId}, bukan depo Anda.` };
    if (code.kind === 'shelf') {
      setLoading(true);
      setError(null);
      try {
        const expected = await expectedOn(depot, code.room, code.shelf);
        const next = { room: code.room, shelf: code.shelf, expected };
        now.current = { ...now.current, shelf: next, seen: [] };
        setShelf(next);
        setSeen([]);
        setMoved([]);
        return {
          verdict: 'accepted',
          text: `Rak ${code.shelf} (ruang ${code.room}): ${expected.size} arsip tercatat di sini.`,
        };
      } catch (e) {
        setError(e);
        return { verdict: 'refused', text: 'Daftar isi rak tidak dapat dimuat.' };
      } finally {
        setLoading(false);
      }
    }
    const current = now.current;
    if (!current.shelf) return { verdict: 'unknown', text: 'Pindai label rak dulu.' };
    if (code.kind !== 'item')
      return { verdict: 'unknown', text: `“${text.slice(0, 60)}” bukan label arsip Jejak.` };
    const id = code.id;
    const mark = () => {
      now.current = { ...now.current, seen: [...now.current.seen, id] };
      setSeen(now.current.seen);
    };
    if (current.seen.includes(id)) return { verdict: 'duplicate', text: `${id}: sudah dipindai.` };
    if (current.shelf.expected.has(id)) {
      mark();
      return { verdict: 'accepted', text: `${id}: ada di rak ini, sesuai catatan.` };
    }
    let item: ItemView;
    try {
      item = await get<ItemView>(`/api/items/${enc(id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'not-found')
        return { verdict: 'unknown', text: `${id}: tidak dikenal di Jejak.` };
      throw e;
    }
    if (!current.relocate)
      return {
        verdict: 'not-in-manifest',
        text: `${id}: menurut catatan bukan di rak ini (${storageText(item.storage)}; ${item.status}).`,
      };
    try {
      const storage = { room: current.shelf.room, shelf: current.shelf.shelf };
      await post(`/api/items/${enc(id)}/events`, { type: 'relocated', storage });
      mark();
      setMoved((old) => [...old, id]);
      return {
        verdict: 'accepted',
        text: `${id}: dipindah ke rak ${storage.shelf} (dari ${storageText(item.storage)}).`,
      };
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : null;
      return { verdict: 'refused', text: `${id}: ditolak server. ${problem ? explain(problem) : ''}` };
    }
  };

  useEffect(() => {
    if (opened) void onCode(opened).then(setAnswer);
    // Once, for the label the page was opened with.
  }, [opened]);

  const missing = shelf ? [...shelf.expected.values()].filter((item) => !seen.includes(item.itemId)) : [];
  return (
    <Page title="Rak: cek isi dan pindah tempat">
      <div class="card">
        <WedgeInput
          id="shelfScan"
          label="Pindai label rak, lalu tiap arsip di rak itu (atau ketik, lalu Enter)"
          onCode={onCode}
          onAnswer={setAnswer}
        />
        <CameraScanner onCode={onCode} onAnswer={setAnswer} />
        <ScanVerdict answer={answer} />
        <label class="mode">
          <input type="checkbox" checked={relocate} onChange={() => setRelocate(!relocate)} />
          Pindahkan ke rak ini arsip yang tercatat di tempat lain
        </label>
      </div>
      <ShelfLabelsForm depot={depot} />
      {loading && <Busy label="Memuat isi rak…" />}
      <ErrorNote error={error} />
      {shelf && (
        <>
          <p data-testid="shelf-summary">
            Rak {shelf.shelf} (ruang {shelf.room}): {shelf.expected.size} tercatat,{' '}
            {seen.length - moved.length} ditemukan, {missing.length} belum ditemukan, {moved.length} dipindah
            ke sini.
          </p>
          <h2>Belum ditemukan di rak</h2>
          {missing.length === 0 ? (
            <p class="hint">Semua arsip yang tercatat di rak ini sudah dipindai.</p>
          ) : (
            <ul class="items" data-testid="shelf-missing">
              {missing.map((item) => (
                <li key={item.itemId} class="item-row">
                  <a href={`/i/${enc(item.itemId)}`}>{titleOf(item)}</a>
                  <span class="meta">{item.itemId}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
