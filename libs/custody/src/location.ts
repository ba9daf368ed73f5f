export const LOCATION_TYPES = ['dinas', 'kecamatan', 'desa', 'depot', 'sorting_point'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export interface LocationInfo {
  id: string;
  name: string;
  type: LocationType;
  parentId: string | null;
  /** False once an admin deactivated it: nothing new is sent there (absent means in use). */
  active?: boolean;
}

/** The domain asks the directory only this; the caller supplies it (a pure lookup, no I/O). */
export type LocationLookup = (id: string) => LocationInfo | undefined;
