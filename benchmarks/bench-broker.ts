import { LocalBroker } from '@forewarn/testing';

/**
 * A benchmark starts what it needs: with KAFKA_BROKERS unset, a fresh secured broker of its own
 * (infra/kafka, provisioned as the test broker is: TLS, SCRAM, ACLs, the demo's agencies), wiped
 * when the returned function is called. With KAFKA_BROKERS set, that broker, as it is.
 */
export async function benchBroker(): Promise<() => Promise<void>> {
  if (process.env.KAFKA_BROKERS) return async () => undefined;
  const broker = await LocalBroker.fresh(39_092, 'bench');
  process.env.KAFKA_BROKERS = broker.brokers;
  return () => broker.wipe();
}
