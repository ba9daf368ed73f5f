import { expectNothingChanged } from './support/directory-probe';
import { expectNothingRecorded } from './support/store-probe';
import { aFile, ADMIN_TOKEN, bearer, startTestApp, type TestApp } from './support/test-app';

const admin = bearer(ADMIN_TOKEN);

describe('places of the directory: codes, rename, move, deactivate', () => {
  let t: TestApp;
  let officer: string;
  let auditor: string;
  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.token('officer', 'kec-cikarang-utara', 'OFFICER-CU')).token;
    auditor = (await t.token('auditor', undefined, 'AUDITOR-1')).token;
  });
  afterAll(() => t.close());

  it('shows the Kemendagri code and active of every place, and q matches name, id or code', async () => {
    const all = await t
      .http()
      .get('/api/locations')
      .set(...bearer(officer))
      .expect(200);
    const areas = all.body.locations.filter(
      (l: { type: string }) => l.type === 'kecamatan' || l.type === 'desa',
    );
    expect(areas).toHaveLength(23 + 187);
    expect(
      areas.every((l: { kemendagriCode: string }) => /^32\.16\.\d{2}(\.\d{4})?$/.test(l.kemendagriCode)),
    ).toBe(true);
    expect(all.body.locations.every((l: { active: boolean }) => l.active === true)).toBe(true);
    const one = await t
      .http()
      .get('/api/locations/kec-babelan')
      .set(...bearer(officer))
      .expect(200);
    expect(one.body).toMatchObject({ id: 'kec-babelan', kemendagriCode: '32.16.02', active: true });
    for (const q of ['32.16.02', 'babelan', 'kec-babel']) {
      const found = await t
        .http()
        .get('/api/locations')
        .query({ q })
        .set(...bearer(officer))
        .expect(200);
      expect(found.body.locations.map((l: { id: string }) => l.id)).toContain('kec-babelan');
    }
    const village = areas.find((l: { parentId: string }) => l.parentId === 'kec-babelan');
    const byCode = await t
      .http()
      .get('/api/locations')
      .query({ q: village.kemendagriCode })
      .set(...bearer(officer))
      .expect(200);
    expect(byCode.body.locations.map((l: { id: string }) => l.id)).toEqual([village.id]);
  });

  it('renames and moves a place (admin), audited and shown to admin and auditor', async () => {
    await t
      .http()
      .post('/api/locations')
      .set(...admin)
      .send({ id: 'pos-arsip-a', name: 'Pos Arsip A', type: 'sorting_point' })
      .expect(201);
    const moved = await t
      .http()
      .patch('/api/locations/pos-arsip-a')
      .set(...admin)
      .send({ name: 'Pos Arsip Babelan', parentId: 'kec-babelan' })
      .expect(200);
    expect(moved.body).toMatchObject({ name: 'Pos Arsip Babelan', parentId: 'kec-babelan', active: true });
    const changes = await t
      .http()
      .get('/api/locations/pos-arsip-a/changes')
      .set(...bearer(auditor))
      .expect(200);
    expect(changes.body.locationId).toBe('pos-arsip-a');
    expect(
      changes.body.changes.map((c: { action: string; actorId: string }) => [c.action, c.actorId]),
    ).toEqual([
      ['location.created', 'admin'],
      ['location.updated', 'admin'],
    ]);
    expect(changes.body.changes[1].details).toEqual({
      name: { from: 'Pos Arsip A', to: 'Pos Arsip Babelan' },
      parentId: { from: null, to: 'kec-babelan' },
    });
    await t
      .http()
      .get('/api/locations/pos-arsip-a/changes')
      .set(...bearer(officer))
      .expect(403);
  });

  it('deactivates a place that stays readable, with its items, and filters by active', async () => {
    await t
      .http()
      .post('/api/locations')
      .set(...admin)
      .send({ id: 'dinas-lama', name: 'Dinas Lama', type: 'dinas' })
      .expect(201);
    const registered = await t
      .http()
      .post('/api/items')
      .set(...admin)
      .send(aFile({ originUnitId: 'dinas-lama' }))
      .expect(201);
    const gone = await t
      .http()
      .patch('/api/locations/dinas-lama')
      .set(...admin)
      .send({ active: false })
      .expect(200);
    expect(gone.body).toMatchObject({ id: 'dinas-lama', active: false });
    await t
      .http()
      .get('/api/locations/dinas-lama')
      .set(...bearer(officer))
      .expect(200)
      .expect((r) => expect(r.body.active).toBe(false));
    const inventory = await t
      .http()
      .get('/api/locations/dinas-lama/inventory')
      .query({ minPosition: registered.body.position })
      .set(...admin)
      .expect(200);
    expect(inventory.body.location.active).toBe(false);
    expect(inventory.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([registered.body.itemId]);
    const item = await t
      .http()
      .get(`/api/items/${registered.body.itemId}`)
      .query({ minPosition: registered.body.position })
      .set(...admin)
      .expect(200);
    expect(item.body.locationId).toBe('dinas-lama');
    const inactive = await t
      .http()
      .get('/api/locations')
      .query({ active: 'false' })
      .set(...admin)
      .expect(200);
    expect(inactive.body.locations.map((l: { id: string }) => l.id)).toEqual(['dinas-lama']);
    const active = await t
      .http()
      .get('/api/locations')
      .query({ active: 'true' })
      .set(...admin)
      .expect(200);
    expect(active.body.locations.map((l: { id: string }) => l.id)).not.toContain('dinas-lama');
    const changes = await t
      .http()
      .get('/api/locations/dinas-lama/changes')
      .set(...admin)
      .expect(200);
    expect(changes.body.changes.at(-1)).toMatchObject({
      action: 'location.deactivated',
      actorId: 'admin',
      details: { active: { from: true, to: false } },
    });
  });

  it('a deactivated place takes nothing new: registering there or a transfer to it is refused, recording nothing', async () => {
    await t
      .http()
      .post('/api/locations')
      .set(...admin)
      .send({ id: 'dinas-tutup', name: 'Dinas Tutup', type: 'dinas' })
      .expect(201);
    await t
      .http()
      .patch('/api/locations/dinas-tutup')
      .set(...admin)
      .send({ active: false })
      .expect(200);
    const file = await t
      .http()
      .post('/api/items')
      .set(...bearer(officer))
      .send(aFile({ originUnitId: 'kec-cikarang-utara' }))
      .expect(201);
    await expectNothingRecorded(t, async () => {
      const there = await t
        .http()
        .post('/api/items')
        .set(...admin)
        .send(aFile({ originUnitId: 'dinas-tutup' }));
      expect(there.status).toBe(400);
      expect(there.body.errors).toEqual([
        expect.objectContaining({ field: 'originUnitId', message: expect.stringContaining('deactivated') }),
      ]);
      const toIt = await t
        .http()
        .post('/api/transfers')
        .set(...bearer(officer))
        .send({
          baNumber: 'BA-077/ARS/2026',
          fromId: 'kec-cikarang-utara',
          toId: 'dinas-tutup',
          itemIds: [file.body.itemId],
        });
      expect(toIt.status).toBe(400);
      expect(toIt.body.errors).toEqual([expect.objectContaining({ field: 'toId' })]);
    });
  });

  it('refuses a non-admin, an unknown place, a bad body, an unknown parent and a cycle, recording nothing', async () => {
    const place = async () =>
      (
        await t
          .http()
          .get('/api/locations/kec-babelan')
          .set(...admin)
          .expect(200)
      ).body;
    const trail = async () =>
      (
        await t
          .http()
          .get('/api/locations/kec-babelan/changes')
          .set(...admin)
          .expect(200)
      ).body.changes;
    const before = { place: await place(), trail: await trail() };
    const children = await t
      .http()
      .get('/api/locations')
      .query({ parentId: 'kec-babelan' })
      .set(...admin);
    const child: string = children.body.locations[0].id;
    const refusals: [string, Record<string, unknown>, number, string, Record<string, unknown>?][] = [
      ['kec-babelan', { name: 'X' }, 403, 'forbidden'],
      ['tidak-ada', { name: 'X' }, 404, 'not-found', {}],
      ['kec-babelan', {}, 400, 'validation-failed', {}],
      ['kec-babelan', { name: '' }, 400, 'validation-failed', {}],
      ['kec-babelan', { active: 'no' }, 400, 'validation-failed', {}],
      ['kec-babelan', { type: 'desa' }, 400, 'validation-failed', {}],
      ['kec-babelan', { parentId: 'tidak-ada' }, 400, 'validation-failed', {}],
      ['kec-babelan', { parentId: 'kec-babelan' }, 400, 'validation-failed', {}],
      ['kec-babelan', { parentId: child }, 400, 'validation-failed', {}],
    ];
    for (const [id, body, status, code, asAdmin] of refusals) {
      await expectNothingChanged(t, async () => {
        const response = await t
          .http()
          .patch(`/api/locations/${id}`)
          .set(...(asAdmin ? admin : bearer(officer)))
          .send(body);
        expect([response.status, response.body.code]).toEqual([status, code]);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      });
    }
    expect({ place: await place(), trail: await trail() }).toEqual(before);
    await t
      .http()
      .get('/api/locations/tidak-ada/changes')
      .set(...admin)
      .expect(404);
  });
});
