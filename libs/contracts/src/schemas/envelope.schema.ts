import { str, timestamp } from './common.schema';

/** JSON Schema of the envelope; `data` is checked separately against its event type's schema. */
export const envelopeSchema = {
  $id: 'https://forewarn.example/schemas/envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'type', 'schemaVersion', 'caseId', 'occurredAt', 'correlationId', 'causationId', 'producer', 'actor', 'data'],
  properties: {
    eventId: { type: 'string', minLength: 1, maxLength: 64 },
    type: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' },
    schemaVersion: { type: 'integer', minimum: 1 },
    caseId: { type: 'string', minLength: 1, maxLength: 64 },
    occurredAt: timestamp,
    correlationId: { type: 'string', minLength: 1, maxLength: 128 },
    causationId: { type: ['string', 'null'], maxLength: 128 },
    producer: {
      type: 'object',
      additionalProperties: false,
      required: ['service', 'version'],
      properties: { service: str, version: str },
    },
    actor: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'id'],
      properties: {
        kind: { enum: ['person', 'service'] },
        id: str,
        organisation: str,
        roles: { type: 'array', items: str },
      },
    },
    policyVersion: str,
    data: {},
  },
} as const;
