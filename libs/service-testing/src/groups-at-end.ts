import { EventTopics, partnerTopic, Topics } from '@forewarn/contracts';
import { DemoPartners } from '@forewarn/testing';
import { KafkaProbe } from './kafka-probe';

const ofDemoPartners = (kind: 'threat-reports' | 'acknowledgements') => DemoPartners.map((p) => partnerTopic(p.code, kind));

/**
 * Every consumer of the five services and the topics it reads (services/<service>/src/infrastructure/*.consumer.ts);
 * the partner consumers read every onboarded agency's topics: in tests, the demo's agencies.
 */
export const ServiceConsumers: Record<string, readonly string[]> = {
  'intake.partner-reports': ofDemoPartners('threat-reports'),
  'assessment.threat-reports': [Topics.intakeEvents],
  'waiver-review.threat-reports': [Topics.intakeEvents],
  'waiver-review.duty-determinations': [Topics.assessmentEvents],
  'notification.warning-authorized': [Topics.waiverReviewEvents],
  'notification.partner-acknowledgements': ofDemoPartners('acknowledgements'),
  'audit.case-log': EventTopics,
  'audit.dead-letters': [Topics.deadLetters],
};

/**
 * A broker's topics are shared by every system ever run on it, and a new consumer group reads
 * from the beginning: on a busy development broker a new system would first re-decide the whole
 * history. Committing one snapshot of the topics' current ends as the groups' positions (for
 * every consumer, or those named) lets a test's system see only what the test sends. A
 * consumer missing here still works; it just reads the history.
 */
export async function startGroupsAtEnd(prefix: string, consumers: readonly string[] = Object.keys(ServiceConsumers)): Promise<void> {
  const probe = new KafkaProbe();
  try {
    await probe.mark([...new Set(consumers.flatMap((c) => ServiceConsumers[c]))]);
    await Promise.all(
      consumers.map(async (consumer) => {
        for (const topic of ServiceConsumers[consumer]) await probe.startGroupAtMark(`${prefix}${consumer}`, topic);
      }),
    );
  } finally {
    await probe.close();
  }
}
