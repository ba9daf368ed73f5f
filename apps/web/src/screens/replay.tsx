import { useEffect, useState } from 'preact/hooks';
import { enc, get } from '../api';
import { DownloadButton } from '../download-button';
import { navigate } from '../router';
import { Busy, Empty, ErrorNote, Field, Page, Place } from '../ui';
import { EVENT_WORDS, STATUS_WORDS, when, word } from '../words';
import { Timeline, type TrailEntry } from './item';

interface Replay {
  itemId: string;
  state: { status: string; locationId: string | null; custodianId: string; since?: string } | null;
  events: (TrailEntry & { hash?: string })[];
  chain: { valid: boolean; length: number; headHash: string; firstBrokenRevision?: number };
}

interface LogKey {
  vkey: string;
  origin: string;
}

/**
 * The key the log's checkpoints are signed with, to copy into `jejak verify-bundle --key`: an
 * auditor compares it with the one printed on a berita acara or published by the archive, so a
 * bundle is checked against a key they trust rather than the one the bundle carries.
 */
function LogKeyCard() {
  const [key, setKey] = useState<LogKey | null>(null);
  const [absent, setAbsent] = useState(false);
  useEffect(() => {
    get<LogKey>('/api/log/key').then(setKey, () => setAbsent(true));
  }, []);
  if (absent) return null;
  return (
    <div class="card" data-testid="log-key">
      <h2>Kunci verifikasi log</h2>
      {key ? (
        <>
          <p>
            Checkpoint log <span class="code">{key.origin}</span> ditandatangani dengan kunci ini. Cocokkan
            dengan kunci yang tercetak di berita acara sebelum memeriksa paket audit secara luring.
          </p>
          <p class="code" style={{ wordBreak: 'break-all' }} data-testid="log-vkey">
            {key.vkey}
          </p>
        </>
      ) : (
        <Busy label="Memuat kunci…" />
      )}
    </div>
  );
}

/**
 * Auditor: an item replayed from the event store (never the read models) as of a moment picked on a
 * slider over its events, with the hash chain's verdict over the whole stored stream.
 */
export function ReplayScreen({ itemId }: { itemId?: string }) {
  const [text, setText] = useState(itemId ?? '');
  const [full, setFull] = useState<Replay | null>(null);
  const [cut, setCut] = useState<Replay | null>(null);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setFull(null);
    setCut(null);
    if (!itemId) return;
    setLoading(true);
    setError(null);
    get<Replay>(`/api/audit/items/${enc(itemId)}/replay`).then(
      (answer) => {
        setFull(answer);
        setCut(answer);
        setIndex(Math.max(0, answer.events.length - 1));
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [itemId]);

  const moveTo = (next: number) => {
    if (!full || !itemId) return;
    setIndex(next);
    const moment = full.events[next]?.recordedAt;
    if (!moment) return;
    get<Replay>(`/api/audit/items/${enc(itemId)}/replay?asOf=${enc(moment)}`).then(setCut, setError);
  };

  const chosen = full?.events[index];
  return (
    <Page title="Telusuri ulang arsip">
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          const id = text.trim().replace(/^.*\/i\//, '');
          if (id) navigate(`/audit/${enc(id)}`);
        }}
      >
        <Field id="replayItem" label="ID arsip (ketik atau pindai labelnya)" value={text} onValue={setText} />
        <button type="submit">Telusuri</button>
      </form>
      <LogKeyCard />
      {!itemId && <Empty>Ketik atau pindai ID arsip untuk menelusuri riwayatnya dari catatan asli.</Empty>}
      {loading && <Busy label="Membangun ulang dari catatan peristiwa…" />}
      <ErrorNote error={error} />
      {full && (
        <>
          <div
            class={full.chain.valid ? 'note note-ok' : 'note note-error'}
            role="status"
            data-testid="chain-verdict"
          >
            {full.chain.valid
              ? `Rantai hash utuh: ${full.chain.length} peristiwa, tidak ada yang diubah.`
              : `Rantai hash RUSAK mulai revisi ${full.chain.firstBrokenRevision ?? '?'}: catatan telah diubah setelah direkam.`}
          </div>
          {full.events.length > 0 && (
            <div class="card">
              <label for="moment">Keadaan pada saat</label>
              <input
                id="moment"
                type="range"
                min={0}
                max={full.events.length - 1}
                value={index}
                aria-valuetext={
                  chosen ? `${word(EVENT_WORDS, chosen.type)}, ${when(chosen.recordedAt)}` : undefined
                }
                onInput={(e) => moveTo(Number((e.target as HTMLInputElement).value))}
              />
              <p data-testid="moment">
                {chosen && (
                  <>
                    Sesudah <strong>{word(EVENT_WORDS, chosen.type)}</strong> ({when(chosen.recordedAt)})
                  </>
                )}
              </p>
              {cut?.state && (
                <dl data-testid="replayed-state">
                  <dt>Status</dt>
                  <dd>{word(STATUS_WORDS, cut.state.status)}</dd>
                  <dt>Tempat</dt>
                  <dd>
                    {cut.state.locationId ? <Place id={cut.state.locationId} /> : 'Sedang dibawa kurir'}
                  </dd>
                  <dt>Dipegang oleh</dt>
                  <dd data-testid="replayed-custodian">
                    <Place id={cut.state.custodianId} />
                  </dd>
                </dl>
              )}
            </div>
          )}
          <div class="actions">
            <DownloadButton
              path={`/api/audit/items/${enc(full.itemId)}/export?format=csv`}
              filename={`jejak-${full.itemId}.csv`}
            >
              Unduh CSV
            </DownloadButton>
            <DownloadButton
              path={`/api/audit/items/${enc(full.itemId)}/export`}
              filename={`jejak-${full.itemId}.json`}
            >
              Unduh bukti (JSON)
            </DownloadButton>
            <DownloadButton
              path={`/api/audit/items/${enc(full.itemId)}/bundle`}
              filename={`jejak-${full.itemId}.bundle.json`}
            >
              Unduh paket audit
            </DownloadButton>
          </div>
          <h2>Peristiwa</h2>
          <Timeline events={full.events} upTo={chosen?.revision} />
        </>
      )}
    </Page>
  );
}
