import { Topics } from '@forewarn/contracts';
import type { EventConsumer } from '@forewarn/eventing';

/** The inbox consumer's name (the inbox records each handled event under it; the read model reads by it). */
export const THREAT_REPORTS_CONSUMER = 'assessment.threat-reports';

/** Intake's events: each ThreatReported is a case to decide. */
export const threatReports: EventConsumer = { name: THREAT_REPORTS_CONSUMER, topics: [Topics.intakeEvents] };
