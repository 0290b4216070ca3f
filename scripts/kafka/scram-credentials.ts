import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kafkaConnectionFromEnv } from '@forewarn/eventing';
import { repoRoot } from '@forewarn/testing';

const run = promisify(execFile);

export type ScramChange = { upsert: string; passwordFile: string } | { delete: string };

/**
 * Creates, replaces or deletes SCRAM-SHA-512 credentials as the admin, through Kafka's own Admin
 * API (kafkajs has none): infra/kafka/ScramCredentials.java on the broker's jars, in one JVM for
 * all changes. Passwords travel as files, never on a command line. The admin's own connection
 * comes from the KAFKA_* variables, read by kafkaConnectionFromEnv as every client's is.
 */
export async function changeScramCredentials(changes: ScramChange[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (changes.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'forewarn-scram-'));
  try {
    const config = join(dir, 'admin.properties');
    const { brokers, sasl } = kafkaConnectionFromEnv(env);
    if (!sasl || !('password' in sasl)) throw new Error('changing SCRAM credentials needs the admin principal: set KAFKA_SASL_USERNAME and its password');
    const jaasQuote = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const loginModule = sasl.mechanism === 'plain' ? 'plain.PlainLoginModule' : 'scram.ScramLoginModule';
    const lines = [
      `bootstrap.servers=${brokers.join(',')}`,
      'security.protocol=SASL_SSL',
      `sasl.mechanism=${sasl.mechanism.toUpperCase()}`,
      `sasl.jaas.config=org.apache.kafka.common.security.${loginModule} required username="${jaasQuote(sasl.username)}" password="${jaasQuote(sasl.password)}";`,
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
