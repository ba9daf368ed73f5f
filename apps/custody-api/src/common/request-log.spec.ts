import { Logger as NestLogger } from '@nestjs/common';
import fastify, { type FastifyRequest } from 'fastify';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { requestLoggerOf, requestLogOptions, requestScopedLogger, useRequestLog } from './request-log';
import { requestIdOf } from './request-id';

interface Line {
  level: number;
  msg: string;
  time?: number;
  req?: { id: string; method: string; url: string; headers?: unknown };
  res?: { statusCode: number };
  where?: string;
  context?: string;
}

/** A bare Fastify server with the request log writing its lines into `lines`. */
async function loggedServer(inside: (request: FastifyRequest) => void = () => undefined, level = 'info') {
  const lines: Line[] = [];
  const server = fastify({ genReqId: requestIdOf });
  useRequestLog(server, {
    ...requestLogOptions(level),
    stream: { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
  });
  server.get('/api/items/:id', async (request) => {
    await Promise.resolve();
    requestLoggerOf(request)?.info({ where: 'handler' }, 'inside');
    inside(request);
    return { ok: true };
  });
  await server.ready();
  return { server, lines };
}

describe('useRequestLog', () => {
  it('logs one line per request with its id, method, url and status, and never the token', async () => {
    const { server, lines } = await loggedServer();
    const answer = await server.inject({
      method: 'GET',
      url: '/api/items/B-1?minPosition=3',
      headers: { authorization: 'Bearer jjk_secret-token', 'x-request-id': 'req-7' },
    });
    await server.close();
    expect(answer.statusCode).toBe(200);
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({
      level: 30,
      req: { id: 'req-7', method: 'GET', url: '/api/items/B-1?minPosition=3' },
      res: { statusCode: 200 },
    });
    expect(completed?.req).toEqual({ id: 'req-7', method: 'GET', url: '/api/items/B-1?minPosition=3' });
    expect(JSON.stringify(lines)).not.toContain('jjk_secret-token');
  });

  it('gives a line logged while the request is handled the request it belongs to', async () => {
    const { server, lines } = await loggedServer();
    await Promise.all(
      ['a-1', 'a-2'].map((id) =>
        server.inject({ method: 'GET', url: '/api/items/x', headers: { 'x-request-id': id } }),
      ),
    );
    await server.close();
    const inside = lines.filter((line) => line.where === 'handler').map((line) => line.req?.id);
    expect(inside.sort()).toEqual(['a-1', 'a-2']);
  });

  it('logs unmatched routes too, as the middleware did', async () => {
    const { server, lines } = await loggedServer();
    const answer = await server.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'r-404' },
    });
    await server.close();
    expect(answer.statusCode).toBe(404);
    expect(lines.find((line) => line.req?.id === 'r-404')?.res).toEqual({ statusCode: 404 });
  });
});

describe('requestScopedLogger', () => {
  it('writes the line a Nest Logger wrote through nestjs-pino inside the request', async () => {
    // How the line was written before: nestjs-pino's Logger, the request's logger in its storage.
    NestLogger.overrideLogger(new NestPinoLogger(new PinoLogger({ pinoHttp: {} }), {}));
    const fallback = { error: jest.fn() };
    const { server, lines } = await loggedServer((request) => {
      storage.run(new Store(requestLoggerOf(request)!), () =>
        new NestLogger('Problem').error('GET /x failed'),
      );
      requestScopedLogger(request, 'Problem', fallback).error('GET /x failed');
    });
    await server.inject({ method: 'GET', url: '/api/items/x', headers: { 'x-request-id': 'r-9' } });
    await server.close();
    const [before, after] = lines
      .filter((line) => line.context === 'Problem')
      .map(({ time: _time, ...line }) => line);
    expect(before).toMatchObject({ level: 50, context: 'Problem', msg: 'GET /x failed', req: { id: 'r-9' } });
    expect(after).toEqual(before);
    expect(fallback.error).not.toHaveBeenCalled();
  });

  it('at a level above info, writes the same line and no request lines', async () => {
    const fallback = { error: jest.fn() };
    const failed = (request: FastifyRequest) =>
      requestScopedLogger(request, 'Problem', fallback).error('failed');
    const served = await Promise.all(
      ['info', 'warn'].map(async (level) => {
        const { server, lines } = await loggedServer(failed, level);
        await server.inject({ method: 'GET', url: '/api/items/x?q=1', headers: { 'x-request-id': 'r-5' } });
        await server.close();
        return lines.map(({ time: _time, ...line }) => line);
      }),
    );
    const [atInfo, atWarn] = served;
    expect(atInfo.map((line) => line.msg)).toEqual(['inside', 'failed', 'request completed']);
    expect(atWarn).toEqual([atInfo[1]]);
    expect(atWarn[0]).toMatchObject({
      level: 50,
      context: 'Problem',
      req: { id: 'r-5', url: '/api/items/x?q=1' },
    });
    expect(fallback.error).not.toHaveBeenCalled();
  });

  it('falls back to the given logger for a request the request log did not see', () => {
    const fallback = { error: jest.fn() };
    requestScopedLogger(undefined, 'Problem', fallback).error('failed');
    expect(fallback.error).toHaveBeenCalledWith('failed');
  });
});
