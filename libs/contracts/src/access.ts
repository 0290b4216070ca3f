import { EventTopics, partnerOfTopic, PartnerTopicKinds, partnerTopic, Topics } from './topics';

/**
 * Who may do what on the Kafka cluster: every principal's grants, as data a reviewer reads in one
 * place (docs/security.md renders it). The provisioning script and the partner command turn these
 * into ACLs; with `allow.everyone.if.no.acl.found=false`, anything not granted here is refused.
 */
export type ServiceName = 'intake' | 'assessment' | 'waiver-review' | 'notification' | 'audit';
export const ServiceNames: readonly ServiceName[] = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'];

export type AclOperation = 'Read' | 'Write' | 'Create' | 'Describe' | 'All';
export type AclResource = 'Topic' | 'Group' | 'TransactionalId' | 'Cluster';

export interface Grant {
  principal: string;
  resource: AclResource;
  /** A topic, group or transactional id; `*` for every one; `kafka-cluster` for the cluster. */
  name: string;
  pattern: 'Literal' | 'Prefixed';
  operations: AclOperation[];
}

export const Principals = {
  /** Creates topics, credentials and ACLs; never used by a service at run time. */
  admin: 'forewarn-admin',
  service: (service: ServiceName) => `forewarn-${service}`,
  /** A partner agency, authenticated by the broker: who it is comes from here, never from a message body. */
  partner: (agency: string) => `partner-${agency}`,
  /** The test suite's own fixtures (publishing as "another service", reading any topic): test brokers only. */
  test: 'forewarn-test',
} as const;

/**
 * What each service writes and reads on the internal topics (its consumers' topics:
 * services/<service>/src/infrastructure/*.consumer.ts). Partners' topics: partnerGrants. Every
 * service "reads" the outbox-relay topic: its relay commits its position there, in a transaction.
 */
export const ServiceTopics: Record<ServiceName, { writes: string[]; reads: string[] }> = {
  intake: { writes: [Topics.intakeEvents, Topics.deadLetters], reads: [Topics.outboxRelay] },
  assessment: { writes: [Topics.assessmentEvents, Topics.deadLetters], reads: [Topics.intakeEvents, Topics.outboxRelay] },
  'waiver-review': { writes: [Topics.waiverReviewEvents, Topics.deadLetters], reads: [Topics.intakeEvents, Topics.assessmentEvents, Topics.outboxRelay] },
  notification: { writes: [Topics.notificationEvents, Topics.deadLetters], reads: [Topics.waiverReviewEvents, Topics.outboxRelay] },
  // The operators' re-drive republishes a dead letter to the topic it came from: any topic a consumer reads.
  audit: { writes: [Topics.operationsEvents, Topics.deadLetters, ...EventTopics], reads: [...EventTopics, Topics.deadLetters, Topics.outboxRelay] },
};

/** Who touches one partner agency's topics, and how: the agency itself and the services that serve it. */
export const PartnerTopicAccess: Record<string, { writes: (keyof typeof PartnerTopicKinds)[]; reads: (keyof typeof PartnerTopicKinds)[] }> = {
  partner: { writes: ['threatReports', 'acknowledgements'], reads: ['warnings', 'caseStatus'] },
  intake: { writes: ['caseStatus'], reads: ['threatReports'] },
  assessment: { writes: ['caseStatus'], reads: [] },
  'waiver-review': { writes: ['caseStatus'], reads: [] },
  notification: { writes: ['warnings', 'caseStatus'], reads: ['acknowledgements'] },
  // Re-drive: a dead-lettered report or acknowledgement goes back to the topic it came from.
  audit: { writes: ['threatReports', 'acknowledgements'], reads: [] },
};

const topic = (principal: string, name: string, operations: AclOperation[]): Grant => ({ principal, resource: 'Topic', name, pattern: 'Literal', operations });

/**
 * A service's grants. `namespace` is the deployment's consumer-group prefix (FOREWARN_GROUP_PREFIX):
 * a service may use only the groups and transactional ids named after it in its own deployment.
 */
