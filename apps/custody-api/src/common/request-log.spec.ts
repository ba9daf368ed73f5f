import fastify from 'fastify';
import { storage } from 'nestjs-pino/storage';
import { requestLogOptions, useRequestLog } from './request-log';
import { requestIdOf } from './request-id';

interface Line {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; headers?: unknown };
  res?: { statusCode: number };
  where?: string;
}

/** A bare Fastify server with the request log writing its lines into `lines`. */
async function loggedServer() {
  const lines: Line[] = [];
  const server = fastify({ genReqId: requestIdOf });
  useRequestLog(server, {
    ...requestLogOptions('info'),
    stream: { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
  });
  server.get('/api/items/:id', async () => {
    await Promise.resolve();
    // What nestjs-pino's Logger reads for a line logged while the request is handled.
    storage.getStore()?.logger.info({ where: 'handler' }, 'inside');
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
