import { useState } from 'preact/hooks';
import { enc, get, post, request } from '../api';
import { Busy, Done, Empty, ErrorNote, Field, Page, Select, useLoad } from '../ui';
import { ROLE_WORDS, when } from '../words';

interface TokenRecord {
  id: string;
  name: string;
  principalId: string;
  role: string;
  unitId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface Created extends TokenRecord {
  token: string;
}

const PAGE = 20;

/** Admin: tokens for people and integrations; a new token is shown once, a revoked one stops at once. */
export function TokensScreen() {
  const list = useLoad(() => get<{ tokens: TokenRecord[] }>('/api/tokens'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState('officer');
  const [unitId, setUnitId] = useState('');
  const [principalId, setPrincipalId] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(PAGE);

  const create = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const body: Record<string, string> = { name, role };
      if (unitId.trim()) body.unitId = unitId.trim();
      if (principalId.trim()) body.principalId = principalId.trim();
      setCreated(await post<Created>('/api/tokens', body));
      setName('');
      setPrincipalId('');
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await request('DELETE', `/api/tokens/${enc(id)}`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const tokens = (list.data?.tokens ?? []).slice().reverse();
  return (
    <Page title="Token akses">
      <form class="card" onSubmit={create}>
        <h2>Token baru</h2>
        <Field id="tokenName" label="Nama (orang atau aplikasi)" value={name} onValue={setName} required />
        <Select
          id="tokenRole"
          label="Peran"
          value={role}
          onValue={setRole}
          options={Object.entries(ROLE_WORDS) as [string, string][]}
        />
        <Field
          id="tokenUnit"
          label="Unit (kode)"
          hint="Wajib untuk petugas arsip dan petugas depo."
          value={unitId}
          onValue={setUnitId}
        />
        <Field
          id="tokenPrincipal"
          label="NIP / Nomor pegawai (opsional)"
          value={principalId}
          onValue={setPrincipalId}
        />
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Membuat…' : 'Buat token'}
        </button>
      </form>
      {created && (
        <Done>
          <p>
            Token untuk <strong>{created.name}</strong> ({ROLE_WORDS[created.role] ?? created.role}). Salin
            sekarang: token ini hanya ditampilkan sekali.
          </p>
          <p class="secret" data-testid="new-token">
            {created.token}
          </p>
        </Done>
      )}
      <h2>Token yang ada</h2>
      {list.loading && <Busy />}
      <ErrorNote error={list.error} />
      {!list.loading && tokens.length === 0 && <Empty>Belum ada token. Buat token pertama di atas.</Empty>}
      <ul class="items" data-testid="token-list">
        {tokens.slice(0, shown).map((t) => (
          <li key={t.id} class="item-row">
            <strong>{t.name}</strong>
            <span class="meta">
              {ROLE_WORDS[t.role] ?? t.role} · {t.principalId}
              {t.unitId && ` · ${t.unitId}`} · dibuat {when(t.createdAt)}
              {t.revokedAt
                ? ` · dicabut ${when(t.revokedAt)}`
                : t.lastUsedAt
                  ? ` · terakhir dipakai ${when(t.lastUsedAt)}`
                  : ''}
            </span>
            {!t.revokedAt && (
              <button type="button" class="secondary" onClick={() => void revoke(t.id)}>
                Cabut
              </button>
            )}
          </li>
        ))}
      </ul>
      {tokens.length > shown && (
        <button type="button" class="secondary" onClick={() => setShown(shown + PAGE)}>
          Muat lebih banyak
        </button>
      )}
    </Page>
  );
}