export function serviceGrants(service: ServiceName, namespace = ''): Grant[] {
  const principal = Principals.service(service);
  const { writes, reads } = ServiceTopics[service];
  const grants: Grant[] = [
    ...[...new Set(writes)].map((t) => topic(principal, t, ['Write'])),
    ...[...new Set(reads)].map((t) => topic(principal, t, ['Read'])),
    { principal, resource: 'Group', name: `${namespace}${service}.`, pattern: 'Prefixed', operations: ['Read'] },
    { principal, resource: 'TransactionalId', name: `${namespace}${service}.`, pattern: 'Prefixed', operations: ['Write', 'Describe'] },
    // Readiness and the consumers' replaced-log check ask the cluster its id.
    { principal, resource: 'Cluster', name: 'kafka-cluster', pattern: 'Literal', operations: ['Describe'] },
  ];
  if (service === 'audit') {
    // The operators' console: every topic's ends and every group's offsets of this deployment, no content.
    grants.push({ principal, resource: 'Topic', name: 'forewarn.', pattern: 'Prefixed', operations: ['Describe'] });
    grants.push(namespace ? { principal, resource: 'Group', name: namespace, pattern: 'Prefixed', operations: ['Describe'] } : { principal, resource: 'Group', name: '*', pattern: 'Literal', operations: ['Describe'] });
  }
  return grants;
}

/** Whether a service's grants let it write `topic` (what it checks before it promises to: a re-drive). */
export function serviceMayWrite(service: ServiceName, topic: string): boolean {
  if (ServiceTopics[service].writes.includes(topic)) return true;
  const partner = partnerOfTopic(topic);
  return partner !== null && PartnerTopicAccess[service].writes.some((k) => PartnerTopicKinds[k] === partner.kind);
}

/** Onboarding one partner agency: its own principal's grants, and the services' on its topics. */
export function partnerGrants(agency: string): Grant[] {
  return Object.entries(PartnerTopicAccess).flatMap(([who, { writes, reads }]) => {
    const principal = who === 'partner' ? Principals.partner(agency) : Principals.service(who as ServiceName);
    return [
      ...writes.map((k) => topic(principal, partnerTopic(agency, PartnerTopicKinds[k]), ['Write'])),
      ...reads.map((k) => topic(principal, partnerTopic(agency, PartnerTopicKinds[k]), ['Read'])),
      // The agency's own consumer groups, to read its warnings and status.
      ...(who === 'partner' ? [{ principal, resource: 'Group' as const, name: `partner.${agency}.`, pattern: 'Prefixed' as const, operations: ['Read' as const] }] : []),
    ];
  });
}

/** The test suite's fixture principal: anything, on a test broker only (never provisioned elsewhere). */
export function testGrants(): Grant[] {
  const principal = Principals.test;
  return [
    { principal, resource: 'Topic', name: '*', pattern: 'Literal', operations: ['All'] },
    { principal, resource: 'Group', name: '*', pattern: 'Literal', operations: ['All'] },
    { principal, resource: 'TransactionalId', name: '*', pattern: 'Literal', operations: ['All'] },
    { principal, resource: 'Cluster', name: 'kafka-cluster', pattern: 'Literal', operations: ['Describe', 'Create'] },
  ];
}

/**
 * Every grant as Markdown table rows, for docs/security.md (scripts/generate-security-tables.ts
 * writes them there; a test fails when the document and this file disagree). Partner grants
 * are shown for one agency, `{agency}`; group prefixes under the deployment's `{prefix}`.
 */
export function accessTableMarkdown(): string {
  const sample = 'AGENCY';
  const rows = [...ServiceNames.flatMap((s) => serviceGrants(s, '{prefix}')), ...partnerGrants(sample)].map((g) =>
    `| ${g.principal} | ${g.resource} | ${g.pattern === 'Prefixed' ? `${g.name}*` : g.name} | ${g.operations.join(', ')} |`.replaceAll(sample, '{agency}'),
  );
  return ['| principal | resource | name (`*`: prefix) | may |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
