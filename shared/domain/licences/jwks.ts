import { calculateJwkThumbprint, type JWK } from 'jose';
import type { LicenceSigner } from './signer';

/**
 * The content of `/.well-known/jwks.json`: the current licence signing key first, then the retired ones. A retired
 * key signs nothing new but stays published, so that every licence it signed keeps verifying after a rotation.
 */
export interface LicenceJwks {
  readonly keys: readonly PublishedJwk[];
}

export interface PublishedJwk extends JWK {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'ES256';
}

/** The RFC 7638 thumbprint (SHA-256, base64url) of a P-256 public key: a kid that anyone can recompute from the key. */
export async function p256Kid(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(publicPart(jwk), 'sha256');
}

/** Only the public members of a P-256 key, with kid, use and alg; anything private or unexpected is refused. */
export function publishedJwk(jwk: JWK, kid: string): PublishedJwk {
  if (jwk.d !== undefined) throw new TypeError(`key ${kid}: a private key must never be published`);
  const { kty, crv, x, y } = publicPart(jwk);
  return { kty, crv, x, y, kid, use: 'sig', alg: 'ES256' };
}

/** The JWKS for the current key and the retired ones, each once (by kid), the current one first. */
export function buildJwks(current: PublishedJwk, retired: readonly PublishedJwk[] = []): LicenceJwks {
  const seen = new Set<string>();
  const keys: PublishedJwk[] = [];
  for (const key of [current, ...retired]) {
    if (seen.has(key.kid)) continue;
    seen.add(key.kid);
    keys.push(publishedJwk(key, key.kid));
  }
  return { keys };
}

/** The published form of a signer's key. */
export async function signerJwk(signer: LicenceSigner): Promise<PublishedJwk> {
  return publishedJwk(await signer.publicJwk(), signer.kid);
}

function publicPart(jwk: JWK): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError(`licence keys are EC P-256, not ${jwk.kty ?? '?'} ${jwk.crv ?? ''}`.trim());
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
