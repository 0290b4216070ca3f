/** A refused command, with a stable code the HTTP layer maps to a status (see http/error-statuses.ts). */
export class AssessmentError extends Error {
  override readonly name = 'AssessmentError';

  constructor(
    readonly code: 'ASSESSMENT.CASE_NOT_FOUND' | 'ASSESSMENT.NOT_AWAITING_ANALYST',
    message: string,
  ) {
    super(message);
  }
}
