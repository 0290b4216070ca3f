import { EventCatalogue } from './catalogue';
import { envelopeSchema } from './schemas/envelope.schema';
import { eventDataSchemas } from './schemas/event-data.schemas';
import { partnerAcknowledgementSchema, partnerCaseStatusSchema, partnerWarningSchema } from './schemas/partner-messages.schema';
import { threatReportSubmissionSchema } from './schemas/threat-report.schema';
import { PARTNER_CODE, Topics } from './topics';

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
  // One of each per partner agency: `{agency}` is its code, and only that agency (its SCRAM principal) may use it.
  const partnerChannel = (kind: string, description: string, message: string) => ({
    ...channelOf(`forewarn.partner.{agency}.${kind}.v1`, description, [message]),
    parameters: { agency: { $ref: '#/components/parameters/agency' } },
  });
  const byTopic = (topic: string) => Object.entries(EventCatalogue).filter(([, e]) => e.topic === topic).map(([t]) => t);

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Forewarn event contract',
      version,
      description:
        'Partner organisations publish threat reports to the inbound topic and read sanitized warnings and case status ' +
        'from the outbound topics, each agency on topics of its own (`forewarn.partner.{agency}.…`), connected as its own principal ' +
        '(SASL/SCRAM-SHA-512 over TLS): who sent a message is who the broker authenticated, never what its body says, and an agency reads only what is addressed to it. ' +
        'Internal event topics carry the Forewarn envelope; partners have no access to them. The Kafka key is the caseId, so a case keeps its order; ' +
        'a warning carries an idempotencyKey, one per decision, for receivers to dedupe on. A breaking change is a new topic version; older event versions are upcast on read. ' +
        'Outbound messages are written in Kafka transactions: read them with isolation.level=read_committed, which sees each warning and case status once ' +
        '(a read_uncommitted consumer may also see copies from transactions that were aborted). De-duplicate all the same: a warning on its idempotencyKey, a case status on (caseId, status).',
    },
    defaultContentType: 'application/json',
    servers: {
      forewarn: {
        host: '{bootstrap}',
        protocol: 'kafka-secure',
        description: 'The Forewarn cluster: TLS on every connection, SASL/SCRAM-SHA-512 authentication, ACLs on every topic and consumer group.',
        variables: { bootstrap: { description: 'The bootstrap servers, host:port, given to each agency when it is onboarded.', default: '127.0.0.1:9092' } },
        security: [{ $ref: '#/components/securitySchemes/scram' }],
      },
    },
    channels: {
      partnerThreatReports: partnerChannel('threat-reports', "Inbound: the agency's threat reports. Only the agency writes here; a report whose sourceAgency names another agency is dead-lettered.", 'ThreatReportSubmission'),
      partnerAcknowledgements: partnerChannel('acknowledgements', "Inbound: the agency's acknowledgements of warnings it received; one for a warning that went to another agency is refused.", 'PartnerAcknowledgement'),
      partnerWarnings: partnerChannel('warnings', 'Outbound: sanitized warnings addressed to the agency. Only the agency reads here. Read with isolation.level=read_committed and de-duplicate on idempotencyKey.', 'PartnerWarning'),
      partnerCaseStatus: partnerChannel('case-status', 'Outbound: the status of the cases the agency reported. Only the agency reads here. Read with isolation.level=read_committed and de-duplicate on (caseId, status).', 'PartnerCaseStatus'),
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
      securitySchemes: {
        scram: {
          type: 'scramSha512',
          description:
            'Each partner agency connects as its own principal, partner-{agency}, with the password it was given when onboarded (`./forewarn partner add`), over TLS; ' +
            'its consumer groups are named partner.{agency}.*. Services connect as forewarn-{service}.',
        },
      },
      parameters: {
        agency: { description: `The partner agency's code (${PARTNER_CODE.source}), as onboarded.`, examples: ['FSB', 'NCTC'] },
      },
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
