import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReviewStatus } from '../domain/review.state';
import { ReviewError } from '../domain/review.errors';
import { findReview, listOverdueReviews, listReviews } from '../infrastructure/review.repository';
import { Clock } from './clock';
import { overdueItem, reviewView, worklistItem } from './review-views';

@Injectable()
export class ReviewQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async review(caseId: string) {
    const state = await findReview(this.dataSource.manager, caseId);
    if (!state) throw new ReviewError('WAIVER.REVIEW_NOT_FOUND', `case ${caseId} has no waiver review`);
    return reviewView(state, this.clock.now());
  }

  async worklist(status: ReviewStatus, limit: number) {
    const now = this.clock.now();
    const reviews = await listReviews(this.dataSource.manager, status, limit);
    return { state: status, asOf: now, reviews: reviews.map((s) => worklistItem(s, now)) };
  }

  async overdue(asOf: string | undefined, limit: number) {
    const at = asOf ?? this.clock.now();
    const reviews = await listOverdueReviews(this.dataSource.manager, at, limit);
    return { asOf: at, reviews: reviews.map((s) => overdueItem(s, at)) };
  }
}
