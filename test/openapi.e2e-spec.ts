import { ROUTE_PERMISSIONS } from '../apps/custody-api/src/auth/route-permissions';
import { castOf, type Cast } from './support/actors';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

type Json = Record<string, unknown>;
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  additionalProperties?: boolean | Schema;
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: unknown; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

/** Served without a token besides health: signing in is how a token-less browser gets a session. */
const PUBLIC = ['POST /api/session'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** Every structural problem of the document, as readable strings (empty when it is well formed). */
function structuralProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const refs = new Set<string>();
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref') {
        if (typeof inner !== 'string') problems.push(`${where}: $ref is not a string`);
        else refs.add(inner);
      } else walk(inner, `${where}.${key}`);
    }
  };
  if (!/^3\.\d+\.\d+$/.test(doc.openapi ?? ''))
    problems.push(`openapi version "${doc.openapi}" is not 3.x.y`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string')
    problems.push('info lacks title/version');
  if (!doc.paths || typeof doc.paths !== 'object') problems.push('no paths');
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    for (const [method, operation] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) {
        if (method !== 'parameters') problems.push(`${at}: unknown key`);
        continue;
      }
      if (operation.operationId) {
        if (operationIds.has(operation.operationId)) problems.push(`${at}: duplicate operationId`);
        operationIds.add(operation.operationId);
      }
      const declared = new Set(
        (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      );
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!declared.has(name)) problems.push(`${at}: path parameter ${name} not declared`);
      }
      for (const parameter of operation.parameters ?? []) {
        if (!['path', 'query', 'header', 'cookie'].includes(parameter.in))
          problems.push(`${at}: parameter in ${parameter.in}`);
        if (parameter.in === 'path' && parameter.required !== true)
          problems.push(`${at}: path parameter not required`);
      }
      const statuses = Object.keys(operation.responses ?? {});
      if (!statuses.some((s) => /^2\d\d$/.test(s))) problems.push(`${at}: no 2xx response`);
      for (const status of statuses) {
        if (!/^[1-5](\d\d|XX)$|^default$/.test(status)) problems.push(`${at}: status key ${status}`);
        const response = operation.responses[status] as Json;
        if (typeof response.description !== 'string') problems.push(`${at} ${status}: no description`);
        const stray = Object.keys(response).filter(
          (key) => !['description', 'headers', 'content', 'links'].includes(key),
        );
        if (stray.length > 0)
          problems.push(`${at} ${status}: not an OpenAPI 3 response member: ${stray.join(', ')}`);
      }
    }
  }
  walk(doc, '#');
  for (const ref of refs) {
    const name = ref.replace(/^#\/components\/schemas\//, '');
    if (name === ref || !doc.components?.schemas?.[name]) problems.push(`unresolved $ref ${ref}`);
  }
  return problems;
}

