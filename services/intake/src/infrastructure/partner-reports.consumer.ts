import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { Limits, parseJson, partnerOfTopic, partnerTopic, validateThreatReportSubmission, type ThreatReportSubmission, type Validation } from '@forewarn/contracts';
import { EventingRuntime, NonRetriableError, type RecordRef } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { SubmitThreatReportHandler } from '../application/submit-threat-report.handler';
import { agencyMismatch } from '../domain/threat-report-received';

/**
 * Reads a partner's inbound topic: a message is dead-lettered with every schema error. A partner
 * message has no id of its own: its record's identity (coordinates and content) is its inbox key.
 */
export function decodePartnerReport(message: KafkaMessage, record: RecordRef): Validation<{ id: string; type: string; value: ThreatReportSubmission }> {
  const text = message.value?.toString('utf8') ?? '';
  if (Buffer.byteLength(text) > Limits.maxReportBytes) return { ok: false, errors: [`message is ${Buffer.byteLength(text)} bytes; the limit is ${Limits.maxReportBytes}`] };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const checked = validateThreatReportSubmission(parsed.value);
  if (!checked.ok) return checked;
  return { ok: true, value: { id: record.id, type: 'ThreatReportSubmission', value: checked.value } };
}

/** Every onboarded partner agency's threat-report topic (the registry; followed as agencies come and go). */
@Injectable()
export class PartnerReportsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly handler: SubmitThreatReportHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume<ThreatReportSubmission>({
      name: 'intake.partner-reports',
      topics: async () => (await this.runtime.partners.list()).map((p) => partnerTopic(p.code, 'threat-reports')),
      decode: decodePartnerReport,
      around: (m, fn) => LogContext.run({ correlationId: m.id }, fn),
      handle: async (m, ctx) => {
        const agency = partnerOfTopic(m.topic)!.agency;
        const mismatch = agencyMismatch(agency, m.value);
        if (mismatch) throw new NonRetriableError(mismatch, 'PARTNER.AGENCY_MISMATCH');
        const actor = { kind: 'service' as const, id: `partner:${agency}`, organisation: agency };
        await this.handler.submitIn(ctx, m.value, 'KAFKA', actor);
      },
    });
  }
}
