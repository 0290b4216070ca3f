import { decodeJwt } from 'jose';
import type { BrowserContext } from 'playwright-core';
import { RunningSystem, signInAs, startDevIdentityProvider, type DevIdentityProvider } from '@forewarn/demo';
import { DEFAULT_AUDIENCE } from '@forewarn/platform';
import { freeBasePort } from '@forewarn/testing';
import { ConsoleTab, launchConsoleBrowser, text } from './support/console-browser';

/**
 * People sign in to the console at their organisation's identity provider: here the development
 * one `./forewarn start` runs (oidc-provider), with the services believing only what it signs
 * (FOREWARN_OIDC_ISSUER). The page runs the authorization code flow with PKCE in Chromium, shows
 * who signed in, and signing out ends the session at the provider too.
 */
describe('signing in to the console at the identity provider, in a real browser', () => {
  let provider: DevIdentityProvider;
  let system: RunningSystem;
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    const base = await freeBasePort(4401);
    const idpPort = await freeBasePort(base + 20);
    provider = await startDevIdentityProvider({ port: idpPort, audience: DEFAULT_AUDIENCE, consoleUrls: [`http://127.0.0.1:${base + 4}`] });
    system = new RunningSystem(base, { FOREWARN_OIDC_ISSUER: provider.issuer, LOG_LEVEL: 'warn' });
    expect(system.urls.audit).toBe(`http://127.0.0.1:${base + 4}`);
    await system.start();
    browser = await launchConsoleBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await provider?.close();
  }, 60_000);

  /** Through the provider's sign-in page, as the person would. */
  const signInAtProvider = async (tab: ConsoleTab, login: string) => {
    await tab.page.getByTestId('sign-in').click();
    await tab.page.waitForURL(`${provider.issuer}/**`);
    await tab.page.locator('input[name="login"]').fill(login);
    await tab.page.locator('input[name="password"]').fill('development');
    await tab.page.getByRole('button', { name: 'Sign-in' }).click();
  };

  it('signs an operator in with the authorization code flow and PKCE, shows who it is, and signs out at the provider too', async () => {
    const tab = await ConsoleTab.open(browser.context, system.urls.audit, 'oidc-operator');
    const page = tab.page;
    await tab.shows('the provider to sign in at, and no token field', async () => {
      expect(await text(page.locator('#login'))).toContain(`Sign in at your organisation's identity provider (${provider.issuer})`);
      expect(await page.locator('#token').isVisible()).toBe(false);
    });

    // The request the page sends the browser to the provider with.
    const authorize = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/auth?`));
    await signInAtProvider(tab, 'otto.operator');
    const params = new URL((await authorize).url()).searchParams;
    expect(Object.fromEntries(['client_id', 'response_type', 'code_challenge_method', 'resource'].map((k) => [k, params.get(k)]))).toEqual({
      client_id: 'forewarn-console',
      response_type: 'code',
      code_challenge_method: 'S256',
      resource: DEFAULT_AUDIENCE,
    });
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await page.waitForURL(`${system.urls.audit}/console/**`);
    await tab.shows('who signed in, with their organisation and roles', async () => expect(await text(page.getByTestId('who'))).toBe('otto.operator (NCTC) · operator'));
    expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Deadlines', 'Dead letters']);
    // The code is gone from the address bar, and what the page sends the APIs is the provider's token.
    expect(new URL(page.url()).search).toBe('');
    const accessToken = decodeJwt((await page.evaluate(() => sessionStorage.getItem('forewarn.console.token'))) ?? '');
    expect(accessToken).toMatchObject({ iss: provider.issuer, aud: DEFAULT_AUDIENCE, sub: 'otto.operator', org: 'NCTC', roles: ['operator'] });

    // Sign-out ends the provider's session: the next sign-in asks who you are again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await page.getByRole('button', { name: /yes, sign me out/i }).click();
    await page.waitForURL(`${system.urls.audit}/console/**`);
    await tab.shows('the sign-in again, with no one signed in', async () => {
      expect(await page.getByTestId('sign-in').isVisible()).toBe(true);
      expect(await text(page.getByTestId('who'))).toBe('');
    });
    expect(await page.evaluate(() => sessionStorage.getItem('forewarn.console.token'))).toBeNull();
    await page.getByTestId('sign-in').click();
    await page.waitForURL(`${provider.issuer}/**`);
    expect(await page.locator('input[name="login"]').isVisible()).toBe(true);
    await page.close();
  }, 120_000);

  it('opens an auditor\'s views for an auditor', async () => {
    const tab = await ConsoleTab.open(browser.context, system.urls.audit, 'oidc-auditor');
    await signInAtProvider(tab, 'aude.auditor');
    await tab.page.waitForURL(`${system.urls.audit}/console/**`);
    await tab.shows('the auditor signed in', async () => expect(await text(tab.page.getByTestId('who'))).toBe('aude.auditor (OIG) · auditor'));
    expect(await tab.page.locator('#tabs button').allInnerTexts()).toEqual(['Pipeline', 'Cases', 'Deadlines']);
    await tab.page.close();

    // What `./forewarn token` gets from the same provider opens the same API.
    const own = await signInAs(provider.issuer, 'aude.auditor', DEFAULT_AUDIENCE);
    expect((await fetch(`${system.urls.audit}/v1/console/me`, { headers: { authorization: `Bearer ${own.accessToken}` } })).status).toBe(200);
  }, 120_000);
});
