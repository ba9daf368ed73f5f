import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, bearer, startTestApp, type TestApp } from './support/test-app';

const PROBLEM_JSON = /^application\/problem\+json/;

/** Writes raw bytes to the listening service and collects what comes back until it closes. */
function rawExchange(
  port: number,
  chunks: string[],
  gapMs = 0,
): Promise<{ text: string; chunksSent: number; closedBy: 'server' | 'error' }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const sendNext = () => {
      if (sent >= chunks.length || socket.destroyed) return;
      socket.write(chunks[sent++]);
      if (gapMs > 0) timer = setTimeout(sendNext, gapMs);
      else sendNext();
    };
    socket.on('data', (data) => (text += data.toString('latin1')));
    const done = (closedBy: 'server' | 'error') => {
      clearTimeout(timer);
      resolve({ text, chunksSent: sent, closedBy });
    };
    socket.once('close', () => done('server'));
    socket.once('error', () => done('error'));
    socket.once('connect', sendNext);
  });
}

const statusOf = (raw: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
const bodyOf = (raw: string): Record<string, unknown> => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

describe('bounded work per request', () => {
  let t: TestApp;
  let port: number;
  let officer: string;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_REQUEST_TIMEOUT_MS: '1500' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    officer = (await t.token('officer', 'kec-cikarang-utara')).token;
  });
  afterAll(() => t.close());

  it('refuses a 1 MB body of 121,837 unknown keys with a small 400, while /health/live keeps answering', async () => {
    // Base-36 keys, so that 121,837 of them fit under the 1 MiB body limit.
    const keys = Array.from({ length: 121_837 }, (_, i) => `"${i.toString(36)}":0`).join(',');
    const body = `{"kind":"file",${keys}}`;
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body.length).toBeLessThan(1024 * 1024);
    await expectNothingRecorded(t, async () => {
      const big = [1, 2, 3].map(() =>
        t
          .http()
          .post('/api/items')
          .set(...bearer(officer))
          .set('Content-Type', 'application/json')
          .send(body),
      );
      const live = await t.http().get('/health/live');
      expect(live.status).toBe(200);
      for (const response of await Promise.all(big)) {
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 400,
          code: 'validation-failed',
        });
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(response.body.detail).toMatch(/more than 64 keys/);
        expect(response.text.length).toBeLessThan(2000);
      }
    });
  });

  it('refuses an over-long string and an over-long array before validation', async () => {
    await expectNothingRecorded(t, async () => {
      const long = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ title: 'x'.repeat(20_000) }));
      expect({ status: long.status, code: long.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
      const wide = await t
        .http()
        .post('/api/transfers')
        .set(...bearer(officer))
        .send({
          baNumber: 'BA-1',
          fromId: 'a',
          toId: 'b',
          itemIds: Array.from({ length: 1500 }, (_, i) => `x${i}`),
        });
      expect({ status: wide.status, code: wide.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
      expect(wide.body.detail).toMatch(/more than 1000 items/);
    });
  });

  it('answers 400, not 500, to an event type named after an Object.prototype member', async () => {
    const id = 'LIMITS-PROTO-1';
    await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ id }))
      .expect(201);
    await expectNothingRecorded(t, async () => {
      for (const type of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
        const response = await t
          .http()
          .post(`/api/items/${id}/events`)
          .set(...bearer(officer))
          .send({ type });
        expect({ type, status: response.status, code: response.body.code }).toEqual({
          type,
          status: 400,
          code: 'validation-failed',
        });
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      }
    });
  });

  it('answers 400 to a cursor holding a 20-digit position', async () => {
    const cursor = Buffer.from(JSON.stringify({ after: '99999999999999999999' })).toString('base64url');
    const response = await t
      .http()
      .get(`/api/items?cursor=${cursor}`)
      .set(...bearer(officer));
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 400,
      code: 'validation-failed',
    });
  });

  it('serves an id of the longest registrable length on its routes and refuses a longer one as problem+json', async () => {
    const id = `L${'x'.repeat(127)}`;
    await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ id }))
      .expect(201);
    const read = await t
      .http()
      .get(`/api/items/${id}/history`)
      .set(...bearer(officer));
    expect(read.status).toBe(200);
    const tooLong = await t
      .http()
      .get(`/api/items/${id}y`)
      .set(...bearer(officer));
    expect({ status: tooLong.status, code: tooLong.body.code }).toEqual({
      status: 400,
      code: 'validation-failed',
    });
    expect(tooLong.headers['content-type']).toMatch(PROBLEM_JSON);
    await expectNothingRecorded(t, async () => {
      const register = await t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: `${id}y` }));
      expect({ status: register.status, code: register.body.code }).toEqual({
        status: 400,
        code: 'validation-failed',
      });
    });
  });

  it('serves a request of 1,000 headers, and answers 1,000 long headers and a 20 KB header with 431 problem+json', async () => {
    const headers = (valueLength: number) =>
      Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${'v'.repeat(valueLength)}\r\n`).join('');
    const request = (extra: string) =>
      `GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${extra}\r\n`;

    const manyShort = await rawExchange(port, [request(headers(8))]);
    expect(statusOf(manyShort.text)).toBe(200);

    for (const extra of [headers(30), `X-Big: ${'v'.repeat(20_000)}\r\n`]) {
      const refused = await rawExchange(port, [request(extra)]);
      expect(statusOf(refused.text)).toBe(431);
      expect(refused.text).toMatch(/Content-Type: application\/problem\+json/);
      expect(bodyOf(refused.text)).toEqual(
        expect.objectContaining({ status: 431, code: 'headers-too-large' }),
      );
    }
  });

  it('cuts a body sent one byte at a time at the request timeout, with 408 problem+json', async () => {
    const head =
      `POST /api/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${officer}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    // 100 bytes at one per 400 ms would take 40 s; the timeout is 1.5 s (checked every second).
    const slow = await rawExchange(port, [head, ...'{"kind":"file"'.padEnd(100, ' ').split('')], 400);
    expect(slow.chunksSent).toBeLessThan(20);
    expect(statusOf(slow.text)).toBe(408);
    expect(bodyOf(slow.text).code).toBe('request-timeout');
  }, 15_000);
});
