import { readFileSync } from 'node:fs';
import { documentedServices, openApiFile, openApiText } from './generate-openapi';

describe('docs/openapi', () => {
  it.each(documentedServices)('%s.json is exactly what the code generates (run npm run docs:openapi after a change)', async (service) => {
    expect(readFileSync(openApiFile(service), 'utf8')).toBe(await openApiText(service));
  });
});
