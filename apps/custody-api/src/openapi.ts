import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldProblemDto, ProblemDto } from './openapi/problem.dto';
import { OPERATION_DOCS } from './openapi/operation-docs';
import { RECORDABLE_EVENT_TYPES, REQUIRED_FIELDS } from './items/dto/record-event.dto';
import { TRANSFER_JOURNEY_TYPES } from './transfers/dto/transfer-event.dto';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };

/** The answers every secured route may give, documented once instead of on every handler. */
const COMMON_PROBLEMS: Record<string, string> = {
  '400': 'validation-failed: malformed JSON, missing or wrong fields or query parameters',
  '401': 'unauthenticated: no or bad token',
  '403': 'forbidden: role or unit not allowed',
  '429': 'rate-limited: over the per-token limit (see Retry-After)',
  '500': 'internal-error: the cause is logged, never sent',
};
const BODY_PROBLEMS: Record<string, string> = {
  '413': 'payload-too-large: body over the limit (default 1 MiB)',
  '415': 'unsupported-media-type: send application/json',
  '422': 'classified-not-accepted, unknown-party or idempotency-key-reused',
};

function addCommonProblems(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const secured = Array.isArray(operation.security) && operation.security.length > 0;
      const problems = {
        ...(secured ? COMMON_PROBLEMS : { '500': COMMON_PROBLEMS['500'] }),
        ...(method === 'post' ? BODY_PROBLEMS : {}),
      };
      for (const [status, description] of Object.entries(problems)) {
        operation.responses[status] ??= { description, content: PROBLEM };
      }
    }
  }
  return document;
}

/** Which fields each custody event type needs, as the route checks them (REQUIRED_FIELDS). */
export function eventFieldsTable(): string {
  const lines = RECORDABLE_EVENT_TYPES.map((type) => {
    const fields = REQUIRED_FIELDS[type] ?? [];
    return `- \`${type}\`: ${fields.length > 0 ? fields.map((f) => `\`${f}\``).join(', ') : 'no field beyond `type`'}`;
  });
  return `Fields each event type needs (the others are optional):\n\n${lines.join('\n')}`;
}

/** Summaries, descriptions and route-specific answers (operation-docs.ts), where a handler gave none. */
function addOperationDocs(document: OpenAPIObject): OpenAPIObject {
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const doc = OPERATION_DOCS[key];
      if (!doc) continue;
      operation.summary ??= doc.summary;
      operation.description ??= doc.description;
      if (key === 'POST /api/items/{id}/events') operation.description += `\n\n${eventFieldsTable()}`;
      if (key === 'POST /api/transfers/{id}/events') {
        operation.description += `\n\nTypes: ${TRANSFER_JOURNEY_TYPES.map((t) => `\`${t}\``).join(', ')}; \`handover_offered\` needs \`toCustodianId\`.`;
      }
      for (const [status, description] of Object.entries(doc.problems ?? {})) {
        operation.responses[status] ??= { description, content: PROBLEM };
      }
    }
  }
  const recordEvent = document.components?.schemas?.RecordEventDto as Record<string, unknown> | undefined;
  if (recordEvent) {
    recordEvent['x-required-fields-by-type'] = Object.fromEntries(
      RECORDABLE_EVENT_TYPES.map((type) => [type, REQUIRED_FIELDS[type] ?? []]),
    );
  }
  return document;
}

/** GET /docs (Swagger UI) and GET /docs-json (the OpenAPI 3 document). */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jejak custody API')
      .setDescription(
        'Chain of custody for the archives (arsip) and official letters (surat dinas) of Kabupaten Bekasi. ' +
          'Errors are application/problem+json with a `code`.',
      )
      .setVersion('1')
      // The tokens are opaque random strings (POST /api/tokens), not JWTs.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'A token made by POST /api/tokens (or JEJAK_ADMIN_TOKEN): an opaque string, not a JWT',
      })
      .build(),
    { extraModels: [ProblemDto, FieldProblemDto] },
  );
  SwaggerModule.setup('docs', app, addCommonProblems(addOperationDocs(document)), {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
}
