import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { partnerTopic } from '@forewarn/contracts';
import { kafkaPort } from '@forewarn/eventing';
import { createTestDatabase, kafkaAs, kafkaEnv, repoRoot, type TestDatabase } from '@forewarn/testing';

/** `./forewarn partner add|list|remove` (dist/scripts/partners.js) against the test broker and a database of its own. */
describe('onboarding a partner agency', () => {
  let db: TestDatabase;
  const code = `T${randomBytes(3).toString('hex').toUpperCase()}`;
  const partner = (args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', join(repoRoot, 'scripts', 'register-paths.js'), join(repoRoot, 'dist', 'scripts', 'partners.js'), ...args],
        { env: { ...process.env, ...kafkaEnv('forewarn-admin'), DATABASE_URL: db.serverUrl, FOREWARN_DATABASE: db.name } },
        (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }),
      );
    });
  /** Writes one message as the agency with `password`: 'sent', or why not. */
  const writeAs = async (password: string, topic: string) => {
    const outcome = await kafkaPort('onboarding-test', kafkaAs(`partner-${code}`, password), { retries: 0 }).tryPublish(topic, { value: '{}' });
    return outcome.ok ? 'sent' : outcome.message;
  };

  beforeAll(async () => {
    db = await createTestDatabase('partners');
  });
  afterAll(() => db.drop());

  it('adds an agency: registered, its topics, credential and ACLs made, the password printed once; removes it again', async () => {
    const added = await partner(['add', code, '--name', 'Test Agency', '--channel', 'DIPLOMATIC', '--protects', 'Test Protector']);
    expect(added.err).not.toMatch(/Error/);
    expect(added.code).toBe(0);
    expect(added.out).toContain(`username            partner-${code}`);
    expect(added.out).toContain(`writes              ${partnerTopic(code, 'threat-reports')}, ${partnerTopic(code, 'acknowledgements')}`);
    const password = /^\s+password\s+(\S+)$/m.exec(added.out)![1];
    // Shown once: not kept on disk (only the demo's agencies keep theirs, for the demo).
    expect(existsSync(join(repoRoot, '.run', 'secrets', 'kafka', `partner-${code}.password`))).toBe(false);

    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query(`SELECT code, name, channels, protects, removed_at FROM partners.partners WHERE code = $1`, [code]);
    await admin.end();
    expect(rows).toEqual([{ code, name: 'Test Agency', channels: ['DIPLOMATIC'], protects: ['Test Protector'], removed_at: null }]);
    expect((await partner(['list'])).out).toMatch(new RegExp(`${code}\\s+Test Agency\\s+\\(principal partner-${code}; receives DIPLOMATIC warnings, warnings to "Test Protector"\\)`));

    // The agency can now write its own topic, and only its own.
    expect(await writeAs(password, partnerTopic(code, 'threat-reports'))).toBe('sent');
    expect(await writeAs(password, partnerTopic('NCTC', 'threat-reports'))).toMatch(/not authorized/i);

    const removed = await partner(['remove', code]);
    expect(removed.code).toBe(0);
    expect(await writeAs(password, partnerTopic(code, 'threat-reports'))).toMatch(/authentication failed/);
    expect((await partner(['list'])).out).not.toContain(code);
  }, 90_000);

  it('refuses a bad code or a missing name, with the usage', async () => {
    const bad = await partner(['add', 'not ok', '--name', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('the agency code must match');
    expect(bad.err).toContain('Usage:');
    const nameless = await partner(['add', 'OK']);
    expect(nameless).toMatchObject({ code: 2, err: expect.stringContaining('--name is required') });
    expect((await partner(['remove', 'NOSUCH'])).err).toContain('NOSUCH is not an onboarded partner agency');
  });
});
