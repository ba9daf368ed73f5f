import {
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  createEventStore,
  EVENT_STORE,
  isDamagedFileError,
  SqliteEventStore,
  withSubscribedLog,
  type EventStore,
} from '@jejak/event-store';
import {
  createReadModels,
  LeasedProjector,
  MongoReadModels,
  Projector,
  ProjectorLease,
  READ_MODEL_QUERIES,
  READ_MODEL_STORE,
  SqliteReadModels,
  type ReadModelStore,
} from '@jejak/read-models';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  AttemptCounterStore,
  connectMongoDirectory,
  CredentialStore,
  IDEMPOTENCY_FILE,
  IdempotencyStore,
  ImportLedgerStore,
  LocationStore,
  openDirectoryDatabase,
  openShortCodeDatabase,
  PeopleStore,
  ReleaseCodeStore,
  SessionStore,
  SHORT_CODE_FILE,
  ShortCodeStore,
  SignatureImageStore,
  SqliteIdempotencyStore,
  sqliteDirectory,
  TokenStore,
  type Directory,
} from '@jejak/directory';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { CommandMetrics } from '../metrics/command-metrics';
import { PROJECTOR, RemoteProjectorHandle, type ProjectorHandle } from './projector.provider';
import { ReadModelGate } from './read-model-gate';
import { StoreIntegrity } from './store-integrity';
import { isStorageFull } from '../common/problem-exception.filter';
import { StorageHealth } from '../health/storage-health';

export const DIRECTORY_DB = Symbol('DIRECTORY_DB');
/** The directory port's stores: MongoDB with MONGODB_URL (shared by replicas), else SQLite. */
export const DIRECTORY = Symbol('DIRECTORY');

/** Each store of the directory, injectable by its port's class. */
const DIRECTORY_STORES = (
  [
    [LocationStore, 'locations'],
    [PeopleStore, 'people'],
    [TokenStore, 'tokens'],
    [SessionStore, 'sessions'],
    [CredentialStore, 'credentials'],
    [ReleaseCodeStore, 'releaseCodes'],
    [SignatureImageStore, 'signatureImages'],
    [ShortCodeStore, 'shortCodes'],
    [IdempotencyStore, 'idempotency'],
    [ImportLedgerStore, 'importLedger'],
    [AttemptCounterStore, 'attempts'],
  ] as const
).map(([provide, key]) => ({ provide, inject: [DIRECTORY], useFactory: (d: Directory) => d[key] }));

async function openDirectory(config: AppConfig, db: Database.Database, integrity: StoreIntegrity) {
  const options = {
    adminToken: config.adminToken,
    sessionIdleMs: config.session.idleMs,
    releaseCodeTtlMs: config.releaseCodeTtlMinutes * 60_000,
  };
  if (config.mongodbUrl) return connectMongoDirectory(config.mongodbUrl, options);
  integrity.checkBeforeOpen(SHORT_CODE_FILE);
  integrity.checkBeforeOpen(IDEMPOTENCY_FILE);
  const directory = sqliteDirectory(
    {
      directory: db,
      shortCodes: openShortCodeDatabase(config.dataDir),
      idempotency: new SqliteIdempotencyStore(config.dataDir),
    },
    options,
  );
  // After the places are seeded: a token's principal that is a place id is told apart.
  const { created, revokedPlaceIds } = await directory.people.migrateTokenPrincipals();
  const logger = new Logger('People');
  if (created.length > 0) logger.log(`${created.length} token holders became people of the directory`);
  if (revokedPlaceIds.length > 0) {
    logger.warn(`tokens revoked: their principal id is a place id (${revokedPlaceIds.join(', ')})`);
  }
  return directory;
}

/** Logs the first start's tree build over existing events at every tenth of the way. */
function logCatchUpProgress(logger: Logger): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    if (done < total && done - reported < total / 10) return;
    reported = done;
    logger.log(`building the verifiable log over existing events: ${done} of ${total}`);
  };
}

