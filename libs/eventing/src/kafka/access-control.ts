import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { KafkaPort } from './kafka-port';
import type { AclOperation, AclResource, Grant } from '@forewarn/contracts';

const RESOURCE: Record<AclResource, AclResourceTypes> = {
  Topic: AclResourceTypes.TOPIC,
  Group: AclResourceTypes.GROUP,
  TransactionalId: AclResourceTypes.TRANSACTIONAL_ID,
  Cluster: AclResourceTypes.CLUSTER,
};
const OPERATION: Record<AclOperation, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Create: AclOperationTypes.CREATE,
  Describe: AclOperationTypes.DESCRIBE,
  All: AclOperationTypes.ALL,
};

/** Grants (libs/contracts access.ts) as Kafka ACL bindings: one ALLOW per operation, from any host. */
export function aclEntries(grants: readonly Grant[], permission: 'Allow' | 'Deny' = 'Allow'): AclEntry[] {
  return grants.flatMap((g) =>
    g.operations.map((operation) => ({
      resourceType: RESOURCE[g.resource],
      resourceName: g.name,
      resourcePatternType: g.pattern === 'Prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${g.principal}`,
      host: '*',
      operation: OPERATION[operation],
      permissionType: permission === 'Deny' ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
    })),
  );
}

/** Filters matching exactly the ACL bindings of these grants (for deleting them). */
export function aclFilters(grants: readonly Grant[], permission: 'Allow' | 'Deny' = 'Allow') {
  return aclEntries(grants, permission);
}

/** Creates the ACLs (an existing one is left as it is). Only the admin principal may. */
export async function applyGrants(kafka: KafkaPort, grants: readonly Grant[]): Promise<void> {
  if (grants.length === 0) return;
  await kafka.withAdmin((admin) => admin.createAcls(grants));
}

/** Removes every ACL of these principals (a partner leaving). */
export async function revokeGrants(kafka: KafkaPort, principals: readonly string[]): Promise<void> {
  await kafka.withAdmin((admin) => admin.revokePrincipals(principals));
}

/** Filters matching every ACL of these principals. */
export function principalFilters(principals: readonly string[]) {
  return principals.map((p) => ({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    principal: `User:${p}`,
    host: '*',
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  }));
}
