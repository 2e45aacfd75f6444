import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { claimsForPrincipal, type Principal } from '../../shared/auth/principal';

/**
 * The local identity provider: one RSA key (API Gateway JWT authorizers accept RSA signatures only), kept in the
 * data folder so that `npm run token` and `npm start` agree. Tokens carry exactly the production claims.
 */
export const LOCAL_ISSUER = 'http://localhost/local-idp';
export const LOCAL_AUDIENCE = 'one-stop-api';

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export class LocalIdentityProvider {
  private constructor(private readonly key: StoredKey) {}

  /** Loads the key from `file`, creating it on first use. */
  static async open(file: string): Promise<LocalIdentityProvider> {
    if (existsSync(file)) return new LocalIdentityProvider(JSON.parse(readFileSync(file, 'utf8')) as StoredKey);
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `local-${Date.now().toString(36)}`;
    const key: StoredKey = {
      kid,
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
    return new LocalIdentityProvider(key);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }

  async issue(principal: Principal, options: { ttlSeconds?: number; now?: number } = {}): Promise<string> {
    const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
    return new SignJWT(claimsForPrincipal(principal))
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + (options.ttlSeconds ?? 3600))
      .setJti(crypto.randomUUID())
      .sign(await importJWK(this.key.privateJwk, 'RS256'));
  }

  /** Verifies a token of this provider the way the HTTP API JWT authorizer does (see verifyAsJwtAuthorizer). */
  verify(token: string, nowMs: number): Promise<Record<string, unknown> | undefined> {
    return verifyAsJwtAuthorizer(
      token,
      createLocalJWKSet(this.jwks()),
      { issuer: LOCAL_ISSUER, audience: [LOCAL_AUDIENCE] },
      nowMs,
    );
  }
}

/** The `iss` a token claims, unverified: which verifier to ask. */
export function claimedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/** An OpenID issuer the local cloud trusts instead of its own provider, as a deployed stage's authorizer does. */
export interface ExternalIssuer {
  readonly issuer: string;
  /** The authorizer's audience list: a token's `aud`, or its `client_id` when it has no `aud` (Cognito). */
  readonly audience: readonly string[];
}

/**
 * Verifies tokens of an external issuer: its keys come from the jwks_uri of its discovery document, fetched at the
 * first token and again when a token names a key not seen yet (key rotation), as API Gateway does.
 */
export function externalIssuerVerifier(
  issuer: ExternalIssuer,
): (token: string, nowMs: number) => Promise<Record<string, unknown> | undefined> {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`OpenID discovery of ${issuer.issuer}: ${response.status}`);
    const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (document.issuer !== issuer.issuer || !document.jwks_uri)
      throw new Error(`OpenID discovery of ${issuer.issuer}: another issuer or no jwks_uri`);
    return createRemoteJWKSet(new URL(document.jwks_uri));
  };
  return async (token, nowMs) => {
    keys ??= discover();
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keys;
    } catch (error) {
      // The provider may be starting or briefly away: the next request tries again, this one is refused.
      keys = undefined;
      console.error(String(error));
      return undefined;
    }
    return verifyAsJwtAuthorizer(token, getKey, issuer, nowMs);
  };
}

/**
 * What the HTTP API JWT authorizer checks: an RSA signature (it accepts no other) by a key of the issuer's JWKS, the
 * issuer, exp and nbf against the clock, and the audience: `aud` when present, else `client_id`. Returns the claims,
 * or undefined for any failure (the caller answers 401).
 */
export async function verifyAsJwtAuthorizer(
  token: string,
  keys: JWTVerifyGetKey,
  expected: ExternalIssuer,
  nowMs: number,
): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      algorithms: ['RS256', 'RS384', 'RS512'],
      currentDate: new Date(nowMs),
    });
    const audiences =
      payload.aud === undefined ? [payload.client_id] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((a) => typeof a === 'string' && expected.audience.includes(a))
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
