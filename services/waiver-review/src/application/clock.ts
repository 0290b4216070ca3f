import { Injectable } from '@nestjs/common';

/** The service's only clock: the deciders get time from here, and tests can replace it. */
@Injectable()
export class Clock {
  now(): string {
    return new Date().toISOString();
  }
}
