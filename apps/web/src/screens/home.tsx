import type { Me } from '../session';
import { Busy, Empty, ErrorNote, Page, useLoad } from '../ui';
import { get, query } from '../api';
import { BagScreen } from './bag';
import { DepotScreen } from './depot';
import { ReplayScreen } from './replay';
import { TokensScreen } from './admin-tokens';
import type { ItemView } from './item';
import { ItemList } from './item-list';
import { ReceiveLetterButton, receivableBy } from './receive-letter';
import { useAutoRefresh } from '../auto-refresh';

/** The home screen by role (web-app.md): each role starts where its work is. */
export function HomeScreen({ me }: { me: Me }) {
  if (me.role === 'courier') return <BagScreen me={me} />;
  if (me.role === 'depot') return <DepotScreen me={me} />;
  if (me.role === 'auditor') return <ReplayScreen />;
  if (me.role === 'admin') return <TokensScreen />;
  return <OfficerHome me={me} />;
}

function OfficerHome({ me }: { me: Me }) {
  const pending = useLoad(() => get<{ items: ItemView[] }>('/api/watch/pending-handovers?limit=20'), []);
  const transit = useLoad(() => get<{ items: ItemView[] }>('/api/watch/in-transit?limit=20'), []);
  const arrived = useLoad(
    () =>
      me.unitId
        ? get<{ items: ItemView[] }>(
            `/api/items${query({ status: 'arrived', locationId: me.unitId, limit: 50 })}`,
          )
        : Promise.resolve({ items: [] }),
    [me.unitId],
  );
  useAutoRefresh(() => {
    pending.reload();
    transit.reload();
    arrived.reload();
  });
  const letters = (arrived.data?.items ?? []).filter((item) => receivableBy(me, item));
  return (
    <Page title="Beranda petugas arsip">
      <div class="actions">
        <a class="button" href="/cari">
          Cari arsip
        </a>
        <a class="button secondary" href="/daftar">
          Daftarkan arsip
        </a>
        <a class="button secondary" href="/impor">
          Impor daftar arsip
        </a>
        <a class="button secondary" href="/inventaris">
          Inventaris, serahkan ke kurir, cetak label
        </a>
        <a class="button secondary" href="/transfer">
          Transfer
        </a>
      </div>
      <h2>Surat tiba di unit ini</h2>
      <WatchList
        load={{ ...arrived, data: arrived.data && { items: letters } }}
        empty="Tidak ada surat yang menunggu diterima."
        actions={(item) => <ReceiveLetterButton me={me} item={item} onDone={arrived.reload} />}
      />
      <h2>Serah terima menunggu jawaban</h2>
      <WatchList load={pending} empty="Tidak ada serah terima yang menunggu." />
      <h2>Lama dalam perjalanan (lebih dari 24 jam)</h2>
      <WatchList load={transit} empty="Tidak ada arsip yang terlalu lama di jalan." />
    </Page>
  );
}

function WatchList({
  load,
  empty,
  actions,
}: {
  load: { data?: { items: ItemView[] }; error?: unknown; loading: boolean };
  empty: string;
  actions?: (item: ItemView) => preact.JSX.Element;
}) {
  // A refresh keeps the list on screen until the new answer comes.
  if (load.loading && !load.data) return <Busy />;
  if (load.error) return <ErrorNote error={load.error} />;
  if (!load.data?.items.length) return <Empty>{empty}</Empty>;
  return <ItemList items={load.data.items} actions={actions} />;
}
