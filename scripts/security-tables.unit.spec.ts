import { readFileSync } from 'node:fs';
import { SECURITY_DOC, withGeneratedTables } from './generate-security-tables';

describe('docs/security.md', () => {
  it('shows exactly the ACLs and database grants the provisioning applies (run npm run docs:security after a change)', () => {
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    expect(doc).toBe(withGeneratedTables(doc));
  });
});
