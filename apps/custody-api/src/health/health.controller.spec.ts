import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE } from '@jejak/event-store';
import { READ_MODEL_STORE } from '@jejak/read-models';
import { PROJECTOR, type ProjectorHandle } from '../infrastructure/projector.provider';
import { StoreIntegrity } from '../infrastructure/store-integrity';
import { HealthController } from './health.controller';
import { StorageHealth } from './storage-health';

async function readiness(projector: Partial<ProjectorHandle>): Promise<unknown> {
  const module = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      { provide: EVENT_STORE, useValue: { ping: async () => undefined } },
      { provide: READ_MODEL_STORE, useValue: { ping: async () => undefined } },
      { provide: PROJECTOR, useValue: projector },
      { provide: StoreIntegrity, useValue: { notices: [], damagedWhileRunning: null } },
      { provide: StorageHealth, useValue: new StorageHealth('/data') },
    ],
  }).compile();
  try {
    const reply = { status: () => reply };
    return await module.get(HealthController).ready(reply as never);
  } catch (error) {
    return (error as { getResponse(): unknown }).getResponse();
  } finally {
    await module.close();
  }
}

describe('GET /health/ready', () => {
  it('is up while the projector runs and makes progress', async () => {
    expect(await readiness({ isRunning: () => true, problem: () => null })).toMatchObject({ status: 'ok' });
  });

  it('says whether this replica holds the projector lease; a standby is ready too', async () => {
    const standby = { holdsLease: false, holderId: 'api-2:41:ab' };
    expect(
      await readiness({ isRunning: () => true, problem: () => null, lease: () => standby }),
    ).toMatchObject({
      status: 'ok',
      info: { projections: { status: 'up', ...standby } },
    });
    const holder = { holdsLease: true, holderId: 'api-1:40:cd' };
    expect(
      await readiness({ isRunning: () => true, problem: () => null, lease: () => holder }),
    ).toMatchObject({
      info: { projections: { status: 'up', holdsLease: true } },
    });
  });

  it('is down, saying why, while the projector runs but is stuck', async () => {
    const answer = await readiness({ isRunning: () => true, problem: () => 'access denied reading $all' });
    expect(answer).toMatchObject({
      status: 'error',
      error: {
        projections: { status: 'down', message: 'projections are stuck: access denied reading $all' },
      },
    });
  });
});
