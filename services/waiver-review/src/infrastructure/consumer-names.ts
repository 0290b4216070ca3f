/** The inbox consumers' names (the inbox records each handled event under its consumer's name). */
export const THREAT_REPORTS_CONSUMER = 'waiver-review.threat-reports';
export const DUTY_DETERMINATIONS_CONSUMER = 'waiver-review.duty-determinations';
