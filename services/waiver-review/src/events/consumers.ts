import { Topics } from '@forewarn/contracts';
import type { EventConsumer } from '@forewarn/eventing';

/** The inbox consumers' names (the inbox records each handled event under its consumer's name). */
export const THREAT_REPORTS_CONSUMER = 'waiver-review.threat-reports';
export const DUTY_DETERMINATIONS_CONSUMER = 'waiver-review.duty-determinations';

/** Reports from intake and determinations from assessment: two topics, two inboxes, one row per case. */
export const threatReports: EventConsumer = { name: THREAT_REPORTS_CONSUMER, topics: [Topics.intakeEvents] };
export const dutyDeterminations: EventConsumer = { name: DUTY_DETERMINATIONS_CONSUMER, topics: [Topics.assessmentEvents] };
