import { useState } from 'preact/hooks';
import { ApiError, enc, post, query, request } from '../api';
import { DownloadButton } from '../download-button';
import { Busy, Done, Empty, ErrorNote, Field, MoreButton, Page, Select, usePaged } from '../ui';
import { ROLE_WORDS } from '../words';

interface Person {
  id: string;
  name: string;
  jabatan?: string | null;
  unitId?: string | null;
  role: string;
  active: boolean;
}

/** Admin: the people directory (GET/POST/PATCH /api/people) and a one-time sign-in code per person. */
export function PeopleScreen() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = usePaged<Person>(`/api/people${query({ q: search, limit: 25 })}`, 'people');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [jabatan, setJabatan] = useState('');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState('officer');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [code, setCode] = useState<{ personId: string; signInCode: string; expiresAt: string } | null>(null);

  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const add = (event: Event) => {
    event.preventDefault();
    const body: Record<string, string> = { id: id.trim(), name: name.trim(), role };
    if (jabatan.trim()) body.jabatan = jabatan.trim();
    if (unitId.trim()) body.unitId = unitId.trim();
    void act(() => post('/api/people', body), `${name} ditambahkan.`).then(() => (setId(''), setName('')));
  };

  return (
    <Page title="Orang">
      <form
        class="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <Field id="peopleQ" label="Cari nama atau NIP" value={q} onValue={setQ} type="search" />
        <button type="submit">Cari</button>
      </form>
      <ErrorNote error={error} />
      {done && <Done>{done}</Done>}
      {code && (
        <Done>
          <p>Kode masuk sekali pakai untuk {code.personId} (hanya ditampilkan sekali):</p>
          <p class="release-code" data-testid="sign-in-code">
            {code.signInCode}
          </p>
        </Done>
      )}
      <ErrorNote
        error={
          list.error instanceof ApiError && list.error.problem.status === 404
            ? new ApiError({
                status: 404,
                code: 'app:no-people',
                detail:
                  'Direktori orang belum tersedia di server ini. Sementara itu, buat token per orang di menu Token.',
              })
            : list.error
        }
      />
      {!list.loading && list.items.length === 0 && !list.error && (
        <Empty>Belum ada orang yang cocok. Tambahkan orang di bawah.</Empty>
      )}
      <ul class="items" data-testid="people-list">
        {list.items.map((p) => (
          <li key={p.id} class="item-row">
            <strong>{p.name}</strong>
            <span class="meta">
              {p.id} · {ROLE_WORDS[p.role] ?? p.role}
              {p.jabatan && ` · ${p.jabatan}`}
              {p.unitId && ` · ${p.unitId}`} · {p.active ? 'aktif' : 'nonaktif'}
            </span>
            <div class="actions">
              {p.role === 'courier' && p.active && (
                <DownloadButton path={`/api/people/${enc(p.id)}/badge.pdf`} filename={`kartu-${p.id}.pdf`}>
                  Cetak kartu
                </DownloadButton>
              )}
              {p.active ? (
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void act(
                      () => request('PATCH', `/api/people/${enc(p.id)}`, { body: { active: false } }),
                      `${p.name} dinonaktifkan: semua token dan sesinya berhenti.`,
                    )
                  }
                >
                  Nonaktifkan
                </button>
              ) : (
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void act(
                      () => request('PATCH', `/api/people/${enc(p.id)}`, { body: { active: true } }),
                      `${p.name} diaktifkan lagi.`,
                    )
                  }
                >
                  Aktifkan
                </button>
              )}
              {p.active && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void act(
                      async () => setCode(await post(`/api/people/${enc(p.id)}/sign-in-code`)),
                      `Kode masuk untuk ${p.name} dibuat.`,
                    )
                  }
                >
                  Buat kode masuk
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {list.loading && <Busy />}
      <MoreButton more={list.more} loading={list.loading} />
      <form class="card" onSubmit={add}>
        <h2>Orang baru</h2>
        <Field id="personNip" label="NIP / Nomor pegawai" value={id} onValue={setId} required />
        <Field id="personName" label="Nama" value={name} onValue={setName} required />
        <Field id="personJabatan" label="Jabatan" value={jabatan} onValue={setJabatan} />
        <Select
          id="personRole"
          label="Peran"
          value={role}
          onValue={setRole}
          options={Object.entries(ROLE_WORDS) as [string, string][]}
        />
        <Field id="personUnit" label="Unit (kode)" value={unitId} onValue={setUnitId} />
        <button type="submit">Tambah orang</button>
      </form>
    </Page>
  );
}
