import { randomBytes } from 'node:crypto';
import { partnerTopic, Principals, Topics } from '@forewarn/contracts';
import { kafkaPort, type AccessOutcome, type KafkaConnection, type KafkaPort } from '../src';
import { kafkaAs, testBrokers } from '@forewarn/testing';

/**
 * The trust boundary on the real secured broker (TLS, SCRAM-SHA-512, ACLs from libs/contracts
 * access.ts, provisioned as ./forewarn test provisions it): each principal may do what its grants
 * say, and nothing else is allowed.
 */
describe('the secured broker: who may do what', () => {
  const as = (principal: string, connection: Partial<KafkaConnection> = {}) => kafkaPort('access-test', { ...kafkaAs(principal), ...connection }, { retries: 0 });
  const message = () => ({ key: 'k', value: JSON.stringify({ probe: randomBytes(4).toString('hex') }) });
  const outcome = (o: AccessOutcome, ok: string) => (o.ok ? ok : o.code);

  /** Sends one message; resolves with the broker's refusal (its error code), or 'sent'. */
  const write = async (kafka: KafkaPort, topic: string) => outcome(await kafka.tryPublish(topic, message()), 'sent');

  /**
   * Joins `groupId` to read `topic`; resolves with the refusal, or 'reading' once the group was
   * joined. A refused group is the broker's GROUP_AUTHORIZATION_FAILED (the port reads it from the
   * client's own log where the client reports it as a missing coordinator).
   */
  const read = async (kafka: KafkaPort, topic: string, groupId: string) => outcome(await kafka.tryJoin(topic, groupId), 'reading');

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
    expect(await read(fsb, partnerTopic('FSB', 'warnings'), `partner.NCTC.${randomBytes(3).toString('hex')}`)).toBe('GROUP_AUTHORIZATION_FAILED');
  }, 60_000);

  it("lets a service write only its own topics and use only its own consumer groups", async () => {
    const assessment = as(Principals.service('assessment'));
    expect(await write(assessment, Topics.assessmentEvents)).toBe('sent');
    expect(await write(assessment, Topics.intakeEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(assessment, Topics.notificationEvents)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write(assessment, partnerTopic('FSB', 'warnings'))).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await read(assessment, Topics.intakeEvents, `assessment.${randomBytes(3).toString('hex')}`)).toBe('reading');
    expect(await read(assessment, Topics.intakeEvents, `waiver-review.${randomBytes(3).toString('hex')}`)).toBe('GROUP_AUTHORIZATION_FAILED');
    // Nor read what it does not consume: the warnings to partners are notification's to write and the partner's to read.
    expect(await read(assessment, partnerTopic('FSB', 'warnings'), `assessment.${randomBytes(3).toString('hex')}`)).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 60_000);

  it('refuses a wrong password, no credentials, and a client that does not trust the CA', async () => {
    // The messages are the client library's (kafkajs, Node's TLS): a new library may word them otherwise.
    const connect = async (connection: KafkaConnection) => {
      const o = await kafkaPort('access-test', connection, { retries: 0 }).tryConnect();
      return o.ok ? 'connected' : o.message;
    };
    const fsb = kafkaAs(Principals.partner('FSB'));
    expect(await connect(fsb)).toBe('connected');
    expect(await connect(kafkaAs(Principals.partner('FSB'), 'not-the-password'))).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect(await connect({ ...fsb, ssl: true })).toMatch(/self-signed certificate|unable to verify|certificate/);
    expect(await connect({ brokers: testBrokers(), ssl: fsb.ssl })).not.toBe('connected');
  }, 60_000);
});
