import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { BrowserContext, Locator } from 'playwright-core';
import { Topics, type ThreatReportSubmission } from '@forewarn/contracts';
import { demoReports, newRunId, RunningSystem } from '@forewarn/demo';
import { issueDevToken } from '@forewarn/platform';
import { testBrokers } from '@forewarn/testing';
import { ConsoleTab, eventually, launchConsoleBrowser } from './support/console-browser';
import { freeBasePort } from './support/free-ports';
import { startGroupsAtEnd } from './support/groups-at-end';

const text = async (l: Locator) => (await l.allInnerTexts()).join('\n');

/**
 * The operators' and auditors' console in headless Chromium against the five services as
 * processes. The drill policy makes a near threat's waiver review due one minute after it
 * opens; that case is submitted first, and the other checks run while its deadline passes.
 */
describe('the console, in a real browser', () => {
  const runId = newRunId();
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const reports = demoReports(runId);
  // Waiver proposed (listed violent actor), so the review waits for a person: it goes overdue.
  const overdue: ThreatReportSubmission = { ...reports.terrorist, reportId: `CONSOLE-${runId}-OVERDUE`, threat: { ...reports.terrorist.threat, window: { earliest: hours(2), latest: hours(4) } } };
  const warned: ThreatReportSubmission = { ...reports.crocus, reportId: `CONSOLE-${runId}-WARNED` };
  const badKey = `CONSOLE-${runId}-BAD`;
  const badPayloadText = `Payload text ${runId}: a militia plans an attack on the harbour`;
  // What an operator must never read: the reports' threat details and the bad payload's text.
  const threatDetails = [overdue, warned].flatMap((r) => [r.threat.description, r.target.description, r.target.name ?? '', r.releasableSummary, r.threat.location?.description ?? '']).filter(Boolean).concat(badPayloadText);

  let system: RunningSystem;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let operator: ConsoleTab;
  let overdueCaseId: string;
  let warnedCaseId: string;
  const token = (person: 'operator' | 'auditor') => system.client.token(person);

  beforeAll(async () => {
    const groupPrefix = `console-e2e-${randomBytes(3).toString('hex')}.`;
    await startGroupsAtEnd(groupPrefix);
    system = new RunningSystem(await freeBasePort(4301), { FOREWARN_POLICY_VERSION: 'icd191-2015.1-drill', WAIVER_DEADLINE_SCAN_MS: '2000', FOREWARN_GROUP_PREFIX: groupPrefix });
    await system.start();
    overdueCaseId = (await system.client.submitReport(overdue)).body.caseId;
    warnedCaseId = (await system.client.submitReport(warned)).body.caseId;
    const producer = new Kafka({ brokers: testBrokers(), clientId: 'console-e2e', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: Topics.partnerThreatReports, messages: [{ key: badKey, value: JSON.stringify({ sourceAgency: 'NCTC', reportId: badKey, threat: { type: 'ALIENS', description: badPayloadText } }) }] });
    await producer.disconnect();
    browser = await launchConsoleBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs an operator in with a pasted token and shows the pipeline with every service healthy, live', async () => {
    operator = await ConsoleTab.open(browser.context, system.urls.audit);
    const page = operator.page;
    expect(await text(page.locator('#login'))).toContain('./forewarn token --person otto --org NCTC --roles operator');
    await operator.signIn('not-a-token');
    await eventually(async () => expect(await text(page.getByTestId('login-error'))).toContain('Invalid token'));

    await operator.signIn(token('operator'));
    await eventually(async () => expect(await text(page.getByTestId('who'))).toContain('otto.operator'));
    expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Deadlines', 'Dead letters']);
    await eventually(async () => {
      for (const service of ['intake', 'assessment', 'waiver-review', 'notification', 'audit']) {
        const card = await text(page.getByTestId(`service-${service}`));
        expect(card).toContain('READY');
        expect(card).not.toContain('NOT READY');
        expect(card).toContain('kafka up');
      }
    }, 15_000);
    expect(await page.locator('[data-testid=flow] canvas').count()).toBe(4);
    await eventually(async () => expect(await page.locator('[data-testid=groups] tr[data-group]').count()).toBeGreaterThan(0), 15_000);
    expect(await text(page.getByTestId('terminal-states'))).toContain('in flight');
    // Live: the page asks again within 5 s without anyone touching it.
    const updated = await text(page.getByTestId('updated'));
    await eventually(async () => expect(await text(page.getByTestId('updated'))).not.toBe(updated), 5_000);
    await operator.screenshot('operator-pipeline');
  }, 60_000);

  it('shows an auditor the submitted case reaching its terminal state, its verification and its evidence export', async () => {
    const auditor = await ConsoleTab.open(browser.context, system.urls.audit);
    const page = auditor.page;
    await auditor.signIn(token('auditor'));
    await eventually(async () => expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Cases', 'Deadlines']));
    await auditor.show('cases');
    await page.getByTestId('case-id-input').fill(warnedCaseId);
    await page.getByTestId('open-case').click();
    const timeline = page.locator('[data-testid=timeline-row]');
    await eventually(async () => {
      // At least once: on a shared development broker another running system may deliver it too.
      expect(await page.locator('[data-testid=timeline-row][data-type=WarningDelivered]').count()).toBeGreaterThan(0);
      expect(await text(page.getByTestId('case-status'))).toBe('WARNED');
    }, 60_000);
    expect(await text(timeline.first())).toContain('ThreatReported');
    expect(await text(timeline.first())).toContain(`submitter@${warned.sourceAgency}`);
    await eventually(async () => expect(await text(page.getByTestId('verification'))).toContain('INTACT'));
    expect(await text(page.getByTestId('verification'))).toContain('mismatches: 0');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-export').click()]);
    const bundle = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(bundle).toMatchObject({ format: 'forewarn.audit.case-export/1', caseId: warnedCaseId, verification: { chain: { status: 'INTACT' } } });
    expect(bundle.events.map((e: { type: string }) => e.type)).toContain('WarningDelivered');
    await auditor.screenshot('auditor-case');
    expect(auditor.errors).toEqual([]);
  }, 90_000);

  it('lists the malformed partner message as a dead letter, and re-drives it with a click', async () => {
    const page = operator.page;
    await operator.show('dead-letters');
    const rows = page.locator(`[data-testid=dead-letter-row][data-key="${badKey}"]`);
    await eventually(async () => expect(await rows.count()).toBe(1), 30_000);
    const row = await text(rows);
    expect(row).toContain('SCHEMA_INVALID');
    expect(row).toContain(Topics.partnerThreatReports);
    expect(row).toContain("must have required property 'target'");
    const deadLetterId = (await rows.getAttribute('data-dead-letter-id')) as string;
    const letter = page.locator(`[data-dead-letter-id="${deadLetterId}"]`);

    await letter.getByTestId('redrive').click();
    await letter.getByTestId('confirm-redrive').click();
    await eventually(async () => expect(await text(page.getByTestId('redrive-status'))).toContain(`Re-driven to ${Topics.partnerThreatReports}`));
    await eventually(async () => expect(await text(letter.getByTestId('redrive-count'))).toContain('1, last by otto.operator'));
    // Republished, the same bad message is dead-lettered again; the re-drive is in the log.
    await eventually(async () => expect(await rows.count()).toBe(2), 30_000);
    const events = await system.client.waitForEvents(badKey, (es) => es.some((e) => e.type === 'DeadLetterRedriven'), 30_000);
    expect(events.find((e) => e.type === 'DeadLetterRedriven')).toMatchObject({ actor: { id: 'otto.operator' }, data: { deadLetterId } });
    await operator.screenshot('operator-dead-letters');
  }, 90_000);

  it('shows the overdue waiver review in the deadline list, most urgent first', async () => {
    const page = operator.page;
    await operator.show('deadlines');
    const row = page.locator(`[data-testid=deadline-row][data-kind=REVIEW_OVERDUE][data-case-id="${overdueCaseId}"]`);
    await eventually(async () => expect(await row.count()).toBe(1), 120_000, 1_000);
    expect(await text(row)).toMatch(/overdue \d/);
    expect(await text(row)).toContain('Waiver review overdue');
    const due = (await page.locator('[data-testid=deadline-row]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-due-at')))).filter(Boolean).map((d) => Date.parse(d as string));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    await operator.screenshot('operator-deadlines');
    const metrics = await (await fetch(`${system.urls.audit}/metrics`)).text();
    expect(metrics).toMatch(/^forewarn_waiver_reviews_overdue\{service="audit"\} [1-9]/m);
    expect(metrics).toMatch(/^forewarn_cases_unwarned_near_window\{service="audit"\} [1-9]/m);
  }, 150_000);

  it('never shows an operator threat details, and the server refuses what a role may not see', async () => {
    for (const view of ['pipeline', 'dead-letters', 'deadlines'] as const) {
      await operator.show(view);
      await operator.page.waitForTimeout(500);
      const text = await operator.page.locator('body').innerText();
      for (const detail of threatDetails) expect(text).not.toContain(detail);
    }
    const bodies = (await operator.apiBodies()).join('\n');
    expect(bodies).toContain(overdueCaseId);
    for (const detail of threatDetails) expect(bodies).not.toContain(detail);
    expect(operator.errors).toEqual([]);

    const get = (path: string, bearer: string) => fetch(`${system.urls.audit}${path}`, { headers: { authorization: `Bearer ${bearer}` } }).then((r) => r.status);
    const submitter = issueDevToken({ sub: 'sam', org: 'NCTC', roles: ['agency-submitter'] });
    expect(await get('/v1/audit/cases', token('operator'))).toBe(403);
    expect(await get('/v1/console/dead-letters', token('auditor'))).toBe(403);
    expect(await get('/v1/console/pipeline', submitter)).toBe(403);
    expect(await get('/v1/console/deadlines', submitter)).toBe(403);
    expect(await get('/v1/console/pipeline', 'forged')).toBe(401);
    expect(await fetch(`${system.urls.audit}/console`).then((r) => r.status)).toBe(200);
  }, 60_000);

  it('serves every metric the Prometheus alert rules use, from some service', async () => {
    const rules = readFileSync(join(__dirname, '..', 'infra', 'prometheus', 'alerts.yml'), 'utf8');
    const used = [...new Set(rules.split('\n').filter((l) => l.trim().startsWith('expr:')).flatMap((l) => l.match(/forewarn_[a-z_]+/g) ?? []))];
    expect(used).toEqual(expect.arrayContaining(['forewarn_waiver_reviews_overdue', 'forewarn_cases_unwarned_near_window', 'forewarn_notification_deliveries_open']));
    const scrapes = await Promise.all(Object.values(system.urls).map(async (url) => (await fetch(`${url}/metrics`)).text()));
    const served = new Set(scrapes.flatMap((text) => [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1])));
    expect(used.filter((name) => !served.has(name))).toEqual([]);
  });

  it('sends a person whose token expires back to the sign-in form, saying why', async () => {
    const tab = await ConsoleTab.open(browser.context, system.urls.audit);
    await tab.signIn(issueDevToken({ sub: 'otto.operator', org: 'NCTC', roles: ['operator'], expiresIn: '4s' }));
    await eventually(async () => expect(await text(tab.page.getByTestId('services'))).toContain('READY'));
    await eventually(async () => {
      expect(await tab.page.locator('#login').isVisible()).toBe(true);
      expect(await text(tab.page.getByTestId('login-error'))).toMatch(/Signed out: Token expired at/);
    }, 12_000);
    expect(await tab.page.evaluate('sessionStorage.length')).toBe(0);
    await tab.page.close();
  }, 30_000);
});
