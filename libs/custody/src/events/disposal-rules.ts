import type { Disposition, ItemDescription } from '../item';
import { retentionEndsAt, retentionHasEnded } from '../retention';

/**
 * Why an item may not leave the depot for good with `wanted` (musnah: destroyed; permanen: to the
 * static archive) at `at`; null when it may. Its disposition must be that one: a `dinilai_kembali`
 * file is re-appraised first; and its retention must have ended (no schedule or no year: never).
 */
export function endOfRetentionProblem(
  description: ItemDescription,
  wanted: Extract<Disposition, 'musnah' | 'permanen'>,
  at: string,
): string | null {
  const disposition = description.retention?.disposition;
  if (disposition === undefined) return 'its retention (JRA) is not recorded, so its retention has not ended';
  if (disposition === 'dinilai_kembali') {
    return "its retention disposition is 'dinilai_kembali': it must be re-appraised (reappraised) first";
  }
  if (disposition !== wanted) {
    return wanted === 'musnah'
      ? "its retention disposition is 'permanen': a permanent record goes to the static archive (transferred_static), it is never destroyed"
      : `its retention disposition is '${disposition}', not 'permanen'`;
  }
  const endsAt = retentionEndsAt(description);
  if (endsAt === null) return 'its year is not recorded, so its retention has not ended';
  if (!retentionHasEnded(description, at)) return `its retention ends at ${endsAt}`;
  return null;
}
