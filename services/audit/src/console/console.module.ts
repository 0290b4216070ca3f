import { Module } from '@nestjs/common';
import { DeadLetterService } from '../application/dead-letter.service';
import { ConsoleDataController } from './console-data.controller';
import { ConsoleMetrics } from './console-metrics';
import { ConsolePageController } from './console-page.controller';
import { ConsoleQueries } from './console-queries';
import { DeadlinesService } from './deadlines.service';
import { KafkaLagReader } from './kafka-lag.reader';
import { PipelineService } from './pipeline.service';
import { ServiceProbe } from './service-probe';

/**
 * The operators' and auditors' console (GET /console) and what it reads (/v1/console/...), plus
 * the deadline gauges on audit's /metrics. Reads audit's tables; writes nothing of its own.
 * DeadLetterService is stateless, so the console has its own instance rather than reaching
 * into AppModule's providers.
 */
@Module({
  controllers: [ConsolePageController, ConsoleDataController],
  providers: [ConsoleQueries, KafkaLagReader, ServiceProbe, PipelineService, DeadlinesService, ConsoleMetrics, DeadLetterService],
})
export class ConsoleModule {}
