import type { TestApp } from './test-app';

export interface Cast {
  officer: string;
  otherOfficer: string;
  addresseeOfficer: string;
  courierA: string;
  courierB: string;
  depot: string;
  otherDepot: string;
  auditor: string;
  admin: string;
}

/** The people of a custody story, each with their own token. */
export async function castOf(t: TestApp, admin: string): Promise<Cast> {
  const otherDepotId = 'depo-arsip-cabang-test';
  await t
    .http()
    .post('/api/locations')
    .set('Authorization', `Bearer ${admin}`)
    .send({ id: otherDepotId, name: 'Depo Arsip Cabang (uji)', type: 'depot' });
  return {
    officer: (await t.token('officer', 'kec-cikarang-utara')).token,
    otherOfficer: (await t.token('officer', 'kec-babelan')).token,
    addresseeOfficer: (await t.token('officer', 'dinas-perpustakaan-kearsipan')).token,
    courierA: (await t.token('courier', undefined, 'KURIR-A')).token,
    courierB: (await t.token('courier', undefined, 'KURIR-B')).token,
    depot: (await t.token('depot', 'depo-arsip-bekasi')).token,
    otherDepot: (await t.token('depot', otherDepotId)).token,
    auditor: (await t.token('auditor')).token,
    admin,
  };
}
