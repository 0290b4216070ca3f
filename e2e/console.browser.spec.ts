import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Request } from 'playwright-core';
import { partnerTopic, type ThreatReportSubmission } from '@forewarn/contracts';
import { demoReports, newRunId, RunningSystem } from '@forewarn/demo';
import { kafkaPort } from '@forewarn/eventing';
import { issueDevToken } from '@forewarn/platform';
import { freeBasePort } from '@forewarn/testing';
import { ConsoleTab, launchConsoleBrowser, PAGE_MS, REFRESH_MS, screenshotDir, text } from './support/console-browser';
import { startGroupsAtEnd } from '@forewarn/service-testing';

/**
 * What a message needs to cross the services on a loaded machine. A case goes intake ->
 * assessment -> waiver-review -> notification -> partner topic, and each hop's events reach
 * the audit log: five hops, each an outbox relay pass and a consumer fetch. Unloaded the whole
 * path takes a few seconds; what stretches a hop under load is a consumer group still joining
 * or rebalancing (session timeout 10 s) and the relay's back-off after a failed pass (1 s),
 * plus, for a delivery, a failed attempt's retry (1 s, then 2 s, then 4 s). Five hops of 15 s, and
 * those retries: 90 s.
 */
const PIPELINE_MS = 5 * 15_000 + 15_000;
/** The drill policy makes a review whose threat is near due one minute after it opens. */
const DRILL_REVIEW_MS = 60_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The operators' and auditors' console in headless Chromium against the five services as
 * processes. Each check first waits, through the services' APIs, for the state the page is to
 * show (with the pipeline's time budget and the services' own complaints on failure), then for
 * the page to show it after a refresh asked for since (with the page's time budget, what it
 * showed, its requests and a screenshot on failure). The near threat's waiver review falls due
 * a minute after it opens: that case is submitted first, and its check runs last.
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
  let submittedAt: number;
  const timings: string[] = [];
  const token = (person: 'operator' | 'auditor') => system.client.token(person);

  /** The console's own API, as the operator's page reads it. */
  const consoleApi = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${system.urls.audit}${path}`, { headers: { authorization: `Bearer ${token('operator')}` } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const badLetters = async () => (await consoleApi<{ letters: { key: string | null }[] }>('/v1/console/dead-letters?limit=100')).letters.filter((l) => l.key === badKey);

  /**
   * Waits for the system to reach a state. A failure says where the cases got to, what the
   * console's pipeline view says of the consumer groups and outboxes, the services' last
   * warnings, and where the services' whole logs were saved.
   */
  async function pipeline<T>(what: string, reached: () => Promise<T | undefined | false>, { timeoutMs = PIPELINE_MS, everyMs = 250 } = {}): Promise<T> {
    const started = Date.now();
    let last: unknown;
    for (;;) {
      try {
        const value = await reached();
        if (value) {
          timings.push(`${what}: ${seconds(Date.now() - started)} (${seconds(Date.now() - submittedAt)} after the reports)`);
          return value;
        }
      } catch (error) {
        last = error;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`the system did not reach "${what}" in ${seconds(timeoutMs)}${last ? `: ${(last as Error).message}` : ''}\n${await systemReport()}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  async function systemReport(): Promise<string> {
    const paths = await Promise.all(
      Object.entries({ warned: warnedCaseId, overdue: overdueCaseId, 'bad message': badKey }).map(async ([name, caseId]) => {
        const { body } = await system.client.caseEvents(caseId).catch(() => ({ body: undefined }));
        return `${name} ${caseId}: ${body?.events?.map((e) => e.type).join(' -> ') || '(nothing logged)'}`;
      }),
    );
    type Pipeline = { services: { service: string; ready: boolean; metrics: { outboxBacklog: number } | null }[]; lag: { groups: { group: string; state: string; members: number; lag: number }[]; error: string | null } };
    const view = await consoleApi<Pipeline>('/v1/console/pipeline').catch((error: Error) => error.message);
    const pipelineView =
      typeof view === 'string'
        ? [`(the console's pipeline view failed: ${view})`]
        : [
            ...view.services.map((sv) => `${sv.service}: ${sv.ready ? 'ready' : 'NOT READY'}, outbox backlog ${sv.metrics?.outboxBacklog ?? '?'}`),
            ...view.lag.groups.map((g) => `group ${g.group}: ${g.state}, ${g.members} member(s), lag ${g.lag}`),
            ...(view.lag.error ? [`lag: ${view.lag.error}`] : []),
          ];
    const logFile = join(screenshotDir, 'services.log');
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(logFile, [...system.logs].flatMap(([service, lines]) => lines.map((l) => `[${service}] ${l}`)).join('\n'));
    const trouble = [...system.logs].flatMap(([service, lines]) => lines.filter((l) => /"level":"(warn|error|fatal)"/.test(l) && !l.includes('"req":{')).slice(-5).map((l) => `[${service}] ${l.slice(0, 500)}`));
    return [
      '--- where the cases got to (audit log):',
      ...paths,
      "--- the console's pipeline view:",
      ...pipelineView,
      "--- the services' last warnings and errors (HTTP answers left out):",
      ...(trouble.length ? trouble : ['(none)']),
      `--- the services' last 500 log lines each: ${logFile}`,
    ].join('\n');
  }

  beforeAll(async () => {
    const groupPrefix = `console-e2e-${randomBytes(3).toString('hex')}.`;
    await startGroupsAtEnd(groupPrefix);
    system = new RunningSystem(await freeBasePort(4301), { FOREWARN_POLICY_VERSION: 'icd191-2015.1-drill', WAIVER_DEADLINE_SCAN_MS: '2000', FOREWARN_GROUP_PREFIX: groupPrefix });
    const starting = Date.now();
    await system.start();
    timings.push(`five services ready: ${seconds(Date.now() - starting)}`);
    submittedAt = Date.now();
    overdueCaseId = (await system.client.submitReport(overdue)).body.caseId;
    warnedCaseId = (await system.client.submitReport(warned)).body.caseId;
    // NCTC itself, on its own topic.
    await kafkaPort('console-e2e', system.client.partnerKafka('NCTC')).publish({ topic: partnerTopic('NCTC', 'threat-reports'), messages: [{ key: badKey, value: JSON.stringify({ sourceAgency: 'NCTC', reportId: badKey, threat: { type: 'ALIENS', description: badPayloadText } }) }] });
    browser = await launchConsoleBrowser();
  }, 180_000);

  afterAll(async () => {
    // Where the time went, to size the budgets above against what a loaded machine needs.
    if (timings.length > 0) console.info(`console browser test timings:\n  ${timings.join('\n  ')}`);
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('signs an operator in with a pasted token and shows the pipeline with every service healthy, live', async () => {
    operator = await ConsoleTab.open(browser.context, system.urls.audit, 'operator');
    const page = operator.page;
    // No identity provider in this system (development mode): a development token is pasted.
    expect(await text(page.locator('#login'))).toContain('paste a development token');
    await operator.signIn('not-a-token');
    await operator.shows('why the token was refused', async () => expect(await text(page.getByTestId('login-error'))).toContain('Invalid token'));

    await operator.signIn(token('operator'));
    await operator.shows('who is signed in', async () => expect(await text(page.getByTestId('who'))).toContain('otto.operator'));
    expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Deadlines', 'Dead letters']);
    await operator.shows('every service ready, with Kafka up', async () => {
      for (const service of ['intake', 'assessment', 'waiver-review', 'notification', 'audit']) {
        const card = await text(page.getByTestId(`service-${service}`));
        expect(card).toContain('READY');
        expect(card).not.toContain('NOT READY');
        expect(card).toContain('kafka up');
      }
    });
    expect(await page.locator('[data-testid=flow] canvas').count()).toBe(4);
    await operator.shows('the consumer groups', async () => expect(await page.locator('[data-testid=groups] tr[data-group]').count()).toBeGreaterThan(0));
    expect(await text(page.getByTestId('terminal-states'))).toContain('in flight');
    // Live: the page asks again by itself, one refresh interval after its last answer.
    const asked = await operator.askedAt();
    await operator.shows('a refresh of its own', async () => expect(await operator.askedAt()).toBeGreaterThan(asked));
    await operator.screenshot('operator-pipeline');
  }, 6 * PAGE_MS);

  it('shows an auditor the submitted case reaching its terminal state, its verification and its evidence export', async () => {
    const auditor = await ConsoleTab.open(browser.context, system.urls.audit, 'auditor');
    const page = auditor.page;
    await auditor.signIn(token('auditor'));
    await auditor.shows("the auditor's tabs", async () => expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Cases', 'Deadlines']));
    await auditor.show('cases');
    await page.getByTestId('case-id-input').fill(warnedCaseId);
    await auditor.clickUntil('the case opened', page.getByTestId('open-case'), async () => (await text(page.getByTestId('case-detail'))).includes(warnedCaseId));

    await pipeline('warned case delivered', async () => (await system.client.caseEvents(warnedCaseId)).body?.events?.some((e) => e.type === 'WarningDelivered'));
    const delivered = Date.now();
    await auditor.shows(
      'the case delivered and WARNED',
      async () => {
        // At least once: on a shared development broker another running system may deliver it too.
        expect(await page.locator('[data-testid=timeline-row][data-type=WarningDelivered]').count()).toBeGreaterThan(0);
        expect(await text(page.getByTestId('case-status'))).toBe('WARNED');
      },
      { after: delivered },
    );
    const timeline = page.locator('[data-testid=timeline-row]');
    expect(await text(timeline.first())).toContain('ThreatReported');
    expect(await text(timeline.first())).toContain(`submitter@${warned.sourceAgency}`);
    await auditor.shows('the verification', async () => {
      expect(await text(page.getByTestId('verification'))).toContain('INTACT');
      expect(await text(page.getByTestId('verification'))).toContain('mismatches: 0');
    });

    // The button asks for the export, then the browser saves it: the request shows the click took.
    const downloaded = page.waitForEvent('download', { timeout: PAGE_MS });
    let asked = false;
    const onRequest = (r: Request) => (asked ||= r.url().endsWith(`/v1/audit/cases/${warnedCaseId}/export`));
    page.on('request', onRequest);
    await auditor.clickUntil('the export asked for', page.getByTestId('download-export'), async () => asked);
    page.off('request', onRequest);
    const download = await downloaded.catch(async (error) => Promise.reject(await auditor.failure('the export downloaded', error)));
    const bundle = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(bundle).toMatchObject({ format: 'forewarn.audit.case-export/1', caseId: warnedCaseId, verification: { chain: { status: 'INTACT' } } });
    expect(bundle.events.map((e: { type: string }) => e.type)).toContain('WarningDelivered');
    await auditor.screenshot('auditor-case');
    expect(auditor.errors).toEqual([]);
  }, PIPELINE_MS + 6 * PAGE_MS);

  it('lists the malformed partner message as a dead letter, and re-drives it with a click', async () => {
    const page = operator.page;
    await operator.show('dead-letters');
    const rows = page.locator(`[data-testid=dead-letter-row][data-key="${badKey}"]`);
    await pipeline('bad message dead-lettered', async () => (await badLetters()).length === 1);
    await operator.shows('the dead letter', async () => expect(await rows.count()).toBe(1), { after: Date.now() });
    const row = await text(rows);
    expect(row).toContain('SCHEMA_INVALID');
    expect(row).toContain(partnerTopic('NCTC', 'threat-reports'));
    expect(row).toContain("must have required property 'target'");
    const deadLetterId = (await rows.getAttribute('data-dead-letter-id')) as string;
    const letter = page.locator(`[data-testid=dead-letter-row][data-dead-letter-id="${deadLetterId}"]`);

    // The row (and its buttons) outlive the page's refreshes; a click that misses anyway is
    // repeated only while it shows no effect, so the letter is re-driven exactly once.
    await operator.clickUntil('the re-drive confirmation', letter.getByTestId('redrive'), async () => (await letter.getByTestId('confirm-redrive').count()) === 1);
    let posted = 0;
    const onRequest = (r: Request) => (posted += r.method() === 'POST' && r.url().includes(`/v1/dead-letters/${encodeURIComponent(deadLetterId)}/redrive`) ? 1 : 0);
    page.on('request', onRequest);
    await operator.clickUntil('the re-drive sent', letter.getByTestId('confirm-redrive'), async () => posted > 0);
    await operator.shows('the re-drive done', async () => expect(await text(page.getByTestId('redrive-status'))).toContain(`Re-driven to ${partnerTopic('NCTC', 'threat-reports')}`));
    page.off('request', onRequest);
    expect(posted).toBe(1);
    await operator.shows('the re-drive counted', async () => expect(await text(letter.getByTestId('redrive-count'))).toContain('1, last by otto.operator'));

    // Republished, the same bad message is dead-lettered again; the re-drive is in the log.
    await pipeline('re-driven message dead-lettered again', async () => (await badLetters()).length === 2);
    await operator.shows('both dead letters', async () => expect(await rows.count()).toBe(2), { after: Date.now() });
    const events = await pipeline('re-drive in the case log', async () => {
      const { body } = await system.client.caseEvents(badKey);
      return body?.events?.some((e) => e.type === 'DeadLetterRedriven') && body.events;
    });
    expect(events.find((e) => e.type === 'DeadLetterRedriven')).toMatchObject({ actor: { id: 'otto.operator' }, data: { deadLetterId } });
    await operator.screenshot('operator-dead-letters');
  }, 3 * PIPELINE_MS + 6 * PAGE_MS);

  it('never shows an operator threat details, and the server refuses what a role may not see', async () => {
    for (const view of ['pipeline', 'dead-letters', 'deadlines'] as const) {
      const before = Date.now();
      await operator.show(view);
      await operator.shows(`the ${view} view`, async () => expect(await operator.askedAt()).toBeGreaterThan(before));
      // The near threat's case is in the deadlines (its window opens within 24 h): ids reach the page.
      if (view === 'deadlines') await operator.shows('the near-window case', async () => expect(await operator.page.locator(`[data-testid=deadline-row][data-case-id="${overdueCaseId}"]`).count()).toBeGreaterThan(0));
      const shown = await operator.page.locator('body').innerText();
      for (const detail of threatDetails) expect(shown).not.toContain(detail);
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
  }, 4 * PAGE_MS);

  it('serves every metric the Prometheus alert rules use, from some service', async () => {
    const rules = readFileSync(join(__dirname, '..', 'infra', 'prometheus', 'alerts.yml'), 'utf8');
    const used = [...new Set(rules.split('\n').filter((l) => l.trim().startsWith('expr:')).flatMap((l) => l.match(/forewarn_[a-z_]+/g) ?? []))];
    expect(used).toEqual(expect.arrayContaining(['forewarn_waiver_reviews_overdue', 'forewarn_cases_unwarned_near_window', 'forewarn_notification_deliveries_open']));
    const scrapes = await Promise.all(Object.values(system.urls).map(async (url) => (await fetch(`${url}/metrics`)).text()));
    const served = new Set(scrapes.flatMap((text) => [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1])));
    expect(used.filter((name) => !served.has(name))).toEqual([]);
  }, PAGE_MS);

  it('sends a person whose token expires back to the sign-in form, saying why', async () => {
    // Long enough for a loaded page to sign in and refresh once before it expires.
    const lifetimeS = 15;
    const expiresAt = (Math.floor(Date.now() / 1000) + lifetimeS) * 1000;
    const tab = await ConsoleTab.open(browser.context, system.urls.audit, 'expiring');
    await tab.signIn(issueDevToken({ sub: 'otto.operator', org: 'NCTC', roles: ['operator'], expiresIn: `${lifetimeS}s` }));
    await tab.shows('the person signed in, with data', async () => {
      expect(await text(tab.page.getByTestId('who'))).toContain('otto.operator');
      expect(await tab.askedAt()).toBeGreaterThan(0);
    }, { timeoutMs: expiresAt - Date.now() });
    await tab.shows('the sign-in form saying why', async () => {
      expect(await tab.page.locator('#login').isVisible()).toBe(true);
      expect(await text(tab.page.getByTestId('login-error'))).toMatch(/Signed out: Token expired at/);
    }, { timeoutMs: expiresAt - Date.now() + PAGE_MS });
    expect(await tab.page.evaluate('sessionStorage.length')).toBe(0);
    await tab.page.close();
  }, 15_000 + 2 * PAGE_MS);

  it('shows the overdue waiver review in the deadline list, most urgent first', async () => {
    const review = await pipeline('waiver review open', async () => {
      const { status, body } = await system.client.waiverReview(overdueCaseId);
      return status === 200 && body.state === 'OPEN' && body.deadline ? (body as { deadline: string }) : undefined;
    });
    // Overdue once its deadline passes: the console's API lists it from waiver-review's.
    type Deadlines = { items: { kind: string; caseId: string }[]; sources: Record<string, string> };
    let last: Deadlines | undefined;
    await pipeline('review overdue in the console API', async () => {
      last = await consoleApi<Deadlines>('/v1/console/deadlines');
      return last.items.some((i) => i.kind === 'REVIEW_OVERDUE' && i.caseId === overdueCaseId);
    }, { timeoutMs: Math.max(Date.parse(review.deadline) - Date.now(), 0) + PAGE_MS, everyMs: 1_000 }).catch((error) => {
      throw new Error(`${error.message}\n--- its last answer: sources ${JSON.stringify(last?.sources)}, items ${JSON.stringify(last?.items.map((i) => `${i.kind} ${i.caseId}`))}`);
    });
    const listed = Date.now();

    const page = operator.page;
    await operator.show('deadlines');
    const row = page.locator(`[data-testid=deadline-row][data-kind=REVIEW_OVERDUE][data-case-id="${overdueCaseId}"]`);
    await operator.shows('the overdue review', async () => expect(await row.count()).toBe(1), { after: listed });
    expect(await text(row)).toMatch(/overdue \d/);
    expect(await text(row)).toContain('Waiver review overdue');
    const due = (await page.locator('[data-testid=deadline-row]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-due-at')))).filter(Boolean).map((d) => Date.parse(d as string));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    await operator.screenshot('operator-deadlines');
    // The gauges the alert rules use count it too, from audit's own case projection.
    await pipeline('overdue review and near window in the audit gauges', async () => {
      const metrics = await (await fetch(`${system.urls.audit}/metrics`)).text();
      return /^forewarn_waiver_reviews_overdue\{service="audit"\} [1-9]/m.test(metrics) && /^forewarn_cases_unwarned_near_window\{service="audit"\} [1-9]/m.test(metrics);
    }, { timeoutMs: PAGE_MS, everyMs: REFRESH_MS });
  }, PIPELINE_MS + DRILL_REVIEW_MS + 4 * PAGE_MS);
});
