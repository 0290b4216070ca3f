import { Injectable } from '@nestjs/common';
import { ConsoleQueries } from './console-queries';
import { bucketFlow } from './flow-buckets';
import { KafkaLagReader } from './kafka-lag.reader';
import { casesByState } from './pipeline-view';
import { ServiceProbe } from './service-probe';
import { errorMessage, withTimeout } from '@forewarn/eventing';

export const FLOW_MINUTES = 30;
// Every open page polls; one computation serves them all for this long.
const CACHE_MS = 2_000;
const KAFKA_TIMEOUT_MS = 4_000;

/** The operators' pipeline view: flow per stage, cases by state, consumer lag, service health. */
@Injectable()
export class PipelineService {
  private cached?: { at: number; view: ReturnType<PipelineService['build']> };

  constructor(
    private readonly queries: ConsoleQueries,
    private readonly lag: KafkaLagReader,
    private readonly probe: ServiceProbe,
  ) {}

  view() {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.view;
    const view = this.build();
    this.cached = { at: Date.now(), view };
    view.catch(() => (this.cached = undefined));
    return view;
  }

  private async build() {
    const now = Date.now();
    const since = new Date(Math.floor(now / 60_000) * 60_000 - (FLOW_MINUTES - 1) * 60_000);
    const [counts, states, lag, probe] = await Promise.all([
      this.queries.flowCounts(since),
      this.queries.casesByState(),
      // Kafka being down is exactly when the page must still load, saying so.
      withTimeout(this.lag.read(), KAFKA_TIMEOUT_MS, 'Kafka').then(
        (groups) => ({ groups, error: null }),
        (error: unknown) => ({ groups: [], error: errorMessage(error) }),
      ),
      this.probe.probe(),
    ]);
    // Read in parallel with the lag, so what the metrics name is used from the next refresh on.
    this.lag.learn(probe.consumerTopics);
    return {
      generatedAt: new Date(now).toISOString(),
      flow: { windowMinutes: FLOW_MINUTES, ...bucketFlow(counts, now, FLOW_MINUTES) },
      casesByState: casesByState(states),
      lag,
      services: probe.services,
    };
  }
}
