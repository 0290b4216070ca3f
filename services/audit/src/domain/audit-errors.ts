/** A refusal with a stable code; main.ts maps codes to HTTP statuses, the CLI to exit code 2. */
export class AuditError extends Error {
  override readonly name = 'AuditError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const AuditErrorStatuses: Record<string, number> = {
  'AUDIT.INVALID_AS_OF': 400,
  'AUDIT.INVALID_QUERY': 400,
  'AUDIT.CASE_NOT_FOUND': 404,
  'AUDIT.LEGAL_HOLD_NOT_FOUND': 404,
  'AUDIT.LEGAL_HOLD_EXISTS': 409,
  'DEAD_LETTER.NOT_FOUND': 404,
  'DEAD_LETTER.NOT_REDRIVABLE': 409,
};
