import { useState } from 'preact/hooks';
import { ApiError, enc } from '../api';
import { send } from '../outbox';
import { OutboxStatus } from '../outbox-status';
import { explain } from '../messages';
import { CameraScanner, ScanVerdict, type ScanAnswer } from '../scan/camera-scanner';
import { BadgeScan } from '../scan/badge-scan';
import { loadManifest, knownItem, type Manifest } from '../scan/manifest';
import { ManifestField } from '../scan/manifest-field';
import { parseScan } from '../scan/scan-code';
import { WedgeInput } from '../scan/wedge-input';
import type { Group } from '../custody-groups';
import type { Me } from '../session';
import { Field, Page } from '../ui';

type Mode = 'collected' | 'dispatched' | 'arrived' | 'handover_offered';

const MODE_WORDS: Record<Mode, string> = {
  collected: 'Ambil',
  dispatched: 'Kirim',
  arrived: 'Tiba',
  handover_offered: 'Serahkan ke rekan',
};

interface Session {
  mode: Mode;
  releaseCode: string;
  destinationId: string;
  toCustodianId: string;
  /** Ambil or Tiba against a consignment: each file is checked against its manifest. */
  manifest: Manifest | null;
  /** What was scanned in this session, per step, in scan order. */
  scanned: Record<Mode, string[]>;
}

/** The steps taken against a consignment's manifest (recorded on the transfer once all are scanned). */
const AGAINST_MANIFEST: Mode[] = ['collected', 'arrived'];

const fresh = (): Session => ({
  mode: 'collected',
  releaseCode: '',
  destinationId: '',
  toCustodianId: '',
  manifest: null,
  scanned: { collected: [], dispatched: [], arrived: [], handover_offered: [] },
});

/** What the bag held when the server last answered (kept by Tas saya), as item ids. */
function lastKnownBag(me: Me): Set<string> {
  const groups = JSON.parse(localStorage.getItem(`jejak.bag.${me.id}`) ?? '[]') as Group[] | null;
  return new Set((groups ?? []).flatMap((g) => g.items.map((item) => item.itemId)));
}

/**
 * Pindai (courier): a scan session. Choose the step, then scan label after label with the camera
 * (or type the code and Enter); each accepted scan goes into the outbox at once with the scan's time
 * as occurredAt, so it is recorded the same with or without signal. Collecting many at once: the
 * release code first, then the items. Kirim, Tiba and Serahkan take only what is in the bag (as
 * last known, plus what was collected in this session).
 */
