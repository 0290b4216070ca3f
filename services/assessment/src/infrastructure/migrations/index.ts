import { AssessmentCases1764300000000 } from './1764300000000-assessment-cases';

/** The assessment schema's migrations, in order. */
export const assessmentMigrations = [AssessmentCases1764300000000];
