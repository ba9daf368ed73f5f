import { useEffect, useState } from 'preact/hooks';
import { ApiError, enc, get, post, query } from '../api';
import { send } from '../outbox';
import { OutboxStatus } from '../outbox-status';
import { groupByTransfer, handoverOf, type Group } from '../custody-groups';
import type { Me } from '../session';
import { SignaturePad } from '../signature-pad';
import { Busy, Done, Empty, ErrorNote, Field, MoreButton, Page, usePaged } from '../ui';
import type { ItemView } from './item';
import { ItemList } from './item-list';
import { BadgeScan } from '../scan/badge-scan';
import { useAutoRefresh } from '../auto-refresh';
import { DispatchButton } from './bag-dispatch';
import { ChooseBox, useChosen } from './item-picker';

type Step =
  'dispatched' | 'arrived' | 'handover_offered' | 'handover_accepted' | 'handover_declined' | 'delivered';

const STEP_WORDS: Record<Step, string> = {
  dispatched: 'Kirim',
  arrived: 'Tiba',
  handover_offered: 'Serahkan ke rekan',
  handover_accepted: 'Terima serah terima',
  handover_declined: 'Tolak serah terima',
  delivered: 'Diserahkan ke penerima',
};

/**
 * Records one step on a whole consignment (its transfer) or on each loose item, through the outbox:
 * without signal it waits on the phone and is sent, once, when the phone is online again.
 */
async function record(group: Group, step: Step, extra: Record<string, unknown>): Promise<'sent' | 'queued'> {
  const body = { type: step, ...extra };
  const label = `${STEP_WORDS[step]} (${group.transferId ? `kiriman ${group.transferId}` : `${group.items.length} arsip`})`;
  if (group.transferId) return send(`/api/transfers/${enc(group.transferId)}/events`, body, label);
  let outcome: 'sent' | 'queued' = 'sent';
  for (const item of group.items) {
    // A letter travels to its addressee unit: that is where it is dispatched to.
    const toAddressee = step === 'dispatched' && item.kind === 'letter' && item.addresseeUnitId;
    const itemBody = toAddressee ? { ...body, destinationId: item.addresseeUnitId } : body;
    if ((await send(`/api/items/${enc(item.itemId)}/events`, itemBody, label)) === 'queued')
      outcome = 'queued';
  }
  return outcome;
}

