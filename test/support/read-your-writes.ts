import type { Cast } from './actors';
import { bearer, type TestApp } from './test-app';

/**
 * Writes that remember the position they were recorded at, and reads (as the auditor) that wait
 * for the read models to reach it with `minPosition`. The app and cast are read when called, so
 * this can be made before `beforeAll` starts them.
 */
export function readYourWrites(app: () => TestApp, cast: () => Cast) {
  let last = '0';
  return {
    last: (): string => last,
    register: async (body: Record<string, unknown>): Promise<string> => {
      const r = await app()
        .http()
        .post('/api/items')
        .set(...bearer(cast().officer))
        .send(body)
        .expect(201);
      last = r.body.position;
      return r.body.itemId as string;
    },
    /** Any answer, for refusals too; a recorded event moves the position the reads wait for. */
    send: async (itemId: string, who: keyof Cast, body: Record<string, unknown>) => {
      const r = await app()
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast()[who]))
        .send(body);
      if (r.status === 201) last = r.body.position;
      return r;
    },
    /** A write made some other way (an import): the reads wait for its position too. */
    saw: (position: string): void => {
      last = position;
    },
    record: async (itemId: string, who: keyof Cast, body: Record<string, unknown>): Promise<void> => {
      const r = await app()
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast()[who]))
        .send(body);
      expect({ type: body.type, status: r.status, body: r.status === 201 ? 'ok' : r.body }).toEqual({
        type: body.type,
        status: 201,
        body: 'ok',
      });
      last = r.body.position;
    },
    get: (path: string, query: Record<string, unknown> = {}, who: keyof Cast = 'auditor') =>
      app()
        .http()
        .get(path)
        .query({ minPosition: last, ...query })
        .set(...bearer(cast()[who])),
  };
}
