import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
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

  /**
   * Verifies a token the way the HTTP API JWT authorizer does: RSA signature by a key of the JWKS, issuer, audience,
   * exp and nbf against the local clock. Returns the claims, or undefined for any failure (the caller answers 401).
   */
  async verify(token: string, nowMs: number): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(this.jwks()), {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256', 'RS384', 'RS512'],
        currentDate: new Date(nowMs),
      });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}
