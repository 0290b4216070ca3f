import { EventTopics, Topics } from '@forewarn/contracts';
import { KafkaProbe } from '@forewarn/service-testing';

/** Every consumer of the five services and the topics it reads (services/<service>/src/infrastructure/*.consumer.ts). */
const Consumers: Record<string, readonly string[]> = {
  'intake.partner-reports': [Topics.partnerThreatReports],
  'assessment.threat-reports': [Topics.intakeEvents],
  'waiver-review.threat-reports': [Topics.intakeEvents],
  'waiver-review.duty-determinations': [Topics.assessmentEvents],
  'notification.warning-authorized': [Topics.waiverReviewEvents],
  'notification.partner-acknowledgements': [Topics.partnerAcknowledgements],
  'audit.case-log': EventTopics,
  'audit.dead-letters': [Topics.deadLetters],
};

/**
 * A broker's topics are shared by every system ever run on it, and a new consumer group reads
 * from the beginning: on a busy development broker a new system would first re-decide the whole
 * history. Committing the topics' current ends as this system's groups' positions lets it see
 * only what its test sends. A consumer missing here still works; it just reads the history.
 */
export async function startGroupsAtEnd(prefix: string): Promise<void> {
  const probe = new KafkaProbe();
  try {
    await probe.mark([...new Set(Object.values(Consumers).flat())]);
    await Promise.all(
      Object.entries(Consumers).map(async ([consumer, topics]) => {
        for (const topic of topics) await probe.startGroupAtMark(`${prefix}${consumer}`, topic);
      }),
    );
  } finally {
    await probe.close();
  }
}
