import { rebuildMain } from '@forewarn/read-model';
import { waiverReviewReadModel } from './reviews.read-model';

/** `npm run rebuild -- --service waiver-review`: reviews, dropped and refilled from the log. */
if (require.main === module) rebuildMain(waiverReviewReadModel);
