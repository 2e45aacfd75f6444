import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { FOOD_FORM } from '../support/food-case';
import { accessibilityViolations, newContext, screenshot } from '../support/browser';
import type { TestOidcProvider } from '../support/oidc-provider';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The deployed stages' sign-in in a real browser, against a real OpenID provider on this machine: authorization code
 * flow with PKCE, the access token (a JWT for the API) kept in memory only, a reload recovered with one redirect and
 * no password, sign-out at the provider. The local cloud's own sign-in is off, as in a deployed stage.
 */
jest.setTimeout(180_000);

/**
 * Short-lived access tokens, so the test sees one renewed (the session renews at four fifths, at least 30 s in; the
 * page's clock is moved past that point rather than waited for).
 */
const ACCESS_TOKEN_TTL_SECONDS = 38;

const NAME = '福州市鼓楼区榕城小吃店';
const USCC = '91350100M000100Y43';

let web: WebCloud;
let op: TestOidcProvider;
let caseNumber: string;

/** Calls the API with a bearer token, as a program would. */
const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${web.baseURL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

beforeAll(async () => {
  web = await startWebCloud({ oidc: { accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS } });
  op = web.oidc!;
  // A draft of the provider's enterprise account, made with a token of the provider: the page must list it.
  const response = await api('/applications', await op.accessToken('enterprise'), {
    method: 'POST',
    body: JSON.stringify({ matterCode: 'FOOD-BUSINESS-LICENCE', form: FOOD_FORM }),
  });
  expect(response.status).toBe(201);
  caseNumber = ((await response.json()) as { number: string }).number;
});
afterAll(() => web?.stop());

test('the stage is set for OpenID Connect: the local sign-in is off, the API trusts the issuer for its audience only', async () => {
  const config = await (await fetch(`${web.baseURL}/config.json`)).json();
  expect(config).toEqual({
    stage: 'local',
    apiUrl: '',
    auth: { mode: 'oidc', issuer: op.issuer, clientId: op.clientId, scope: op.scope },
  });
  expect((await fetch(`${web.baseURL}/local/identities`)).status).toBe(404);
  expect(
    (await fetch(`${web.baseURL}/local/sign-in`, { method: 'POST', body: '{"identity":"citizen-lin"}' })).status,
  ).toBe(404);
  // The page may reach the issuer (discovery, token endpoint), and nothing else new.
  const csp =
    (await fetch(`${web.baseURL}/cases`, { headers: { 'sec-fetch-dest': 'document' } })).headers.get(
      'content-security-policy',
    ) ?? '';
  expect(csp).toMatch(new RegExp(`connect-src 'self' [^;]*${op.issuer.replace(/[.:/]/g, '\\$&')}`));

  expect(await (await api('/me', await op.accessToken('enterprise'))).json()).toMatchObject({
    sub: 'enterprise',
    role: 'applicant',
    uscc: USCC,
    name: NAME,
  });
  expect((await api('/me', await op.accessToken('enterprise', { audience: 'another-api' }))).status).toBe(401);
  expect((await api('/me', await op.accessToken('enterprise', { ttlSeconds: -60 }))).status).toBe(401);
});

test('a person signs in at the provider, comes back signed in, keeps the session across renewals and a reload, and signs out', async () => {
  // Desktop: the phone's header has no room for the signed-in name.
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
  const page = await context.newPage();
  // The page's timers are Playwright's: the renewal below is reached by moving its clock, not by waiting 30 s for it.
  await page.clock.install();
  // Every address the page goes to (redirects included), and every token the provider hands out.
  const addresses: string[] = [];
  page.on(
    'request',
    (request) => request.isNavigationRequest() && request.frame() === page.mainFrame() && addresses.push(request.url()),
  );
  const issued: string[] = [];
  page.on('response', (response) => {
    if (response.url() === `${op.issuer}/token` && response.ok()) {
      void response
        .json()
        .then((body: Record<string, string>) =>
          issued.push(
            ...['access_token', 'refresh_token', 'id_token'].map((k) => body[k]).filter((v): v is string => !!v),
          ),
        );
    }
  });
  const bearers: string[] = [];
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (request.url().startsWith(web.baseURL) && header) bearers.push(header);
  });
  const main = page.getByRole('main');
  const signedIn = () => page.getByText(`已登录：${NAME}`).waitFor();

  // Asked to sign in, then sent to the provider.
  await page.goto('/cases');
  await main.getByRole('heading', { name: '请先登录' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await main.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${op.issuer}/interaction/`));
  await screenshot(page, 'oidc-sign-in-provider-login');
  const authorize = new URL(addresses.find((a) => a.startsWith(`${op.issuer}/auth?`))!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${web.baseURL}/auth/callback`);

  await page.getByPlaceholder('Enter any login').fill('enterprise');
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // Back at the page they wanted, signed in; the API answers with the enterprise's own cases.
  await page.waitForURL(`${web.baseURL}/cases`);
  await signedIn();
  await main.getByText(caseNumber).waitFor();
  expect(addresses.some((a) => a.startsWith(`${web.baseURL}/auth/callback?code=`))).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'oidc-sign-in-signed-in-desktop');
  await page.setViewportSize({ width: 360, height: 780 });
  await screenshot(page, 'oidc-sign-in-signed-in-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The API calls carried the provider's access token: a JWT for the API with the platform's claims.
  expect(bearers.length).toBeGreaterThan(0);
  const claims = decodeJwt(bearers[0]!.replace(/^Bearer /, ''));
  expect(claims).toMatchObject({ iss: op.issuer, aud: op.audience, sub: 'enterprise', role: 'applicant', uscc: USCC });
  expect(issued).toContain(bearers[0]!.replace(/^Bearer /, ''));

  // The tokens live in memory only: not in an address, not in storage (only the provider-session flag is).
  await expectNoTokensOutsideMemory(page, addresses, issued);

  // Before the access token expires, the refresh token renews it without a page or a redirect; the API gets the new one.
  const navigations = addresses.length;
  const renewalSeen = page.waitForResponse(
    (r) => r.url() === `${op.issuer}/token` && /grant_type=refresh_token/.test(r.request().postData() ?? ''),
    { timeout: 60_000 },
  );
  await page.clock.fastForward(ACCESS_TOKEN_TTL_SECONDS * 1000 * 0.85);
  const renewal = await renewalSeen;
  expect(renewal.status()).toBe(200);
  const renewed = ((await renewal.json()) as { access_token: string }).access_token;
  const nextCall = page.waitForRequest((r) => r.url().startsWith(web.baseURL) && !!r.headers().authorization);
  await page.getByRole('navigation').getByRole('link', { name: '我的证照' }).click();
  await page.waitForURL(`${web.baseURL}/wallet`);
  expect((await nextCall).headers().authorization).toBe(`Bearer ${renewed}`);
  expect(decodeJwt(renewed)).toMatchObject({ iss: op.issuer, aud: op.audience, uscc: USCC });
  expect(addresses.length).toBe(navigations);
  await page.getByRole('navigation').getByRole('link', { name: '我的办件' }).click();
  await main.getByText(caseNumber).waitFor();
  await expectNoTokensOutsideMemory(page, addresses, issued);

  // A reload: one redirect to the provider and back, no login form, still signed in on the same page.
  const before = addresses.length;
  await page.reload();
  await page.waitForURL(`${web.baseURL}/cases`);
  await signedIn();
  await main.getByText(caseNumber).waitFor();
  const reloadHops = addresses.slice(before);
  expect(reloadHops.filter((a) => a.startsWith(`${op.issuer}/auth`))).toHaveLength(1);
  expect(reloadHops.some((a) => a.includes('/interaction/'))).toBe(false);
  await expectNoTokensOutsideMemory(page, addresses, issued);

  // Sign-out ends the provider's session too: back home signed out, and signing in asks for the password again.
  await page.getByRole('banner').getByRole('button', { name: '退出' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${op.issuer}/session/end`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL(`${web.baseURL}/`);
  await page.getByRole('banner').getByRole('button', { name: '登录' }).waitFor();
  expect(await oidcStorageKeys(page)).toEqual([]);
  await page.goto('/cases');
  await main.getByRole('heading', { name: '请先登录' }).waitFor();
  await main.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(`${op.issuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').waitFor();
  await context.close();
});

test("a reload after the provider's session has ended signs the person out quietly: no login form, no error", async () => {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
  const page = await context.newPage();
  await page.goto('/cases');
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await page.getByPlaceholder('Enter any login').fill('citizen');
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL(`${web.baseURL}/cases`);
  await page.getByText('已登录：林晓明').waitFor();

  // The provider forgets the person (its cookies are its session; the site keeps none).
  await context.clearCookies();
  await page.reload();
  await page.waitForURL(`${web.baseURL}/cases`);
  await page.getByRole('main').getByRole('heading', { name: '请先登录' }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: '登录' }).waitFor();
  expect(await oidcStorageKeys(page)).toEqual([]);
  await context.close();
});

/** What sign-in keeps in the browser's storage: nothing once signed out. */
const oidcStorageKeys = (page: Page) =>
  page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => /oidc/i.test(k)));

async function expectNoTokensOutsideMemory(page: Page, addresses: readonly string[], tokens: readonly string[]) {
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  const stored = await page.evaluate(() =>
    JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]),
  );
  for (const token of tokens) {
    expect(addresses.filter((a) => a.includes(token))).toEqual([]);
    expect(stored.includes(token)).toBe(false);
  }
  expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  expect(page.url()).not.toMatch(/[?&](code|state|access_token|id_token)=/);
}
