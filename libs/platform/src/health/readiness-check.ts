import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { errorMessage, withTimeout } from '@forewarn/eventing';

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
    try {
      await withTimeout(check.check(), CHECK_TIMEOUT_MS, check.name);
      return session.up();
    } catch (error) {
      return session.down({ message: errorMessage(error) });
    }
  };
}
