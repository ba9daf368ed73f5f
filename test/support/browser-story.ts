import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient } from './api-client';
import { launchBrowser } from './browser';
import { spawnService, type SpawnedService } from './spawned-service';

export const STORY_UNIT = 'kec-cikarang-utara';
export const STORY_DEPOT = 'depo-arsip-bekasi';
const DAY = 24 * 3600 * 1000;
/** A time relative to now: stories set in the past never depend on the calendar. */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString();
/** The same as a day for a date input (YYYY-MM-DD, in WIB as the app reads it). */
export const dayFromNow = (days: number): string =>
  new Date(Date.now() + days * DAY + 7 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * A browser suite's world: the built service on its own data directory, an admin token, Debian's
 * Chromium, and the API helpers a story is set up and checked with. Call in the describe body.
 */
export function browserStory(admin: string) {
  const world = {} as {
    service: SpawnedService;
    browser: Browser;
    api: ReturnType<typeof apiClient>;
  };
  let dataDir: string;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-browser-story-'));
    world.service = await spawnService({ JEJAK_DATA_DIR: dataDir, JEJAK_ADMIN_TOKEN: admin });
    world.api = apiClient(world.service.baseUrl);
    world.browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await world.browser?.close();
    world.service?.child.kill('SIGTERM');
    await world.service?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const token = async (role: string, unitId?: string, principalId?: string): Promise<string> =>
    (
      await world.api.must(admin, 'POST', '/api/tokens', {
        name: `${role} ${++serial}`,
        role,
        unitId,
        principalId,
      })
    ).token;

  /** A file registered at the unit (backdated by `daysAgo`, so later steps may be dated after it). */
  const register = async (
    officer: string,
    title: string,
    daysAgo = 0,
  ): Promise<{ itemId: string; shortCode: string }> => {
    const { itemId, position } = await world.api.must(officer, 'POST', '/api/items', {
      kind: 'file',
      title,
      classificationCode: '900.1.3',
      securityClass: 'biasa',
      originUnitId: STORY_UNIT,
      year: 2016,
      ...(daysAgo ? { occurredAt: daysFromNow(-daysAgo) } : {}),
    });
    // Read your write: the read model answers once it has applied the registration.
    const { shortCode } = await world.api.must(
      officer,
      'GET',
      `/api/items/${itemId}?minPosition=${position}`,
    );
    return { itemId, shortCode };
  };

  /**
   * A file taken to the depot and shelved, twenty days ago: released by its officer to the courier
   * (the holder's offer, accepted), carried, and taken in at `storage`.
   */
  const deposit = async (
    cast: { officer: string; courier: string; courierId: string; depot: string },
    title: string,
    storage: Record<string, string>,
  ) => {
    const item = await register(cast.officer, title, 21);
    const at = daysFromNow(-20);
    const steps: [string, Record<string, unknown>][] = [
      [cast.officer, { type: 'handover_offered', toCustodianId: cast.courierId }],
      [cast.courier, { type: 'handover_accepted' }],
      [cast.courier, { type: 'dispatched', destinationId: STORY_DEPOT }],
      [cast.courier, { type: 'arrived' }],
      [cast.depot, { type: 'intake_confirmed', storage }],
    ];
    for (const [who, body] of steps)
      await world.api.must(who, 'POST', `/api/items/${item.itemId}/events`, { ...body, occurredAt: at });
    return item;
  };

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor();

  const typesOf = async (who: string, itemId: string): Promise<string[]> =>
    (await world.api.must(who, 'GET', `/api/items/${itemId}/history`)).events.map(
      (e: { type: string }) => e.type,
    );

  return { world, token, register, deposit, heading, typesOf };
}
