import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  ALLOWED_FROM,
  CUSTODY_PERMISSIONS,
  ROLES,
  roomOf,
  type CustodyEventType,
  type ItemStatus,
  type Role,
} from '@jejak/custody';
import { BEKASI_DIRECTORY } from '@jejak/directory';
import { wellFormedData } from '../libs/custody/src/testing/well-formed';
import { ROUTE_PERMISSIONS } from '../apps/custody-api/src/auth/route-permissions';
import { castOf, type Cast } from './support/actors';
import { headPosition } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';
import { SIGNED } from './support/acknowledgements';

/** Counts of the directory's tables and its audit sequence: any recorded change moves one of them. */
function directorySnapshot(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'directory.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return {
      tokens: count('SELECT count(*) AS n FROM tokens'),
      revoked: count('SELECT count(*) AS n FROM tokens WHERE revoked_at IS NOT NULL'),
      locations: count('SELECT count(*) AS n FROM locations'),
      audit: count('SELECT max(seq) AS n FROM directory_audit'),
    };
  } finally {
    db.close();
  }
}

async function expectNothingChanged(t: TestApp, act: () => Promise<unknown>): Promise<void> {
  const head = await headPosition(t);
  const directory = directorySnapshot(t.dataDir);
  await act();
  expect({ head: await headPosition(t), directory: directorySnapshot(t.dataDir) }).toEqual({
    head,
    directory,
  });
}

const SORTING_POINT = 'pemilahan-cikarang-pusat';

type Caller = Role | 'no token' | 'revoked token';

