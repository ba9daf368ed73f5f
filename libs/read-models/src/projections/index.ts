export * from './covered-years';
export * from './item-view.projection';
export * from './search-text';
export * from './trail-entry.projection';
export * from './watch-lists';
export * from './transfer-summary.projection';
