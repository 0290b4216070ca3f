import type { Admin, Kafka } from 'kafkajs';

/**
 * What a consumer asks the broker about its logs, on one admin connection it keeps: which
 * cluster it is, the group's committed offsets, and where a partition's log starts.
 */
export class LogProbe {
  private admin?: Promise<Admin>;

  constructor(private readonly kafka: Kafka) {}

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((err) => {
      this.admin = undefined;
      throw err;
    });
    return this.admin;
  }

  async clusterId(): Promise<string> {
    return (await (await this.connected()).describeCluster()).clusterId;
  }

  /** The group's committed offset per `topic:partition` (-1: none). */
  async committed(groupId: string, topics: string[]): Promise<Map<string, bigint>> {
    const offsets = await (await this.connected()).fetchOffsets({ groupId, topics });
    return new Map(offsets.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}:${p.partition}`, BigInt(p.offset)] as const)));
  }

  /** The first offset the partition's log still holds. */
  async logStart(topic: string, partition: number): Promise<bigint> {
    const offsets = await (await this.connected()).fetchTopicOffsets(topic);
    return BigInt(offsets.find((p) => p.partition === partition)?.low ?? '0');
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect().catch(() => undefined);
  }
}
