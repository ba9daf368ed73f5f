import { useState } from 'preact/hooks';
import { get, post, query } from '../api';
import {
  Busy,
  Done,
  Empty,
  ErrorNote,
  Field,
  Page,
  Select,
  forgetPlaces,
  useLoad,
  type PlaceInfo,
} from '../ui';

const TYPE_WORDS: Record<string, string> = {
  dinas: 'Dinas / perangkat daerah',
  kecamatan: 'Kecamatan',
  desa: 'Desa / kelurahan',
  depot: 'Depo arsip',
  sorting_point: 'Titik pemilahan',
};
const PAGE = 30;

/** Admin: the directory of places (the Bekasi seed and any added), searchable, and a new place. */
export function PlacesScreen() {
  const [type, setType] = useState('');
  const list = useLoad(() => get<{ locations: PlaceInfo[] }>(`/api/locations${query({ type })}`), [type]);
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [newType, setNewType] = useState('depot');
  const [parentId, setParentId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    try {
      const body: Record<string, string> = { id: id.trim(), name: name.trim(), type: newType };
      if (parentId.trim()) body.parentId = parentId.trim();
      await post('/api/locations', body);
      forgetPlaces();
      setDone(`Tempat “${name}” ditambahkan.`);
      setId('');
      setName('');
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const needle = filter.trim().toLowerCase();
  const all = (list.data?.locations ?? []).filter(
    (p) => !needle || p.name.toLowerCase().includes(needle) || p.id.toLowerCase().includes(needle),
  );
  return (
    <Page title="Tempat dan unit">
      <div class="card">
        <Select
          id="placeType"
          label="Jenis"
          value={type}
          onValue={(v) => (setType(v), setShown(PAGE))}
          options={[['', 'Semua'], ...(Object.entries(TYPE_WORDS) as [string, string][])]}
        />
        <Field
          id="placeFilter"
          label="Saring nama atau kode"
          value={filter}
          onValue={(v) => (setFilter(v), setShown(PAGE))}
        />
      </div>
      {list.loading && <Busy />}
      <ErrorNote error={list.error} />
      <p>{all.length} tempat</p>
      {!list.loading && all.length === 0 && (
        <Empty>Tidak ada tempat yang cocok. Ubah saringan, atau tambah tempat di bawah.</Empty>
      )}
      <ul class="items" data-testid="place-list">
        {all.slice(0, shown).map((p) => (
          <li key={p.id} class="item-row">
            <strong>{p.name}</strong>
            <span class="meta">
              {TYPE_WORDS[p.type] ?? p.type} · {p.id}
            </span>
          </li>
        ))}
      </ul>
      {all.length > shown && (
        <button type="button" class="secondary" onClick={() => setShown(shown + PAGE)}>
          Muat lebih banyak
        </button>
      )}
      <form class="card" onSubmit={create}>
        <h2>Tempat baru</h2>
        <Field
          id="placeId"
          label="Kode"
          hint="Huruf kecil dan tanda hubung, mis. depo-arsip-cabang"
          value={id}
          onValue={setId}
          required
        />
        <Field id="placeName" label="Nama" value={name} onValue={setName} required />
        <Select
          id="newPlaceType"
          label="Jenis"
          value={newType}
          onValue={setNewType}
          options={Object.entries(TYPE_WORDS) as [string, string][]}
        />
        <Field id="placeParent" label="Induk (kode, opsional)" value={parentId} onValue={setParentId} />
        <ErrorNote error={error} />
        {done && <Done>{done}</Done>}
        <button type="submit">Tambah tempat</button>
      </form>
    </Page>
  );
}
