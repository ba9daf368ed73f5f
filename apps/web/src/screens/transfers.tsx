import { useState } from 'preact/hooks';
import { enc, get, post } from '../api';
import { navigate } from '../router';
import type { Me } from '../session';
import { Busy, Done, Empty, ErrorNote, Field, Page, Place, useLoad } from '../ui';
import { EVENT_WORDS, OUTCOME_WORDS, STATUS_WORDS, when, word } from '../words';
import { lineTitle, storageText } from './item';
import { DownloadButton } from '../download-button';
import { ReleaseCodeButton } from '../release-code';

export interface TransferView {
  transferId: string;
  baNumber: string;
  fromId: string;
  toId: string;
  status: string;
  locationId: string | null;
  custodianId: string;
  since: string;
  /** Who carries which files not yet taken in: more than one part once a courier handed some on. */
  carriers?: { custodianId: string; stage: 'collected' | 'in_transit' | 'arrived'; itemIds: string[] }[];
  items: {
    itemId: string;
    title: string | null;
    shortCode?: string | null;
    restricted?: boolean;
    status: string | null;
    storage: { room: string; shelf?: string; box?: string } | null;
    intake: { outcome: string; note?: string } | null;
  }[];
  events: { eventId: string; type: string; occurredAt: string; actor: { id: string } }[];
}

const REMEMBERED = 'jejak.transfers';
/** Transfers this browser made or opened, newest first (the API has no list of transfers yet). */
export const rememberedTransfers = (): string[] => JSON.parse(localStorage.getItem(REMEMBERED) ?? '[]');
export function rememberTransfer(id: string): void {
  const list = [id, ...rememberedTransfers().filter((t) => t !== id)].slice(0, 30);
  localStorage.setItem(REMEMBERED, JSON.stringify(list));
}

