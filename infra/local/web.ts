import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { isPagePath } from '../../web/src/routes';
import { DEMO_IDENTITIES } from './demo-identities';
import type { LocalIdentityProvider } from './identity';

/**
 * The web pages on the local cloud's port, beside the API, as CloudFront serves them in AWS: the built files from
 * web/dist, /config.json for this cloud, and the same security headers. A browser's navigation to a page path gets
 * the page; any other request (fetch, curl) at the same path reaches the API, so /verify/<no> is a page for people
 * and JSON for programs. The local identity provider's routes (/local/…) exist only here, never in a deployed stack.
 */
export interface LocalWebOptions {
  readonly distDir: string;
  readonly identity: LocalIdentityProvider;
  readonly now: () => number;
  /** Origins the pages may talk to besides their own: the S3 endpoint that presigned uploads and downloads use. */
  readonly connectOrigins: readonly string[];
  readonly tokenTtlSeconds?: number;
  /** Sign-in through this OpenID issuer, as in a deployed stage: /config.json says so and the /local/… routes are off. */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly scope?: string };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const SESSION_COOKIE = 'local_idp_session';

export function securityHeaders(connectOrigins: readonly string[]): Record<string, string> {
  const others = connectOrigins.join(' ');
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src 'self' data: blob: ${others}`,
      "font-src 'self'",
      `connect-src 'self' ${others}`,
      `frame-src 'self' blob: ${others}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
  };
}

/** Whether a request is a browser asking for a document (a navigation), not a program asking for data. */
const wantsDocument = (req: IncomingMessage) =>
  req.headers['sec-fetch-dest'] === 'document' ||
  (req.headers['sec-fetch-mode'] === undefined && /^text\/html/.test(req.headers.accept ?? ''));

export function localWeb(options: LocalWebOptions) {
  const sessions = new Map<string, string>();
  const headers = securityHeaders(options.connectOrigins);
  const ttl = options.tokenTtlSeconds ?? 3600;

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: Record<string, string | string[]> = {},
  ) => {
    res.writeHead(status, { 'content-type': type, ...headers, ...extra });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string | string[]> = {}) =>
    send(res, status, JSON.stringify(value), 'application/json', { 'cache-control': 'no-store', ...extra });

  const sessionOf = (req: IncomingMessage) => {
    const id = /(?:^|;\s*)local_idp_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    return id ? { id, identity: sessions.get(id) } : undefined;
  };
  const tokenFor = async (identityId: string) => {
    const identity = DEMO_IDENTITIES.find((i) => i.id === identityId);
    if (!identity) return undefined;
    const token = await options.identity.issue(identity.principal, { ttlSeconds: ttl, now: options.now() });
    return { token, expiresAt: options.now() + ttl * 1000 };
  };

  async function identityRoute(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<void> {
    // Only from this site's pages: a cross-site form cannot sign anyone in or out.
    if (req.method === 'POST' && req.headers['sec-fetch-site'] && req.headers['sec-fetch-site'] !== 'same-origin')
      return json(res, 403, { message: 'Forbidden' });
    if (req.method === 'GET' && path === '/local/identities') {
      return json(res, 200, {
        identities: DEMO_IDENTITIES.map(({ id, area, label, description, principal }) => ({
          id,
          area,
          label,
          description,
          role: principal.role,
        })),
      });
    }
    if (req.method === 'POST' && path === '/local/sign-in') {
      let identityId: unknown;
      try {
        identityId = (JSON.parse(body.toString('utf8') || '{}') as { identity?: unknown }).identity;
      } catch {
        identityId = undefined;
      }
      const answer = typeof identityId === 'string' ? await tokenFor(identityId) : undefined;
      if (!answer)
        return json(res, 400, {
          error: {
            code: 'ValidationError',
            message: 'identity: not a demo identity',
            details: [{ path: 'identity', rule: 'enum', message: 'Not a demo identity' }],
          },
        });
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, identityId as string);
      return json(res, 200, answer, {
        'set-cookie': `${SESSION_COOKIE}=${session}; Path=/local; HttpOnly; SameSite=Strict`,
      });
    }
    if (req.method === 'POST' && path === '/local/session') {
      const session = sessionOf(req);
      const answer = session?.identity ? await tokenFor(session.identity) : undefined;
      return answer ? json(res, 200, answer) : json(res, 401, { message: 'Unauthorized' });
    }
    if (req.method === 'POST' && path === '/local/sign-out') {
      const session = sessionOf(req);
      if (session) sessions.delete(session.id);
      return json(
        res,
        200,
        { signedOut: true },
        { 'set-cookie': `${SESSION_COOKIE}=; Path=/local; HttpOnly; SameSite=Strict; Max-Age=0` },
      );
    }
    return json(res, 404, { message: 'Not Found' });
  }

  // Compressed once per file and build, as CloudFront compresses in AWS (Brotli where the browser takes it, else
  // gzip: the web stack's cache policies enable both), so local page weights and timings are real.
  const compressed = new Map<string, { mtimeMs: number; body: Buffer }>();
  function file(req: IncomingMessage, res: ServerResponse, relative: string, cache: string): boolean {
    const full = normalize(join(options.distDir, relative));
    if (!full.startsWith(normalize(options.distDir) + sep) || !existsSync(full) || !statSync(full).isFile())
      return false;
    const type = TYPES[extname(full)] ?? 'application/octet-stream';
    const vary = { 'cache-control': cache, vary: 'accept-encoding' };
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /gzip/.test(accepted) ? 'gzip' : undefined;
    if (encoding && /^(text|application\/json|image\/svg)/.test(type)) {
      const { mtimeMs } = statSync(full);
      const key = `${encoding} ${full}`;
      let entry = compressed.get(key);
      if (!entry || entry.mtimeMs !== mtimeMs) {
        const raw = readFileSync(full);
        entry = { mtimeMs, body: encoding === 'br' ? brotliCompressSync(raw) : gzipSync(raw, { level: 9 }) };
        compressed.set(key, entry);
      }
      send(res, 200, entry.body, type, { ...vary, 'content-encoding': encoding });
    } else {
      send(res, 200, readFileSync(full), type, vary);
    }
    return true;
  }

  /** Answers the request when it is the web's (true), or leaves it to the API (false). */
  return async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/local/')) {
      if (!options.oidc) return identityRoute(req, res, path, body).then(() => true);
      json(res, 404, { message: 'Not Found' });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/config.json') {
      json(res, 200, {
        stage: 'local',
        apiUrl: '',
        auth: options.oidc ? { mode: 'oidc', ...options.oidc } : { mode: 'local' },
      });
      return true;
    }
    if (path.startsWith('/assets/')) return file(req, res, path.slice(1), 'public, max-age=31536000, immutable');
    if (wantsDocument(req) && isPagePath(path)) {
      if (file(req, res, 'index.html', 'no-cache')) return true;
      send(
        res,
        503,
        '网页尚未构建。The web pages are not built: run `npm run build:web`.\n',
        'text/plain; charset=utf-8',
      );
      return true;
    }
    return false;
  };
}
