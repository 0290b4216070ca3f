import { DatabaseError } from 'pg';
import { pino, stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { createKafka } from './kafka/kafka-client';
import { errorForLog, logSecrecy } from './log-secrecy';

const SECRET = 'ASSET NIGHTJAR';

/** What node-postgres and TypeORM throw when an insert of a report breaks a unique constraint. */
function failedInsert(): QueryFailedError {
  const driverError = new DatabaseError('duplicate key value violates unique constraint "threat_reports_pkey"', 120, 'error');
  Object.assign(driverError, {
    severity: 'ERROR',
    code: '23505',
    detail: `Key (classification)=(${SECRET}) already exists.`,
    where: `SQL statement "INSERT INTO threat_reports VALUES ('${SECRET}')"`,
    schema: 'intake',
    table: 'threat_reports',
    constraint: 'threat_reports_pkey',
  });
  return new QueryFailedError('INSERT INTO threat_reports (report) VALUES ($1)', [JSON.stringify({ sensitive: { sources: [SECRET] } })], driverError);
}

function capture() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', ...logSecrecy }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('log secrecy', () => {
  it('logs a failed insert by its class, code, constraint and message, without its SQL, values or detail', () => {
    const { logger, lines, parsed } = capture();
    logger.error({ err: failedInsert(), caseId: 'case-1' }, 'could not record the report');

    expect(lines.join('\n')).not.toContain(SECRET);
    expect(parsed()[0]).toMatchObject({
      caseId: 'case-1',
      err: { type: 'QueryFailedError', code: '23505', constraint: 'threat_reports_pkey', table: 'threat_reports', message: 'duplicate key value violates unique constraint "threat_reports_pkey"' },
    });
    for (const field of ['query', 'parameters', 'driverError', 'detail', 'where']) expect(parsed()[0].err).not.toHaveProperty(field);
  });

  it('gives the same answer for pino\'s own rendering of the error (what pino-http passes), and when applied twice', () => {
    const error = failedInsert();
    const direct = errorForLog(error);
    expect(errorForLog(stdSerializers.err(error))).toEqual(direct);
    expect(errorForLog(direct)).toEqual(direct);
  });

  it('keeps causes and the errors of an AggregateError by class and message only', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', parameters: [SECRET] });
    const wrapped = new Error('outbox relay pass failed', { cause: new AggregateError([refused], 'all addresses refused') });
    const kept = errorForLog(wrapped);
    expect(JSON.stringify(kept)).not.toContain(SECRET);
    expect(kept).toMatchObject({ type: 'Error', cause: { type: 'AggregateError', errors: [{ type: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }] } });
  });

  it('passes a message given as text as it is', () => {
    expect(errorForLog('handler failed')).toBe('handler failed');
  });

  it('redacts report content logged as an object, at the top of a line or one level down, and bearer tokens', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ report: { sensitive: { sources: [SECRET] } }, event: { sensitive: SECRET, caseId: 'case-2' }, releasableSummary: SECRET, req: { headers: { authorization: `Bearer ${SECRET}` } } }, 'oops');
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(parsed()[0]).toMatchObject({ report: '[redacted]', event: { sensitive: '[redacted]', caseId: 'case-2' }, req: { headers: { authorization: '[redacted]' } } });
  });

  it('reduces the error a kafkajs log line carries (a handler\'s, thrown through eachBatch) the same way', () => {
    const { logger, lines, parsed } = capture();
    const kafka = createKafka('log-secrecy', { brokers: ['127.0.0.1:1'] }, logger);
    kafka.logger().error('Error when calling eachBatch', { topic: 'forewarn.intake.events.v1', partition: 2, offset: '7', error: failedInsert() });
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(parsed()[0]).toMatchObject({ msg: 'kafkajs: Error when calling eachBatch', kafka: { topic: 'forewarn.intake.events.v1', partition: 2, offset: '7' }, err: { type: 'QueryFailedError', code: '23505' } });
  });
});
