import { useEffect, useState } from 'preact/hooks';
import type { Group } from '../custody-groups';
import { places, Select } from '../ui';

/** Where a loose file can be carried to: a depot or a sorting point of the directory. */
const DESTINATION_TYPES = ['depot', 'sorting_point'];

/** Whether every item already knows where it goes (a consignment, a letter, a file with a destination). */
const knowsWhere = (group: Group): boolean =>
  group.transferId !== null ||
  group.items.every((item) => (item.kind === 'letter' && item.addresseeUnitId) || item.destinationId);

/**
 * Kirim: a consignment or a letter goes where it is addressed at once; loose files with no
 * destination yet ask for one first (a depot or sorting point), since `dispatched` needs it.
 */
export function DispatchButton({
  group,
  disabled,
  onDispatch,
}: {
  group: Group;
  disabled: boolean;
  onDispatch: (destinationId: string | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [options, setOptions] = useState<[string, string][]>([]);
  useEffect(() => {
    if (!open) return;
    void places().then((map) =>
      setOptions(
        [...map.values()]
          .filter((place) => DESTINATION_TYPES.includes(place.type))
          .map((place): [string, string] => [place.id, place.name]),
      ),
    );
  }, [open]);
  if (knowsWhere(group))
    return (
      <button type="button" disabled={disabled} onClick={() => onDispatch(null)}>
        Kirim
      </button>
    );
  if (!open)
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        Kirim
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!to) return;
        onDispatch(to);
        setOpen(false);
      }}
    >
      <Select
        id="dispatchTo"
        label="Tujuan pengiriman"
        value={to}
        onValue={setTo}
        options={[['', '— pilih depo atau titik pilah —'], ...options]}
      />
      <button type="submit" disabled={!to}>
        Kirim ke tujuan
      </button>
    </form>
  );
}
