/** Drops undefined members so stored events and hashes hold only what was said. */
export const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** A nested body object as plain JSON: the DTO class instance must not reach events or hashes. */
export const plain = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
