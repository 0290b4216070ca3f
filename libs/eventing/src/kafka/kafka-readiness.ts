import type { Kafka } from 'kafkajs';

/** Readiness: the broker answers a metadata request (describeCluster) in time. */
export function kafkaReadiness(kafka: Kafka, timeoutMs = 3_000) {
  return {
    name: 'kafka',
    async check(): Promise<void> {
      const admin = kafka.admin();
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from Kafka in ${timeoutMs} ms`)), timeoutMs));
      try {
        await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
