import { CaseLog1764500000000 } from './1764500000000-case-log';
import { AuditOperations1764500000001 } from './1764500000001-audit-operations';
import { DeadLetterRecords1764800000001 } from './1764800000001-dead-letter-records';
import { DeadLetterPayloadBytes1765000000001 } from './1765000000001-dead-letter-payload-bytes';

/** The audit schema's migrations, in order: for the service, its CLI, tests and benchmarks alike. */
export const auditMigrations = [CaseLog1764500000000, AuditOperations1764500000001, DeadLetterRecords1764800000001, DeadLetterPayloadBytes1765000000001];
