import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, runCompiled } from './child-process';
import { freeBasePort } from './free-ports';
import { kafkaEnv } from './infrastructure';

const run = promisify(execFile);

/**
 * A Kafka broker of the test's own, from the project's scripts (infra/kafka), on its own ports and
 * data folder: for tests that stop, wipe or replace the broker, which the run's shared broker
 * must never be.
 */
export class LocalBroker {
  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  /** On the first free pair of ports from `from` (the client listener and the controller's). */
  static async at(from: number, label: string): Promise<LocalBroker> {
    const port = await freeBasePort(from, 2);
    return new LocalBroker(port, join(repoRoot, '.run', `kafka-${label}-${port}`));
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private env() {
    return { ...process.env, FOREWARN_KAFKA_PORT: String(this.port), FOREWARN_KAFKA_DATA: this.dataDir };
  }

  async start(): Promise<void> {
    await run(join(repoRoot, 'infra', 'kafka', 'start.sh'), { env: this.env() });
  }

  async stop(): Promise<void> {
    await run(join(repoRoot, 'infra', 'kafka', 'stop.sh'), { env: this.env() });
  }

  /**
   * What `./forewarn test` does to its broker, as the admin: topics, the services' credentials and
   * ACLs, the demo's partner agencies and the suite's own principal (scripts/kafka/provision-kafka.ts).
   */
  provision(): Promise<void> {
    return runCompiled('scripts/kafka/provision-kafka.ts', { ...kafkaEnv('forewarn-admin'), KAFKA_BROKERS: this.brokers }, ['--test-fixtures']);
  }

  /** Stops it and removes everything it stored: the next start is a new cluster, offsets from 0. */
  async wipe(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
