import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { LocalCloud } from '../../infra/local/cloud';
import { launchBrowser } from './browser';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider';

/**
 * A local cloud serving the built pages (web/dist; `npm test` builds them first, as does `npm start`), seeded with
 * the demo catalogue and the demo identities' licences, and a headless Chromium. One per test file.
 */
export interface WebCloud {
  readonly cloud: LocalCloud;
  readonly browser: Browser;
  readonly baseURL: string;
  /** With `{ oidc: true }`: the OpenID provider people sign in with (the /local/… sign-in is off). */
  readonly oidc?: TestOidcProvider;
  /** A token for the API, for the steps a test takes outside the browser (e.g. a department deciding). */
  token(principal: Principal): Promise<string>;
  /** Calls the API as `principal` (or anonymously) and returns the parsed JSON, failing on a non-2xx status. */
  call<T = Record<string, unknown>>(
    principal: Principal | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  stop(): Promise<void>;
}

/**
 * `oidc: true` signs people in as a deployed stage does, with a real OpenID provider on this machine
 * (test/support/oidc-provider.ts) whose tokens the API trusts. `token()` and `call()` still use the local cloud's own
 * tokens, which it keeps accepting for scripts. `fullBrowser: true` runs the full Chromium instead of the tests'
 * headless shell (see launchBrowser).
 */
export async function startWebCloud(
  options: { oidc?: boolean | { accessTokenTtlSeconds?: number }; fullBrowser?: boolean } = {},
): Promise<WebCloud> {
  if (!existsSync(join(process.cwd(), 'web', 'dist', 'index.html')))
    throw new Error('web/dist is missing: run `npm run build:web` first (npm test does)');
  // The provider first (the cloud needs its issuer); it reads the cloud's address, for its client, at its first request.
  let cloud: LocalCloud | undefined;
  const oidc = options.oidc
    ? await startOidcProvider({ ...(options.oidc === true ? {} : options.oidc), appBaseURL: () => cloud!.baseUrl })
    : undefined;
  let browser: Browser;
  try {
    cloud = await LocalCloud.start({
      seed: true,
      clock: 'real',
      oidc: oidc && { issuer: oidc.issuer, clientId: oidc.clientId, audience: [oidc.audience], scope: oidc.scope },
    });
    browser = await launchBrowser({ full: options.fullBrowser });
  } catch (error) {
    await cloud?.stop();
    await oidc?.stop();
    throw error;
  }
  const token = (principal: Principal) => cloud.issueToken(principal);
  return {
    cloud,
    browser,
    baseURL: cloud.baseUrl,
    oidc,
    token,
    async call(principal, method, path, body, headers = {}) {
      const response = await fetch(`${cloud.baseUrl}${path}`, {
        method,
        headers: {
          ...(principal ? { authorization: `Bearer ${await token(principal)}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as never;
    },
    async stop() {
      // The browser first: its open requests must not race the cloud's teardown.
      await browser.close().catch(() => undefined);
      await cloud.idle().catch(() => undefined);
      await cloud.stop();
      await oidc?.stop();
    },
  };
}
