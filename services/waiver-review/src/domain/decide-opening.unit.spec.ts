import { makeReport } from '@forewarn/service-testing';
import { after, at, given, NOW, noteDuty, noteReport, openReview, policy, types, when } from '../test/review-scenario';

const plain = makeReport(NOW);

describe('waiver review: opening on a duty and its report, in either order', () => {
  it('Given nothing, When the report arrives, Then it is noted (releasable facts only) and the review waits for a duty', () => {
    const events = when([], noteReport(plain));
    expect(types(events)).toEqual(['ReportNoted']);
    const noted = JSON.stringify(events[0].data);
    expect(noted).not.toContain('ASSET CARDINAL');
    expect(noted).not.toContain('intercept');
    expect(given(events)).toMatchObject({ status: 'PENDING', report: { releasable: { source: { reportId: plain.reportId } } } });
  });

  it('Given the report, When a DUTY arrives with no waiver indicated, Then the review opens and the warning is authorized at once', () => {
    const events = when(after([], noteReport(plain)), noteDuty('DUTY'));
    expect(types(events)).toEqual(['DutyNoted', 'WaiverReviewOpened', 'WarningAuthorized']);
    expect(events[1]).toMatchObject({
      policyVersion: policy.version,
      // The threat is 48 h off: the default 24-hour period applies.
      data: { deadline: at(24), proposals: [], facts: { asOf: NOW, indicators: { victimListedViolentActor: false } } },
    });
    expect(events[2].data).toMatchObject({
      basis: 'NO_WAIVER_PROPOSED',
      source: { sourceAgency: 'NCTC', reportId: plain.reportId },
      threat: { type: 'INTENTIONAL_KILLING', window: plain.threat.window },
      target: { kind: 'LOCATION', description: 'Crocus City Hall concert audience' },
    });
    expect(given([...after([], noteReport(plain)), ...events])).toMatchObject({ status: 'WARNING_AUTHORIZED', warning: { basis: 'NO_WAIVER_PROPOSED' } });
  });

  it('Given a DUTY that arrived before its report, When the report arrives, Then the review opens and the warning is authorized', () => {
    const events = when(after([], noteDuty('DUTY')), noteReport(plain));
    expect(types(events)).toEqual(['ReportNoted', 'WaiverReviewOpened', 'WarningAuthorized']);
  });

  it('Given the report, When NEEDS_ANALYST or NO_DUTY arrives, Then nothing opens', () => {
    expect(types(when(after([], noteReport(plain)), noteDuty('NEEDS_ANALYST')))).toEqual(['DutyNoted']);
    expect(types(when(after([], noteReport(plain)), noteDuty('NO_DUTY')))).toEqual(['DutyNoted']);
  });

  it('Given NEEDS_ANALYST, When the analyst-backed DUTY follows, Then the review opens', () => {
    const waiting = after(after([], noteReport(plain)), noteDuty('NEEDS_ANALYST'));
    expect(types(when(waiting, noteDuty('DUTY')))).toEqual(['DutyNoted', 'WaiverReviewOpened', 'WarningAuthorized']);
  });

  it('Given a victim listed as a violent actor, When the review opens, Then a waiver is proposed and the review waits for people', () => {
    const history = openReview({ victimListedViolentActor: true });
    expect(types(history)).toEqual(['ReportNoted', 'DutyNoted', 'WaiverReviewOpened']);
    expect(history[2].data).toMatchObject({ proposals: [{ code: 'VIOLENT_ACTOR', indicator: 'victimListedViolentActor' }] });
    expect(given(history)).toMatchObject({ status: 'OPEN', policyVersion: policy.version, deadline: at(24) });
  });

  it('Given an open review, When the report or the duty arrives again, Then nothing happens', () => {
    const history = openReview();
    expect(when(history, noteReport(plain))).toEqual([]);
    expect(when(history, noteDuty('DUTY'))).toEqual([]);
  });

  it('Given a threat two hours off, When the review opens, Then it is due at the policy minimum of 15 minutes', () => {
    const soon = makeReport(NOW, (r) => (r.threat.window = { earliest: at(2), latest: at(3) }));
    const [, opened] = when(after([], noteReport(soon)), noteDuty('DUTY'));
    expect(opened.data).toMatchObject({ deadline: at(0.25) });
  });
});
