import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { LocalCloud } from '../../infra/local/cloud';
import { launchBrowser } from './browser';

/**
 * A local cloud serving the built pages (web/dist; `npm test` builds them first, as does `npm start`), seeded with
 * the demo catalogue and the demo identities' licences, and a headless Chromium. One per test file.
 */
export interface WebCloud {
  readonly cloud: LocalCloud;
  readonly browser: Browser;
  readonly baseURL: string;
  /** A token for the API, for the steps a test takes outside the browser (e.g. a department deciding). */
  token(principal: Principal): Promise<string>;
  /** Calls the API as `principal` (or anonymously) and returns the parsed JSON, failing on a non-2xx status. */
  call<T = Record<string, unknown>>(principal: Principal | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

export async function startWebCloud(): Promise<WebCloud> {
  if (!existsSync(join(process.cwd(), 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first (npm test does)');
  const cloud = await LocalCloud.start({ seed: true, clock: 'real' });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await cloud.stop();
    throw error;
  }
  const token = (principal: Principal) => cloud.issueToken(principal);
  return {
    cloud,
    browser,
    baseURL: cloud.baseUrl,
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
    },
  };
}
