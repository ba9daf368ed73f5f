import { useEffect, useRef, useState } from 'preact/hooks';
import { enc, get, post, query } from '../api';
import { groupByTransfer, type Group } from '../custody-groups';
import { navigate } from '../router';
import type { Me } from '../session';
import { Busy, Done, Empty, ErrorNote, Field, Page, Place, useLoad } from '../ui';
import { OUTCOME_WORDS, word } from '../words';
import { lineTitle, type ItemView } from './item';
import { ItemList } from './item-list';
import type { TransferView } from './transfers';
import { DownloadButton } from '../download-button';
import { CameraScanner, ScanVerdict, type ScanAnswer } from '../scan/camera-scanner';
import { whereaboutsOf, type Whereabouts } from '../scan/other-transfer';
import { parseScan } from '../scan/scan-code';
import { WedgeInput } from '../scan/wedge-input';
import { useAutoRefresh } from '../auto-refresh';

/** Petugas depo: consignments arrived at (or on their way to) my depot, grouped by transfer. */
export function DepotScreen({ me }: { me: Me }) {
  const depot = me.unitId ?? '';
  const incoming = useLoad(async () => {
    const [arrived, moving] = await Promise.all([
      get<{ items: ItemView[] }>(`/api/items${query({ status: 'arrived', locationId: depot, limit: 100 })}`),
      get<{ items: ItemView[] }>(`/api/items${query({ status: 'in_transit', limit: 100 })}`),
    ]);
    return {
      arrived: await groupByTransfer(arrived.items),
      moving: await groupByTransfer(moving.items.filter((item) => item.destinationId === depot)),
    };
  }, [depot]);
  useAutoRefresh(incoming.reload);
  const [open, setOpen] = useState('');
  return (
    <Page title="Kiriman masuk">
      <p>
        Depo: <Place id={depot} />
      </p>
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (open.trim()) navigate(`/depo/terima/${enc(open.trim())}`);
        }}
      >
        <Field id="openIntake" label="Nomor transfer (ketik atau pindai)" value={open} onValue={setOpen} />
        <button type="submit">Buka</button>
      </form>
      <button type="button" class="secondary" onClick={incoming.reload}>
        Muat ulang
      </button>
      <ErrorNote error={incoming.error} />
      {incoming.loading && !incoming.data && <Busy />}
      {incoming.data && (
        <>
          <h2>Sudah tiba, menunggu penerimaan</h2>
          <GroupList
            groups={incoming.data.arrived}
            action="Mulai penerimaan"
            empty="Belum ada kiriman yang tiba."
          />
          <h2>Dalam perjalanan ke depo ini</h2>
          <GroupList groups={incoming.data.moving} empty="Tidak ada kiriman di jalan menuju depo ini." />
        </>
      )}
      <DepotWatch depot={depot} />
    </Page>
  );
}

