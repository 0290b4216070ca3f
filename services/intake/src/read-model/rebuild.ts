import { rebuildMain } from '@forewarn/read-model';
import { intakeReadModel } from './threat-reports.read-model';

/** `npm run rebuild -- --service intake`: threat_reports, dropped and refilled from the log. */
if (require.main === module) rebuildMain(intakeReadModel);
