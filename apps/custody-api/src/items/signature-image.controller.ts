import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { itemStreamId } from '@jejak/custody';
import { EVENT_STORE, type EventStore } from '@jejak/event-store';
import { AcknowledgementEvidence } from '../common/acknowledgement-evidence';
import { ApiProblem } from '../common/problem';
import { ApiProblems } from '../openapi/problem.dto';

/**
 * The drawn signature an event's acknowledgement names by hash, as the PNG that was kept. Read from
 * the item's own stream (never a read model), so it answers as soon as the event is recorded.
 */
@ApiTags('items')
@ApiBearerAuth()
@Controller('api/items')
export class SignatureImageController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AcknowledgementEvidence) private readonly evidence: AcknowledgementEvidence,
  ) {}

  @Get(':id/events/:eventId/signature.png')
  @ApiProduces('image/png')
  @ApiOperation({
    summary: 'The signature drawn for an event',
    description:
      'The PNG kept for an event acknowledged by `signature`; its SHA-256 is the event’s `acknowledgement.signatureHash`.',
  })
  @ApiOkResponse({ description: 'The PNG as it was drawn', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404)
  async signature(
    @Param('id') id: string,
    @Param('eventId') eventId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const events = await this.store.readStream(itemStreamId(id));
    if (events.length === 0) throw new ApiProblem('not-found', `No item '${id}'.`);
    const event = events.find((recorded) => recorded.eventId === eventId);
    if (!event) throw new ApiProblem('not-found', `Item '${id}' has no event '${eventId}'.`);
    const data = event.data as { data?: { acknowledgement?: { signatureHash?: unknown } } };
    const hash = data.data?.acknowledgement?.signatureHash;
    const png = typeof hash === 'string' ? await this.evidence.signature(hash) : undefined;
    if (!png)
      throw new ApiProblem('not-found', `Event '${eventId}' was not acknowledged by a drawn signature.`);
    void reply
      .header('Content-Type', 'image/png')
      .header('Cache-Control', 'private, max-age=31536000, immutable');
    return png;
  }
}
