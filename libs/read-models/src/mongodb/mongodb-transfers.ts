import type { AnyBulkWriteOperation, Filter } from 'mongodb';
import { baNumberKey } from '@jejak/custody';
import { decodeItemCursor } from '../paging';
import type { TransferQuery, TransferRecord } from '../read-model.port';
import { positionKey } from './mongodb-documents';

/** One transfer: its record as the projector keeps it, plus top-level copies of what the list filters on. */
export interface TransferDocument {
  _id: string;
  /** The creation position zero-padded: the keyset order of the list. */
  createdKey: string;
  revision: number;
  status: string;
  fromId: string;
  toId: string;
  baKey: string;
  createdAt: string;
  courierIds: string[];
  record: TransferRecord;
}

export function toTransferDocument(record: TransferRecord): TransferDocument {
  const { summary } = record;
  return {
    _id: summary.transferId,
    createdKey: positionKey(record.createdPosition),
    revision: summary.revision,
    status: summary.status,
    fromId: summary.fromId,
    toId: summary.toId,
    baKey: baNumberKey(summary.baNumber),
    createdAt: summary.createdAt,
    courierIds: summary.courierIds,
    record,
  };
}

/** Replaces the stored document only by a newer revision, so a batch applied twice changes nothing. */
export function newerTransferOnly(record: TransferRecord): AnyBulkWriteOperation<TransferDocument> {
  const doc = toTransferDocument(record);
  return {
    updateOne: {
      filter: { _id: doc._id },
      update: [
        {
          $replaceWith: {
            $cond: {
              if: { $gt: [doc.revision, { $ifNull: ['$revision', -1] }] },
              then: { $literal: doc },
              else: '$$ROOT',
            },
          },
        },
      ],
      upsert: true,
    },
  };
}

export function transferFilter(query: TransferQuery): Filter<TransferDocument> {
  const filter: Filter<TransferDocument> = {};
  if (query.cursor !== undefined) filter.createdKey = { $gt: positionKey(decodeItemCursor(query.cursor)) };
  if (query.status) filter.status = query.status;
  if (query.fromId) filter.fromId = query.fromId;
  if (query.toId) filter.toId = query.toId;
  if (query.courierId) filter.courierIds = query.courierId;
  if (query.baNumber) filter.baKey = baNumberKey(query.baNumber);
  if (query.from || query.to) {
    filter.createdAt = {
      ...(query.from ? { $gte: new Date(query.from).toISOString() } : {}),
      ...(query.to ? { $lte: new Date(query.to).toISOString() } : {}),
    };
  }
  return filter;
}
