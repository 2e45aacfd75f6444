/**
 * How the online service hall is served, as plain strings: the security headers and the cache rules. The web stack
 * (infra/stacks/web-stack.ts) puts them on CloudFront; the local cloud can send the same headers from its port.
 * No AWS and no CDK here.
 */

export interface ContentSecurityPolicyInput {
  /** The API's base URL. Its origin may be fetched; empty when the API is on the page's own origin. */
  readonly apiUrl: string;
  /** The OpenID Connect issuer (discovery, keys): its origin may be fetched and be a form's target. Omit without one. */
  readonly issuer?: string;
  /** Where the browser uploads attachments (presigned POST) and reads them back: S3 origins, fetch only. */
  readonly uploadOrigins?: readonly string[];
  /** Origins whose files may be previewed (PDFs in a frame, images); default: the upload origins. */
  readonly previewOrigins?: readonly string[];
  /** Further origins of the identity provider (e.g. Cognito's sign-in and token domain): fetch and form target. */
  readonly identityOrigins?: readonly string[];
  /** Ask browsers to load http: sub-resources over https (default true; off for a local cloud on plain http). */
  readonly upgradeInsecureRequests?: boolean;
}

/** The scheme and host of a URL, without path, query or fragment ("" for ""). Keeps unresolved CDK tokens intact. */
export function originOf(url: string): string {
  if (url === '') return '';
  const match = /^(https?:\/\/[^/?#]+)/.exec(url);
  if (!match) throw new Error(`Not an http(s) URL: ${url}`);
  return match[1]!;
}

function sources(values: readonly string[]): string[] {
  const result: string[] = [];
  for (const value of values) {
    if (value === '') continue;
    // A source is one token of the header: whitespace, ';' or ',' would open a new directive or policy.
    if (/[\s;,'"]/.test(value)) throw new Error(`Not a CSP source: ${JSON.stringify(value)}`);
    if (!result.includes(value)) result.push(value);
  }
  return result;
}

/**
 * The hall's Content-Security-Policy: its own scripts, styles and fonts only; fetches to the API, the identity
 * provider and the upload bucket; previews (images, PDFs in frames) from blob: or the buckets' presigned URLs;
 * nothing may frame it, and no plugin, <base> or foreign form target.
 */
export function contentSecurityPolicy(input: ContentSecurityPolicyInput): string {
  const issuer = input.issuer ? originOf(input.issuer) : '';
  const identity = (input.identityOrigins ?? []).map(originOf);
  const uploads = (input.uploadOrigins ?? []).map(originOf);
  const previews = (input.previewOrigins ?? input.uploadOrigins ?? []).map(originOf);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:', ...sources(previews)],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...sources([originOf(input.apiUrl), issuer, ...identity, ...uploads])],
    ['frame-src', "'self'", 'blob:', ...sources(previews)],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'", ...sources([issuer, ...identity])],
    ['frame-ancestors', "'none'"],
  ];
  if (input.upgradeInsecureRequests ?? true) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Strict-Transport-Security: two years, subdomains, eligible for the browsers' preload list. */
export const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600;
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
/** Powerful features off, except the camera on the hall's own pages (scanning a licence's QR code). */
export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=()';

/** Every security header the hall is served with, by lower-case name. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': REFERRER_POLICY,
    'permissions-policy': PERMISSIONS_POLICY,
  };
}

/** Vite's content-hashed build output: a changed file gets a new name, so a copy never goes stale. */
export const HASHED_ASSETS_PREFIX = 'assets/';
export const CACHE_CONTROL = {
  /** index.html, config.json and the other fixed names: always revalidated, so a deployment shows at once. */
  pages: 'no-cache',
  /** assets/*: a year, never revalidated. */
  assets: 'public, max-age=31536000, immutable',
} as const;

/** The Cache-Control of a file of the build (a path relative to the site root, with or without the leading /). */
export function cacheControlFor(path: string): string {
  return path.replace(/^\/+/, '').startsWith(HASHED_ASSETS_PREFIX) ? CACHE_CONTROL.assets : CACHE_CONTROL.pages;
}

/** The https origin of a bucket's regional S3 endpoint, where presigned URLs of the platform's S3 client point. */
export function s3RegionalOrigin(bucketName: string, region: string): string {
  return `https://${bucketName}.s3.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}
