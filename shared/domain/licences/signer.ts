import { base64url, type JWK } from 'jose';

/**
 * The licence signing port and the JOSE securing of credentials ("Securing Verifiable Credentials using JOSE and
 * COSE", W3C): a compact JWS whose payload is the credential itself, with `typ: vc+jwt` and `cty: vc`.
 *
 * The private key never reaches this code (KMS in AWS, a local file in the local cloud), so jose's own signing,
 * which wants a key object, does not fit: the JWS is assembled here from the signer's raw signature.
 */
export interface LicenceSigner {
  /** The key id published in the JWKS and written in every JWS header (the key's RFC 7638 thumbprint). */
  readonly kid: string;
  readonly alg: 'ES256';
  /** ECDSA P-256 with SHA-256 over `signingInput`; returns the JOSE form r‖s, 64 bytes. */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  /** The public key as a JWK (kty EC, crv P-256, x, y), without private parts. */
  publicJwk(): Promise<JWK>;
}

/** r‖s, each a 32-byte big-endian integer (RFC 7518 §3.4). */
export const ES256_SIGNATURE_BYTES = 64;

export const VC_JWT_TYP = 'vc+jwt';
export const VC_JWT_CTY = 'vc';

export interface CredentialJwsHeader {
  readonly alg: 'ES256';
  readonly kid: string;
  readonly typ: typeof VC_JWT_TYP;
  readonly cty: typeof VC_JWT_CTY;
}

const utf8 = new TextEncoder();

/** Signs `payload` (a credential) as a compact JWS with the vc+jwt header. */
export async function signCredentialJws(payload: object, signer: LicenceSigner): Promise<string> {
  if (signer.alg !== 'ES256') throw new TypeError(`unsupported signing algorithm ${String(signer.alg)}`);
  const header: CredentialJwsHeader = { alg: 'ES256', kid: signer.kid, typ: VC_JWT_TYP, cty: VC_JWT_CTY };
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = await signer.sign(utf8.encode(signingInput));
  // A DER signature or a wrong curve would produce a JWS that no verifier accepts: refuse it here, loudly.
  if (signature.length !== ES256_SIGNATURE_BYTES) {
    throw new Error(
      `signer ${signer.kid} returned ${signature.length} bytes; ES256 needs r||s of ${ES256_SIGNATURE_BYTES}`,
    );
  }
  return `${signingInput}.${base64url.encode(signature)}`;
}
