import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SERVICE_ENTRY } from './support/spawned-service';
import { castOf, type Cast } from './support/actors';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

describe('the smaller hardening items', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await castOf(t, ADMIN_TOKEN);
  });
  afterAll(() => t.close());

  it('exports notes that a spreadsheet would run as formulas inert, however they are disguised', async () => {
    const exportedNote = async (itemId: string): Promise<string> => {
      const csv = await t
        .http()
        .get(`/api/audit/items/${itemId}/export`)
        .query({ format: 'csv' })
        .set(...bearer(cast.auditor))
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200);
      const rows: Record<string, string>[] = parse(csv.body as string, { bom: true, columns: true });
      return rows[1].note;
    };
    for (const [i, note] of [' =1+1', '\n=1+1', '＝1+1'].entries()) {
      const itemId = `CSV-FORMULA-${i}`;
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile({ id: itemId }))
        .expect(201);
      await t
        .http()
        .post(`/api/items/${itemId}/events`)
        .set(...bearer(cast.courierA))
        .send({ type: 'collected', acknowledgement: SIGNED, note })
        .expect(201);
      expect({ note, exported: await exportedNote(itemId) }).toEqual({ note, exported: `'${note}` });
    }
  });

  it('refuses a title of only control or zero-width characters, and records nothing', async () => {
    await expectNothingRecorded(t, async () => {
      for (const title of ['\u200b\u200b\u200d', '\u0001\u0002', '\ufeff \u2060']) {
        const response = await t
          .http()
          .post('/api/items')
          .set(...bearer(cast.officer))
          .send(aFile({ title }));
        expect({ title, status: response.status, code: response.body.code }).toEqual({
          title,
          status: 400,
          code: 'validation-failed',
        });
      }
    });
  });

  it('answers POST /api/tokens, which shows a token, with Cache-Control: no-store', async () => {
    const response = await t
      .http()
      .post('/api/tokens')
      .set(...bearer(ADMIN_TOKEN))
      .send({ name: 'cache check', role: 'auditor' })
      .expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sends a same-origin Content-Security-Policy on every answer', async () => {
    for (const path of ['/health/live', '/api/locations', '/docs']) {
      const response = await t
        .http()
        .get(path)
        .set(...bearer(cast.auditor));
      const csp = response.headers['content-security-policy'] ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("default-src 'self'") });
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });
});

describe('the generated first admin token', () => {
  it('is printed on stderr, apart from the JSON log lines on stdout, and works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jejak-first-token-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [SERVICE_ENTRY], {
      env: {
        ...process.env,
        JEJAK_DATA_DIR: dataDir,
        JEJAK_ADMIN_TOKEN: '',
        JEJAK_LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      for (let i = 0; i < 200 && !/jjk_[\w-]{43}/.test(stderr); i++)
        await new Promise((r) => setTimeout(r, 100));
      const token = /jjk_[\w-]{43}/.exec(stderr)?.[0];
      expect(token).toBeDefined();
      for (let i = 0; i < 100 && !stdout.includes('listening'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(stdout).not.toContain(token);
      expect(stdout).toMatch(/^\{.*\}$/m);
      const response = await fetch(`http://127.0.0.1:${port}/api/locations`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);
});
