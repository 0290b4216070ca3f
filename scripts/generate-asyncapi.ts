/** Writes libs/contracts/asyncapi.json from the schemas the code validates with. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '@forewarn/contracts';

// Compiled to dist/scripts/: the repository root is two levels up.
const root = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const target = join(root, 'libs', 'contracts', 'asyncapi.json');
writeFileSync(target, `${JSON.stringify(buildAsyncApiDocument(version), null, 2)}\n`);
console.log(`wrote ${target}`);
