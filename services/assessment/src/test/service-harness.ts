import { partnerTopic, Topics } from '@forewarn/contracts';
import { startService as start, type KafkaProbe, type RunningService } from '@forewarn/service-testing';
import { Clock } from '../application/clock';
import { registerErrorStatuses } from '../http/error-statuses';

export { emitted, http, tokenFor, type RunningService } from '@forewarn/service-testing';

/** This service under test: its module, consumers, topics, clock and error statuses. */
export function startService(label: string, probe: KafkaProbe): Promise<RunningService> {
  return start(
    {
      name: 'assessment',
      appModule: async () => (await import('../app.module')).AppModule,
      consumers: [['assessment.threat-reports', Topics.intakeEvents]],
      topics: [Topics.intakeEvents, Topics.assessmentEvents, partnerTopic('NCTC', 'case-status')],
      clockToken: Clock,
      registerErrorStatuses,
    },
    label,
    probe,
  );
}
