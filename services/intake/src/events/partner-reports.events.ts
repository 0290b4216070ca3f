import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { partnerOfTopic, type ThreatReportSubmission } from '@forewarn/contracts';
import { NonRetriableError, type EventContext } from '@forewarn/eventing';
import { EventHandlers } from '@forewarn/platform';
import { SubmitThreatReportHandler } from '../application/submit-threat-report.handler';
import { agencyMismatch } from '../domain/threat-report-received';
import { partnerReports } from './consumers';

@EventHandlers()
export class PartnerReportsEvents {
  constructor(private readonly handler: SubmitThreatReportHandler) {}

  /** A partner reports as the agency the broker authenticated on its topic, never as the body claims. */
  @EventPattern<string>('ThreatReportSubmission', { consumer: partnerReports })
  async submitted(@Payload() report: ThreatReportSubmission, @Ctx() ctx: EventContext): Promise<void> {
    const agency = partnerOfTopic(ctx.message.topic)!.agency;
    const mismatch = agencyMismatch(agency, report);
    if (mismatch) throw new NonRetriableError(mismatch, 'PARTNER.AGENCY_MISMATCH');
    const actor = { kind: 'service' as const, id: `partner:${agency}`, organisation: agency };
    await this.handler.submitIn(ctx.transaction, report, 'KAFKA', actor);
  }
}
