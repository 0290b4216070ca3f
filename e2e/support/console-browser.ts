import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots land here (git-ignored), to be looked at after a run. */
export const screenshotDir = join(__dirname, '..', '..', 'test-output', 'console');

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
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One person's tab on the console, recording every API answer the page received. */
export class ConsoleTab {
  private readonly bodies: Promise<string>[] = [];
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) this.bodies.push(r.text().catch(() => ''));
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open(context: BrowserContext, auditUrl: string): Promise<ConsoleTab> {
    const tab = new ConsoleTab(await context.newPage());
    await tab.page.goto(`${auditUrl}/console`);
    return tab;
  }

  async signIn(token: string): Promise<void> {
    await this.page.locator('#token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async show(view: 'pipeline' | 'cases' | 'deadlines' | 'dead-letters'): Promise<void> {
    await this.page.getByTestId(`tab-${view}`).click();
    await this.page.locator(`section[data-view="${view}"]`).waitFor();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  }

  /** Every /v1/ response body this tab has received so far. */
  apiBodies(): Promise<string[]> {
    return Promise.all(this.bodies);
  }
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
