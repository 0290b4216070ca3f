import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, runCompiled } from './child-process';
import { freeBasePort } from './free-ports';
import { kafkaEnv } from './infrastructure';

const run = promisify(execFile);

/**
 * A Kafka cluster of the test's own, one node or three, from the project's scripts (infra/kafka),
 * on its own ports and data folder: for tests that stop, wipe or replace the broker, or lose a
 * node, which the run's shared broker must never be.
 */
export class LocalBroker {
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly nodes: 1 | 3,
  ) {}

  /** On the first free run of ports from `from` (each node's client listener and its controller's). */
  static async at(from: number, label: string, nodes: 1 | 3 = 1): Promise<LocalBroker> {
    const port = await freeBasePort(from, 2 * nodes);
    return new LocalBroker(port, join(repoRoot, '.run', `kafka-${label}-${port}`), nodes);
  }

  /** A new cluster of the test's own on the first free ports from `from`: wiped, started and provisioned. */
  static async fresh(from: number, label: string, nodes: 1 | 3 = 1): Promise<LocalBroker> {
    const broker = await LocalBroker.at(from, label, nodes);
    // A cluster that started but could not be provisioned is stopped, not left running.
    await broker.reset().catch(async (err) => {
      await broker.wipe().catch(() => undefined);
      throw err;
    });
    return broker;
  }

  /** Everything stored gone, then started and provisioned again: a new cluster, offsets from 0. */
  async reset(): Promise<void> {
    await this.wipe();
    await this.start();
    await this.provision();
  }

  /** Every node's client address (node k on port + 2(k-1), as infra/kafka/start.sh puts it). */
  get brokers(): string {
    return Array.from({ length: this.nodes }, (_, k) => `127.0.0.1:${this.port + 2 * k}`).join(',');
  }

  private env() {
    return { ...process.env, FOREWARN_KAFKA_PORT: String(this.port), FOREWARN_KAFKA_DATA: this.dataDir, FOREWARN_KAFKA_NODES: String(this.nodes) };
  }

  /** Starts every node that is not running (after killNode: that one). */
  async start(): Promise<void> {
    await run(join(repoRoot, 'infra', 'kafka', 'start.sh'), { env: this.env() });
  }

  async stop(): Promise<void> {
    await run(join(repoRoot, 'infra', 'kafka', 'stop.sh'), { env: this.env() });
  }

  /** SIGKILL of node k (1-based) of three: a broker lost mid-run. */
  killNode(k: number): void {
    const pid = Number(readFileSync(join(this.dataDir, `node-${k}`, 'kafka.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
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
