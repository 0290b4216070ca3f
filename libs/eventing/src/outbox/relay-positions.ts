import type { Kafka } from 'kafkajs';
import { Topics } from '@forewarn/contracts';

/**
 * What a relay's last committed Kafka transaction published: its outbox positions, as ranges
 * (`v1:12-40,42`), kept as the metadata of the relay group's offset on `forewarn.outbox-relay.v1`
 * (outbox-relay.ts). Positions are ascending but may have gaps (rolled-back transactions, rows
 * committed late), hence ranges rather than one high-water mark.
 */
const VERSION = 'v1:';

/** The longest prefix of `rows` (ascending positions) whose ranges fit `maxText`, and that text. */
export function positionsOf<R extends { position: string }>(rows: R[], maxText: number): { rows: R[]; text: string } {
  const ranges: [bigint, bigint][] = [];
  let text = VERSION;
  let taken = 0;
  for (const row of rows) {
    const p = BigInt(row.position);
    const last = ranges[ranges.length - 1];
    const next: [bigint, bigint][] = last && last[1] + 1n === p ? [...ranges.slice(0, -1), [last[0], p]] : [...ranges, [p, p]];
    const nextText = VERSION + next.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
    if (nextText.length > maxText && taken > 0) break;
    ranges.splice(0, ranges.length, ...next);
    text = nextText;
    taken++;
  }
  return { rows: rows.slice(0, taken), text };
}

/** Every position in ranges text; [] for none or an unknown format. */
export function parsePositions(text: string | null | undefined): string[] {
  if (!text?.startsWith(VERSION) || text.length === VERSION.length) return [];
  return text
    .slice(VERSION.length)
    .split(',')
    .flatMap((range) => {
      const [a, b = a] = range.split('-').map((n) => BigInt(n));
      const out: string[] = [];
      for (let p = a; p <= b; p++) out.push(p.toString());
      return out;
    });
}

/** The positions the relay `identity` last committed, as the group coordinator has them. */
export async function readPositions(kafka: Kafka, identity: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: identity, topics: [Topics.outboxRelay] });
    const partition = offsets?.partitions.find((p) => p.partition === 0) as { metadata?: string | null } | undefined;
    return parsePositions(partition?.metadata);
  } finally {
    await admin.disconnect();
  }
}
