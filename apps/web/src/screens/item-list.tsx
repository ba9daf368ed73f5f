import { enc } from '../api';
import { Place } from '../ui';
import { STATUS_WORDS, when, word } from '../words';
import { titleOf, type ItemView } from './item';

/** A list of items, each linking to its page; the same on every screen that lists items. */
export function ItemList({
  items,
  actions,
}: {
  items: ItemView[];
  actions?: (item: ItemView) => preact.JSX.Element;
}) {
  return (
    <ul class="items" data-testid="item-list">
      {items.map((item) => (
        <li key={item.itemId} class="item-row">
          <a href={`/i/${enc(item.itemId)}`}>
            <strong>{titleOf(item)}</strong>
          </a>
          <span class="meta">
            {item.shortCode ?? item.itemId} · {word(STATUS_WORDS, item.status)} ·{' '}
            {item.locationId ? <Place id={item.locationId} /> : 'dibawa kurir'} · sejak {when(item.since)}
          </span>
          {actions?.(item)}
        </li>
      ))}
    </ul>
  );
}
