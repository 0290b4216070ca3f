/**
 * Writes docs/openapi/<service>.json, each service's HTTP API, from its controllers and DTOs
 * (libs/platform/src/http/openapi.ts). Builds each app in Nest's preview mode: no Kafka, no
 * PostgreSQL. scripts/openapi-drift.unit.spec.ts fails when a committed document has drifted.
 */
/* eslint-disable @nx/enforce-module-boundaries -- services have no package alias; the documents must come from each service's own AppModule */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentOf, type ServiceName } from '@forewarn/platform';
import { repoRoot } from '@forewarn/testing';
import { AppModule as AssessmentModule } from '../services/assessment/src/app.module';
import { AppModule as AuditModule } from '../services/audit/src/app.module';
import { AppModule as IntakeModule } from '../services/intake/src/app.module';
import { AppModule as NotificationModule } from '../services/notification/src/app.module';
import { AppModule as WaiverReviewModule } from '../services/waiver-review/src/app.module';

export const OPENAPI_DIR = join(repoRoot, 'docs', 'openapi');

const appModules: Record<ServiceName, unknown> = {
  intake: IntakeModule,
  assessment: AssessmentModule,
  'waiver-review': WaiverReviewModule,
  notification: NotificationModule,
  audit: AuditModule,
};

export const documentedServices = Object.keys(appModules) as ServiceName[];

/** The document of one service, as it is written to docs/openapi/<service>.json. */
export async function openApiText(service: ServiceName): Promise<string> {
  return `${JSON.stringify(await openApiDocumentOf(service, appModules[service]), null, 2)}\n`;
}

export const openApiFile = (service: ServiceName) => join(OPENAPI_DIR, `${service}.json`);

async function main(): Promise<void> {
  mkdirSync(OPENAPI_DIR, { recursive: true });
  for (const service of documentedServices) {
    writeFileSync(openApiFile(service), await openApiText(service));
    console.log(`wrote ${openApiFile(service)}`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
