import { rmSync } from 'node:fs';
import { partnerGrants, partnerTopic, PartnerTopicKinds, Principals } from '@forewarn/contracts';
import { applyGrants, kafkaPortOf, revokeGrants, topicPartitions } from '@forewarn/eventing';
import { kafkaPasswordFile } from '@forewarn/testing';
import { ensurePasswordFile } from './local-secrets';
import { changeScramCredentials } from './scram-credentials';

export interface PartnerCredential {
  agency: string;
  username: string;
  /** Where its password is (mode 0600); printed once by the partner command. */
  passwordFile: string;
}

/**
 * Gives partner agencies what they need on the cluster, as the admin: their four topics, their
 * SCRAM credential, and the ACLs of libs/contracts partnerGrants (theirs, and the services' on
 * their topics). Idempotent: an agency onboarded again keeps its password file.
 */
export async function onboardPartners(client: Parameters<typeof kafkaPortOf>[0], agencies: readonly string[]): Promise<PartnerCredential[]> {
  if (agencies.length === 0) return [];
  const kafka = kafkaPortOf(client);
  await kafka.ensureTopics(agencies.flatMap((a) => Object.values(PartnerTopicKinds).map((kind) => partnerTopic(a, kind))), topicPartitions());
  const credentials = agencies.map((agency) => ({ agency, username: Principals.partner(agency), passwordFile: ensurePasswordFile(Principals.partner(agency)) }));
  await changeScramCredentials(credentials.map((c) => ({ upsert: c.username, passwordFile: c.passwordFile })));
  await applyGrants(kafka, agencies.flatMap(partnerGrants));
  return credentials;
}

/**
 * Takes an agency's access away: its credential and its own ACLs. Its topics and the services'
 * grants on them stay, so a message still in an outbox for it is published, not stuck; delete
 * the topics by hand once nothing more is owed to it (docs/security.md).
 */
export async function offboardPartner(client: Parameters<typeof kafkaPortOf>[0], agency: string): Promise<void> {
  await changeScramCredentials([{ delete: Principals.partner(agency) }]).catch((err: Error) => {
    if (!/ResourceNotFound|not found|No credential/i.test(err.message)) throw err;
  });
  await revokeGrants(kafkaPortOf(client), [Principals.partner(agency)]);
  rmSync(kafkaPasswordFile(Principals.partner(agency)), { force: true });
  console.error(`[forewarn] ${agency}: credential and ACLs removed`);
}
