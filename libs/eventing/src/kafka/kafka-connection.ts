import { readFileSync } from 'node:fs';

/** SASL credentials (SCRAM over TLS in every deployment; plain only where TLS protects it). */
export interface KafkaSasl {
  mechanism: 'scram-sha-512' | 'scram-sha-256' | 'plain';
  username: string;
  password: string;
}

/** Where a Kafka client connects and as whom: what a client needs besides a client id. */
export interface KafkaConnection {
  brokers: string[];
  /** TLS: true trusts the system's CAs; an object names the CA (PEM) to trust. */
  ssl?: boolean | { ca: string[]; rejectUnauthorized: true };
  sasl?: KafkaSasl;
}

export class KafkaSettingsError extends Error {
  override readonly name = 'KafkaSettingsError';
}

const MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

/**
 * A client's connection from its environment, the same for every Forewarn process:
 *   KAFKA_BROKERS               host:port,... (default 127.0.0.1:9092)
 *   KAFKA_SSL                   true | false; default true when a CA file or a SASL user is set
 *   KAFKA_SSL_CA_FILE           PEM file of the CA to trust (else the system's CAs)
 *   KAFKA_SASL_USERNAME         the principal to authenticate as
 *   KAFKA_SASL_PASSWORD_FILE    a file holding its password (or KAFKA_SASL_PASSWORD)
 *   KAFKA_SASL_MECHANISM        scram-sha-512 (default), scram-sha-256 or plain
 * A setting that cannot work is an error naming the variable, at start, not at the first message.
 */
export function kafkaConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConnection {
  const brokers = (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  const username = env.KAFKA_SASL_USERNAME?.trim();
  const caFile = env.KAFKA_SSL_CA_FILE?.trim();
  const tls = env.KAFKA_SSL ? flag('KAFKA_SSL', env.KAFKA_SSL) : Boolean(caFile || username);
  if (caFile && !tls) throw new KafkaSettingsError('KAFKA_SSL_CA_FILE is set but KAFKA_SSL=false');
  const connection: KafkaConnection = { brokers };
  if (tls) connection.ssl = caFile ? { ca: [readSetting('KAFKA_SSL_CA_FILE', caFile)], rejectUnauthorized: true } : true;
  if (username) connection.sasl = sasl(env, username);
  else if (env.KAFKA_SASL_PASSWORD || env.KAFKA_SASL_PASSWORD_FILE) throw new KafkaSettingsError('a KAFKA_SASL password is set but KAFKA_SASL_USERNAME is not');
  return connection;
}

function sasl(env: NodeJS.ProcessEnv, username: string): KafkaSasl {
  const mechanism = (env.KAFKA_SASL_MECHANISM || 'scram-sha-512').toLowerCase();
  if (!(MECHANISMS as readonly string[]).includes(mechanism)) throw new KafkaSettingsError(`KAFKA_SASL_MECHANISM=${mechanism}: use one of ${MECHANISMS.join(', ')}`);
  const file = env.KAFKA_SASL_PASSWORD_FILE?.trim();
  const password = file ? readSetting('KAFKA_SASL_PASSWORD_FILE', file).trim() : env.KAFKA_SASL_PASSWORD;
  if (!password) throw new KafkaSettingsError(`KAFKA_SASL_USERNAME=${username} needs KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD`);
  return { mechanism: mechanism as (typeof MECHANISMS)[number], username, password };
}

function flag(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new KafkaSettingsError(`${name}=${value}: use true or false`);
}

function readSetting(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new KafkaSettingsError(`${name}=${file} cannot be read: ${(err as Error).message}`);
  }
}
