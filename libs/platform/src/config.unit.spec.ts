import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config';

const rootVersion = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version;

describe('loadConfig', () => {
  it('defaults to the local Postgres, the service\'s own port and the repo version', () => {
    expect(loadConfig('waiver-review', {})).toEqual({
      policyVersion: 'icd191-2015.1',
      service: 'waiver-review',
      version: rootVersion,
      port: 3003,
      // Its own role, never the administrator's: on these machines trusted, in production with its password.
      databaseUrl: 'postgres://forewarn_waiver_review@127.0.0.1:5432/forewarn',
    });
  });

  it('reads the environment, with a port variable per service', () => {
    const env = { DATABASE_URL: 'postgres://admin:secret@db:5432', FOREWARN_DATABASE: 'fw', WAIVER_REVIEW_PORT: '8080', INTAKE_PORT: '9999' };
    expect(loadConfig('waiver-review', env)).toMatchObject({ port: 8080, databaseUrl: 'postgres://forewarn_waiver_review@db:5432/fw' });
    const own = { ...env, FOREWARN_INTAKE_DATABASE_URL: 'postgres://forewarn_intake:s3cret@db.internal:5432/whatever?sslmode=require' };
    expect(loadConfig('intake', own).databaseUrl).toBe('postgres://forewarn_intake:s3cret@db.internal:5432/fw?sslmode=require');
    expect(loadConfig('audit', env).port).toBe(3005);
  });

  it('refuses a port that is not one, rather than listening somewhere unexpected', () => {
    expect(() => loadConfig('intake', { INTAKE_PORT: '30o1' })).toThrow('INTAKE_PORT=30o1 is not a TCP port');
  });

  it('takes the policy version from FOREWARN_POLICY_VERSION and refuses an unknown one', () => {
    expect(loadConfig('assessment', { FOREWARN_POLICY_VERSION: 'icd191-2015.1-drill' }).policyVersion).toBe('icd191-2015.1-drill');
    expect(() => loadConfig('assessment', { FOREWARN_POLICY_VERSION: 'icd191-1999' })).toThrow(/unknown policy version "icd191-1999"/);
  });
});
