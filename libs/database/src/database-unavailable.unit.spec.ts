import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting', withCode('57P03', 'the database system is starting up')],
    ['a connection exception', withCode('08006')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping the driver', Object.assign(new Error('query failed'), { driverError: withCode('ECONNREFUSED') })],
    ['a cause', new Error('outer', { cause: new Error('Connection terminated') })],
    // What intake answered 500 to in the chaos run, when the database ended its connections.
    ["a transaction's COMMIT after TypeORM released its connection", new QueryRunnerAlreadyReleasedError()],
    ["a transaction's statement after TypeORM released its connection", new QueryRunnerProviderAlreadyReleasedError()],
  ])('says yes to %s', (_, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a NUL in text', withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a domain error', withCode('WAIVER.SELF_APPROVAL')],
    ['no error at all', undefined],
    ['a string', 'Connection terminated'],
  ])('says no to %s', (_, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});
