import { Injectable } from '@nestjs/common';
import { ConsoleQueries } from './console-queries';
import { deadlineItems, type DeliveryLine, type OverdueReviewLine } from './deadline-items';
import { serviceUrls } from './service-urls';
import { errorMessage } from '@forewarn/eventing';

const SOURCE_TIMEOUT_MS = 3_000;

interface Source<T> {
  items: T[];
  /** 'ok', or why this source is missing from the list (the page says so rather than hiding it). */
  status: string;
}

/**
 * Asks a service's own API with the caller's token: the service decides what this person may
 * read (an auditor, for one, may not list deliveries), so the console never widens access.
 */
async function fromService<T>(url: string, authorization: string, pick: (body: never) => T[]): Promise<Source<T>> {
  try {
    const res = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS) });
    if (res.status === 403) return { items: [], status: 'not permitted for your roles' };
    if (!res.ok) return { items: [], status: `HTTP ${res.status}` };
    return { items: pick((await res.json()) as never) ?? [], status: 'ok' };
  } catch (error) {
    return { items: [], status: `unreachable: ${errorMessage((error as { cause?: unknown }).cause ?? error)}` };
  }
}

@Injectable()
export class DeadlinesService {
  constructor(private readonly queries: ConsoleQueries) {}

  async list(authorization: string) {
    const urls = serviceUrls();
    const now = Date.now();
    const [reviews, escalated, pending, unwarned] = await Promise.all([
      fromService<OverdueReviewLine>(`${urls['waiver-review']}/v1/waiver-reviews/overdue?limit=200`, authorization, (b: { reviews: OverdueReviewLine[] }) => b.reviews),
      fromService<DeliveryLine>(`${urls.notification}/v1/deliveries?state=ESCALATED&limit=200`, authorization, (b: { deliveries: DeliveryLine[] }) => b.deliveries),
      fromService<DeliveryLine>(`${urls.notification}/v1/deliveries?state=PENDING&limit=200`, authorization, (b: { deliveries: DeliveryLine[] }) => b.deliveries),
      this.queries.unwarnedNearWindow(now),
    ]);
    const deliveries = [...escalated.items, ...pending.items];
    const windows = await this.queries.windows([...reviews.items, ...deliveries].map((i) => i.caseId));
    for (const u of unwarned) windows.set(u.caseId, u.window);
    return {
      generatedAt: new Date(now).toISOString(),
      items: deadlineItems({ overdueReviews: reviews.items, deliveries, unwarned }, windows),
      sources: {
        overdueReviews: reviews.status,
        deliveries: escalated.status === pending.status ? escalated.status : `${escalated.status}; ${pending.status}`,
        unwarnedNearWindow: 'ok',
      },
    };
  }
}