export function ScanSessionScreen({ me }: { me: Me }) {
  const kept = `jejak.scan.${me.id}`;
  const [answer, setAnswer] = useState<ScanAnswer | null>(null);
  const [session, setSession] = useState<Session>(() => ({
    ...fresh(),
    ...(JSON.parse(localStorage.getItem(kept) ?? 'null') as Partial<Session> | null),
  }));
  const save = (next: Session) => {
    localStorage.setItem(kept, JSON.stringify(next));
    setSession(next);
  };
  // The handler runs between renders (a scan every few hundred ms): it reads the latest saved session.
  const current = (): Session => ({
    ...fresh(),
    ...(JSON.parse(localStorage.getItem(kept) ?? 'null') ?? {}),
  });

  const onCode = async (text: string): Promise<ScanAnswer> => {
    const takenAt = new Date();
    const s = current();
    const code = parseScan(text);
    if (code.kind === 'release-code') {
      if (s.mode !== 'collected')
        return { verdict: 'unknown', text: 'Kode serah dipakai untuk Ambil: pilih Ambil dulu.' };
      save({ ...s, releaseCode: code.code });
      return { verdict: 'accepted', text: `Kode serah ${code.code} dipakai untuk arsip berikutnya.` };
    }
    if (code.kind === 'transfer' && AGAINST_MANIFEST.includes(s.mode)) return openManifest(code.id);
    if (code.kind !== 'item')
      return { verdict: 'unknown', text: `“${text.slice(0, 60)}” bukan label arsip Jejak.` };
    const id = code.id;
    if (s.scanned[s.mode].includes(id))
      return { verdict: 'duplicate', text: `${id} sudah dipindai untuk ${MODE_WORDS[s.mode]}.` };
    if (s.manifest && AGAINST_MANIFEST.includes(s.mode))
      return checkAgainstManifest(s, s.manifest, id, takenAt);
    // Nothing is taken that nobody released: the holder's kode serah comes first (a consignment
    // checked against its manifest asks for it when the step is recorded).
    if (s.mode === 'collected' && !s.releaseCode.trim())
      return { verdict: 'refused', text: `${id}: pindai atau ketik dulu kode serah dari petugas.` };
    if (s.mode !== 'collected' && !lastKnownBag(me).has(id) && !s.scanned.collected.includes(id))
      return { verdict: 'not-in-manifest', text: `${id} tidak ada di tas Anda.` };
    const body: Record<string, unknown> = { type: s.mode };
    if (s.mode === 'collected') body.acknowledgement = { method: 'code', code: s.releaseCode.trim() };
    if (s.mode === 'dispatched' && s.destinationId.trim()) body.destinationId = s.destinationId.trim();
    if (s.mode === 'handover_offered') body.toCustodianId = s.toCustodianId.trim();
    const label = `${MODE_WORDS[s.mode]} ${id}`;
    // Counted as scanned before the answer: a second scan while it is on its way is a duplicate.
    save({ ...s, scanned: { ...s.scanned, [s.mode]: [...s.scanned[s.mode], id] } });
    try {
      const outcome = await send(`/api/items/${enc(id)}/events`, body, label, takenAt);
      return {
        verdict: 'accepted',
        text: outcome === 'sent' ? `${id}: tercatat.` : `${id}: disimpan di ponsel, dikirim saat ada sinyal.`,
      };
    } catch (error) {
      const after = current();
      save({
        ...after,
        scanned: { ...after.scanned, [s.mode]: after.scanned[s.mode].filter((x) => x !== id) },
      });
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.code === 'not-found')
        return { verdict: 'unknown', text: `${id}: tidak dikenal di Jejak.` };
      return {
        verdict: 'refused',
        text: `${id}: ditolak server. ${problem ? explain(problem) : 'Muat ulang halaman.'}`,
      };
    }
  };

  /** Ambil or Tiba against this transfer: its manifest is loaded (and kept for use without signal). */
  const openManifest = async (transferId: string): Promise<ScanAnswer> => {
    const manifest = await loadManifest(transferId);
    if (typeof manifest === 'string') return { verdict: 'unknown', text: manifest };
    const s = current();
    save({ ...s, manifest, scanned: { ...s.scanned, collected: [], arrived: [] } });
    return {
      verdict: 'accepted',
      text: `Kiriman ${manifest.baNumber}: ${manifest.itemIds.length} arsip di manifes. Pindai tiap arsip.`,
    };
  };

  /**
   * A file scanned against the manifest: ticked when listed, named when not (or when Jejak does not
   * know it); once every listed file is scanned, the step is recorded on the whole consignment.
   */
  const checkAgainstManifest = async (
    s: Session,
    manifest: Manifest,
    id: string,
    takenAt: Date,
  ): Promise<ScanAnswer> => {
    if (!manifest.itemIds.includes(id)) {
      if (!(await knownItem(id))) return { verdict: 'unknown', text: `${id}: kode tidak dikenal di Jejak.` };
      return { verdict: 'not-in-manifest', text: `${id}: tidak ada di manifes ini (${manifest.baNumber}).` };
    }
    const scanned = [...s.scanned[s.mode], id];
    save({ ...s, scanned: { ...s.scanned, [s.mode]: scanned } });
    const left = manifest.itemIds.filter((item) => !scanned.includes(item)).length;
    if (left > 0)
      return {
        verdict: 'accepted',
        text: `${id}: ada di manifes (${scanned.length} dari ${manifest.itemIds.length}).`,
      };
    const body: Record<string, unknown> = { type: s.mode };
    if (s.mode === 'collected' && s.releaseCode)
      body.acknowledgement = { method: 'code', code: s.releaseCode };
    const label = `${MODE_WORDS[s.mode]} kiriman ${manifest.baNumber}`;
    try {
      const outcome = await send(`/api/transfers/${enc(manifest.transferId)}/events`, body, label, takenAt);
      return {
        verdict: 'accepted',
        text: `${id}: semua ${manifest.itemIds.length} arsip di manifes dipindai. ${label}: ${outcome === 'sent' ? 'tercatat' : 'disimpan di ponsel, dikirim saat ada sinyal'}.`,
      };
    } catch (error) {
      const after = current();
      save({ ...after, scanned: { ...after.scanned, [s.mode]: scanned.filter((x) => x !== id) } });
      const problem = error instanceof ApiError ? error.problem : null;
      return {
        verdict: 'refused',
        text: `${label}: ditolak server. ${problem ? explain(problem) : 'Muat ulang halaman.'}`,
      };
    }
  };

  const count = session.scanned[session.mode].length;
  const manifest = AGAINST_MANIFEST.includes(session.mode) ? session.manifest : null;
  const notYet = manifest ? manifest.itemIds.filter((id) => !session.scanned[session.mode].includes(id)) : [];
  const needsColleague = session.mode === 'handover_offered' && !session.toCustodianId.trim();
  return (
    <Page title="Pindai">
      <OutboxStatus />
      <div class="card">
        <fieldset class="modes">
          <legend>Langkah yang dicatat untuk tiap arsip yang dipindai</legend>
          {(Object.keys(MODE_WORDS) as Mode[]).map((mode) => (
            <label key={mode} class="mode">
              <input
                type="radio"
                name="mode"
                value={mode}
                checked={session.mode === mode}
                onChange={() => save({ ...current(), mode })}
              />
              {MODE_WORDS[mode]}
            </label>
          ))}
        </fieldset>
        {session.mode === 'collected' && (
          <Field
            id="scanReleaseCode"
            label="Kode serah dari petugas (pindai atau ketik dulu)"
            value={session.releaseCode}
            onValue={(releaseCode) => save({ ...current(), releaseCode })}
            autoComplete="off"
          />
        )}
        {AGAINST_MANIFEST.includes(session.mode) && (
          <ManifestField
            manifest={session.manifest}
            onOpen={openManifest}
            onAnswer={setAnswer}
            onClear={() => save({ ...current(), manifest: null })}
          />
        )}
        {session.mode === 'dispatched' && (
          <Field
            id="scanDestination"
            label="Tujuan (ID tempat; kosong: tujuan yang sudah tercatat)"
            value={session.destinationId}
            onValue={(destinationId) => save({ ...current(), destinationId })}
            autoComplete="off"
          />
        )}
        {session.mode === 'handover_offered' && (
          <Field
            id="scanColleague"
            label="Nomor pegawai rekan kurir"
            value={session.toCustodianId}
            onValue={(toCustodianId) => save({ ...current(), toCustodianId })}
            autoComplete="off"
          />
        )}
        {session.mode === 'handover_offered' && !session.toCustodianId.trim() && (
          <BadgeScan me={me} onPerson={(toCustodianId) => save({ ...current(), toCustodianId })} />
        )}
      </div>
      {needsColleague ? (
        <p class="hint">Isi nomor pegawai rekan dulu, lalu pindai arsip yang diserahkan.</p>
      ) : (
        <div class="card">
          <CameraScanner onCode={onCode} onAnswer={setAnswer} />
          {/* Right under the camera: the answer is read at arm's length while holding the label. */}
          <ScanVerdict answer={answer} />
          <WedgeInput
            id="scanTyped"
            label="Atau ketik kode label, lalu Enter"
            onCode={onCode}
            onAnswer={setAnswer}
          />
        </div>
      )}
      <p data-testid="scan-count">
        {MODE_WORDS[session.mode]}: {count} arsip dipindai di sesi ini
        {manifest ? `, ${notYet.length} dari ${manifest.itemIds.length} di manifes belum` : ''}.
      </p>
      <button
        type="button"
        class="secondary"
        onClick={() => save({ ...fresh(), mode: current().mode })}
        disabled={Object.values(session.scanned).every((list) => list.length === 0)}
      >
        Mulai sesi baru
      </button>
    </Page>
  );
}
