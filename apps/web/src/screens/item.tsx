import { get, enc } from '../api';
import type { Me } from '../session';
import { Busy, Empty, ErrorNote, MoreButton, Page, Place, useLoad, usePaged } from '../ui';
import { EVENT_WORDS, STATUS_WORDS, when, word } from '../words';
import { PendingHandover, type PendingHandoverView } from './pending-handover';
import { ReceiveLetterButton, receivableBy } from './receive-letter';
import { ReasonedEventButton } from './reasoned-event-button';

export interface ItemView {
  itemId: string;
  shortCode?: string;
  kind: 'file' | 'letter';
  title?: string;
  restricted?: boolean;
  classificationCode?: string;
  securityClass?: string;
  originUnitId?: string;
  year?: number;
  status: string;
  locationId: string | null;
  custodianId: string;
  since: string;
  destinationId?: string | null;
  addresseeUnitId?: string | null;
  depotId?: string | null;
  pendingHandover?: PendingHandoverView | null;
  storage?: { room: string; shelf?: string; box?: string } | null;
  revision: number;
}

export interface TrailEntry {
  eventId: string;
  type: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; unitId: string | null };
  correlationId?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

export const storageText = (s: ItemView['storage']): string =>
  s
    ? [s.room && `Ruang ${s.room}`, s.shelf && `Rak ${s.shelf}`, s.box && `Boks ${s.box}`]
        .filter(Boolean)
        .join(' · ')
    : '—';

/** What stands for a title the service withholds (a `terbatas` item this person may not read). */
export const RESTRICTED_TITLE = 'Dibatasi';

export const titleOf = (item: { title?: string | null; restricted?: boolean }): string =>
  item.restricted ? RESTRICTED_TITLE : (item.title ?? '—');

/** A manifest line's name: its title, "Dibatasi", or (not known yet) its code or id. */
export const lineTitle = (item: {
  itemId: string;
  title?: string | null;
  shortCode?: string | null;
  restricted?: boolean;
}): string => (item.restricted ? RESTRICTED_TITLE : (item.title ?? item.shortCode ?? item.itemId));

/** The item page (/i/<id>, what a label's QR opens): where it is now, who holds it, and its trail. */
export function ItemScreen({ me, itemId }: { me: Me; itemId: string }) {
  const item = useLoad(() => get<ItemView>(`/api/items/${enc(itemId)}`), [itemId]);
  const trail = usePaged<TrailEntry>(`/api/items/${enc(itemId)}/history?limit=50`, 'events');
  // What was just recorded shows in both: where the item is now, and its timeline.
  const reload = () => {
    item.reload();
    trail.reload();
  };

  if (item.loading && !item.data) return <Busy />;
  if (item.error)
    return (
      <Page title="Arsip">
        <ErrorNote error={item.error} />
        <p>
          <a href="/cari">Cari arsip lain</a>
        </p>
      </Page>
    );
  const view = item.data!;
  return (
    <Page title={titleOf(view)}>
      <p class="meta">
        {view.shortCode && <strong class="code">{view.shortCode}</strong>}{' '}
        {view.kind === 'letter' ? 'Surat dinas' : 'Berkas arsip'}
        {view.classificationCode && ` · ${view.classificationCode}`}
        {view.year && ` · ${view.year}`}
      </p>
      {view.restricted && (
        <p class="note note-warn" data-testid="item-restricted">
          Arsip terbatas: uraian, catatan dan data surat hanya untuk unit pengolah, unit tujuan surat,
          pemegang saat ini, depo yang menyimpan atau menerimanya, auditor dan admin.
        </p>
      )}
      <div class="card where" aria-labelledby="where">
        <h2 id="where">Di mana arsip ini?</h2>
        <dl>
          <dt>Status</dt>
          <dd data-testid="item-status">{word(STATUS_WORDS, view.status)}</dd>
          <dt>Tempat</dt>
          <dd>
            {view.locationId ? (
              <Place id={view.locationId} />
            ) : view.destinationId ? (
              <>
                Menuju <Place id={view.destinationId} />
              </>
            ) : (
              'Sedang dibawa kurir'
            )}
          </dd>
          <dt>Dipegang oleh</dt>
          <dd data-testid="item-custodian">
            <Place id={view.custodianId} />
          </dd>
          <dt>Sejak</dt>
          <dd>{when(view.since)}</dd>
          {view.storage && (
            <>
              <dt>Tempat simpan</dt>
              <dd>{storageText(view.storage)}</dd>
            </>
          )}
          {view.pendingHandover && (
            <PendingHandover me={me} itemId={view.itemId} pending={view.pendingHandover} onDone={reload} />
          )}
        </dl>
        <div class="actions">
          <button type="button" class="secondary" onClick={reload}>
            Muat ulang
          </button>
          {receivableBy(me, view) && <ReceiveLetterButton me={me} item={view} onDone={reload} />}
          {me.role === 'officer' && view.status === 'registered' && (
            <VoidButton itemId={view.itemId} onDone={reload} />
          )}
          {(me.role === 'auditor' || me.role === 'admin') && (
            <a class="button secondary" href={`/audit/${enc(view.itemId)}`}>
              Telusuri ulang
            </a>
          )}
        </div>
      </div>
      <h2>Riwayat</h2>
      <ErrorNote error={trail.error} />
      {trail.items.length === 0 && !trail.loading && !trail.error && <Empty>Belum ada riwayat.</Empty>}
      <Timeline events={trail.items} />
      {trail.loading && <Busy />}
      <MoreButton more={trail.more} loading={trail.loading} />
    </Page>
  );
}

