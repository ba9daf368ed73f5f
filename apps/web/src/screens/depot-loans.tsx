import { useState } from 'preact/hooks';
import { enc, get, post, query } from '../api';
import { useAutoRefresh } from '../auto-refresh';
import { DownloadButton } from '../download-button';
import { findItem } from '../find-item';
import type { Me } from '../session';
import { Busy, Done, Empty, ErrorNote, Field, MoreButton, Page, Place, useLoad, usePaged } from '../ui';
import { when } from '../words';
import { titleOf, type ItemView } from './item';

interface Loan {
  borrowerUnitId: string;
  borrowerName: string;
  lentAt: string;
  dueAt: string;
}
type LoanView = ItemView & { loan?: Loan | null };

/** A due date typed as a day: the end of that working day in Bekasi (WIB, UTC+7). */
export const dueAtOf = (day: string): string => new Date(`${day}T16:00:00+07:00`).toISOString();

/** Peminjaman: lend a deposited file, take it back, extend a loan; the overdue loans by borrower unit. */
export function DepotLoansScreen({ me }: { me: Me }) {
  const depot = me.unitId ?? '';
  const onLoan = usePaged<LoanView>(`/api/items${query({ status: 'on_loan', limit: 25 })}`, 'items');
  const overdue = useLoad(
    () =>
      get<{ items: LoanView[]; byBorrowerUnit: { borrowerUnitId: string; count: number }[] }>(
        '/api/watch/overdue-loans?limit=100',
      ),
    [],
  );
  const refresh = () => {
    onLoan.reload();
    overdue.reload();
  };
  useAutoRefresh(refresh);
  const mine = (items: LoanView[]) =>
    items.filter((item) => !depot || !item.depotId || item.depotId === depot);
  const late = mine(overdue.data?.items ?? []);
  const lateIds = new Set(late.map((item) => item.itemId));
  return (
    <Page title="Peminjaman">
      <LendForm onDone={refresh} />
      <h2>Sedang dipinjam</h2>
      <ErrorNote error={onLoan.error} />
      {!onLoan.loading && mine(onLoan.items).length === 0 && !onLoan.error && (
        <Empty>Tidak ada arsip yang sedang dipinjam. Pinjamkan arsip lewat formulir di atas.</Empty>
      )}
      <ul class="items" data-testid="loans">
        {mine(onLoan.items).map((item) => (
          <LoanRow key={item.itemId} item={item} overdue={lateIds.has(item.itemId)} onDone={refresh} />
        ))}
      </ul>
      {onLoan.loading && <Busy />}
      <MoreButton more={onLoan.more} loading={onLoan.loading} />
      <h2>Pinjaman lewat tempo</h2>
      <ErrorNote error={overdue.error} />
      {overdue.loading && !overdue.data && <Busy />}
      {overdue.data && late.length === 0 && <Empty>Tidak ada pinjaman yang lewat tempo.</Empty>}
      {late.length > 0 && (
        <ul class="items" data-testid="overdue">
          {(overdue.data?.byBorrowerUnit ?? [])
            .filter((group) => late.some((item) => item.loan?.borrowerUnitId === group.borrowerUnitId))
            .map((group) => (
              <li key={group.borrowerUnitId} class="item-row">
                <strong>
                  <Place id={group.borrowerUnitId} />
                </strong>
                <ul class="sub-items">
                  {late
                    .filter((item) => item.loan?.borrowerUnitId === group.borrowerUnitId)
                    .map((item) => (
                      <li key={item.itemId}>
                        <a href={`/i/${enc(item.itemId)}`}>{titleOf(item)}</a> — {item.loan?.borrowerName},
                        seharusnya kembali {when(item.loan?.dueAt)}
                      </li>
                    ))}
                </ul>
              </li>
            ))}
        </ul>
      )}
    </Page>
  );
}

function LendForm({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [unit, setUnit] = useState('');
  const [name, setName] = useState('');
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const item = await findItem(code);
      await post(`/api/items/${enc(item.itemId)}/events`, {
        type: 'lent',
        borrowerUnitId: unit.trim(),
        borrowerName: name.trim(),
        dueAt: dueAtOf(day),
      });
      setMessage(`${titleOf(item)} dipinjamkan kepada ${name.trim()} sampai ${when(dueAtOf(day))}.`);
      setCode('');
      setName('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="lend-title">
      <h2 id="lend-title">Pinjamkan arsip</h2>
      <Field
        id="lendItem"
        label="Arsip (pindai label, ID atau kode)"
        value={code}
        onValue={setCode}
        required
      />
      <Field
        id="lendUnit"
        label="Unit peminjam (kode)"
        hint="Contoh: kec-cikarang-utara"
        value={unit}
        onValue={setUnit}
        required
      />
      <Field id="lendName" label="Nama peminjam" value={name} onValue={setName} required />
      <Field id="lendDue" label="Kembali paling lambat" type="date" value={day} onValue={setDay} required />
      <ErrorNote error={error} />
      {message && <Done>{message}</Done>}
      <button type="submit" disabled={busy}>
        {busy ? 'Mencatat…' : 'Pinjamkan'}
      </button>
    </form>
  );
}

function LoanRow({ item, overdue, onDone }: { item: LoanView; overdue: boolean; onDone: () => void }) {
  const [extending, setExtending] = useState(false);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const record = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/items/${enc(item.itemId)}/events`, body);
      setExtending(false);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="item-row" data-testid={`loan-${item.itemId}`}>
      <a href={`/i/${enc(item.itemId)}`}>
        <strong>{titleOf(item)}</strong>
      </a>
      <span class="meta">
        {item.shortCode ?? item.itemId} · {item.loan?.borrowerName} (<Place id={item.loan?.borrowerUnitId} />)
        · kembali {when(item.loan?.dueAt)}
        {overdue && <strong class="late"> · lewat tempo</strong>}
      </span>
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void record({ type: 'returned' })}>
          Dikembalikan
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => setExtending(!extending)}>
          Perpanjang
        </button>
        <DownloadButton
          path={`/api/items/${enc(item.itemId)}/loan.pdf`}
          filename={`peminjaman-${item.itemId}.pdf`}
        >
          Berita acara peminjaman (PDF)
        </DownloadButton>
      </div>
      {extending && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void record({ type: 'loan_extended', dueAt: dueAtOf(day), reason: reason.trim() });
          }}
        >
          <Field
            id={`extendDue-${item.itemId}`}
            label="Kembali paling lambat (baru)"
            type="date"
            value={day}
            onValue={setDay}
            required
          />
          <Field
            id={`extendReason-${item.itemId}`}
            label="Alasan perpanjangan"
            value={reason}
            onValue={setReason}
            required
          />
          <button type="submit" disabled={busy}>
            Simpan perpanjangan
          </button>
        </form>
      )}
      <ErrorNote error={error} />
    </li>
  );
}
