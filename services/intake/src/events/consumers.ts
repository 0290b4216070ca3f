import { partnerTopic, type ThreatReportSubmission } from '@forewarn/contracts';
import type { EventConsumer } from '@forewarn/eventing';
import { decodePartnerReport } from './partner-report.decoder';

/** Every onboarded partner agency's threat-report topic (the registry; followed as agencies come and go). */
export const partnerReports: EventConsumer<ThreatReportSubmission> = {
  name: 'intake.partner-reports',
  topics: async (partners) => (await partners.list()).map((p) => partnerTopic(p.code, 'threat-reports')),
  decode: decodePartnerReport,
  logContext: (m) => ({ correlationId: m.id }),
};