describe('access control: the route matrix and object-level checks', () => {
  let t: TestApp;
  let cast: Cast;
  let itemId: string;
  let revoked: string;
  const tokenOf: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    t = await startTestApp({ JEJAK_RATE_LIMIT_PER_MINUTE: '1000000' });
    cast = await castOf(t, ADMIN_TOKEN);
    Object.assign(tokenOf, {
      admin: ADMIN_TOKEN,
      officer: cast.officer,
      courier: cast.courierA,
      depot: cast.depot,
      auditor: cast.auditor,
    });
    const gone = await t.token('courier', undefined, 'KURIR-REVOKED');
    await t
      .http()
      .delete(`/api/tokens/${gone.id}`)
      .set(...bearer(ADMIN_TOKEN))
      .expect(204);
    revoked = gone.token;
    itemId = (
      await t
        .http()
        .post('/api/items')
        .set(...bearer(cast.officer))
        .send(aFile())
        .expect(201)
    ).body.itemId;
  });
  afterAll(() => t.close());

  let serial = 0;
  const concretePath = (template: string): string =>
    template
      .replace(/^\/api\/tokens\/:id/, '/api/tokens/no-such-token')
      .replace(/^\/api\/locations\/:id/, '/api/locations/kec-cikarang-utara')
      .replace(/^\/api\/transfers\/:id/, '/api/transfers/no-such-transfer')
      .replace(/:id/, itemId);

  /** A body that would record something if the request got through (nothing is recorded when refused). */
  const bodyFor = (key: string): Record<string, unknown> => {
    serial += 1;
    switch (key) {
      case 'POST /api/tokens':
        return { name: `matrix ${serial}`, role: 'courier' };
      case 'POST /api/locations':
        return {
          id: `desa-matrix-${serial}`,
          name: 'Desa Uji',
          type: 'desa',
          parentId: 'kec-cikarang-utara',
        };
      case 'POST /api/items':
        return aFile({ title: `Berkas uji matriks ${serial}` });
      case 'POST /api/items/:id/events':
        // Passes every route-level check; a pinned, stale revision stops it at 409 inside the handler.
        return { type: 'reported_missing', reason: 'uji matriks', expectedRevision: 999 };
      default:
        return {};
    }
  };

  const call = (key: string, caller: Caller) => {
    const [method, template] = key.split(' ');
    const path = concretePath(template);
    let request = t.http()[method.toLowerCase() as 'get' | 'post' | 'delete'](path);
    if (caller === 'revoked token') request = request.set(...bearer(revoked));
    else if (caller !== 'no token') request = request.set(...bearer(tokenOf[caller]!));
    return method === 'POST' ? request.send(bodyFor(key)) : request;
  };

  const served = (key: string): boolean => {
    const [method, url] = key.split(' ');
    return t.app.getHttpAdapter().getInstance().hasRoute({ method: method, url });
  };

  it('serves the routes of the matrix (the rest are refused to everyone until built)', () => {
    const servedKeys = Object.keys(ROUTE_PERMISSIONS).filter(served);
    expect(servedKeys).toEqual(
      expect.arrayContaining([
        'POST /api/tokens',
        'POST /api/items',
        'POST /api/items/:id/events',
        'GET /api/audit/items/:id/replay',
        'GET /api/audit/items/:id/export',
        'GET /metrics',
      ]),
    );
  });

  const callers: Caller[] = [...ROLES, 'no token', 'revoked token'];
  for (const key of Object.keys(ROUTE_PERMISSIONS)) {
    it(`${key}: refuses callers outside the matrix (recording nothing) and lets the others through`, async () => {
      if (!served(key)) return; // not built yet: Fastify answers 404 before any guard.
      const allowed = ROUTE_PERMISSIONS[key];
      for (const caller of callers) {
        const inside = (ROLES as readonly string[]).includes(caller) && allowed.includes(caller as Role);
        if (inside) {
          const response = await call(key, caller);
          expect({ key, caller, refused: [401, 403].includes(response.status) }).toEqual({
            key,
            caller,
            refused: false,
          });
          continue;
        }
        await expectNothingChanged(t, async () => {
          const response = await call(key, caller);
          const expected = caller === 'no token' || caller === 'revoked token' ? 401 : 403;
          expect({ key, caller, status: response.status, code: response.body.code }).toEqual({
            key,
            caller,
            status: expected,
            code: expected === 401 ? 'unauthenticated' : 'forbidden',
          });
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        });
      }
    });
  }

  describe('object level (OWASP API1): the right role is not enough', () => {
    let carried: { itemId: string; registeredEventId: string };
    let offered: string;
    let inTransit: string;
    let stillRegistered: string;
    let arrived: string;
    let deposited: string;
    let onLoan: string;
    let missing: string;

    const post = (id: string, who: keyof Cast, body: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/items/${id}/events`)
        .set(...bearer(cast[who]))
        .send(body);

    const registerFile = async () =>
      (
        await t
          .http()
          .post('/api/items')
          .set(...bearer(cast.officer))
          .send(aFile())
          .expect(201)
      ).body as { itemId: string; eventId: string };

    /** A new file taken through `steps`, each posted by the one entitled to it. */
    const fileAfter = async (steps: [keyof Cast, Record<string, unknown>][]) => {
      const { itemId } = await registerFile();
      for (const [who, body] of steps) await post(itemId, who, body).expect(201);
      return itemId;
    };
    const toBekasi: [keyof Cast, Record<string, unknown>][] = [
      ['courierA', { type: 'collected', acknowledgement: SIGNED }],
      ['courierA', { type: 'dispatched', destinationId: 'depo-arsip-bekasi' }],
    ];
    const intoBekasi: [keyof Cast, Record<string, unknown>][] = [
      ...toBekasi,
      ['courierA', { type: 'arrived' }],
      ['depot', { type: 'intake_confirmed', storage: { room: 'R1' } }],
    ];

    beforeAll(async () => {
      const registered = await registerFile();
      carried = { itemId: registered.itemId, registeredEventId: registered.eventId };
      await post(carried.itemId, 'courierA', { type: 'collected', acknowledgement: SIGNED }).expect(201);
      offered = await fileAfter([
        ['courierA', { type: 'collected', acknowledgement: SIGNED }],
        ['courierA', { type: 'handover_offered', toCustodianId: 'depo-arsip-bekasi' }],
      ]);
      inTransit = await fileAfter(toBekasi);
      stillRegistered = (await registerFile()).itemId;
      arrived = await fileAfter([...toBekasi, ['courierA', { type: 'arrived' }]]);
      deposited = await fileAfter(intoBekasi);
      onLoan = await fileAfter([
        ...intoBekasi,
        [
          'depot',
          {
            type: 'lent',
            borrowerUnitId: 'setda',
            borrowerName: 'Ibu Sari',
            dueAt: '2030-01-01T00:00:00.000Z',
          },
        ],
      ]);
      missing = await fileAfter([
        ...intoBekasi,
        ['depot', { type: 'reported_missing', reason: 'rak kosong' }],
      ]);
    });

    /**
     * An item whose status allows the event, so that only who is asking can be wrong: a status the
     * event is never allowed from is refused 409 first, whoever asks (see the test after the rows).
     */
    const targetOf = (type: CustodyEventType): string => {
      switch (type) {
        case 'handover_accepted':
        case 'handover_declined':
        case 'handover_withdrawn':
          return offered;
        case 'arrived':
          return inTransit;
        case 'delivered':
        case 'collected':
        case 'intake_confirmed':
        case 'intake_rejected':
          return arrived;
        case 'returned':
        case 'loan_extended':
          return onLoan;
        case 'voided':
          return stillRegistered;
        case 'found':
          return missing;
        case 'relocated':
        case 'lent':
        case 'reported_missing':
        case 'disposed':
        case 'transferred_static':
        case 'reappraised':
          return deposited;
        default: {
          // Any other event (a new room too): the first of these items in a status it is allowed from.
          const atRest: [ItemStatus, string][] = [
            ['collected', carried.itemId],
            ['in_transit', inTransit],
            ['registered', stillRegistered],
            ['arrived', arrived],
            ['deposited', deposited],
            ['on_loan', onLoan],
            ['missing', missing],
          ];
          if (type === 'registered') return carried.itemId;
          if (roomOf(type).needsPendingHandover) return offered;
          return atRest.find(([status]) => ALLOWED_FROM[type].includes(status))?.[1] ?? carried.itemId;
        }
      }
    };

    /** Fields each event needs, so the request reaches the domain's authorisation. */
    const bodyOf = (type: CustodyEventType): Record<string, unknown> => {
      const base: Record<string, Record<string, unknown>> = {
        sorted: { locationId: SORTING_POINT, destinationId: 'depo-arsip-bekasi' },
        dispatched: { destinationId: 'depo-arsip-bekasi' },
        handover_offered: { toCustodianId: 'KURIR-B' },
        handover_declined: { reason: 'bukan untuk saya' },
        handover_withdrawn: { reason: 'salah alamat' },
        collected: { acknowledgement: SIGNED },
        delivered: { receivedBy: 'Pak Andi', acknowledgement: SIGNED },
        intake_confirmed: { storage: { room: 'R9' } },
        intake_rejected: { reason: 'rusak' },
        relocated: { storage: { room: 'R9' } },
        lent: { borrowerUnitId: 'setda', borrowerName: 'Ibu Sari', dueAt: '2030-01-01T00:00:00.000Z' },
        returned: { storage: { room: 'R9' } },
        reported_missing: { reason: 'tidak ada di rak' },
        found: { locationId: 'kec-cikarang-utara' },
        disposed: { baNumber: 'BA-001/ARS/2026' },
        transferred_static: { baNumber: 'BA-002/ARS/2026' },
        corrected: { correctsEventId: carried.registeredEventId, reason: 'salah ketik' },
        loan_extended: { dueAt: '2031-01-01T00:00:00.000Z', reason: 'masih dipakai' },
        reappraised: { disposition: 'musnah', decisionNumber: 'SK-1/2026', reason: 'dinilai' },
        voided: { reason: 'duplikat' },
      };
      const derived = type === 'registered' ? {} : wellFormedData(type, BEKASI_DIRECTORY);
      return { type, ...(base[type] ?? derived) };
    };

    /** The same role as the grant, but another unit, another courier, another depot. */
    const wrongActorFor: Record<Exclude<Role, 'admin' | 'auditor'>, keyof Cast> = {
      officer: 'otherOfficer',
      courier: 'courierB',
      depot: 'otherDepot',
    };

    const rows = (Object.keys(CUSTODY_PERMISSIONS) as CustodyEventType[])
      .filter((type) => type !== 'registered')
      .flatMap((type) =>
        [...new Set(CUSTODY_PERMISSIONS[type].map((grant) => grant.role))]
          .filter((role): role is keyof typeof wrongActorFor => role in wrongActorFor)
          .map((role) => ({ type, role })),
      );

    it.each(rows)(
      '$type by a $role of the wrong unit / not the custodian / not the addressee is 403',
      async ({ type, role }) => {
        await expectNothingChanged(t, async () => {
          const response = await post(targetOf(type), wrongActorFor[role], bodyOf(type));
          expect({ status: response.status, code: response.body.code }).toEqual({
            status: 403,
            code: 'forbidden',
          });
        });
      },
    );

    const depotRows = (Object.keys(CUSTODY_PERMISSIONS) as CustodyEventType[])
      .filter((type) => CUSTODY_PERMISSIONS[type].some((g) => g.role === 'depot' && g.scope === 'depot-here'))
      .map((type) => ({ type }));
    it.each(depotRows)(
      '$type by the staff of another depot is 403 on an item of depo-arsip-bekasi',
      async ({ type }) => {
        await expectNothingChanged(t, async () => {
          const response = await post(targetOf(type), 'otherDepot', bodyOf(type));
          expect({ status: response.status, code: response.body.code }).toEqual({
            status: 403,
            code: 'forbidden',
          });
        });
      },
    );

    it('a status the event is never allowed from is 409 invalid-transition before any unit or custody check', async () => {
      const cases: [string, keyof Cast, Record<string, unknown>, string][] = [
        [inTransit, 'depot', bodyOf('intake_confirmed'), 'in_transit'],
        [inTransit, 'otherDepot', bodyOf('intake_confirmed'), 'in_transit'],
        [(await registerFile()).itemId, 'courierB', bodyOf('arrived'), 'registered'],
        [deposited, 'otherDepot', bodyOf('returned'), 'deposited'],
      ];
      for (const [itemId, who, body, status] of cases) {
        await expectNothingChanged(t, async () => {
          const response = await post(itemId, who, body);
          expect({ who, status: response.status, code: response.body.code }).toEqual({
            who,
            status: 409,
            code: 'invalid-transition',
          });
          expect(response.body.detail).toContain(`'${body.type as string}'`);
          expect(response.body.detail).toContain(`status '${status}'`);
        });
      }
    });

    it('a role that may never record the event stays 403 whatever the status', async () => {
      await expectNothingChanged(t, async () => {
        // Officers take in at their own unit (a transfer to a unit); couriers never take in.
        const byCourier = await post(inTransit, 'courierA', bodyOf('intake_confirmed'));
        const byAuditor = await post(deposited, 'auditor', bodyOf('returned'));
        expect([byCourier.status, byCourier.body.code, byAuditor.status, byAuditor.body.code]).toEqual([
          403,
          'forbidden',
          403,
          'forbidden',
        ]);
      });
    });

    it('registering for another unit is 403', async () => {
      await expectNothingChanged(t, async () => {
        const response = await t
          .http()
          .post('/api/items')
          .set(...bearer(cast.otherOfficer))
          .send(aFile({ originUnitId: 'kec-cikarang-utara' }));
        expect(response.status).toBe(403);
      });
    });

    it('the entitled actors are let through (the refusals above are about who, not what)', async () => {
      await post(deposited, 'depot', { type: 'relocated', storage: { room: 'R2' } }).expect(201);
      await post(carried.itemId, 'courierA', { type: 'handover_offered', toCustodianId: 'KURIR-B' }).expect(
        201,
      );
      await post(offered, 'depot', { type: 'handover_accepted' }).expect(201);
    });
  });
});
