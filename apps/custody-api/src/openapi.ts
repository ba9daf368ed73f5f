import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
