import type { Kafka } from 'kafkajs';
import { withTimeout } from '../retry';

/** Readiness: the broker answers a metadata request (describeCluster) in time. */
export function kafkaReadiness(kafka: Kafka, timeoutMs = 3_000) {
  return {
    name: 'kafka',
    async check(): Promise<void> {
      const admin = kafka.admin();
      try {
        await withTimeout(admin.connect().then(() => admin.describeCluster()), timeoutMs, 'Kafka');
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