function GroupList({ groups, action, empty }: { groups: Group[]; action?: string; empty: string }) {
  if (groups.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul class="items" data-testid="incoming">
      {groups.map((g) => (
        <li key={g.transferId ?? 'lepas'} class="item-row">
          <strong>{g.transferId ? `Transfer ${g.transferId}` : 'Arsip tanpa transfer'}</strong>
          <span class="meta">{g.items.length} arsip</span>
          {action && (
            <a
              class="button"
              href={g.transferId ? `/depo/terima/${enc(g.transferId)}` : '/depo/terima-lepas'}
            >
              {action}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The files this sitting can take in: not yet answered by an earlier sitting, and not in a part of a
 * split consignment whose courier has not arrived yet.
 */
function awaitingHere(view: TransferView): TransferView['items'] {
  const onTheWay = new Set(
    (view.carriers ?? []).filter((part) => part.stage !== 'arrived').flatMap((part) => part.itemIds),
  );
  return view.items.filter((item) => !item.intake && !onTheWay.has(item.itemId));
}

type Outcome = 'received' | 'damaged' | 'missing' | 'rejected' | 'unexpected';
interface Line {
  itemId: string;
  title: string | null;
  outcome: Outcome | '';
  room: string;
  shelf: string;
  box: string;
  note: string;
}

const TAKEN_IN: Outcome[] = ['received', 'damaged'];

/**
 * Penerimaan: scan (or type) each file of the manifest; each is marked received, damaged, missing,
 * rejected or, when it is not in the manifest, unexpected; then the results go in one request and
 * the berita acara opens.
 */
export function IntakeScreen({ transferId }: { me: Me; transferId: string }) {
  const view = useLoad(() => get<TransferView>(`/api/transfers/${enc(transferId)}`), [transferId]);
  const [lines, setLines] = useState<Line[]>([]);
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [room, setRoom] = useState('');
  const [shelf, setShelf] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ status: string } | null>(null);

  useEffect(() => {
    if (view.data)
      setLines(
        awaitingHere(view.data).map((item) => ({
          itemId: item.itemId,
          title: lineTitle(item),
          outcome: '',
          room: '',
          shelf: '',
          box: '',
          note: '',
        })),
      );
  }, [view.data]);

  const update = (itemId: string, change: Partial<Line>) =>
    setLines((old) => old.map((l) => (l.itemId === itemId ? { ...l, ...change } : l)));

  // Scans are answered one after another (WedgeInput queues them): the latest lines are in this ref.
  const linesNow = useRef<Line[]>([]);
  linesNow.current = lines;
  const place = useRef({ room, shelf });
  place.current = { room, shelf };

  const onScan = async (text: string): Promise<ScanAnswer> => {
    const code = parseScan(text);
    if (code.kind === 'shelf' || code.kind === 'room') {
      const depot = view.data?.toId;
      if (code.depotId && depot && code.depotId !== depot)
        return {
          verdict: 'not-in-manifest',
          text: `Label ini milik ${code.depotId}, bukan depo tujuan ${depot}.`,
        };
      const shelfHere = code.kind === 'shelf' ? code.shelf : '';
      setRoom(code.room);
      setShelf(shelfHere);
      place.current = { room: code.room, shelf: shelfHere };
      return {
        verdict: 'accepted',
        text: shelfHere
          ? `Rak ${shelfHere} (ruang ${code.room}): arsip berikutnya disimpan di sini.`
          : `Ruang ${code.room} (tanpa rak): arsip berikutnya disimpan di sini.`,
      };
    }
    if (code.kind !== 'item')
      return { verdict: 'unknown', text: `“${text.slice(0, 60)}” bukan label arsip Jejak.` };
    const id = code.id;
    const line = linesNow.current.find((l) => l.itemId === id);
    const set = (next: Line[]) => {
      linesNow.current = next;
      setLines(next);
    };
    if (line?.outcome) return { verdict: 'duplicate', text: `${id}: sudah dipindai.` };
    if (line) {
      set(
        linesNow.current.map((l) => (l.itemId === id ? { ...l, outcome: 'received', ...place.current } : l)),
      );
      return { verdict: 'accepted', text: `${id}: diterima.` };
    }
    const where = await whereaboutsOf(id, transferId).catch(() => ({ kind: 'loose' }) as Whereabouts);
    if (where.kind === 'unknown') return { verdict: 'unknown', text: `${id}: tidak dikenal di Jejak.` };
    if (where.kind === 'other-transfer')
      return {
        verdict: 'not-in-manifest',
        text: `${id}: milik kiriman lain yang masih terbuka, ${where.baNumber} (transfer ${where.transferId}). Tidak diterima di sini; pisahkan ke kiriman itu.`,
      };
    set([
      ...linesNow.current,
      {
        itemId: id,
        title: null,
        outcome: 'unexpected',
        room: '',
        shelf: '',
        box: '',
        note: 'tidak ada di daftar',
      },
    ]);
    return {
      verdict: 'not-in-manifest',
      text: `${id}: tidak ada di daftar transfer ini (dicatat sebagai tak terduga).`,
    };
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const results = lines.map((l) => {
        const result: Record<string, unknown> = { itemId: l.itemId, outcome: l.outcome };
        if (TAKEN_IN.includes(l.outcome as Outcome)) {
          const storage: Record<string, string> = { room: l.room || room };
          if (l.shelf || shelf) storage.shelf = l.shelf || shelf;
          if (l.box) storage.box = l.box;
          result.storage = storage;
        }
        if (l.note) result.note = l.note;
        return result;
      });
      const answer = await post<{ status: string }>(`/api/transfers/${enc(transferId)}/intake`, { results });
      setDone(answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (view.loading && !view.data) return <Busy />;
  if (view.error)
    return (
      <Page title="Penerimaan">
        <ErrorNote error={view.error} />
      </Page>
    );
  const t = view.data!;
  const reportUrl = `/api/transfers/${enc(t.transferId)}/report.pdf`;
  if (done)
    return (
      <Page title={`Penerimaan ${t.baNumber}`}>
        <Done>
          <p data-testid="intake-done">
            Hasil penerimaan tercatat. Status transfer:{' '}
            {done.status === 'completed'
              ? 'selesai'
              : done.status === 'completed_with_discrepancies'
                ? 'selesai dengan selisih'
                : done.status}
            .
          </p>
        </Done>
        <DownloadButton primary path={reportUrl} filename={`berita-acara-${t.transferId}.pdf`}>
          Unduh berita acara serah terima (PDF)
        </DownloadButton>
      </Page>
    );

  const pending = lines.filter((l) => !l.outcome).length;
  const missingStorage = lines.some((l) => TAKEN_IN.includes(l.outcome as Outcome) && !(l.room || room));
  return (
    <Page title={`Penerimaan ${t.baNumber}`}>
      <div class="card">
        <h2>Tempat simpan</h2>
        <p class="hint">Pindai label rak dulu; arsip yang dipindai sesudahnya disimpan di sana.</p>
        <Field id="room" label="Ruang" value={room} onValue={setRoom} />
        <Field id="shelf" label="Rak" value={shelf} onValue={setShelf} />
      </div>
      <div class="card">
        <WedgeInput
          id="scan"
          label="Pindai atau ketik ID arsip (atau label rak), lalu Enter"
          onCode={onScan}
          onAnswer={setAnswer}
        />
        <CameraScanner onCode={onScan} onAnswer={setAnswer} />
        <ScanVerdict answer={answer} />
      </div>
      <p>
        {lines.length - pending} dari {lines.length} arsip sudah ditandai.
      </p>
      <ul class="items">
        {lines.map((l) => (
          <li key={l.itemId} class="item-row intake-line" data-testid={`intake-${l.itemId}`}>
            <strong>{l.title ?? l.itemId}</strong>
            <div class="field">
              <label for={`outcome-${l.itemId}`}>Hasil</label>
              <select
                id={`outcome-${l.itemId}`}
                value={l.outcome}
                onChange={(e) =>
                  update(l.itemId, { outcome: (e.target as HTMLSelectElement).value as Outcome })
                }
              >
                <option value="">— belum —</option>
                {(['received', 'damaged', 'missing', 'rejected', 'unexpected'] as Outcome[]).map((o) => (
                  <option key={o} value={o}>
                    {word(OUTCOME_WORDS, o)}
                  </option>
                ))}
              </select>
            </div>
            {TAKEN_IN.includes(l.outcome as Outcome) && (
              <Field
                id={`box-${l.itemId}`}
                label="Boks"
                value={l.box}
                onValue={(box) => update(l.itemId, { box })}
              />
            )}
            {l.outcome && l.outcome !== 'received' && (
              <div class="intake-note">
                <Field
                  id={`note-${l.itemId}`}
                  label={l.outcome === 'damaged' ? 'Kondisi' : 'Keterangan'}
                  value={l.note}
                  onValue={(note) => update(l.itemId, { note })}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      {busy && <Busy label="Mencatat hasil penerimaan…" />}
      {pending > 0 && (
        <p class="hint">
          Tandai semua arsip dulu ({pending} belum); yang tidak datang: “Tidak ada (hilang)”.
        </p>
      )}
      {missingStorage && <p class="hint">Isi ruang tempat simpan untuk arsip yang diterima.</p>}
      <button type="button" disabled={busy || pending > 0 || missingStorage} onClick={() => void submit()}>
        Simpan hasil penerimaan
      </button>
    </Page>
  );
}

/** The depot's watch lists: loans past their due date and files whose retention has ended. */
function DepotWatch({ depot }: { depot: string }) {
  const overdue = useLoad(() => get<{ items: ItemView[] }>('/api/watch/overdue-loans?limit=50'), []);
  const ended = useLoad(() => get<{ items: ItemView[] }>('/api/watch/retention-ended?limit=50'), []);
  useAutoRefresh(() => {
    overdue.reload();
    ended.reload();
  });
  const here = (items: ItemView[] | undefined) =>
    (items ?? []).filter((item) => !depot || item.depotId === depot);
  return (
    <>
      <h2>Pinjaman lewat tempo</h2>
      <ErrorNote error={overdue.error} />
      {overdue.loading && !overdue.data ? (
        <Busy />
      ) : here(overdue.data?.items).length === 0 ? (
        <Empty>Tidak ada pinjaman yang lewat tempo.</Empty>
      ) : (
        <ItemList items={here(overdue.data?.items)} />
      )}
      <h2>Retensi berakhir</h2>
      <ErrorNote error={ended.error} />
      {ended.loading && !ended.data ? (
        <Busy />
      ) : here(ended.data?.items).length === 0 ? (
        <Empty>Belum ada arsip yang masa retensinya berakhir.</Empty>
      ) : (
        <ItemList items={here(ended.data?.items)} />
      )}
      <div class="actions">
        <DownloadButton
          path={`/api/reports/disposal-list.pdf${query({ depotId: depot })}`}
          filename="daftar-usul-musnah.pdf"
        >
          Daftar arsip usul musnah (PDF)
        </DownloadButton>
      </div>
    </>
  );
}
