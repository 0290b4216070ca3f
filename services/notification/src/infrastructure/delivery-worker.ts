import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { errorMessage } from '@forewarn/eventing';
import { createLogger, LogContext } from '@forewarn/platform';
import { RecordAttemptHandler, type ClaimedDelivery } from '../application/record-attempt.handler';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { WebhookChannelAdapter } from './adapters/webhook.adapter';
import { countByState } from './delivery.repository';
import { notificationMetrics } from './notification.metrics';

/**
 * The loop that moves PENDING webhook deliveries: claim (short transaction, lease), POST (no
 * transaction), record the outcome (short transaction). State lives in Postgres, so any number of
 * instances can run this and a killed one loses nothing: its leases expire and the deliveries are
 * attempted again, with the same Idempotency-Key.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger('notification.delivery-worker');
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private gaugesAt = 0;

  constructor(
    private readonly attempts: RecordAttemptHandler,
    private readonly webhook: WebhookChannelAdapter,
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopping = false;
    this.loop = this.run();
  }

  /** Before the database closes: stop claiming, let attempts in flight finish and record. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.config.worker.batchSize - this.inFlight.size;
      try {
        if (free > 0) for (const claim of await this.attempts.claimDue(free)) this.track(this.attempt(claim));
        await this.refreshGauges();
      } catch (err) {
        this.logger.error({ err: errorMessage(err) }, 'delivery worker pass failed; trying again');
      }
      // A finished attempt frees a slot and wakes the loop early; otherwise poll.
      await this.idle(this.config.worker.pollMs);
    }
  }

  private attempt(claim: ClaimedDelivery): Promise<void> {
    const d = claim.delivery;
    return LogContext.run({ caseId: d.caseId, correlationId: d.correlationId, deliveryId: d.deliveryId }, async () => {
      const outcome = await this.webhook.send(d);
      this.logger.info({ attempt: d.attempts, outcome: outcome.kind, ...('error' in outcome ? { error: outcome.error } : {}) }, 'webhook attempt');
      try {
        await this.attempts.record(claim, outcome);
      } catch (err) {
        // Nothing is lost: the lease runs out and the attempt is repeated with the same key.
        this.logger.error({ err: errorMessage(err) }, 'could not record the attempt; it will be repeated when the lease expires');
      }
    });
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work
      .catch((err) => this.logger.error({ err: errorMessage(err) }, 'delivery attempt failed unexpectedly; its lease will expire and it is retried'))
      .finally(() => {
        this.inFlight.delete(work);
        this.wakeUp?.();
      });
  }

  private async refreshGauges(): Promise<void> {
    if (Date.now() - this.gaugesAt < 1_000) return;
    this.gaugesAt = Date.now();
    const counts = await countByState(this.dataSource);
    notificationMetrics.open.set({ state: 'PENDING' }, counts.PENDING);
    notificationMetrics.open.set({ state: 'ESCALATED' }, counts.ESCALATED);
  }

  private idle(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