/** Tas saya: what I hold now, what is offered to me, and collecting a consignment. */
export function BagScreen({ me }: { me: Me }) {
  const bag = usePaged<ItemView>(`/api/items${query({ custodianId: me.id, limit: 25 })}`, 'items');
  const offers = usePaged<ItemView>('/api/watch/pending-handovers?limit=100', 'items');
  const kept = `jejak.bag.${me.id}`;
  // What the bag held when the server last answered: shown (and acted on) when there is no signal.
  const [groups, setGroups] = useState<Group[] | null>(() =>
    JSON.parse(localStorage.getItem(kept) ?? 'null'),
  );
  const [offered, setOffered] = useState<Group[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (bag.loading || bag.error) return;
    void groupByTransfer(bag.items).then((fresh) => {
      setGroups(fresh);
      localStorage.setItem(kept, JSON.stringify(fresh));
    });
  }, [bag.items, bag.loading, bag.error, kept]);
  const offline = bag.error instanceof ApiError && bag.error.problem.code === 'network';
  const held = groups?.reduce((sum, g) => sum + g.items.length, 0) ?? 0;
  useEffect(() => {
    const mine = offers.items.filter((item) => item.pendingHandover?.toCustodianId === me.id);
    void groupByTransfer(mine).then(setOffered);
  }, [offers.items, me.id]);

  // Refreshes itself: a release or a colleague's offer shows up without a tap.
  useAutoRefresh(() => {
    bag.reload();
    offers.reload();
  });
  // Some of a group can be chosen (hand two of five to a colleague); none chosen means all. A
  // consignment's part goes to a colleague as a partial handover of the transfer; it then leaves
  // and arrives with whoever carries it, so Kirim and Tiba always concern all of it I carry.
  const pick = useChosen();
  const chosenOf = (group: Group): Group => {
    const some = group.items.filter((item) => pick.has(item.itemId));
    return some.length > 0 ? { ...group, items: some } : group;
  };
  const part = (group: Group): Group => (group.transferId ? group : chosenOf(group));
  const offer = (group: Group, toCustodianId: string) => {
    const handover = handoverOf(group, (itemId) => pick.has(itemId), toCustodianId);
    void act(handover.group, 'handover_offered', handover.body);
  };

  const act = async (group: Group, step: Step, extra: Record<string, unknown> = {}) => {
    setBusy(`${STEP_WORDS[step]}: ${group.items.length} arsip…`);
    setError(null);
    setMessage(null);
    try {
      const outcome = await record(group, step, extra);
      setMessage(
        outcome === 'sent'
          ? `${STEP_WORDS[step]}: tercatat untuk ${group.items.length} arsip.`
          : `${STEP_WORDS[step]}: disimpan di ponsel, dikirim otomatis saat ada sinyal.`,
      );
      pick.clear();
      if (outcome === 'sent') {
        bag.reload();
        offers.reload();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title="Tas saya">
      <p class="summary" data-testid="bag-count">
        {offline
          ? `${held} arsip di tas Anda (terakhir diketahui)`
          : bag.loading && !groups
            ? 'Memuat isi tas…'
            : `${held}${bag.more ? '+' : ''} arsip di tas Anda`}
      </p>
      <OutboxStatus
        onSynced={() => {
          bag.reload();
          offers.reload();
        }}
      />
      <Collect onDone={(text) => (setMessage(text), bag.reload())} />
      {message && <Done>{message}</Done>}
      <ErrorNote error={error} />
      {busy && <Busy label={busy} />}
      {offered && offered.length > 0 && (
        <>
          <h2>Ditawarkan kepada Anda</h2>
          {offered.map((group) => (
            <GroupCard key={group.transferId ?? 'lepas'} group={group}>
              <button type="button" disabled={!!busy} onClick={() => void act(group, 'handover_accepted')}>
                Terima
              </button>
              <DeclineButton
                disabled={!!busy}
                onDecline={(reason) => void act(group, 'handover_declined', { reason })}
              />
            </GroupCard>
          ))}
        </>
      )}
      <h2>Yang saya bawa</h2>
      {!offline && <ErrorNote error={bag.error} />}
      {!bag.loading && held === 0 && !bag.error && (
        <Empty>
          Tas Anda kosong. Ambil kiriman di unit pengolah: ketik nomor transfer di atas, lalu tekan Ambil.
        </Empty>
      )}
      {groups?.map((group) => (
        <GroupCard key={group.transferId ?? 'lepas'} group={group} pick={pick}>
          <DispatchButton
            group={part(group)}
            disabled={!!busy}
            onDispatch={(to) => void act(part(group), 'dispatched', to ? { destinationId: to } : {})}
          />
          <button type="button" disabled={!!busy} onClick={() => void act(part(group), 'arrived')}>
            Tiba
          </button>
          <HandOver disabled={!!busy} me={me} onOffer={(to) => offer(group, to)} />
          {!group.transferId && group.items.every((item) => item.kind === 'letter') && (
            <Deliver
              disabled={!!busy}
              onDeliver={(acknowledgement) => void act(group, 'delivered', { acknowledgement })}
            />
          )}
        </GroupCard>
      ))}
      <MoreButton more={bag.more} loading={bag.loading} />
    </Page>
  );
}

function GroupCard({
  group,
  pick,
  children,
}: {
  group: Group;
  pick?: ReturnType<typeof useChosen>;
  children: preact.ComponentChildren;
}) {
  const chosen = pick ? group.items.filter((item) => pick.has(item.itemId)).length : 0;
  return (
    <div class="card group" data-testid="bag-group">
      <h3>
        {group.transferId ? (
          <>
            Kiriman <a href={`/transfer/${enc(group.transferId)}`}>{group.transferId}</a>
          </>
        ) : (
          'Arsip lepas'
        )}{' '}
        · {group.items.length} arsip
      </h3>
      <ItemList
        items={group.items}
        actions={
          pick && group.items.length > 1
            ? (item) => (
                <ChooseBox
                  item={item}
                  checked={pick.has(item.itemId)}
                  onToggle={() => pick.toggle(item.itemId)}
                />
              )
            : undefined
        }
      />
      {pick && group.items.length > 1 && (
        <p class="hint" data-testid="bag-chosen">
          {chosen > 0
            ? group.transferId
              ? `Untuk ${chosen} arsip yang dipilih: serahkan ke rekan (Kirim dan Tiba berlaku untuk semua arsip kiriman ini di tas Anda).`
              : `Untuk ${chosen} arsip yang dipilih:`
            : 'Untuk semua arsip di kelompok ini:'}
        </p>
      )}
      <div class="actions">{children}</div>
    </div>
  );
}

function Collect({ onDone }: { onDone: (text: string) => void }) {
  const [transferId, setTransferId] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Read the fields themselves: a scanner's Enter can come before the last keystroke's render.
      const form = new FormData(event.target as HTMLFormElement);
      const typed = String(form.get('collectTransferId') ?? transferId).trim();
      const release = String(form.get('releaseCode') ?? code).trim();
      // The holder's release: the kode serah their screen shows (nothing is collected without it).
      const body = { type: 'collected', acknowledgement: { method: 'code', code: release } };
      // A scanned label (<base>/i/<itemId>) collects that one item; anything else names a transfer.
      const label = /\/i\/([^/?#\s]+)/.exec(typed);
      if (label) {
        await post(`/api/items/${enc(decodeURIComponent(label[1]))}/events`, body);
        onDone(`Arsip ${decodeURIComponent(label[1])} diambil dan masuk tas.`);
      } else {
        const id = typed.replace(/^.*\/transfer\//, '');
        const answer = await post<{ itemIds: string[] }>(`/api/transfers/${enc(id)}/events`, body);
        onDone(`Kiriman ${id} diambil: ${answer.itemIds.length} arsip masuk tas.`);
      }
      setTransferId('');
      setCode('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>Ambil kiriman</h2>
      <Field
        id="collectTransferId"
        label="Nomor transfer"
        hint="Atau pindai label arsip untuk mengambil satu arsip."
        value={transferId}
        onValue={setTransferId}
        required
      />
      <Field
        id="releaseCode"
        label="Kode serah dari petugas"
        hint="Minta petugas unit atau depo menampilkan kode serah di layarnya."
        value={code}
        onValue={(value) => setCode(value.toUpperCase())}
        autoCapitalize="characters"
        autoComplete="off"
        spellcheck={false}
        required
      />
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Mencatat…' : 'Ambil'}
      </button>
    </form>
  );
}

interface Person {
  id: string;
  name: string;
}

function HandOver({ me, disabled, onOffer }: { me: Me; disabled: boolean; onOffer: (to: string) => void }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!open) return;
    // The people directory, when the service has it: colleagues to pick from.
    get<{ people: Person[] }>('/api/people?role=courier').then(
      (answer) => setPeople(answer.people.filter((p) => p.id !== me.id)),
      () => setPeople([]),
    );
  }, [open, me.id]);
  if (!open)
    return (
      <button type="button" class="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        Serahkan ke rekan
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (to.trim()) onOffer(to.trim());
        setOpen(false);
      }}
    >
      <Field
        id="handoverTo"
        label="Nomor pegawai rekan kurir"
        value={to}
        onValue={setTo}
        list="colleagues"
        required
      />
      <BadgeScan me={me} onPerson={setTo} />
      <datalist id="colleagues">
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </datalist>
      <button type="submit">Tawarkan</button>
    </form>
  );
}