export function Timeline({ events, upTo }: { events: TrailEntry[]; upTo?: number }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.eventId} class={upTo !== undefined && event.revision > upTo ? 'later' : undefined}>
          <strong>{word(EVENT_WORDS, event.type)}</strong>
          {upTo !== undefined && event.revision > upTo && (
            <span class="when">(sesudah saat yang dipilih)</span>
          )}
          <span class="when">{when(event.occurredAt)}</span>
          <span class="by">
            oleh {event.actor.id}
            {event.actor.unitId && (
              <>
                {' '}
                (<Place id={event.actor.unitId} />)
              </>
            )}
          </span>
          {event.note && <span class="note-text">Catatan: {event.note}</span>}
          {typeof event.data?.reason === 'string' && (
            <span class="note-text">Alasan: {event.data.reason}</span>
          )}
          <Acknowledged data={event.data} />
        </li>
      ))}
    </ol>
  );
}

const ACKNOWLEDGEMENT_WORDS: Record<string, string> = {
  account: 'dengan akun',
  code: 'dengan kode serah',
  signature: 'dengan tanda tangan',
};

/** Who gave, and how the other party acknowledged it (domain.md "Two-party custody"). */
function Acknowledged({ data }: { data: TrailEntry['data'] }) {
  const ack = data?.acknowledgement as { method?: string; byId?: string | null; name?: string } | undefined;
  if (!ack?.method) return null;
  const who = ack.name ?? ack.byId;
  const from = typeof data?.fromCustodianId === 'string' ? data.fromCustodianId : null;
  return (
    <span class="note-text" data-testid="acknowledgement">
      {from && <>Dari {from}; </>}
      Pengakuan {ACKNOWLEDGEMENT_WORDS[ack.method] ?? ack.method}
      {who ? ` (${who})` : ''}
    </span>
  );
}

/** Dibatalkan: an item registered by mistake, withdrawn by its unit before it ever left, with a reason. */
function VoidButton({ itemId, onDone }: { itemId: string; onDone: () => void }) {
  return (
    <ReasonedEventButton
      itemId={itemId}
      type="voided"
      openLabel="Batalkan pendaftaran"
      fieldId="voidReason"
      fieldLabel="Alasan pembatalan"
      submitLabel="Batalkan"
      onDone={onDone}
    />
  );
}
