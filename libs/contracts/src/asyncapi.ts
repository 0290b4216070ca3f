import { EventCatalogue } from './catalogue';
import { envelopeSchema } from './schemas/envelope.schema';
import { eventDataSchemas } from './schemas/event-data.schemas';
import { partnerAcknowledgementSchema, partnerCaseStatusSchema, partnerWarningSchema } from './schemas/partner-messages.schema';
import { threatReportSubmissionSchema } from './schemas/threat-report.schema';
import { Topics } from './topics';

/**
 * The AsyncAPI 3.0 document of Forewarn's topics, generated from the same schemas the code
 * validates with; `libs/contracts/asyncapi.json` is this, written by `npm run contracts:asyncapi`
 * and checked in a test so the published document can never drift from the code.
 */
export function buildAsyncApiDocument(version: string) {
  const eventMessages = Object.fromEntries(
    Object.entries(EventCatalogue).map(([type, entry]) => [
      type,
      {
        name: type,
        title: type,
        summary: entry.description,
        contentType: 'application/json',
        headers: { type: 'object', properties: { 'event-type': { const: type }, 'schema-version': { const: String(entry.schemaVersion) } } },
        payload: {
          ...envelopeSchema,
          $id: undefined,
          properties: {
            ...envelopeSchema.properties,
            type: { const: type },
            schemaVersion: { const: entry.schemaVersion },
            data: eventDataSchemas[type as keyof typeof eventDataSchemas],
          },
        },
      },
    ]),
  );
  const channelOf = (address: string, description: string, messages: string[]) => ({
    address,
    description,
    messages: Object.fromEntries(messages.map((m) => [m, { $ref: `#/components/messages/${m}` }])),
  });
  const byTopic = (topic: string) => Object.entries(EventCatalogue).filter(([, e]) => e.topic === topic).map(([t]) => t);

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Forewarn event contract',
      version,
      description:
        'Partner organisations publish threat reports to the inbound topic and read sanitized warnings and case status ' +
        'from the outbound topics. Internal event topics carry the Forewarn envelope. The Kafka key is the caseId, so a case keeps its order; ' +
        'a warning carries an idempotencyKey, one per decision, for receivers to dedupe on. A breaking change is a new topic version; older event versions are upcast on read.',
    },
    defaultContentType: 'application/json',
    channels: {
      partnerThreatReports: channelOf(Topics.partnerThreatReports, 'Inbound (public): threat reports from partner organisations.', ['ThreatReportSubmission']),
      partnerAcknowledgements: channelOf(Topics.partnerAcknowledgements, 'Inbound (public): acknowledgements of warnings.', ['PartnerAcknowledgement']),
      partnerWarnings: channelOf(Topics.partnerWarnings, 'Outbound (public): sanitized warnings.', ['PartnerWarning']),
      partnerCaseStatus: channelOf(Topics.partnerCaseStatus, 'Outbound (public): case status for the reporting organisation.', ['PartnerCaseStatus']),
      intakeEvents: channelOf(Topics.intakeEvents, 'Internal: intake events.', byTopic(Topics.intakeEvents)),
      assessmentEvents: channelOf(Topics.assessmentEvents, 'Internal: assessment events.', byTopic(Topics.assessmentEvents)),
      waiverReviewEvents: channelOf(Topics.waiverReviewEvents, 'Internal: waiver review events.', byTopic(Topics.waiverReviewEvents)),
      notificationEvents: channelOf(Topics.notificationEvents, 'Internal: notification events.', byTopic(Topics.notificationEvents)),
      operationsEvents: channelOf(Topics.operationsEvents, 'Internal: operator actions.', byTopic(Topics.operationsEvents)),
    },
    operations: {
      submitThreatReport: { action: 'receive', channel: { $ref: '#/channels/partnerThreatReports' }, summary: 'Forewarn receives partner threat reports.' },
      receiveAcknowledgement: { action: 'receive', channel: { $ref: '#/channels/partnerAcknowledgements' } },
      publishWarning: { action: 'send', channel: { $ref: '#/channels/partnerWarnings' } },
      publishCaseStatus: { action: 'send', channel: { $ref: '#/channels/partnerCaseStatus' } },
    },
    components: {
      messages: {
        ThreatReportSubmission: { name: 'ThreatReportSubmission', contentType: 'application/json', payload: threatReportSubmissionSchema },
        PartnerAcknowledgement: { name: 'PartnerAcknowledgement', contentType: 'application/json', payload: partnerAcknowledgementSchema },
        PartnerWarning: { name: 'PartnerWarning', contentType: 'application/json', payload: partnerWarningSchema },
        PartnerCaseStatus: { name: 'PartnerCaseStatus', contentType: 'application/json', payload: partnerCaseStatusSchema },
        ...eventMessages,
      },
    },
  };
}
