import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Screenshots land here (git-ignored), to be looked at after a run. */
export const screenshotDir = join(__dirname, '..', '..', 'test-output', 'console');

/** The console's refresh interval (REFRESH_MS in services/audit/src/console/public/console.app.js). */
export const REFRESH_MS = 3_000;

/** The page's slowest request: the pipeline view waits up to 4 s for Kafka and for each service. */
const SLOWEST_REQUEST_MS = 4_000;

/**
 * How long the page may take to show what its API already says: a refresh cycle (interval,
 * then the slowest request) that just missed it, the next one that shows it, and as long
 * again for a loaded machine.
 */
export const PAGE_MS = 2 * 2 * (REFRESH_MS + SLOWEST_REQUEST_MS);

/**
 * Debian's Chromium (infra/browser/install-chromium.sh) driven by playwright-core, with a fresh
 * profile per run. Playwright refuses --user-data-dir in `args`, so the profile is the
 * persistent context's directory. Each page is its own tab, so its sessionStorage (where the
 * console keeps the token) is its own: one page per person.
 */
export async function launchConsoleBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'forewarn-console-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
  });
  mkdirSync(screenshotDir, { recursive: true });
  // A failure's screenshot from an earlier run must not pass for this run's.
  for (const name of readdirSync(screenshotDir)) if (name.startsWith('FAILED-')) rmSync(join(screenshotDir, name), { force: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const text = async (l: Locator) => (await l.allInnerTexts()).join('\n');

/**
 * One person's tab on the console. It records every API answer the page received (to check
 * what reached the browser) and its last requests with their status and time (to say, when a
 * check fails, what the page was doing).
 */
export class ConsoleTab {
  private readonly bodies: Promise<string>[] = [];
  private readonly calls: string[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) this.bodies.push(r.text().catch(() => ''));
    });
    page.on('requestfinished', (req) => {
      const took = req.timing().responseEnd;
      // The page may close first (the end of a test): then there is nothing left to record.
      void req
        .response()
        .then((res) => this.call(`${req.method()} ${new URL(req.url()).pathname} -> ${res?.status() ?? '?'}${took >= 0 ? ` in ${Math.round(took)} ms` : ''}`))
        .catch(() => undefined);
    });
    page.on('requestfailed', (req) => this.call(`${req.method()} ${new URL(req.url()).pathname} failed: ${req.failure()?.errorText ?? 'unknown'}`));
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open(context: BrowserContext, auditUrl: string, name: string): Promise<ConsoleTab> {
    const tab = new ConsoleTab(await context.newPage(), name);
    await tab.page.goto(`${auditUrl}/console`);
    return tab;
  }

  private call(line: string): void {
    this.calls.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (this.calls.length > 40) this.calls.shift();
  }

  async signIn(token: string): Promise<void> {
    await this.page.locator('#token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async show(view: 'pipeline' | 'cases' | 'deadlines' | 'dead-letters'): Promise<void> {
    await this.page.getByTestId(`tab-${view}`).click();
    await this.page.locator(`section[data-view="${view}"]`).waitFor();
  }

  async screenshot(name: string): Promise<string> {
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /** When the data the page shows was asked for (epoch ms; 0 before its first refresh). */
  async askedAt(): Promise<number> {
    return Number((await this.page.getByTestId('updated').getAttribute('data-asked').catch(() => null)) ?? 0);
  }

  /**
   * Waits until the page shows what `check` expects. With `after`, first until the page has
   * refreshed with data asked for after that instant (when the API was seen to hold it), so a
   * failure means the page shows it wrong, not that it was looked at too early. A failure says
   * what the page showed, its last requests, and where its screenshot is.
   */
  async shows(what: string, check: () => Promise<unknown>, { after, timeoutMs = PAGE_MS }: { after?: number; timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    try {
      if (after !== undefined) await eventually(async () => expect(await this.askedAt()).toBeGreaterThan(after), timeoutMs, 100);
      await eventually(check, Math.max(deadline - Date.now(), REFRESH_MS));
    } catch (error) {
      throw await this.failure(what, error);
    }
  }

  /**
   * Clicks until `done` holds: a click can still miss (a node swapped under the pointer, a
   * click landing while the page is busy), so it is repeated, but only while nothing shows it
   * took effect. For clicks whose effect `done` sees at once (a request sent, a button shown).
   */
  async clickUntil(what: string, target: Locator, done: () => Promise<boolean>, timeoutMs = PAGE_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    try {
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`clicked for ${timeoutMs} ms without effect`);
        await target.click({ timeout: Math.max(deadline - Date.now(), 1) });
        await becomes(done, 1_000);
      }
    } catch (error) {
      throw await this.failure(what, error);
    }
  }

  /** An error naming what was expected and what the page showed instead, with a screenshot. */
  async failure(what: string, cause: unknown): Promise<Error> {
    const shot = await this.screenshot(`FAILED-${this.name}-${what.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch((e) => `(none: ${(e as Error).message})`);
    const shown = await this.page.locator('body').innerText({ timeout: 5_000 }).catch((e) => `(unreadable: ${(e as Error).message})`);
    const error = new Error(
      [
        `${this.name}'s console did not show ${what}: ${(cause as Error)?.message ?? cause}`,
        `--- the page (${this.page.url()}, data asked at ${new Date(await this.askedAt()).toISOString()}) showed:`,
        shown.length > 4_000 ? `${shown.slice(0, 4_000)}…` : shown,
        `--- its last requests:`,
        ...this.calls.slice(-15),
        `--- page errors: ${this.errors.join('; ') || 'none'}`,
        `--- screenshot: ${shot}`,
      ].join('\n'),
    );
    return error;
  }

  /** Every /v1/ response body this tab has received so far. */
  apiBodies(): Promise<string[]> {
    return Promise.all(this.bodies);
  }
}

/** Whether `done` holds within `ms`. */
async function becomes(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Retries a check (jest expectations inside) until it passes or time runs out, then fails with
 * the check's own last message: the page refreshes itself, so what it shows arrives in time.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
