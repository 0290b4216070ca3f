import type { Producer } from 'kafkajs';
import { Topics, type DeadLetter } from '@forewarn/contracts';
import { eventingMetrics } from '../metrics';

export type DeadLetterInput = Omit<DeadLetter, 'deadLetterId' | 'failedAt' | 'recordId'> & { recordId: string };

/** Which consumer failed which record: never equal for two records (record-identity.ts). */
export const deadLetterIdOf = (l: Pick<DeadLetterInput, 'consumer' | 'recordId'>) => `${l.consumer}@${l.recordId}`;

/**
 * Publishes to the dead-letter topic, keyed like the original so a case's letters stay
 * together. Awaited before the offset commits: a letter is never lost, at worst repeated
 * (same deadLetterId) after a crash.
 */
export async function publishDeadLetters(producer: Producer, letters: DeadLetterInput[]): Promise<void> {
  if (letters.length === 0) return;
  const failedAt = new Date().toISOString();
  await producer.send({
    topic: Topics.deadLetters,
    acks: -1,
    messages: letters.map((l) => {
      const letter: DeadLetter = { deadLetterId: deadLetterIdOf(l), failedAt, ...l };
      return { key: l.key, value: JSON.stringify(letter), headers: { reason: l.reason, 'original-topic': l.originalTopic } };
    }),
  });
  for (const l of letters) eventingMetrics.deadLetters.inc({ consumer: l.consumer, topic: l.originalTopic, reason: l.reason });
}
