import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FieldProblemDto, ProblemDto } from './openapi/problem.dto';

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
  '422': 'classified-not-accepted or idempotency-key-reused',
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
      .addBearerAuth()
      .build(),
    { extraModels: [ProblemDto, FieldProblemDto] },
  );
  SwaggerModule.setup('docs', app, addCommonProblems(document), {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
}
