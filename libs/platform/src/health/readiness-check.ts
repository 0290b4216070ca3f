import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

/** A dependency the service cannot serve without (Kafka, a partner endpoint); check() rejects when it is down. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

// A hung dependency must fail the probe, not hang it past the orchestrator's own timeout.
const CHECK_TIMEOUT_MS = 3000;

/** Adapts a ReadinessCheck to Terminus: up when check() resolves in time, down with the reason otherwise. */
export function toHealthIndicator(check: ReadinessCheck, indicators: HealthIndicatorService): () => Promise<HealthIndicatorResult> {
  return async () => {
    const session = indicators.check(check.name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS}ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([check.check(), timeout]);
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  };
}