/** The composition root's stores: event store, read models, projector, directory. */
@Global()
@Module({
  providers: [
    CommandMetrics,
    ReadModelGate,
    {
      provide: StorageHealth,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new StorageHealth(config.dataDir),
    },
    {
      provide: StoreIntegrity,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new StoreIntegrity(config.dataDir),
    },
    {
      provide: DIRECTORY_DB,
      inject: [APP_CONFIG, StoreIntegrity],
      useFactory: (config: AppConfig, integrity: StoreIntegrity) => {
        integrity.checkBeforeOpen('directory.sqlite');
        return openDirectoryDatabase(config.dataDir);
      },
    },
    {
      provide: DIRECTORY,
      inject: [APP_CONFIG, DIRECTORY_DB, StoreIntegrity],
      useFactory: openDirectory,
    },
    ...DIRECTORY_STORES,
    {
      provide: IdempotencyRepository,
      inject: [IdempotencyStore],
      useFactory: (store: IdempotencyStore) => new IdempotencyRepository(store),
    },
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, CommandMetrics, StoreIntegrity, StorageHealth],
      useFactory: async (
        config: AppConfig,
        metrics: CommandMetrics,
        integrity: StoreIntegrity,
        storage: StorageHealth,
      ) => {
        const store = await createEventStore({
          eventStoreUrl: config.eventStoreUrl,
          dataDir: config.dataDir,
          onLogCatchUp: logCatchUpProgress(new Logger('VerifiableLog')),
          check: integrity.checkFiles,
        });
        if (config.eventStoreUrl) {
          // KurrentDB keeps no verifiable log of its own: a subscription feeds one in the data dir.
          mkdirSync(config.dataDir, { recursive: true });
          const logger = new Logger('VerifiableLog');
          return withSubscribedLog(store, join(config.dataDir, 'verifiable-log.sqlite'), (error) =>
            logger.error(`the verifiable log stopped following the event store: ${error.message}`),
          );
        }
        if (store instanceof SqliteEventStore) {
          store.onCommit((commit) => {
            metrics.groupCommitSize.observe(commit.batchSize);
            metrics.appendDuration.observe(commit.durationMs / 1000);
            storage.reportWritten('event log');
          });
        }
        return store;
      },
    },
    {
      provide: READ_MODEL_STORE,
      inject: [APP_CONFIG, StoreIntegrity],
      useFactory: async (config: AppConfig, integrity: StoreIntegrity) => {
        const store = await createReadModels({
          mongodbUrl: config.mongodbUrl,
          dataDir: config.dataDir,
          check: integrity.checkFiles,
          onRecovered: (recovery) => integrity.readModelRecovered(recovery),
        });
        if (store instanceof SqliteReadModels && store.replacedSchemaVersion !== null) {
          new Logger('ReadModels').warn(
            `read models of schema version ${store.replacedSchemaVersion} were dropped; ` +
              'projecting the event log again from its beginning',
          );
        }
        return store;
      },
    },
    { provide: READ_MODEL_QUERIES, useExisting: READ_MODEL_STORE },
    {
      provide: PROJECTOR,
      inject: [APP_CONFIG, EVENT_STORE, READ_MODEL_STORE, CommandMetrics, StorageHealth, StoreIntegrity],
      useFactory: (
        config: AppConfig,
        eventStore: EventStore,
        store: ReadModelStore,
        metrics: CommandMetrics,
        storage: StorageHealth,
        integrity: StoreIntegrity,
      ): ProjectorHandle => {
        if (!config.runProjector) return new RemoteProjectorHandle(store);
        const projector = new Projector(eventStore, store, {
          onLag: (ms: number) => {
            metrics.projectionLag.observe({ projection: 'items' }, ms / 1000);
            storage.reportWritten('read models');
          },
          // A full disk is logged once per change of state (StorageHealth), not at every retry.
          onError: (error: Error) => {
            if (isStorageFull(error)) storage.reportFull('read models');
            else if (isDamagedFileError(error)) integrity.damageSeen(error);
            else new Logger('Projector').error(`projection failed: ${error.message}`);
          },
        });
        if (!(store instanceof MongoReadModels)) return projector;
        // Shared read models: of N replicas one projects at a time (see LeasedProjector).
        const logger = new Logger('ProjectorLease');
        const lease = new ProjectorLease(store.projectorLeases(), {
          holderId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        });
        return new LeasedProjector(lease, projector, store, {
          onError: (error) => logger.warn(`could not renew the projector's lease: ${error.message}`),
        });
      },
    },
  ],
  exports: [
    StorageHealth,
    StoreIntegrity,
    CommandMetrics,
    ReadModelGate,
    DIRECTORY_DB,
    DIRECTORY,
    ...DIRECTORY_STORES.map((store) => store.provide),
    IdempotencyRepository,
    EVENT_STORE,
    READ_MODEL_STORE,
    READ_MODEL_QUERIES,
    PROJECTOR,
  ],
})
export class StoresModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Stores');

  constructor(
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(DIRECTORY_DB) private readonly directoryDb: Database.Database,
    @Inject(StoreIntegrity) private readonly integrity: StoreIntegrity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.integrity.compareCheckpointWithHead(this.eventStore, this.readModels, {
      mayReset: this.config.runProjector,
    });
    await this.projector.start();
  }

  /** Runs after the HTTP server stopped accepting and drained: stop projecting, flush, close. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.projector.stop();
    await this.eventStore.close();
    await this.readModels.close();
    await this.directory.close();
    // With MongoDB the file stays open for what is not shared yet (release codes, signatures).
    if (this.directoryDb.open) this.directoryDb.close();
    this.integrity.release();
    if (signal) this.logger.log(`stopped cleanly on ${signal}`);
  }
}
