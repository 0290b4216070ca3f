import { Limits, parseJson, validateThreatReportSubmission, type ThreatReportSubmission, type Validation } from '@forewarn/contracts';
import type { RawRecord, RecordRef } from '@forewarn/eventing';

/**
 * Reads a partner's inbound topic: a message is dead-lettered with every schema error. A partner
 * message has no id of its own: its record's identity (coordinates and content) is its inbox key.
 */
export function decodePartnerReport(message: RawRecord, record: RecordRef): Validation<{ id: string; type: string; value: ThreatReportSubmission }> {
  const text = message.value?.toString('utf8') ?? '';
  if (Buffer.byteLength(text) > Limits.maxReportBytes) return { ok: false, errors: [`message is ${Buffer.byteLength(text)} bytes; the limit is ${Limits.maxReportBytes}`] };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const checked = validateThreatReportSubmission(parsed.value);
  if (!checked.ok) return checked;
  return { ok: true, value: { id: record.id, type: 'ThreatReportSubmission', value: checked.value } };
}
