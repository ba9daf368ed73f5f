import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@jejak/custody';
import { loadConfig, type AppConfig } from '@jejak/config';
import { createApp } from '../../apps/custody-api/src/create-app';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  /** Creates a token through the API and returns it with its principal id. */
  token(
    role: Role,
    unitId?: string,
    principalId?: string,
  ): Promise<{ token: string; principalId: string; id: string }>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'jejak-e2e-'));
  const config = loadConfig({
    JEJAK_DATA_DIR: dir,
    JEJAK_ADMIN_TOKEN: ADMIN_TOKEN,
    JEJAK_LOG_LEVEL: 'silent',
    ...env,
  });
  const { app } = await createApp(config);
  await app.getHttpAdapter().getInstance().ready();
  const http = () => request(app.getHttpServer());
  let counter = 0;
  return {
    app,
    config,
    dataDir: dir,
    http,
    async token(role, unitId, principalId) {
      counter += 1;
      const response = await http()
        .post('/api/tokens')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: `${role} ${counter}`, role, unitId, principalId });
      if (response.status !== 201)
        throw new Error(`token: ${response.status} ${JSON.stringify(response.body)}`);
      return { token: response.body.token, principalId: response.body.principalId, id: response.body.id };
    },
    async close() {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

export const aFile = (overrides: Record<string, unknown> = {}) => ({
  kind: 'file',
  title: 'Laporan Realisasi Anggaran Kecamatan Cikarang Utara 2019',
  classificationCode: '900.1.3',
  securityClass: 'biasa',
  originUnitId: 'kec-cikarang-utara',
  year: 2019,
  retention: { activeYears: 2, inactiveYears: 3, disposition: 'musnah' },
  ...overrides,
});

export const aLetter = (overrides: Record<string, unknown> = {}) => ({
  kind: 'letter',
  title: 'Undangan rapat koordinasi kearsipan',
  classificationCode: '000.2.3',
  securityClass: 'biasa',
  originUnitId: 'kec-cikarang-utara',
  addresseeUnitId: 'dinas-perpustakaan-kearsipan',
  letterNumber: '005/123/KEC-CU/2026',
  letterDate: '2026-11-02',
  ...overrides,
});
