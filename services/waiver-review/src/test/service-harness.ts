import { partnerTopic, Topics } from '@forewarn/contracts';
import { startService as start, type KafkaProbe, type RunningService } from '@forewarn/service-testing';
import { Clock } from '../application/clock';
import { registerErrorStatuses } from '../http/error-statuses';

export { emitted, http, tokenFor, type RunningService } from '@forewarn/service-testing';

/** This service under test: its module, consumers, topics, clock and error statuses. */
export function startService(label: string, probe: KafkaProbe): Promise<RunningService> {
  return start(
    {
      name: 'waiver-review',
      appModule: async () => (await import('../app.module')).AppModule,
      consumers: [
        ['waiver-review.threat-reports', Topics.intakeEvents],
        ['waiver-review.duty-determinations', Topics.assessmentEvents],
      ],
      topics: [Topics.intakeEvents, Topics.assessmentEvents, Topics.waiverReviewEvents, partnerTopic('NCTC', 'case-status')],
      clockToken: Clock,
      registerErrorStatuses,
    },
    label,
    probe,
  );
}
