import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/main';
import { SERVICE_ENTRY, spawnService, type SpawnedService } from './support/spawned-service';
import { ADMIN_TOKEN, bearer, startTestApp } from './support/test-app';

const json = { 'Content-Type': 'application/json' };

async function api(
  service: SpawnedService,
  path: string,
  token: string,
  body?: object,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { ...json, Authorization: `Bearer ${token}`, ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const fileBody = (title: string) => ({
  kind: 'file',
  title,
  classificationCode: '000.1',
  securityClass: 'biasa',
  originUnitId: 'kec-setu',
});

/** Runs the built service with a bad environment and reports how it ended. */
function startWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVICE_ENTRY], {
      env: {
        ...process.env,
        JEJAK_DATA_DIR: mkdtempSync(join(tmpdir(), 'jejak-cfg-')),
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    // 'close', not 'exit': 'exit' can come before the last of the output has been read.
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('operability of the built service', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-ops-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('refuses to start on a wrong configuration value, naming the variable, with a non-zero exit', async () => {
    const wrong: [string, string][] = [
      ['PORT', 'abc'],
      ['EVENTSTORE_URL', 'http://x'],
      ['JEJAK_LOG_LEVEL', 'loud'],
      ['JEJAK_RATE_LIMIT_PER_MINUTE', '0'],
    ];
    const outcomes = await Promise.all(
      wrong.map(([variable, value]) => startWith({ PORT: '0', [variable]: value })),
    );
    wrong.forEach(([variable], index) => {
      const { code, output } = outcomes[index];
      expect({
        variable,
        exitedNonZero: code !== 0 && code !== null,
        named: output.includes(variable),
      }).toEqual({
        variable,
        exitedNonZero: true,
        named: true,
      });
      expect(output).not.toMatch(/listening/);
    });
  }, 60_000);

  it('accepts a short JEJAK_ADMIN_TOKEN as the admin token, with a warning at start', async () => {
    const service = await spawnService({ JEJAK_DATA_DIR: freshDir(), JEJAK_ADMIN_TOKEN: 'rahasia' });
    try {
      expect((await api(service, '/api/tokens', 'rahasia')).status).toBe(200);
      expect((await api(service, '/api/tokens', 'rahasia-salah')).status).toBe(401);
      expect(service.output()).toContain('warning: JEJAK_ADMIN_TOKEN is shorter than 16 characters');
      expect(service.output()).not.toContain('rahasia');
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 60_000);

  it('the container image starts the service that the build makes', () => {
    const dockerfile = readFileSync(join(__dirname, '..', 'docker', 'Dockerfile'), 'utf8');
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    const entry = join(__dirname, '..', command[1]);
    expect({ program: command[0], entry }).toEqual({ program: 'node', entry: SERVICE_ENTRY });
    expect(existsSync(entry)).toBe(true);
  });

  it('logs structured JSON with the request id, and never a token or a body', async () => {
    const service = await spawnService({
      JEJAK_DATA_DIR: freshDir(),
      JEJAK_ADMIN_TOKEN: ADMIN_TOKEN,
      JEJAK_LOG_LEVEL: 'trace',
    });
    try {
      const created = await api(service, '/api/tokens', ADMIN_TOKEN, {
        name: 'Petugas Setu',
        role: 'officer',
        unitId: 'kec-setu',
      });
      expect(created.status).toBe(201);
      const officerToken: string = created.body.token;
      const bodyMarker = 'BODY-MARKER-berkas-rahasia-7f3a';
      const idempotencyKey = 'IDEMPOTENCY-MARKER-91c2';
      const registered = await api(service, '/api/items', officerToken, fileBody(bodyMarker), {
        'X-Request-Id': 'req-ops-0001',
        'Idempotency-Key': idempotencyKey,
      });
      expect(registered.status).toBe(201);
      expect(registered.headers.get('x-request-id')).toBe('req-ops-0001');
      const refused = await api(service, '/api/items', 'jjk_NOT-A-REAL-TOKEN-marker', fileBody(bodyMarker));
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const invalid = await api(service, '/api/items', officerToken, {
        ...fileBody(bodyMarker),
        securityClass: 'rahasia',
      });
      expect(invalid.status).toBe(422);
      // An id that is not safe to log is replaced, not echoed.
      const unsafe = await api(service, '/api/locations', officerToken, undefined, {
        'X-Request-Id': 'not safe <script>',
      });
      expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      await new Promise((resolve) => setTimeout(resolve, 300)); // let the log stream flush
      const output = service.output();
      for (const secret of [
        ADMIN_TOKEN,
        officerToken,
        'jjk_NOT-A-REAL-TOKEN-marker',
        bodyMarker,
        idempotencyKey,
      ]) {
        expect({ leaked: secret, found: output.includes(secret) }).toEqual({ leaked: secret, found: false });
      }
      const entries = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) =>
            JSON.parse(line) as {
              req?: { id?: string; url?: string };
              res?: { statusCode?: number };
              level?: number;
            },
        );
      const ours = entries.filter((entry) => entry.req?.id === 'req-ops-0001');
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.some((entry) => entry.res?.statusCode === 201)).toBe(true);
      expect(entries.filter((entry) => entry.res?.statusCode === 401).length).toBeGreaterThan(0);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 60_000);

  it('on SIGTERM finishes in-flight writes, exits 0, and every acknowledged write is there after a restart', async () => {
    const dataDir = freshDir();
    const service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN });
    const officer = (
      await api(service, '/api/tokens', ADMIN_TOKEN, { name: 'Petugas', role: 'officer', unitId: 'kec-setu' })
    ).body.token as string;

    let firstAnswer: () => void = () => undefined;
    const answering = new Promise<void>((resolve) => (firstAnswer = resolve));
    const outcomes = Array.from({ length: 40 }, (_, n) =>
      api(service, '/api/items', officer, { ...fileBody(`Berkas SIGTERM ${n}`), id: `TERM-${n}` }).then(
        (response) => {
          firstAnswer();
          return { n, status: response.status, body: response.body };
        },
        () => ({ n, status: 0, body: null }), // refused at the door once stopping: never acknowledged
      ),
    );
    // Signal while the batch is being worked through: some writes are mid-way, others not yet read.
    await answering;
    service.child.kill('SIGTERM');
    const results = await Promise.all(outcomes);
    const exit = await service.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('stopped (SIGTERM)');

    const acknowledged = results.filter((r) => r.status === 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Nothing half-done: each request was either recorded and answered, or refused before it started.
    expect(results.filter((r) => r.status !== 201 && r.status !== 0 && r.status !== 503)).toEqual([]);
    for (const late of results.filter((r) => r.status === 503)) expect(late.body.code).toBe('shutting-down');

    // Before any restart: the log holds every acknowledged event, and the projections' checkpoint reached them.
    const lastAck = acknowledged.map((r) => BigInt(r.body.position)).reduce((a, b) => (a > b ? a : b));
    const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const readModels = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      const stored = events.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?');
      for (const { body } of acknowledged) expect((stored.get(body.eventId) as { n: number }).n).toBe(1);
      const checkpoints = readModels.prepare('SELECT position FROM checkpoints').all() as {
        position: string;
      }[];
      expect(checkpoints.length).toBeGreaterThan(0);
      for (const { position } of checkpoints) expect(BigInt(position) >= lastAck).toBe(true);
    } finally {
      events.close();
      readModels.close();
    }

    const restarted = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: ADMIN_TOKEN });
    try {
      for (const { body } of acknowledged) {
        const replay = await api(restarted, `/api/audit/items/${body.itemId}/replay`, ADMIN_TOKEN);
        expect({ itemId: body.itemId, status: replay.status, valid: replay.body?.chain?.valid }).toEqual({
          itemId: body.itemId,
          status: 200,
          valid: true,
        });
        // The projections were checkpointed: the read model has the write too.
        const item = await api(
          restarted,
          `/api/items/${body.itemId}?minPosition=${body.position}`,
          ADMIN_TOKEN,
        );
        expect({ itemId: body.itemId, status: item.status }).toEqual({ itemId: body.itemId, status: 200 });
      }
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toEqual({ code: 0, signal: null });
    }
  }, 60_000);

  it('`jejak --help` prints the usage and succeeds; `jejak` alone prints it and fails', async () => {
    for (const [args, code] of [
      [['--help'], 0],
      [['-h'], 0],
      [['help'], 0],
      [[], 2],
    ] as [string[], number][]) {
      const lines: string[] = [];
      const output = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
      expect({ args, code: await runCli(args, output, { JEJAK_DATA_DIR: freshDir() }) }).toEqual({
        args,
        code,
      });
      expect(lines.join('\n')).toContain('jejak token create --name N --role R');
    }
  });

  it('a token made by `jejak token create` works over HTTP, and `jejak token revoke` shuts it out at once', async () => {
    const dataDir = freshDir();
    const t = await startTestApp({}, dataDir);
    try {
      const lines: string[] = [];
      const output = { out: (line: string) => lines.push(line), err: () => undefined };
      const env = { JEJAK_DATA_DIR: dataDir, JEJAK_LOG_LEVEL: 'silent' };
      const created = await runCli(
        ['token', 'create', '--name', 'Kurir CLI', '--role', 'courier', '--principal', 'KURIR-CLI'],
        output,
        env,
      );
      expect(created).toBe(0);
      const token = JSON.parse(lines.join('\n')) as { id: string; token: string; principalId: string };
      expect(token.principalId).toBe('KURIR-CLI');

      await t
        .http()
        .get('/api/locations')
        .set(...bearer(token.token))
        .expect(200);

      expect(await runCli(['token', 'revoke', token.id], output, env)).toBe(0);
      const refused = await t
        .http()
        .get('/api/locations')
        .set(...bearer(token.token));
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
      expect(await runCli(['token', 'revoke', token.id], output, env)).toBe(1);
    } finally {
      await t.close();
    }
  }, 30_000);
});
