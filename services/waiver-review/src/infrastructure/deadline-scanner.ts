import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { serviceActor } from '@forewarn/eventing';
import { Clock } from '../application/clock';
import { EscalateOverdueHandler } from '../application/escalate-overdue.handler';
import { producer } from '../application/review-outgoing';

export function scanIntervalMs(value = process.env.WAIVER_DEADLINE_SCAN_MS): number {
  if (value === undefined || value === '') return 10_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10) throw new Error(`WAIVER_DEADLINE_SCAN_MS=${value} is not a whole number of milliseconds >= 10`);
  return ms;
}

/**
 * Every WAIVER_DEADLINE_SCAN_MS, escalates open reviews past their deadline: an overdue
 * review must reach a person, never lapse into silence. Safe with several instances (the scan
 * locks with SKIP LOCKED); one scan at a time per instance.
 */
@Injectable()
export class DeadlineScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadlineScanner');
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<void>;

  constructor(
    private readonly handler: EscalateOverdueHandler,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), scanIntervalMs());
  }

  // Module destroy runs before the database closes, so a scan in flight can finish.
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.scanning;
  }

  private tick(): void {
    if (this.scanning) return;
    this.scanning = this.handler
      .escalate(this.clock.now(), serviceActor(producer), 'SCANNER')
      .then((caseIds) => {
        if (caseIds.length > 0) this.logger.warn({ caseIds }, `escalated ${caseIds.length} overdue waiver review(s) to the arbiter`);
      })
      .catch((err: Error) => this.logger.error({ err: err.message }, 'deadline scan failed; the next one retries'))
      .finally(() => (this.scanning = undefined));
  }
}
