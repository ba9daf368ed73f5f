import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@jejak/config';
import {
  EVENT_STORE,
  hasVerifiableLog,
  loadOrCreateSigningKey,
  signCheckpointIfGrown,
  type EventStore,
  type StoredCheckpoint,
  type VerifiableLogStorage,
} from '@jejak/event-store';
import { parseCheckpoint, type NoteSigner } from '@jejak/verifiable-log';
import { ApiProblem } from '../common/problem';

/** What a printed document carries of the log: the checkpoint current when it was printed. */
export interface CheckpointSummary {
  origin: string;
  size: number;
  /** Standard base64, as in the note. */
  root: string;
  /** The signed note, byte-exact (for a QR code). */
  note: string;
}

/**
 * The verifiable log's signer: the key (made on first start, kept in the data directory), a
 * checkpoint when the tree has grown and a few seconds passed, and on demand. Other modules
 * (printed documents, the web app) call latestCheckpoint() and vkey().
 */
@Injectable()
export class LogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VerifiableLog');
  private signer: NoteSigner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private notBefore = 0;
  /** Injected for tests: the clock only stamps when a checkpoint was signed (kept beside it, not in it). */
  now: () => Date = () => new Date();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (!hasVerifiableLog(this.store)) {
      this.logger.warn('this event store keeps no verifiable log: /api/log answers 404');
      return;
    }
    const { signer, created } = loadOrCreateSigningKey({
      dataDir: this.config.dataDir,
      keyName: this.config.logOrigin,
      givenKey: this.config.logSigningKey,
    });
    this.signer = signer;
    // The public key only: the signing key itself is never logged.
    this.logger.log(`${created ? 'new signing key made; ' : ''}log key (vkey): ${signer.vkey}`);
    const first = this.signIfGrown();
    this.logger.log(`checkpoint: tree size ${first.size}`);
    this.timer = setInterval(() => this.tick(), this.config.logCheckpointSeconds * 1000).unref();
  }

  /**
   * A checkpoint hashes every stream head (the heads tree), which takes long on a store of very many
   * streams: then sign less often (at most 5 % of the time) rather than stall requests.
   */
  private tick(): void {
    if (performance.now() < this.notBefore) return;
    const started = performance.now();
    try {
      this.signIfGrown();
    } catch (error) {
      this.logger.error(`signing a checkpoint failed: ${(error as Error).message}`);
    }
    this.notBefore = performance.now() + (performance.now() - started) * 20;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get enabled(): boolean {
    return this.signer !== null;
  }

  get origin(): string {
    return this.config.logOrigin;
  }

  /** The published key, or null when this deployment keeps no log. */
  vkey(): string | null {
    return this.signer?.vkey ?? null;
  }

  /** The latest signed checkpoint, or null when this deployment keeps no log. */
  latestCheckpoint(): CheckpointSummary | null {
    if (!this.enabled) return null;
    const latest = this.storage().latestCheckpoint();
    return latest ? this.summary(latest) : null;
  }

  storage(): VerifiableLogStorage {
    if (!this.signer || !hasVerifiableLog(this.store)) {
      throw new ApiProblem(
        'not-found',
        'This deployment keeps no verifiable log (its event store has none).',
      );
    }
    return this.store.verifiableLog;
  }

  /** Signs a checkpoint now if the tree grew since the latest (on demand, e.g. for a bundle). */
  signIfGrown(): StoredCheckpoint {
    const storage = this.storage();
    return signCheckpointIfGrown(storage, this.signer as NoteSigner, this.config.logOrigin, this.now);
  }

  private summary(stored: StoredCheckpoint): CheckpointSummary {
    const body = parseCheckpoint(stored.note.slice(0, stored.note.lastIndexOf('\n\n') + 1));
    return { origin: body.origin, size: body.size, root: body.root.toString('base64'), note: stored.note };
  }
}
