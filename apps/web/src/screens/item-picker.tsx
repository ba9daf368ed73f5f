import { useState } from 'preact/hooks';
import { titleOf, type ItemView } from './item';

/** Which items of a list are chosen, for an action on several at once (release, labels, hand over). */
export function useChosen() {
  const [chosen, setChosen] = useState<string[]>([]);
  return {
    chosen,
    has: (itemId: string) => chosen.includes(itemId),
    toggle: (itemId: string) =>
      setChosen((old) => (old.includes(itemId) ? old.filter((id) => id !== itemId) : [...old, itemId])),
    set: setChosen,
    clear: () => setChosen([]),
  };
}

/** A row's check box, big enough to tap, named after the item it chooses. */
export function ChooseBox({
  item,
  checked,
  onToggle,
}: {
  item: ItemView;
  checked: boolean;
  onToggle: () => void;
}) {
  const id = `pilih-${item.itemId}`;
  return (
    <label class="choose" for={id}>
      <input id={id} type="checkbox" checked={checked} onChange={onToggle} />
      <span>Pilih {item.shortCode ?? titleOf(item)}</span>
    </label>
  );
}
