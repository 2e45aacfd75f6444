import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { claimsForPrincipal, type Principal } from '../../shared/auth/principal';

/**
 * A real OpenID provider for the browser tests of the deployed sign-in path: the certified `oidc-provider` package on
 * 127.0.0.1, with one public client (PKCE, no secret) for the web app, JWT access tokens signed RS256 for the API's
 * audience that carry the platform's claims (as the province's identity platform or Cognito would), refresh tokens,
 * and its development login form (any login name below, any password).
 */
/** The provider's accounts by login name, which is also their `sub`. */
export const OIDC_ACCOUNTS = {
  citizen: { sub: 'citizen', role: 'applicant', idNumber: '11010519491231002X', name: '林晓明' },
  enterprise: { sub: 'enterprise', role: 'applicant', uscc: '91350100M000100Y43', name: '福州市鼓楼区榕城小吃店' },
} as const satisfies Readonly<Record<string, Principal>>;

export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  /** The access tokens' `aud`: the API. */
  readonly audience: string;
  readonly scope: string;
  /**
   * An access token as the provider's token endpoint issues it (same key, issuer, claims), without a browser: for a
   * test's calls outside the page, or another `audience` to see the API refuse it.
   */
  accessToken(login: keyof typeof OIDC_ACCOUNTS, options?: { audience?: string; ttlSeconds?: number }): Promise<string>;
  stop(): Promise<void>;
}

export interface TestOidcProviderOptions {
  /**
   * The web app's origin, for the client's redirect URIs (/auth/callback, /). A function when it is known only after
   * the provider has started (the local cloud needs the issuer first): it is read at the provider's first request.
   */
  readonly appBaseURL: string | (() => string);
  readonly audience?: string;
  readonly clientId?: string;
  readonly accessTokenTtlSeconds?: number;
}

const SCOPE = 'openid profile';

export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  // A resource indicator is an absolute URI (RFC 8707).
  const audience = options.audience ?? 'urn:one-stop:api';
  const clientId = options.clientId ?? 'one-stop-web';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-op-${Date.now().toString(36)}`;
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };

  // The issuer must be known before the provider is built, so the port is taken first.
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let handler: ReturnType<Provider['callback']> | undefined;
  const build = () => {
    const app = typeof options.appBaseURL === 'function' ? options.appBaseURL() : options.appBaseURL;
    // Its start-up warnings (in-memory storage, development login form) are what a test provider is meant to have.
    const warn = console.warn;
    console.warn = (...args: unknown[]) =>
      String(args[0]).startsWith('oidc-provider WARNING') ? undefined : warn(...args);
    try {
      return new Provider(
        issuer,
        configuration({ app, audience, clientId, signingKey, ttl: options.accessTokenTtlSeconds ?? 600 }),
      ).callback();
    } finally {
      console.warn = warn;
    }
  };
  server.on('request', (req, res) => {
    try {
      handler ??= build();
    } catch (error) {
      res.writeHead(500).end(String(error));
      return;
    }
    handler(req, res);
  });

  return {
    issuer,
    clientId,
    audience,
    scope: SCOPE,
    async accessToken(login, o = {}) {
      return new SignJWT({ ...claimsForPrincipal(OIDC_ACCOUNTS[login]), client_id: clientId, scope: 'api' })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(o.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(`${o.ttlSeconds ?? 600}s`)
        .setJti(crypto.randomUUID())
        .sign(privateKey);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function configuration(o: {
  app: string;
  audience: string;
  clientId: string;
  signingKey: Record<string, unknown>;
  ttl: number;
}): Configuration {
  const account = (id: string): Principal | undefined =>
    Object.hasOwn(OIDC_ACCOUNTS, id) ? OIDC_ACCOUNTS[id as keyof typeof OIDC_ACCOUNTS] : undefined;
  return {
    clients: [
      {
        client_id: o.clientId,
        client_name: '一网通办',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${o.app}/auth/callback`],
        post_logout_redirect_uris: [`${o.app}/`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [o.signingKey] },
    // Random per run: the provider's cookies only have to outlive one test file.
    cookies: { keys: [crypto.randomUUID()] },
    pkce: { required: () => true },
    // The login name is the account; an unknown name is refused by the login form (no session is made).
    async findAccount(_ctx, id) {
      const principal = account(id);
      if (!principal) return undefined;
      return { accountId: id, claims: () => claimsForPrincipal(principal) };
    },
    claims: { openid: ['sub'], profile: ['name'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
      resourceIndicators: {
        enabled: true,
        // Every access token is for the API, even when the client names no resource (as Cognito's are).
        defaultResource: () => o.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== o.audience) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience: o.audience,
            accessTokenTTL: o.ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The platform's claims in the access token (the API maps them with shared/auth/principal.ts).
    async extraTokenClaims(_ctx, token) {
      const principal = token.kind === 'AccessToken' && token.accountId ? account(token.accountId) : undefined;
      if (!principal) return undefined;
      const { sub: _sub, ...claims } = claimsForPrincipal(principal);
      return claims;
    },
    // A first-party client: no consent screen, as the province's platform asks none for its own services.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result, provider, params } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client && session?.grantIdFor(client.clientId));
      if (grantId) return provider.Grant.find(grantId);
      if (!client || !session?.accountId) return undefined;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(typeof params?.scope === 'string' ? params.scope : SCOPE);
      grant.addResourceScope(o.audience, 'api');
      await grant.save();
      return grant;
    },
    // Refresh tokens for the web client without offline_access: they end with the provider's session.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(o.app).origin,
    ttl: {
      AccessToken: o.ttl,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      IdToken: 600,
      RefreshToken: 3600,
      AuthorizationCode: 60,
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page(
        'Error',
        `<h1>${escapeHtml(out.error ?? 'error')}</h1><p>${escapeHtml(out.error_description ?? '')}</p>`,
      );
    },
  };
}

/** The sign-out confirmation, without the default page's web fonts (the test machine is offline). */
async function logoutSource(ctx: { body: string }, form: string) {
  ctx.body = page(
    'Sign out',
    `<h1>退出统一身份认证？Sign out?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
