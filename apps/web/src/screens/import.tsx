import { useMemo, useState } from 'preact/hooks';
import { ApiError, query, request } from '../api';
import { previewDaftarArsip } from '../daftar-arsip-preview';
import type { Me } from '../session';
import { Busy, Done, ErrorNote, Field, Page } from '../ui';

interface Imported {
  importId: string;
  imported: number;
  itemIds: string[];
  transfer?: { transferId: string; baNumber: string };
}
interface ServerRow {
  row: number;
  errors: { column: string; message: string }[];
}

/** Reads a file as Excel saves it: UTF-8, or Windows-1252 when UTF-8 does not fit. */
async function readCsv(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Impor daftar arsip: a preview with every row's problem first, then all rows recorded or none. */
export function ImportScreen({ me }: { me: Me }) {
  const [text, setText] = useState('');
  const [originUnitId, setOriginUnitId] = useState(me.unitId ?? '');
  const [baNumber, setBaNumber] = useState('');
  const [toId, setToId] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [serverRows, setServerRows] = useState<ServerRow[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const preview = useMemo(() => (text.trim() ? previewDaftarArsip(text) : null), [text]);
  const flagged = preview ? preview.rows.filter((r) => r.problems.length > 0).length : 0;
  const blocked = !preview || preview.rows.length === 0 || flagged > 0 || preview.missingColumns.length > 0;

  const send = async (dryRun: boolean) => {
    setBusy(dryRun ? 'Memeriksa di server…' : `Mencatat ${preview?.rows.length ?? 0} arsip…`);
    setError(null);
    setServerRows([]);
    setChecked(null);
    const params = {
      dryRun: dryRun ? 'true' : undefined,
      originUnitId: me.role === 'admin' ? originUnitId || undefined : undefined,
      transferBaNumber: baNumber || undefined,
      transferToId: toId || undefined,
    };
    try {
      const answer = await request<Imported>('POST', `/api/imports/daftar-arsip${query(params)}`, {
        text: { content: text, type: 'text/csv' },
      });
      if (dryRun)
        setChecked('Server memeriksa semua baris: tidak ada masalah. Tekan “Catat” untuk menyimpan.');
      else setDone(answer);
    } catch (e) {
      const rows = (e instanceof ApiError && (e.problem as { rows?: ServerRow[] }).rows) || [];
      setServerRows(rows);
      const noDryRun = dryRun && e instanceof ApiError && e.problem.errors?.some((p) => p.field === 'dryRun');
      setError(
        noDryRun
          ? new ApiError({
              status: 400,
              code: 'app:no-dry-run',
              detail:
                'Server ini belum bisa memeriksa tanpa mencatat. Pratinjau di bawah sudah diperiksa di peramban; server memeriksa lagi saat dicatat, dan tidak mencatat apa pun bila ada baris yang salah.',
            })
          : e,
      );
    } finally {
      setBusy(null);
    }
  };

  if (done)
    return (
      <Page title="Impor daftar arsip">
        <Done>
          <p>
            {done.imported} arsip tercatat.
            {done.transfer && (
              <>
                {' '}
                Transfer{' '}
                <a href={`/transfer/${encodeURIComponent(done.transfer.transferId)}`}>
                  {done.transfer.baNumber}
                </a>{' '}
                dibuat.
              </>
            )}
          </p>
        </Done>
        <ul class="items">
          {done.itemIds.map((id) => (
            <li key={id}>
              <a href={`/i/${encodeURIComponent(id)}`}>{id}</a>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => (setDone(null), setText(''))}>
          Impor daftar lain
        </button>
      </Page>
    );

  return (
    <Page title="Impor daftar arsip">
      <div class="card">
        <div class="field">
          <label for="file">Berkas daftar arsip (CSV)</label>
          <input
            id="file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (file) setText(await readCsv(file));
            }}
          />
        </div>
        <div class="field">
          <label for="csv">Isi daftar arsip (bisa diperbaiki di sini)</label>
          <textarea
            id="csv"
            rows={8}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
          <small class="hint">
            Baris pertama: judul kolom (Kode Klasifikasi; Uraian Informasi; Kurun Waktu; …).
          </small>
        </div>
        {me.role === 'admin' && (
          <Field
            id="originUnitId"
            label="Unit pengolah (kode)"
            value={originUnitId}
            onValue={setOriginUnitId}
          />
        )}
        <details>
          <summary>Sekalian buat transfer (opsional)</summary>
          <Field id="transferBaNumber" label="Nomor berita acara" value={baNumber} onValue={setBaNumber} />
          <Field id="transferToId" label="Tujuan (kode depo)" value={toId} onValue={setToId} />
        </details>
      </div>
      {!preview && (
        <p class="empty">
          Pilih berkas CSV atau tempel isinya. Pratinjau muncul di sini sebelum apa pun dicatat.
        </p>
      )}
      {preview && (
        <div class="card">
          <h2>Pratinjau</h2>
          <p data-testid="preview-summary">
            {preview.rows.length} baris, {flagged === 0 ? 'tidak ada masalah' : `${flagged} baris bermasalah`}
            .
          </p>
          {preview.missingColumns.length > 0 && (
            <p class="note note-error" role="alert">
              Kolom wajib tidak ada:{' '}
              {preview.missingColumns
                .map((c) => (c === 'title' ? 'Uraian Informasi' : 'Kode Klasifikasi'))
                .join(', ')}
              .
            </p>
          )}
          {flagged > 0 && (
            <ul class="problems" data-testid="preview-problems">
              {preview.rows
                .filter((r) => r.problems.length > 0)
                .map((r) => (
                  <li key={r.line}>
                    Baris {r.line}: {r.problems.join('; ')}
                  </li>
                ))}
            </ul>
          )}
          <div class="table-wrap" tabIndex={0} aria-label="Pratinjau baris">
            <table>
              <thead>
                <tr>
                  <th scope="col">Baris</th>
                  <th scope="col">Masalah</th>
                  {preview.headers.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} class={row.problems.length ? 'bad' : undefined}>
                    <td>{row.line}</td>
                    <td>{row.problems.join('; ') || 'OK'}</td>
                    {preview.headers.map((h) => (
                      <td key={h}>{row.cells[h]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
      {serverRows.length > 0 && (
        <div class="note note-error" data-testid="server-rows">
          <p>Baris yang ditolak server (tidak ada yang dicatat):</p>
          <ul>
            {serverRows.map((r) => (
              <li key={r.row}>
                Baris {r.row}: {r.errors.map((e) => `${e.column}: ${e.message}`).join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {checked && <Done>{checked}</Done>}
      {busy && <Busy label={busy} />}
      <div class="actions">
        <button type="button" class="secondary" disabled={!preview || !!busy} onClick={() => void send(true)}>
          Periksa di server
        </button>
        <button type="button" disabled={blocked || !!busy} onClick={() => void send(false)}>
          Catat {preview?.rows.length ?? 0} arsip
        </button>
      </div>
      {flagged > 0 && (
        <p class="hint">
          Perbaiki baris yang bermasalah di kotak isi di atas; pratinjau diperbarui langsung.
        </p>
      )}
    </Page>
  );
}
