import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EventingRuntime, runtimeKafka, type KafkaAdminPort } from '@forewarn/eventing';
import { forewarnGroup, partitionLags, type PartitionLag, type TopicEnds } from './consumer-lag';

export interface GroupLag {
  group: string;
  service: string;
  consumer: string;
  /** Kafka's group state: Stable when members consume, Empty when none does. */
  state: string;
  members: number;
  lag: number;
  partitions: PartitionLag[];
}

/**
 * Reads every consumer group of this deployment from the broker (the same groups whatever
 * instance consumes), so lag shows even for a service that is down. One admin connection is
 * kept open and dropped after an error, to be reopened on the next read.
 */
@Injectable()
export class KafkaLagReader implements OnModuleDestroy {
  private admin?: Promise<KafkaAdminPort>;
  /** Topics each consumer was seen to read, kept for when its group has no member or commit. */
  private readonly known = new Map<string, Set<string>>();

  constructor(private readonly runtime: EventingRuntime) {}

  learn(consumerTopics: Map<string, string[]>): void {
    consumerTopics.forEach((topics, consumer) => topics.forEach((t) => this.remember(consumer, t)));
  }

  private remember(consumer: string, topic: string): void {
    this.known.set(consumer, (this.known.get(consumer) ?? new Set()).add(topic));
  }

  private connect(): Promise<KafkaAdminPort> {
    if (!this.admin) {
      this.admin = runtimeKafka(this.runtime).admin();
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }

  async read(prefix = process.env.FOREWARN_GROUP_PREFIX ?? ''): Promise<GroupLag[]> {
    try {
      const admin = await this.connect();
      const ours = (await admin.listGroups()).flatMap((groupId) => {
        const known = forewarnGroup(groupId, prefix);
        return known ? [{ group: groupId, ...known }] : [];
      });
      if (ours.length === 0) return [];
      const described = new Map((await admin.describeGroups(ours.map((g) => g.group))).map((g) => [g.groupId, g]));
      const committed = await Promise.all(ours.map((g) => admin.groupOffsets(g.group)));
      const topicsOf = ours.map((g, i) => {
        const seen = [...(described.get(g.group)?.members ?? []).flatMap((m) => m.topics), ...committed[i].map((c) => c.topic)];
        seen.forEach((t) => this.remember(g.consumer, t));
        return [...(this.known.get(g.consumer) ?? [])];
      });
      const topics = [...new Set(topicsOf.flat())];
      const ends = new Map<string, TopicEnds[]>(await Promise.all(topics.map(async (t) => [t, await admin.topicOffsets(t)] as const)));
      return ours
        .map((g, i) => {
          const partitions = partitionLags(topicsOf[i], committed[i], ends);
          const d = described.get(g.group);
          return { ...g, state: d?.state ?? 'Unknown', members: d?.members.length ?? 0, lag: partitions.reduce((n, p) => n + p.lag, 0), partitions };
        })
        .sort((a, b) => a.group.localeCompare(b.group));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.close()).catch(() => undefined);
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
