import { Inject, Injectable } from '@nestjs/common';
import { errorMessage } from '@forewarn/eventing';
import { classifyHttpStatus, type AttemptOutcome } from '../../domain/attempt-outcome';
import type { Delivery } from '../../domain/delivery';
import { partnerWarningMessage } from '../../domain/partner-messages';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../../notification.config';

/**
 * The `webhook` channel: one HTTP POST of the PartnerWarning JSON to NOTIFICATION_WEBHOOK_URL,
 * called by the delivery worker OUTSIDE any transaction (a slow partner must not hold a database
 * connection or lock).
 *
 * The receiver's contract: `Idempotency-Key` is the same on every attempt for one decision (the
 * WarningAuthorized eventId) and the body is byte-for-byte the same; 2xx means accepted. If we
 * crash after the receiver accepted but before we recorded DELIVERED, we send again with the SAME
 * key, and the receiver must answer 2xx without acting twice (it dedupes on the key). That is how
 * a warning is neither lost nor delivered twice across a crash that no transaction can span.
 */
@Injectable()
export class WebhookChannelAdapter {
  readonly name = 'webhook' as const;

  constructor(@Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig) {}

  async send(d: Pick<Delivery, 'idempotencyKey' | 'issuedAt' | 'warning' | 'text'>): Promise<AttemptOutcome> {
    const { url, timeoutMs } = this.config.webhook;
    // Config changed since dispatch: fail the attempt visibly, the retries and escalation follow.
    if (!url) return { kind: 'RETRY', error: 'no webhook endpoint configured (NOTIFICATION_WEBHOOK_URL)' };
    let body: string;
    try {
      body = JSON.stringify(partnerWarningMessage(d));
    } catch (err) {
      // A warning that breaks the public contract will break it on every attempt: a person must look.
      return { kind: 'PERMANENT', error: errorMessage(err) };
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': d.idempotencyKey },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection can be reused; its content is not part of the contract.
      await response.arrayBuffer().catch(() => undefined);
      return classifyHttpStatus(response.status, response.statusText);
    } catch (err) {
      // By name, not instanceof: the abort is a DOMException, from another realm under some runners.
      const name = (err as { name?: unknown } | null)?.name;
      const reason = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : describeFetchError(err);
      return { kind: 'RETRY', error: reason };
    }
  }
}

// fetch wraps network errors ("fetch failed"); the cause says what happened (ECONNREFUSED, ...).
function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause;
  return cause ? `${errorMessage(err)}: ${errorMessage(cause)}` : errorMessage(err) || 'request failed';
}
