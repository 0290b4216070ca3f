import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Kafka } from 'kafkajs';
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
export function aclEntries(grants: readonly Grant[]): AclEntry[] {
  return grants.flatMap((g) =>
    g.operations.map((operation) => ({
      resourceType: RESOURCE[g.resource],
      resourceName: g.name,
      resourcePatternType: g.pattern === 'Prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${g.principal}`,
      host: '*',
      operation: OPERATION[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/** Creates the ACLs (an existing one is left as it is). Only the admin principal may. */
export async function applyGrants(kafka: Kafka, grants: readonly Grant[]): Promise<void> {
  if (grants.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: aclEntries(grants) });
  } finally {
    await admin.disconnect();
  }
}

/** Removes every ACL of these principals (a partner leaving). */
export async function revokeGrants(kafka: Kafka, principals: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteAcls({
      filters: principals.map((p) => ({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal: `User:${p}`,
        host: '*',
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
