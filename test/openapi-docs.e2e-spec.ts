import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORDABLE_EVENT_TYPES, REQUIRED_FIELDS } from '../apps/custody-api/src/items/dto/record-event.dto';
import { ADMIN_TOKEN, aFile, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

interface Operation {
  summary?: string;
  description?: string;
  responses: Record<string, { description?: string }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, { type: string; scheme?: string; bearerFormat?: string }>;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document describes every operation as it behaves (GET /docs-json)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, operation })),
    );

  it('gives every operation a summary and a description', () => {
    const lacking = operations()
      .filter(({ operation }) => !operation.summary?.trim() || !operation.description?.trim())
      .map(({ key }) => `${key}: add it to apps/custody-api/src/openapi/operation-docs.ts`);
    expect(operations().length).toBeGreaterThan(25);
    expect(lacking).toEqual([]);
  });

  it('says the bearer tokens are opaque, not JWTs', () => {
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toEqual([
      expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' }),
    ]);
  });

  it('names the fields every custody event type needs', () => {
    const recordEvent = doc.paths['/api/items/{id}/events'].post;
    for (const type of RECORDABLE_EVENT_TYPES) {
      const fields = REQUIRED_FIELDS[type] ?? [];
      const line = recordEvent.description!.split('\n').find((l) => l.startsWith(`- \`${type}\`:`));
      expect([type, line]).toEqual([type, expect.any(String)]);
      for (const field of fields) expect(line).toContain(`\`${field}\``);
    }
    expect(doc.components.schemas.RecordEventDto['x-required-fields-by-type']).toEqual(
      Object.fromEntries(RECORDABLE_EVENT_TYPES.map((type) => [type, REQUIRED_FIELDS[type] ?? []])),
    );
  });

  it('lists the 404 and 409 answers the item and transfer routes really give', async () => {
    const admin = bearer(ADMIN_TOKEN);
    const depot = (await t.token('depot', 'depo-arsip-bekasi')).token;
    const courier = bearer((await t.token('courier')).token);
    const officer = (await t.token('officer', 'kec-cikarang-utara')).token;
    const item = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ id: 'ARS-DOCS-1' }))
      .expect(201);
    const transfer = await t
      .http()
      .post('/api/transfers')
      .set(...bearer(officer))
      .send({
        baNumber: 'BA-DOCS/1',
        fromId: 'kec-cikarang-utara',
        toId: 'depo-arsip-bekasi',
        itemIds: ['ARS-DOCS-1'],
      })
      .expect(201);
    const transferId = transfer.body.transferId as string;
    const observed: [key: string, status: number][] = [];
    const answer = async (key: string, send: () => Promise<{ status: number }>) =>
      observed.push([key, (await send()).status]);

    await answer('GET /api/transfers/{id}', () =>
      t
        .http()
        .get('/api/transfers/trf-none')
        .set(...admin),
    );
    await answer('GET /api/transfers/{id}/report.pdf', () =>
      t
        .http()
        .get('/api/transfers/trf-none/report.pdf')
        .set(...admin),
    );
    await answer('POST /api/transfers/{id}/events', () =>
      t
        .http()
        .post('/api/transfers/trf-none/events')
        .set(...admin)
        .send({ type: 'collected', acknowledgement: SIGNED }),
    );
    await answer('POST /api/transfers/{id}/intake', () =>
      t
        .http()
        .post('/api/transfers/trf-none/intake')
        .set(...bearer(depot))
        .send({ results: [{ itemId: 'ARS-DOCS-1', outcome: 'received', storage: { room: 'R1' } }] }),
    );
    await answer('POST /api/transfers/{id}/events', () =>
      t
        .http()
        .post(`/api/transfers/${transferId}/events`)
        .set(...courier)
        .send({ type: 'arrived' }),
    );
    await answer('POST /api/transfers', () =>
      t
        .http()
        .post('/api/transfers')
        .set(...bearer(officer))
        .send({
          id: transferId,
          baNumber: 'BA-DOCS/2',
          fromId: 'kec-cikarang-utara',
          toId: 'depo-arsip-bekasi',
          itemIds: ['ARS-DOCS-1'],
        }),
    );
    await answer('POST /api/items/{id}/events', () =>
      t
        .http()
        .post('/api/items/ARS-NONE/events')
        .set(...admin)
        .send({ type: 'collected', acknowledgement: SIGNED }),
    );
    await answer('POST /api/items/{id}/events', () =>
      t
        .http()
        .post(`/api/items/${item.body.itemId}/events`)
        .set(...courier)
        .send({ type: 'arrived' }),
    );
    await answer('POST /api/items', () =>
      t
        .http()
        .post('/api/items')
        .set(...bearer(officer))
        .send(aFile({ id: 'ARS-DOCS-1' })),
    );

    const statuses = new Set(observed.map(([, status]) => status));
    expect(statuses).toEqual(new Set([404, 409]));
    const undocumented = observed
      .filter(([key, status]) => {
        const [method, path] = key.split(' ');
        return !doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
      })
      .map(([key, status]) => `${key} answers ${status}`);
    expect(undocumented).toEqual([]);
  });

  it('is in step with docs/api.md: every route of the document is named there', () => {
    const api = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
    const missing = operations()
      .map(({ key }) => key.replace(/\{(\w+)\}/g, ':$1'))
      .filter((key) => !api.includes(key.split(' ')[1]))
      .map((key) => `${key}: name it in docs/api.md`);
    expect(missing).toEqual([]);
  });
});