function DeclineButton({ disabled, onDecline }: { disabled: boolean; onDecline: (reason: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" class="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        Tolak
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onDecline(reason);
        setOpen(false);
      }}
    >
      <Field id="declineReason" label="Alasan menolak" value={reason} onValue={setReason} required />
      <button type="submit">Tolak</button>
    </form>
  );
}

type DeliveryAcknowledgement =
  { method: 'code'; code: string } | { method: 'signature'; name: string; nip?: string; signature: string };

/**
 * Diserahkan ke penerima: a letter handed to its addressee unit, acknowledged by the receiver:
 * the kode serah their screen shows, or (without an account) their name, NIP and a signature.
 */
function Deliver({
  disabled,
  onDeliver,
}: {
  disabled: boolean;
  onDeliver: (acknowledgement: DeliveryAcknowledgement) => void;
}) {
  const [open, setOpen] = useState(false);
  const [how, setHow] = useState<'code' | 'signature'>('code');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nip, setNip] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  if (!open)
    return (
      <button type="button" class="secondary" disabled={disabled} onClick={() => setOpen(true)}>
        Serahkan ke penerima
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (how === 'signature' && !signature) {
          setMissing(true);
          return;
        }
        onDeliver(
          how === 'code'
            ? { method: 'code', code: code.trim() }
            : {
                method: 'signature',
                name: name.trim(),
                ...(nip.trim() ? { nip: nip.trim() } : {}),
                signature: signature!,
              },
        );
        setOpen(false);
      }}
    >
      <fieldset>
        <legend>Pengakuan penerima</legend>
        <label>
          <input type="radio" name="deliverHow" checked={how === 'code'} onChange={() => setHow('code')} />{' '}
          Dengan kode serah
        </label>
        <label>
          <input
            type="radio"
            name="deliverHow"
            checked={how === 'signature'}
            onChange={() => setHow('signature')}
          />{' '}
          Dengan tanda tangan
        </label>
      </fieldset>
      {how === 'code' ? (
        <Field
          id="deliverCode"
          label="Kode serah dari unit tujuan"
          value={code}
          onValue={(value) => setCode(value.toUpperCase())}
          autoCapitalize="characters"
          autoComplete="off"
          spellcheck={false}
          required
        />
      ) : (
        <>
          <Field
            id="receivedBy"
            label="Nama penerima di unit tujuan"
            value={name}
            onValue={setName}
            required
          />
          <Field
            id="receiverNip"
            label="NIP penerima (bila ada)"
            value={nip}
            onValue={setNip}
            inputMode="numeric"
          />
          <SignaturePad
            id="receiverSignature"
            label="Tanda tangan penerima"
            onSigned={(dataUrl) => (setSignature(dataUrl), setMissing(false))}
          />
          {missing && (
            <p class="error" role="alert">
              Minta penerima menandatangani dulu.
            </p>
          )}
        </>
      )}
      <button type="submit">Catat tanda terima</button>
    </form>
  );
}
