import { WaiverReviews1764400000000 } from './1764400000000-waiver-reviews';

/** The waiver_review schema's migrations, in order. */
export const waiverReviewMigrations = [WaiverReviews1764400000000];
