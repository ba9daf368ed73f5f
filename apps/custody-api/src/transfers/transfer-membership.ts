import { Inject, Injectable } from '@nestjs/common';
import { roomOf, transferStreamId, travelsWith, type CustodyCommand, type TransferRef } from '@jejak/custody';
import { EVENT_STORE, foldRecorded, type EventStore } from '@jejak/event-store';
import { lastClaimant, manifestClaimStreamId } from './manifest-claims';
import { TRANSFER_FOLD } from './transfer-fold';

/**
 * Which open transfer an item travels with, for a command on the item's own route: its claim
 * stream names the transfer, whose state says whether the item's journey is still its to record.
 * Read only for the steps a transfer records (two short reads); other commands never wait for it.
 */
@Injectable()
export class TransferMembership {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async travellingWith(command: CustodyCommand): Promise<TransferRef | null> {
    if (command.type === 'registered' || !roomOf(command.type).travelsWithTransfer) return null;
    const claimant = lastClaimant(await this.store.readStream(manifestClaimStreamId(command.itemId)));
    if (claimant === null) return null;
    const transfer = foldRecorded(await this.store.readStream(transferStreamId(claimant)), TRANSFER_FOLD);
    return travelsWith(transfer, command.itemId);
  }
}
