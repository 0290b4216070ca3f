import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { partnerTopic, Principals, Topics } from '@forewarn/contracts';
import { kafkaAs, testBrokers } from '@forewarn/testing';

/**
 * The trust boundary on the real secured broker (TLS, SCRAM-SHA-512, ACLs from libs/contracts
 * access.ts, provisioned as ./forewarn test provisions it): each principal may do what its grants
 * say, and nothing else is allowed.
 */
describe('the secured broker: who may do what', () => {
  const clients: { disconnect(): Promise<void> }[] = [];
  const client = (config: Partial<KafkaConfig>) => new Kafka({ clientId: 'access-test', logLevel: logLevel.NOTHING, retry: { retries: 0 }, ...kafkaAs(), ...config });
  const as = (principal: string) => client(kafkaAs(principal));
  const message = () => ({ key: 'k', value: JSON.stringify({ probe: randomBytes(4).toString('hex') }) });

  /** Sends one message; resolves with the broker's refusal (its error type), or 'sent'. */
  async function write(kafka: Kafka, topic: string): Promise<string> {
    const producer = kafka.producer();
    clients.push(producer);
    await producer.connect();
    try {
      await producer.send({ topic, messages: [message()] });
      return 'sent';
    } catch (err) {
      return refusal(err);
    }
  }

  /** Joins `groupId` to read `topic`; resolves with the refusal, or 'reading' once the group was joined. */
  async function read(kafka: Kafka, topic: string, groupId: string): Promise<string> {
    const consumer = kafka.consumer({ groupId, retry: { retries: 0, restartOnFailure: async () => false } });
    clients.push(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const joined = new Promise<string>((resolve) => {
        consumer.on(consumer.events.GROUP_JOIN, () => resolve('reading'));
        consumer.on(consumer.events.CRASH, ({ payload }) => resolve(refusal(payload.error)));
      });
      await consumer.run({ eachMessage: async () => undefined });
      return await joined;
    } catch (err) {
      return refusal(err);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  /**
   * Joins `groupId` as `principal`: kafkajs reports a refused group as "coordinator not found", so
   * the broker's own answer is read from kafkajs' debug log of the FindCoordinator response.
   */
  async function joinGroup(principal: string, topic: string, groupId: string): Promise<{ joined: string; broker: string }> {
    const lines: string[] = [];
    const kafka = new Kafka({
      ...kafkaAs(principal),
      clientId: 'access-test',
      retry: { retries: 0 },
      logLevel: logLevel.DEBUG,
      logCreator: () => (entry) => lines.push(`${entry.log.message} ${String((entry.log as { error?: unknown }).error ?? '')}`),
    });
    const joined = await read(kafka, topic, groupId);
    return { joined, broker: lines.some((l) => /Not authorized to access group/.test(l)) ? 'GROUP_AUTHORIZATION_FAILED' : 'no refusal' };
  }

  const refusal = (err: unknown): string => {
    for (let e = err as { type?: string; cause?: unknown; originalError?: unknown; name?: string } | undefined; e; e = (e.cause ?? e.originalError) as typeof e) {
      if (e.type) return e.type;
    }
    return (err as Error).name;
  };

  afterAll(async () => {
    for (const c of clients) await c.disconnect().catch(() => undefined);
  });

  it('lets a partner agency write only its own inbound topics and read only what is addressed to it', async () => {
    const fsb = as(Principals.partner('FSB'));
    expect(await write(fsb, partnerTopic('FSB', 'threat-reports'))).toBe('sent');
    expect(await write(fsb, partnerTopic('FSB', 'acknowledgements'))).toBe('sent');
    expect(await read(fsb, partnerTopic('FSB', 'warnings'), `partner.FSB.${randomBytes(3).toString('hex')}`)).toBe('reading');

    // Another agency's topics, in or out, and every internal topic: refused by the broker.
    expect(await write(fsb, partnerTopic('NCTC', 'threat-reports'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(fsb, partnerTopic('STATE', 'acknowledgements'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(fsb, Topics.intakeEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(fsb, partnerTopic('FSB', 'warnings'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(fsb, partnerTopic('STATE', 'warnings'), `partner.FSB.${randomBytes(3).toString('hex')}`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(fsb, partnerTopic('NCTC', 'case-status'), `partner.FSB.${randomBytes(3).toString('hex')}`)).toBe('TOPIC_AUTHORIZATION_FAILED');
    // Its own topic, but through another agency's consumer group.
    expect(await joinGroup(Principals.partner('FSB'), partnerTopic('FSB', 'warnings'), `partner.NCTC.${randomBytes(3).toString('hex')}`)).toEqual({
      joined: 'KafkaJSGroupCoordinatorNotFound',
      broker: 'GROUP_AUTHORIZATION_FAILED',
    });
  }, 60_000);

  it("lets a service write only its own topics and use only its own consumer groups", async () => {
    const assessment = as(Principals.service('assessment'));
    expect(await write(assessment, Topics.assessmentEvents)).toBe('sent');
    expect(await write(assessment, Topics.intakeEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(assessment, Topics.notificationEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(assessment, partnerTopic('FSB', 'warnings'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(assessment, Topics.intakeEvents, `assessment.${randomBytes(3).toString('hex')}`)).toBe('reading');
    expect(await joinGroup(Principals.service('assessment'), Topics.intakeEvents, `waiver-review.${randomBytes(3).toString('hex')}`)).toEqual({
      joined: 'KafkaJSGroupCoordinatorNotFound',
      broker: 'GROUP_AUTHORIZATION_FAILED',
    });
    // Nor read what it does not consume: the warnings to partners are notification's to write and the partner's to read.
    expect(await read(assessment, partnerTopic('FSB', 'warnings'), `assessment.${randomBytes(3).toString('hex')}`)).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 60_000);

  it('refuses a wrong password, no credentials, and a client that does not trust the CA', async () => {
    const connect = async (config: Partial<KafkaConfig>) => {
      const admin = client(config).admin();
      clients.push(admin);
      try {
        await admin.connect();
        await admin.describeCluster();
        return 'connected';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const fsb = kafkaAs(Principals.partner('FSB'));
    expect(await connect(fsb)).toBe('connected');
    expect(await connect(kafkaAs(Principals.partner('FSB'), 'not-the-password'))).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect(await connect({ ...fsb, ssl: true })).toMatch(/self-signed certificate|unable to verify|certificate/);
    expect(await connect({ brokers: testBrokers(), ssl: fsb.ssl, sasl: undefined })).not.toBe('connected');
  }, 60_000);
});
