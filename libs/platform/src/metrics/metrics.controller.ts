import { Controller, Get, Header } from '@nestjs/common';
import { prometheusContentType } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { SkipRateLimits } from '../auth/throttling';
import { MetricsRegistry } from './metrics-registry';

@Public()
@SkipRateLimits()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
