import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaConnectionFromEnv } from './kafka-connection';

describe('kafkaConnectionFromEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-'));
  const ca = join(dir, 'ca.pem');
  const password = join(dir, 'intake.password');
  writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
  writeFileSync(password, 's3cret\n');

  it('Given nothing, Then the local broker in plain text (a broker that asks for more refuses it)', () => {
    expect(kafkaConnectionFromEnv({})).toEqual({ brokers: ['127.0.0.1:9092'] });
  });

  it('Given a principal, its password file and a CA, Then SCRAM-SHA-512 over TLS trusting that CA only', () => {
    const env = { KAFKA_BROKERS: 'k1:9093, k2:9093', KAFKA_SASL_USERNAME: 'forewarn-intake', KAFKA_SASL_PASSWORD_FILE: password, KAFKA_SSL_CA_FILE: ca };
    expect(kafkaConnectionFromEnv(env)).toEqual({
      brokers: ['k1:9093', 'k2:9093'],
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')], rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'forewarn-intake', password: 's3cret' },
    });
  });

  it('Given a cluster with a public CA, Then TLS with the system CAs', () => {
    expect(kafkaConnectionFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256' })).toMatchObject({ ssl: true, sasl: { mechanism: 'scram-sha-256' } });
  });

  it('Given settings that cannot work, Then an error naming the variable', () => {
    expect(() => kafkaConnectionFromEnv({ KAFKA_SASL_USERNAME: 'forewarn-intake' })).toThrow('KAFKA_SASL_USERNAME=forewarn-intake needs KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD');
    expect(() => kafkaConnectionFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toThrow(/KAFKA_SASL_PASSWORD_FILE=.*missing cannot be read/);
    expect(() => kafkaConnectionFromEnv({ KAFKA_SSL_CA_FILE: ca, KAFKA_SSL: 'false' })).toThrow('KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false');
    expect(() => kafkaConnectionFromEnv({ KAFKA_SSL: 'yes' })).toThrow('KAFKA_SSL=yes: use true or false');
    expect(() => kafkaConnectionFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow('KAFKA_SASL_MECHANISM=gssapi');
    expect(() => kafkaConnectionFromEnv({ KAFKA_SASL_PASSWORD: 'p' })).toThrow('KAFKA_SASL_USERNAME is not');
  });
});