/** Whether a JSON value fits a schema of the document: required members, types, nesting. */
function mismatches(doc: OpenApiDocument, schema: Schema, value: unknown, where = '$'): string[] {
  if (schema.$ref)
    return mismatches(doc, doc.components.schemas[schema.$ref.split('/').pop()!], value, where);
  if (schema.allOf) return schema.allOf.flatMap((part) => mismatches(doc, part, value, where));
  if (value === null) return schema.nullable ? [] : [`${where}: null but not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where}: ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${where}: not a string`];
    case 'number':
    case 'integer':
      return typeof value === 'number' ? [] : [`${where}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${where}: not a boolean`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) =>
            schema.items ? mismatches(doc, schema.items, item, `${where}[${i}]`) : [],
          )
        : [`${where}: not an array`];
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: not an object`];
      const object = value as Json;
      const missing = (schema.required ?? [])
        .filter((key) => !(key in object))
        .map((key) => `${where}.${key}: missing`);
      const typed = Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
        key in object ? mismatches(doc, property, object[key], `${where}.${key}`) : [],
      );
      return [...missing, ...typed];
    }
  }
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let cast: Cast;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: '1000000' });
    cast = await castOf(t, ADMIN_TOKEN);
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operation = (method: string, path: string): Operation => doc.paths[path]?.[method];
  const successSchema = (method: string, path: string, status: string): Schema =>
    operation(method, path).responses[status].content!['application/json'].schema;

  it('is a structurally valid OpenAPI 3 document', () => {
    expect(structuralProblems(doc)).toEqual([]);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect(doc.components.schemas.ProblemDto).toBeDefined();
  });

  it('documents every route of the permission matrix the service serves, and no route outside it but health', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const served = Object.keys(ROUTE_PERMISSIONS).filter((key) => {
      const [method, url] = key.split(' ');
      return fastify.hasRoute({ method: method, url });
    });
    expect(served.length).toBeGreaterThanOrEqual(19);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    const undocumented = served.filter((key) => !documented.includes(key));
    expect(undocumented).toEqual([]);
    const outsideMatrix = documented.filter(
      (key) => !(key in ROUTE_PERMISSIONS) && !key.startsWith('GET /health/') && !PUBLIC.includes(key),
    );
    expect(outsideMatrix).toEqual([]);
  });

  it('documents the token, body and error answers of every secured route as problem+json', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const at = `${method.toUpperCase()} ${path}`;
        if (path.startsWith('/health/') || PUBLIC.includes(at)) {
          expect({ at, security: op.security ?? [] }).toEqual({ at, security: [] });
          continue;
        }
        expect({ at, security: op.security }).toEqual({ at, security: [{ bearer: [] }] });
        const expected = ['401', '403', '429', '500', ...(method === 'post' ? ['400', '413', '415'] : [])];
        for (const status of expected) {
          const content = op.responses[status]?.content?.['application/problem+json']?.schema;
          expect({ at, status, schema: content?.$ref }).toEqual({
            at,
            status,
            schema: '#/components/schemas/ProblemDto',
          });
        }
        if (method === 'post') {
          expect({ at, body: Object.keys(op.requestBody?.content ?? {}) }).toEqual({
            at,
            body: expect.arrayContaining([expect.any(String)]),
          });
        }
      }
    }
  });

  it('matches what the service answers, for writes, reads, audit and problems', async () => {
    const registered = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send(aFile())
      .expect(201);
    expect(mismatches(doc, successSchema('post', '/api/items', '201'), registered.body)).toEqual([]);
    const { itemId, position } = registered.body;

    const collected = await t
      .http()
      .post(`/api/items/${itemId}/events`)
      .set(...bearer(cast.courierA))
      .send({ type: 'collected', acknowledgement: SIGNED })
      .expect(201);
    expect(mismatches(doc, successSchema('post', '/api/items/{id}/events', '201'), collected.body)).toEqual(
      [],
    );

    const reads: [string, string, string][] = [
      ['/api/items/{id}', `/api/items/${itemId}?minPosition=${collected.body.position}`, cast.auditor],
      ['/api/items/{id}/history', `/api/items/${itemId}/history?minPosition=${position}`, cast.auditor],
      ['/api/items', `/api/items?minPosition=${position}`, cast.auditor],
      ['/api/locations', '/api/locations', cast.auditor],
      ['/api/locations/{id}/inventory', '/api/locations/kec-cikarang-utara/inventory', cast.auditor],
      ['/api/watch/in-transit', '/api/watch/in-transit', cast.auditor],
      ['/api/tokens', '/api/tokens', ADMIN_TOKEN],
      ['/api/audit/items/{id}/replay', `/api/audit/items/${itemId}/replay`, cast.auditor],
      ['/api/audit/items/{id}/export', `/api/audit/items/${itemId}/export`, cast.auditor],
      ['/health/ready', '/health/ready', ''],
    ];
    for (const [template, url, token] of reads) {
      const request = t.http().get(url);
      const response = await (token ? request.set(...bearer(token)) : request).expect(200);
      expect({
        template,
        mismatches: mismatches(doc, successSchema('get', template, '200'), response.body),
      }).toEqual({
        template,
        mismatches: [],
      });
    }

    const token = await t
      .http()
      .post('/api/tokens')
      .set(...bearer(ADMIN_TOKEN))
      .send({ name: 'Kurir OpenAPI', role: 'courier' })
      .expect(201);
    expect(mismatches(doc, successSchema('post', '/api/tokens', '201'), token.body)).toEqual([]);

    const problem = doc.components.schemas.ProblemDto;
    const refused = await t
      .http()
      .post('/api/items')
      .set(...bearer(cast.officer))
      .send({ kind: 'file' });
    expect(refused.status).toBe(400);
    expect(mismatches(doc, problem, refused.body)).toEqual([]);
    const unknown = await t
      .http()
      .get('/api/items/no-such-item')
      .set(...bearer(cast.auditor));
    expect(mismatches(doc, problem, unknown.body)).toEqual([]);
  });

  it('catches a body that does not fit (the checker is not vacuous)', () => {
    const schema = successSchema('post', '/api/items/{id}/events', '201');
    expect(mismatches(doc, schema, { itemId: 'x', eventId: 'y', revision: '1', position: '5' })).toEqual([
      '$.type: missing',
      '$.revision: not a number',
    ]);
  });
});