/** Officer: a new transfer from my unit (a BA number and the manifest), or open one by its number. */
export function TransfersScreen({ me }: { me: Me }) {
  const [baNumber, setBaNumber] = useState('');
  const [fromId, setFromId] = useState(me.unitId ?? '');
  const [toId, setToId] = useState('depo-arsip-bekasi');
  const [itemIds, setItemIds] = useState('');
  const [open, setOpen] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const canCreate = me.role === 'officer' || me.role === 'depot' || me.role === 'admin';
  const remembered = rememberedTransfers();

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ids = itemIds
        .split(/[\s,;]+/)
        .map((s) => s.trim().replace(/^.*\/i\//, ''))
        .filter(Boolean);
      const created = await post<{ transferId: string }>('/api/transfers', {
        baNumber,
        fromId,
        toId,
        itemIds: ids,
      });
      rememberTransfer(created.transferId);
      navigate(`/transfer/${enc(created.transferId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Page title="Transfer">
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (open.trim()) navigate(`/transfer/${enc(open.trim())}`);
        }}
      >
        <Field id="openTransfer" label="Buka transfer (nomor transfer)" value={open} onValue={setOpen} />
        <button type="submit">Buka</button>
      </form>
      {remembered.length > 0 ? (
        <ul class="items">
          {remembered.map((id) => (
            <li key={id}>
              <a href={`/transfer/${enc(id)}`}>{id}</a>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>Belum ada transfer dari perangkat ini. Buat transfer baru di bawah.</Empty>
      )}
      {canCreate && (
        <form class="card" onSubmit={create}>
          <h2>Transfer baru</h2>
          <Field
            id="baNumber"
            label="Nomor berita acara"
            hint="Contoh: BA-012/ARS/2026"
            value={baNumber}
            onValue={setBaNumber}
            required
          />
          <Field id="fromId" label="Asal (kode unit)" value={fromId} onValue={setFromId} required />
          <Field id="toId" label="Tujuan (kode depo atau unit)" value={toId} onValue={setToId} required />
          <div class="field">
            <label for="itemIds">ID arsip (satu per baris, atau pindai labelnya)</label>
            <textarea
              id="itemIds"
              rows={4}
              value={itemIds}
              onInput={(e) => setItemIds((e.target as HTMLTextAreaElement).value)}
            />
          </div>
          <ErrorNote error={error} />
          <button type="submit" disabled={busy}>
            {busy ? 'Membuat…' : 'Buat transfer'}
          </button>
        </form>
      )}
    </Page>
  );
}

/** One transfer: its manifest, each item's state and intake result, its events and its berita acara. */
export function TransferScreen({ me, transferId }: { me: Me; transferId: string }) {
  const view = useLoad(() => get<TransferView>(`/api/transfers/${enc(transferId)}`), [transferId]);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (view.loading && !view.data) return <Busy />;
  if (view.error)
    return (
      <Page title="Transfer">
        <ErrorNote error={view.error} />
      </Page>
    );
  const t = view.data!;
  rememberTransfer(t.transferId);
  const cancel = async () => {
    setError(null);
    try {
      await post(`/api/transfers/${enc(t.transferId)}/events`, { type: 'cancelled' });
      setMessage('Transfer dibatalkan.');
      view.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Page title={`Transfer ${t.baNumber}`}>
      <div class="card">
        <dl>
          <dt>Nomor transfer</dt>
          <dd data-testid="transfer-id">{t.transferId}</dd>
          <dt>Status</dt>
          <dd data-testid="transfer-status">{word(STATUS_WORDS, t.status)}</dd>
          <dt>Dari</dt>
          <dd>
            <Place id={t.fromId} />
          </dd>
          <dt>Ke</dt>
          <dd>
            <Place id={t.toId} />
          </dd>
          <dt>Dipegang oleh</dt>
          <dd>
            <Place id={t.custodianId} /> sejak {when(t.since)}
          </dd>
          {(t.carriers?.length ?? 0) > 1 && (
            <>
              <dt>Dibawa terpisah</dt>
              <dd data-testid="transfer-carriers">
                {t.carriers!.map((part) => (
                  <div key={`${part.custodianId}-${part.stage}`}>
                    <Place id={part.custodianId} />: {part.itemIds.length} arsip (
                    {word(STATUS_WORDS, part.stage)})
                  </div>
                ))}
              </dd>
            </>
          )}
        </dl>
        <div class="actions">
          <DownloadButton
            path={`/api/transfers/${enc(t.transferId)}/report.pdf`}
            filename={`berita-acara-${t.transferId}.pdf`}
          >
            Berita acara (PDF)
          </DownloadButton>
          {me.role === 'depot' && t.status === 'arrived' && (
            <a class="button" href={`/depo/terima/${enc(t.transferId)}`}>
              Mulai penerimaan
            </a>
          )}
          {(me.role === 'officer' || me.role === 'admin') && t.status === 'open' && (
            <button type="button" class="secondary" onClick={() => void cancel()}>
              Batalkan transfer
            </button>
          )}
          {(me.role === 'officer' || me.role === 'depot') &&
            t.status === 'open' &&
            me.unitId === t.fromId && <ReleaseCodeButton placeId={t.fromId} />}
          {me.role === 'courier' && (
            <a class="button" href="/tas">
              Ke tas saya
            </a>
          )}
        </div>
        {message && <Done>{message}</Done>}
        <ErrorNote error={error} />
      </div>
      <h2>Daftar arsip ({t.items.length})</h2>
      <ul class="items">
        {t.items.map((item) => (
          <li key={item.itemId} class="item-row">
            <a href={`/i/${enc(item.itemId)}`}>{lineTitle(item)}</a>
            <span class="meta">
              {word(STATUS_WORDS, item.status)}
              {item.intake && ` · ${word(OUTCOME_WORDS, item.intake.outcome)}`}
              {item.storage && ` · ${storageText(item.storage)}`}
            </span>
          </li>
        ))}
      </ul>
      <h2>Riwayat transfer</h2>
      <ol class="timeline">
        {t.events.map((e) => (
          <li key={e.eventId}>
            <strong>{word(EVENT_WORDS, e.type)}</strong> <span class="when">{when(e.occurredAt)}</span>{' '}
            <span class="by">oleh {e.actor.id}</span>
          </li>
        ))}
      </ol>
    </Page>
  );
}
