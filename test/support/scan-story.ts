import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { apiClient } from './api-client';

export const UNIT = 'kec-cikarang-utara';
export const DEPOT = 'depo-arsip-bekasi';

/** Setting up a scanning story over the API of a spawned service: people, files, a consignment. */
export function scanStory(baseUrl: string, admin: string) {
  const api = apiClient(baseUrl);
  let serial = 0;

  const token = async (role: string, unitId?: string, principalId?: string): Promise<string> =>
    (await api.must(admin, 'POST', '/api/tokens', { name: `${role} ${++serial}`, role, unitId, principalId }))
      .token;

  const register = async (officer: string, count: number, what: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 1; i <= count; i++)
      ids.push(
        (
          await api.must(officer, 'POST', '/api/items', {
            kind: 'file',
            title: `${what} nomor ${i}`,
            classificationCode: '900.1.3',
            securityClass: 'biasa',
            originUnitId: UNIT,
            year: 2021,
          })
        ).itemId,
      );
    return ids;
  };

  const transferOf = async (officer: string, itemIds: string[]): Promise<{ id: string; ba: string }> => {
    const ba = `BA-SCAN-${++serial}/ARS/2026`;
    const { transferId } = await api.must(officer, 'POST', '/api/transfers', {
      baNumber: ba,
      fromId: UNIT,
      toId: DEPOT,
      itemIds,
    });
    return { id: transferId as string, ba };
  };

  /** The courier collects, with the holder's kode serah (two-party custody). */
  const collect = async (officer: string, courier: string, path: string) => {
    const { code } = await api.must(officer, 'POST', '/api/release-codes', { placeId: UNIT });
    await api.must(courier, 'POST', path, { type: 'collected', acknowledgement: { method: 'code', code } });
  };

  /** A PDF route's bytes (the API client reads bodies as text). */
  const pdf = async (reader: string, path: string): Promise<Buffer> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${reader}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  };

  const labelOf = (id: string) => `${baseUrl}/i/${encodeURIComponent(id)}`;

  return { api, token, register, transferOf, collect, pdf, labelOf };
}

async function answered(page: Page, answer: string | RegExp): Promise<string | null> {
  const verdict = page.getByTestId('scan-verdict').filter({ hasText: answer });
  await verdict.waitFor().catch(async (error) => {
    throw new Error(`${String(error)}; shown: ${await page.getByTestId('scan-verdict').allTextContents()}`);
  });
  return verdict.getAttribute('data-verdict');
}

/**
 * Holds a code in front of the fake camera (support/fake-camera.ts) until the app answers with
 * `answer`, then takes it away; the verdict shown (accepted, duplicate, not-in-manifest, …).
 */
export async function show(page: Page, text: string, answer: string | RegExp): Promise<string | null> {
  const image = await QRCode.toDataURL(text, { margin: 4, width: 300 });
  await page.evaluate(`window.__showCode(${JSON.stringify(image)})`);
  const verdict = await answered(page, answer);
  await page.evaluate('window.__showCode(null)');
  return verdict;
}

/** Types a code as a keyboard-wedge scanner would (the code and Enter) and waits for the answer. */
export async function typeCode(page: Page, field: string, text: string, answer: string | RegExp) {
  await page.getByLabel(field).fill(text);
  await page.getByLabel(field).press('Enter');
  return answered(page, answer);
}
