/** The inbox consumer's name (the inbox records each handled event under it). */
export const THREAT_REPORTS_CONSUMER = 'assessment.threat-reports';
