import { useState } from 'preact/hooks';
import { post } from '../api';
import { navigate } from '../router';
import type { Me } from '../session';
import { ErrorNote, Field, Page, Select } from '../ui';

interface Registered {
  itemId: string;
  position: string;
}

/** Daftarkan berkas atau surat: the fields of a daftar arsip row; the server checks them again. */
export function RegisterScreen({ me }: { me: Me }) {
  const [kind, setKind] = useState('file');
  const [title, setTitle] = useState('');
  const [classificationCode, setCode] = useState('');
  const [securityClass, setSecurity] = useState('biasa');
  const [originUnitId, setOrigin] = useState(me.unitId ?? '');
  const [addresseeUnitId, setAddressee] = useState('');
  const [year, setYear] = useState('');
  const [activeYears, setActive] = useState('');
  const [inactiveYears, setInactive] = useState('');
  const [disposition, setDisposition] = useState('musnah');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { kind, title, classificationCode, securityClass, originUnitId };
    if (kind === 'letter') body.addresseeUnitId = addresseeUnitId;
    if (year) body.year = Number(year);
    if (activeYears || inactiveYears)
      body.retention = {
        activeYears: Number(activeYears),
        inactiveYears: Number(inactiveYears),
        disposition,
      };
    try {
      const created = await post<Registered>('/api/items', body);
      navigate(`/i/${encodeURIComponent(created.itemId)}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Page title="Daftarkan arsip">
      <form onSubmit={submit} class="card">
        <Select
          id="kind"
          label="Jenis"
          value={kind}
          onValue={setKind}
          options={[
            ['file', 'Berkas arsip'],
            ['letter', 'Surat dinas'],
          ]}
        />
        <Field id="title" label="Uraian informasi" value={title} onValue={setTitle} required />
        <Field
          id="classificationCode"
          label="Kode klasifikasi"
          hint="Contoh: 000.2.3"
          value={classificationCode}
          onValue={setCode}
          required
        />
        <Select
          id="securityClass"
          label="Klasifikasi keamanan"
          value={securityClass}
          onValue={setSecurity}
          options={[
            ['biasa', 'Biasa'],
            ['terbatas', 'Terbatas'],
          ]}
        />
        <Field
          id="originUnitId"
          label="Unit pengolah (kode)"
          value={originUnitId}
          onValue={setOrigin}
          readOnly={me.role === 'officer'}
          required
        />
        {kind === 'letter' && (
          <Field
            id="addresseeUnitId"
            label="Unit tujuan surat (kode)"
            value={addresseeUnitId}
            onValue={setAddressee}
            required
          />
        )}
        <Field id="year" label="Tahun" inputMode="numeric" value={year} onValue={setYear} />
        <fieldset>
          <legend>Retensi (JRA), bila diketahui</legend>
          <Field
            id="activeYears"
            label="Aktif (tahun)"
            inputMode="numeric"
            value={activeYears}
            onValue={setActive}
          />
          <Field
            id="inactiveYears"
            label="Inaktif (tahun)"
            inputMode="numeric"
            value={inactiveYears}
            onValue={setInactive}
          />
          <Select
            id="disposition"
            label="Nasib akhir"
            value={disposition}
            onValue={setDisposition}
            options={[
              ['musnah', 'Musnah'],
              ['permanen', 'Permanen'],
              ['dinilai_kembali', 'Dinilai kembali'],
            ]}
          />
        </fieldset>
        <p class="hint">Arsip rahasia dan sangat rahasia tidak dicatat di Jejak.</p>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Menyimpan…' : 'Daftarkan'}
        </button>
      </form>
    </Page>
  );
}
