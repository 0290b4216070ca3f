import { Credibilities, Limits, ProtectorKinds, TargetKinds, ThreatTypes } from '../threat-report';

const shortText = { type: 'string', minLength: 1, maxLength: Limits.shortText } as const;
const longText = { type: 'string', minLength: 1, maxLength: Limits.longText } as const;
const countryCode = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;

/** JSON Schema of a threat report submission (HTTP body and inbound topic alike). */
export const threatReportSubmissionSchema = {
  $id: 'https://forewarn.example/schemas/threat-report-submission.v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['sourceAgency', 'reportId', 'reportedAt', 'threat', 'target', 'releasableSummary', 'sensitive'],
  properties: {
    sourceAgency: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    reportId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
    reportedAt: timestamp,
    threat: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'description', 'credibility'],
      properties: {
        type: { enum: [...ThreatTypes] },
        description: longText,
        credibility: { enum: [...Credibilities] },
        window: {
          type: 'object',
          additionalProperties: false,
          required: ['earliest', 'latest'],
          properties: { earliest: timestamp, latest: timestamp },
        },
        location: {
          type: 'object',
          additionalProperties: false,
          required: ['description', 'countryCode'],
          properties: { description: shortText, countryCode },
        },
        perpetrators: longText,
      },
    },
    target: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'description', 'usPerson', 'countryCode'],
      properties: {
        kind: { enum: [...TargetKinds] },
        description: shortText,
        name: shortText,
        usPerson: { type: ['boolean', 'null'] },
        countryCode,
        protector: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'kind'],
          properties: { name: shortText, kind: { enum: [...ProtectorKinds] } },
        },
      },
    },
    indicators: {
      type: 'object',
      additionalProperties: false,
      properties: {
        victimAlreadyAware: { type: 'boolean' },
        victimListedViolentActor: { type: 'boolean' },
        armedConflictParticipant: { type: 'boolean' },
        warningEndangersSources: { type: 'boolean' },
        noReasonableWayToWarn: { type: 'boolean' },
      },
    },
    releasableSummary: longText,
    sensitive: {
      type: 'object',
      additionalProperties: false,
      required: ['classification', 'sources', 'methods'],
      properties: {
        classification: shortText,
        sources: { type: 'array', maxItems: Limits.listItems, items: shortText },
        methods: { type: 'array', maxItems: Limits.listItems, items: shortText },
        collectionDetails: longText,
      },
    },
  },
} as const;
