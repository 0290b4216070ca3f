import { rebuildMain } from '@forewarn/read-model';
import { notificationReadModel } from './deliveries.read-model';

/** `npm run rebuild -- --service notification`: deliveries, dropped and refilled from the log. */
if (require.main === module) rebuildMain(notificationReadModel);
