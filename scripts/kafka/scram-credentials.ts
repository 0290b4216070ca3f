import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@forewarn/testing';

const run = promisify(execFile);

export type ScramChange = { upsert: string; passwordFile: string } | { delete: string };

/**
 * Creates, replaces or deletes SCRAM-SHA-512 credentials as the admin, through Kafka's own Admin
 * API (kafkajs has none): infra/kafka/ScramCredentials.java on the broker's jars, in one JVM for
 * all changes. Passwords travel as files, never on a command line. The admin's own connection
 * comes from the KAFKA_* variables (kafkaConnectionFromEnv's).
 */
export async function changeScramCredentials(changes: ScramChange[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (changes.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'forewarn-scram-'));
  try {
    const config = join(dir, 'admin.properties');
    const password = env.KAFKA_SASL_PASSWORD_FILE ? readFileSync(env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim() : (env.KAFKA_SASL_PASSWORD ?? '');
    const jaasQuote = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const lines = [
      `bootstrap.servers=${env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`,
      'security.protocol=SASL_SSL',
      `sasl.mechanism=${(env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512').toUpperCase()}`,
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${jaasQuote(env.KAFKA_SASL_USERNAME ?? '')}" password="${jaasQuote(password)}";`,
      ...(env.KAFKA_SSL_CA_FILE ? ['ssl.truststore.type=PEM', `ssl.truststore.location=${env.KAFKA_SSL_CA_FILE}`] : []),
    ];
    writeFileSync(config, `${lines.join('\n')}\n`, { mode: 0o600 });
    const input = changes.map((c) => ('upsert' in c ? `upsert ${c.upsert} ${c.passwordFile}` : `delete ${c.delete}`)).join('\n');
    const child = run('java', ['-cp', join(repoRoot, 'infra', 'kafka', '.libs', '*'), join(repoRoot, 'infra', 'kafka', 'ScramCredentials.java'), config], { maxBuffer: 1 << 20 });
    child.child.stdin?.end(`${input}\n`);
    await child;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
