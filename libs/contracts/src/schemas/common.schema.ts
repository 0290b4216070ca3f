/** Schema fragments shared by several event schemas. */
export const str = { type: 'string', minLength: 1, maxLength: 4000 } as const;
export const anyStr = { type: 'string', maxLength: 4000 } as const;
export const timestamp = { type: 'string', format: 'date-time' } as const;
export const waiverCode = {
  enum: ['ALREADY_AWARE', 'ARMED_CONFLICT', 'VIOLENT_ACTOR', 'ENDANGERS_SOURCES', 'NO_REASONABLE_WAY'],
} as const;
export const channel = { enum: ['DOMESTIC_LAW_ENFORCEMENT', 'DIPLOMATIC', 'LIAISON'] } as const;
export const reasons = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'message'],
    additionalProperties: false,
    properties: { code: str, message: str },
  },
} as const;
export const facts = { type: 'object' } as const;
export const window = {
  type: 'object',
  required: ['earliest', 'latest'],
  additionalProperties: false,
  properties: { earliest: timestamp, latest: timestamp },
} as const;
export const recipient = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: { kind: { enum: ['VICTIM', 'PROTECTOR'] }, name: str },
} as const;

export function object(required: string[], properties: Record<string, unknown>) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}
