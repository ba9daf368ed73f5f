import { Inject, Injectable } from '@nestjs/common';
import { reconcile } from '@jejak/custody';
import type { Principal } from '@jejak/directory';
import { idSourceFor, type IdempotentRequest } from '@jejak/event-store';
import type { PdfFile } from '../documents/pdf-file';
import { BeritaAcaraReport } from './berita-acara-report';
import type { CreateTransferDto } from './dto/create-transfer.dto';
import type { IntakeDto } from './dto/intake.dto';
import type { TransferEventDto } from './dto/transfer-event.dto';
import {
  signatureOfTransferEvent,
  toCreateTransferCommand,
  toIntakeCommand,
  toTransferEventCommand,
} from './to-transfer-command';
import {
  TransferCommandHandler,
  TransferCommandMessage,
  type TransferOutcome,
  type TransferRequest,
} from './transfer-command.handler';
import type { TransferListQueryDto } from './dto/transfer-query.dto';
import { TransferReads } from './transfer-reads';
import { readerOf } from '../common/item-disclosure';
import { mayReadItem } from '@jejak/custody';
import { toTransferView } from './transfer-view';

/** What every write answers: the event recorded and where to wait for it. */
const written = ({ transferId, eventId, type, revision, position, state }: TransferOutcome) => ({
  transferId,
  eventId,
  type,
  status: state.status,
  revision,
  position,
});

/** What /api/transfers does: commands through the transfer handler, reads of its stream and items. */
@Injectable()
export class TransfersService {
  constructor(
    @Inject(TransferCommandHandler) private readonly commands: TransferCommandHandler,
    @Inject(TransferReads) private readonly reads: TransferReads,
    @Inject(BeritaAcaraReport) private readonly beritaAcara: BeritaAcaraReport,
  ) {}

  async create(dto: CreateTransferDto, principal: Principal, idempotency: IdempotentRequest | undefined) {
    // Without an id, a retried request must land on the same transfer: derive it from the key.
    const transferId = dto.id ?? `trf-${idSourceFor(idempotency)('transfer')}`;
    const outcome = await this.execute({
      command: toCreateTransferCommand(transferId, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency,
    });
    const { baNumber, fromId, toId, itemIds } = outcome.state;
    return { ...written(outcome), baNumber, fromId, toId, itemIds };
  }

  async record(
    transferId: string,
    dto: TransferEventDto,
    principal: Principal,
    idempotency: IdempotentRequest | undefined,
  ) {
    const outcome = await this.execute({
      command: toTransferEventCommand(transferId, dto),
      signature: signatureOfTransferEvent(dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency,
    });
    return { ...written(outcome), itemIds: outcome.state.itemIds };
  }

  async intake(
    transferId: string,
    dto: IntakeDto,
    principal: Principal,
    idempotency: IdempotentRequest | undefined,
  ) {
    const outcome = await this.execute({
      command: toIntakeCommand(transferId, dto),
      principal,
      occurredAt: dto.occurredAt,
      note: dto.note,
      idempotency,
    });
    return { ...written(outcome), reconciliation: reconcile(outcome.state.intake ?? []) };
  }

  async list(query: TransferListQueryDto) {
    const { minPosition: _minPosition, ...filters } = query;
    const page = await this.reads.list(filters);
    return { transfers: page.items, nextCursor: page.nextCursor };
  }

  async get(transferId: string, reader: Principal) {
    const { state, events } = await this.reads.transfer(transferId);
    const asker = readerOf(reader);
    return toTransferView(state, events, await this.reads.items(state.itemIds), (view) =>
      mayReadItem(asker, view, state.toId),
    );
  }

  report(transferId: string, reader: Principal): Promise<PdfFile> {
    return this.beritaAcara.render(transferId, reader);
  }

  private execute(request: TransferRequest): Promise<TransferOutcome> {
    return this.commands.execute(new TransferCommandMessage(request));
  }
}
