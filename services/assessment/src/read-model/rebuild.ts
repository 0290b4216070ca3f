import { rebuildMain } from '@forewarn/read-model';
import { assessmentReadModel } from './cases.read-model';

/** `npm run rebuild -- --service assessment`: cases, dropped and refilled from the log. */
if (require.main === module) rebuildMain(assessmentReadModel);
