import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { EventTransport } from '@forewarn/eventing';

/**
 * A service as a hybrid Nest app: its `@EventPattern` handlers on the event transport (the
 * inbox consumers, started with the EventingRuntime at bootstrap), its controllers on HTTP.
 * The transport keeps its own, empty, app config: HTTP's guards, pipes and filters are not
 * for events.
 */
export async function listenService(app: INestApplication, port: number, host = '127.0.0.1'): Promise<void> {
  app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(EventTransport) });
  await app.startAllMicroservices();
  await app.listen(port, host);
}
