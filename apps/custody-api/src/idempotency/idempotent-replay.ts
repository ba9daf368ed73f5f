import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** Thrown by the IdempotencyGuard to answer a repeated request without running its handler. */
export class IdempotentReplay {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** Sends the first answer again (a refusal as problem+json, like the first time), marked as a replay. */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter<IdempotentReplay> {
  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (replay.status >= 400) void reply.header('Content-Type', 'application/problem+json');
    void reply.status(replay.status).header('Idempotent-Replayed', 'true').send(replay.body);
  }
}
