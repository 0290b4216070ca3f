import { HttpException, HttpStatus, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import {
  InjectThrottlerStorage,
  normalizeIp,
  SkipThrottle,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Person } from './person';

/** The limits, per process: FOREWARN_RATE_* and FOREWARN_AUTH_FAILURE_* (docs/security.md). */
export interface ThrottleSettings {
  windowSeconds: number;
  /** Requests per window by one authenticated person, across all routes of the service. */
  perPerson: number;
  /** Requests per window from one address (an IPv6 /64 counts as one). */
  perAddress: number;
  /** Failed authentications per window from one address before it is shut out. */
  authFailures: number;
  /** How long an address is shut out after too many failed authentications. */
  authBlockSeconds: number;
}

/**
 * Defaults far above what one person or client sends here: the benchmarks and the chaos run
 * send thousands of requests a minute as one person from one address. Deployments lower them.
 */
const DEFAULTS: Record<keyof ThrottleSettings, [variable: string, value: number]> = {
  windowSeconds: ['FOREWARN_RATE_WINDOW_SECONDS', 60],
  perPerson: ['FOREWARN_RATE_LIMIT_PERSON', 30_000],
  perAddress: ['FOREWARN_RATE_LIMIT_ADDRESS', 60_000],
  authFailures: ['FOREWARN_AUTH_FAILURE_LIMIT', 100],
  authBlockSeconds: ['FOREWARN_AUTH_FAILURE_BLOCK_SECONDS', 60],
};

export function throttleSettings(env: NodeJS.ProcessEnv = process.env): ThrottleSettings {
  const read = ([variable, fallback]: [string, number]) => {
    const value = env[variable];
    if (value === undefined || value === '') return fallback;
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 1) throw new Error(`${variable}=${value} is not a positive whole number`);
    return number;
  };
  return Object.fromEntries(Object.entries(DEFAULTS).map(([key, entry]) => [key, read(entry)])) as unknown as ThrottleSettings;
}

export const THROTTLE_SETTINGS = Symbol('THROTTLE_SETTINGS');

type RoutedRequest = IncomingMessage & { ip?: string; person?: Person };

/** One tracker per address; the library's own grouping of IPv6 addresses by /64. */
export const addressOf = (req: RoutedRequest) => normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');

/** One tracker per person: an id is its organisation's to give, so the organisation is part of it. */
const personKey = ({ person }: RoutedRequest) => `${person?.organisation}/${person?.id}`;

/** @nestjs/throttler's options: a sliding window per person and one per address. */
export function throttlerOptions(settings: ThrottleSettings): ThrottlerModuleOptions {
  const ttl = settings.windowSeconds * 1000;
  return {
    // A key per person or address for the whole service, not the library's default per route.
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    // Our guard sends Retry-After itself; the library would name it Retry-After-<throttler>.
    setHeaders: false,
    throttlers: [
      {
        name: 'person',
        ttl,
        limit: settings.perPerson,
        blockDuration: 0,
        getTracker: (req) => personKey(req as RoutedRequest),
        // Public routes have no person; the address limit covers them.
        skipIf: (context) => !context.switchToHttp().getRequest<RoutedRequest>().person,
      },
      { name: 'address', ttl, limit: settings.perAddress, blockDuration: 0, getTracker: (req) => addressOf(req as RoutedRequest) },
    ],
  };
}

/** Probes must always get through: for health and metrics only. */
export const SkipRateLimits = () => SkipThrottle({ person: true, address: true });

/** 429 with Retry-After (RFC 6585), in the services' error shape. */
export function tooManyRequests(response: ServerResponse, seconds: number, message: string): HttpException {
  const wait = Math.max(1, Math.ceil(seconds));
  if (!response.headersSent) response.setHeader('Retry-After', String(wait));
  return new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `${message}; try again in ${wait} s` }, HttpStatus.TOO_MANY_REQUESTS);
}

/** Runs after JwtAuthGuard (AuthModule registers them in that order), so it knows the person. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return context.getType() === 'http' ? super.canActivate(context) : Promise.resolve(true);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const who = detail.key.startsWith('person:') ? 'you' : 'your address';
    const response = context.switchToHttp().getResponse<ServerResponse>();
    throw tooManyRequests(response, detail.timeToBlockExpire, `Too many requests from ${who}: at most ${detail.limit} per ${detail.ttl / 1000} s`);
  }
}

/**
 * Repeated failed authentications from one address shut it out for a while: every request from
 * it that needs a token then gets 429 before its token is even checked, so guessing is slowed
 * whether or not a guess is right. Counted in the throttler's storage; the shut-out list is ours
 * because that storage can only count, not be asked.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(THROTTLE_SETTINGS) private readonly settings: ThrottleSettings,
  ) {}

  /** Seconds the address must still wait, or 0. */
  secondsBlocked(address: string, now = Date.now()): number {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return 0;
    if (until > now) return (until - now) / 1000;
    this.blockedUntil.delete(address);
    return 0;
  }

  /** Counts a failure; the seconds the address is now shut out for, or 0. */
  async recordFailure(address: string): Promise<number> {
    const { windowSeconds, authFailures, authBlockSeconds } = this.settings;
    const record = await this.storage.increment(`auth-failures:${address}`, windowSeconds * 1000, authFailures, authBlockSeconds * 1000, 'auth-failures');
    if (!record.isBlocked) return 0;
    if (this.blockedUntil.size > 10_000) this.forgetExpired();
    this.blockedUntil.set(address, Date.now() + record.timeToBlockExpire * 1000);
    return record.timeToBlockExpire;
  }

  private forgetExpired(now = Date.now()): void {
    for (const [address, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(address);
  }
}
