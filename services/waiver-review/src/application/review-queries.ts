import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isOperatorOnly, seesCase, visibleSources, type Caller } from '@forewarn/platform';
import type { ReviewStatus } from '../domain/review.state';
import { ReviewError } from '../domain/review.errors';
import { findReview, listOverdueReviews, listReviews } from '../infrastructure/review.repository';
import { Clock } from './clock';
import { flowItem, overdueItem, overdueTimes, reviewView, sourceOf, worklistItem } from './review-views';

@Injectable()
export class ReviewQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A case `person` may not see is answered as one without a review (need to know). */
  async review(caseId: string, person: Caller) {
    const state = await findReview(this.dataSource.manager, caseId);
    if (!state || !seesCase(person, sourceOf(state))) throw new ReviewError('WAIVER.REVIEW_NOT_FOUND', `case ${caseId} has no waiver review`);
    return reviewView(state, this.clock.now());
  }

  /** Operators get each review's flow only (states and deadlines), never what it is about. */
  async worklist(status: ReviewStatus, limit: number, person: Caller) {
    const now = this.clock.now();
    const reviews = await listReviews(this.dataSource.manager, status, limit, visibleSources(person));
    return { state: status, asOf: now, reviews: reviews.map((s) => (isOperatorOnly(person) ? flowItem(s, now) : worklistItem(s, now))) };
  }

  async overdue(asOf: string | undefined, limit: number, person: Caller) {
    const at = asOf ?? this.clock.now();
    const reviews = await listOverdueReviews(this.dataSource.manager, at, limit, visibleSources(person));
    return { asOf: at, reviews: reviews.map((s) => (isOperatorOnly(person) ? { ...flowItem(s, at), ...overdueTimes(s, at) } : overdueItem(s, at))) };
  }
}
