import type { ThreatReportSubmission } from '@forewarn/contracts';
import type { PolicyConfig } from './versions';

type Sensitive = ThreatReportSubmission['sensitive'];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The report's own secrets as redaction targets, trimmed, deduplicated, in the report's order. */
export function sensitiveStrings(sensitive: Sensitive): string[] {
  const all = [sensitive.classification, ...sensitive.sources, ...sensitive.methods, sensitive.collectionDetails ?? ''];
  return [...new Set(all.map((s) => s.trim()).filter((s) => s.length > 0))];
}

/**
 * Case-insensitive, and any run of whitespace in the secret matches any run in the text. Long
 * secrets match anywhere (a source's name inside a longer word still leaks it); secrets of
 * under four letters or digits match only as whole tokens, or a classification "S" would
 * erase every "s" in the text.
 */
function literalRegExp(secret: string): RegExp {
  const body = secret.split(/\s+/).map(escapeRegExp).join('\\s+');
  const short = secret.replace(/[^\p{L}\p{N}]/gu, '').length < 4;
  return new RegExp(short ? `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])` : body, 'giu');
}

function markingRegExps(policy: PolicyConfig): RegExp[] {
  return policy.classificationMarkings.map((m) => new RegExp(m.pattern, m.flags.includes('g') ? m.flags : `${m.flags}g`));
}

/** Every [start, end) range any secret occupies, overlaps included, merged. */
function secretRanges(text: string, secrets: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const secret of secrets) {
    const re = literalRegExp(secret);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      ranges.push([m.index, m.index + m[0].length]);
      re.lastIndex = m.index + 1; // also find overlapping occurrences
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function redactOnce(text: string, secrets: readonly string[], policy: PolicyConfig): string {
  // Secrets are cut as the union of all their occurrences, so overlapping secrets cannot leave
  // a fragment of one behind after another is replaced.
  let out = '';
  let at = 0;
  for (const [start, end] of secretRanges(text, secrets)) {
    out += text.slice(at, start) + policy.redaction;
    at = end;
  }
  out += text.slice(at);
  for (const re of markingRegExps(policy)) out = out.replace(re, policy.redaction);
  return out;
}

/** Redacts until nothing changes, so a redaction can never assemble a new match. */
export function redactText(text: string, secrets: readonly string[], policy: PolicyConfig): string {
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const next = redactOnce(current, secrets, policy);
    if (next === current) return next;
    current = next;
  }
  return current;
}

/** What of the secrets and markings appears in `text`: the secrets as given, markings as matched. */
export function leaksIn(text: string, secrets: readonly string[], policy: PolicyConfig): string[] {
  // The redaction token itself is not a leak, even if a secret happens to be part of it.
  const visible = text.split(policy.redaction).join(' ');
  const found = new Set<string>();
  for (const secret of secrets) if (literalRegExp(secret).test(visible)) found.add(secret);
  for (const re of markingRegExps(policy)) for (const m of visible.match(re) ?? []) found.add(m);
  return [...found];
}
