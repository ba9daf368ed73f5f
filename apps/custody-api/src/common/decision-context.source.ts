import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  DEFAULT_HANDOVER_TTL_HOURS,
  validateOccurredAt,
  type Actor,
  type DecisionContext,
  type PartyLookup,
} from '@jejak/custody';
import type { Checked } from '@jejak/event-store';
import { LocationStore, PeopleStore, partyLookupOf } from '@jejak/directory';

/**
 * What every command handler hands the domain from outside the stream: the checked time and the
 * directory's lookups (places, parties; release codes are gathered per command, see
 * AcknowledgementEvidence). One place, so items, transfers and disposals decide against the same world.
 */
@Injectable()
export class DecisionContextSource {
  private readonly parties: PartyLookup;
  private readonly handoverTtlHours: number;

  constructor(
    @Inject(LocationStore) private readonly locations: LocationStore,
    @Inject(PeopleStore) private readonly people: PeopleStore,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.parties = partyLookupOf(people, locations);
    this.handoverTtlHours = config?.handoverTtlHours ?? DEFAULT_HANDOVER_TTL_HOURS;
  }

  /**
   * The pipeline's context step. Stored times are UTC with milliseconds, so an offline scan sent
   * as +07:00 sorts with the rest. The domain looks people and places up synchronously, in the
   * copy the stores keep in memory: it is brought up to date first (with MongoDB one small read,
   * so a change made on another replica counts; with SQLite nothing to do).
   */
  async contextFor(
    actor: Actor,
    occurredAt: string | undefined,
    /** What the caller read for this command alone (the item route: the transfer it travels with). */
    own: Pick<DecisionContext, 'travellingWith'> = {},
  ): Promise<(now: string) => Checked<DecisionContext>> {
    await Promise.all([this.locations.refresh(), this.people.refresh()]);
    return (now) => {
      const when = validateOccurredAt(occurredAt, now);
      if (!when.ok) return when;
      const value: DecisionContext = {
        actor,
        now,
        occurredAt: when.value,
        locations: this.locations.lookup,
        parties: this.parties,
        handoverTtlHours: this.handoverTtlHours,
        ...own,
      };
      return { ok: true, value };
    };
  }
}
