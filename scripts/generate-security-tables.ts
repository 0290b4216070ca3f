/**
 * Writes the Kafka ACL table and the PostgreSQL grants into docs/security.md, between their
 * markers, from the data the provisioning applies (libs/contracts access.ts, libs/database
 * database-roles.ts); scripts/security-tables.unit.spec.ts fails when the document has drifted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessTableMarkdown } from '@forewarn/contracts';
import { databaseGrantsMarkdown } from '@forewarn/database';
import { repoRoot } from '@forewarn/testing';

export const SECURITY_DOC = join(repoRoot, 'docs', 'security.md');

/** The document with both generated sections replaced. */
export function withGeneratedTables(doc: string): string {
  return replaceBetween(replaceBetween(doc, 'kafka-acls', accessTableMarkdown()), 'database-grants', databaseGrantsMarkdown());
}

function replaceBetween(doc: string, name: string, content: string): string {
  const begin = `<!-- generated:${name} (npm run docs:security) -->`;
  const end = `<!-- end:${name} -->`;
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/security.md lacks the markers ${begin} ... ${end}`);
  return `${doc.slice(0, from + begin.length)}\n${content}\n${doc.slice(to)}`;
}

if (require.main === module) {
  writeFileSync(SECURITY_DOC, withGeneratedTables(readFileSync(SECURITY_DOC, 'utf8')));
  console.log(`wrote ${SECURITY_DOC}`);
}
