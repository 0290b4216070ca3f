import { Inject, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventingRuntime } from './eventing-runtime';
import { kafkaConnectionFromEnv, type KafkaConnection } from './kafka/kafka-connection';
import { defaultLogger, type Logger } from './logger';
import { EventTransport } from './transport/event-transport';

export const EVENTING_OPTIONS = Symbol('EVENTING_OPTIONS');

export interface EventingModuleOptions {
  service: string;
  /** Default: the process's KAFKA_* settings, read when the runtime is made. */
  kafka?: KafkaConnection;
  logger?: Logger;
}

class EventingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(EventingRuntime) private readonly runtime: EventingRuntime) {}

  // Bootstrap runs after every module's onModuleInit, where services declare their consumers.
  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
  }

  // Before shutdown, so consumers and the relay stop while TypeORM's connections still exist.
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/**
 * Gives a service the EventingRuntime (outbox, relay, inbox consumers) on the TypeORM
 * DataSource the service already configured, and the EventTransport that runs the service's
 * `@EventPattern` handlers on it (listenService); commands write with `runtime.transact(...)`.
 */
@Module({})
export class EventingModule {
  static forService(options: EventingModuleOptions): DynamicModule {
    return {
      module: EventingModule,
      global: true,
      providers: [
        { provide: EVENTING_OPTIONS, useValue: options },
        {
          provide: EventingRuntime,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new EventingRuntime({
              service: options.service,
              kafka: options.kafka ?? kafkaConnectionFromEnv(),
              dataSource,
              logger: options.logger ?? defaultLogger(options.service),
            }),
        },
        EventingLifecycle,
        EventTransport,
      ],
      exports: [EventingRuntime, EventTransport],
    };
  }
}
