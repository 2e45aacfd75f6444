import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteDeclaration } from '../topology-model';
import { LOCAL } from './names';

/** What the adapter needs from the rest of the local cloud. */
export interface HttpApiPorts {
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** Returns the verified claims, or undefined when the token must be refused. */
  verifyToken(token: string): Promise<Record<string, unknown> | undefined>;
  now(): number;
  log?(line: string): void;
  /** The web pages and the local identity provider: answers the requests that are theirs (true). */
  web?(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
}

interface CompiledRoute {
  readonly declaration: RouteDeclaration;
  readonly routeKey: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly params: string[];
  /** Literal segments count more: API Gateway prefers the most specific route. */
  readonly specificity: number;
}

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export function compileRoutes(routes: readonly RouteDeclaration[]): CompiledRoute[] {
  return routes
    .map((declaration) => {
      const { method, path } = declaration.route;
      const params: string[] = [];
      const segments = path.split('/').filter(Boolean);
      const source = segments
        .map((segment) => {
          const greedy = /^\{(\w+)\+\}$/.exec(segment);
          if (greedy) {
            params.push(greedy[1]!);
            return '/(.+)';
          }
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param) {
            params.push(param[1]!);
            return '/([^/]+)';
          }
          return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
        })
        .join('');
      const specificity = segments.filter((s) => !s.startsWith('{')).length * 2 - (path.includes('+}') ? 1 : 0);
      return {
        declaration,
        routeKey: `${method} ${path}`,
        method,
        pattern: new RegExp(`^${source || '/'}$`),
        params,
        specificity,
      };
    })
    .sort((a, b) => b.specificity - a.specificity);
}

/**
 * API Gateway HTTP API on one machine: matches routes like API Gateway, checks JWTs like the JWT authorizer
 * (401 {"message":"Unauthorized"} before the function runs), builds payload-2.0 events, and maps the results.
 */
/** The last samples of the handlers' own time per route (ms), bounded so a long `npm start` does not grow. */
export const HANDLER_SAMPLES_KEPT = 20_000;

export function startHttpApi(
  routes: readonly RouteDeclaration[],
  ports: HttpApiPorts,
  port: number,
  host = '127.0.0.1',
): Promise<{
  server: Server;
  url: string;
  requestsByRoute: Map<string, number>;
  handlerMsByRoute: Map<string, number[]>;
  routeKeys: string[];
}> {
  const compiled = compileRoutes(routes);
  const requestsByRoute = new Map<string, number>();
  const handlerMsByRoute = new Map<string, number[]>();

  const server = createServer((req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      const body = size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks);
      (body && ports.web ? ports.web(req, res, body) : Promise.resolve(false))
        .then(async (served) => (served ? undefined : writeResult(res, await handle(req, body))))
        .catch((error: Error) => {
          // As in AWS: the function's failure goes to its log, the caller sees a bare 500.
          console.error(`${req.method} ${req.url?.split('?')[0]}: the function failed:`, error);
          writeResult(res, { statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
        })
        .finally(() =>
          ports.log?.(
            `${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`,
          ),
        );
    });
  });

  async function handle(req: IncomingMessage, body: Buffer | undefined): Promise<APIGatewayProxyStructuredResultV2> {
    if (!body) return { statusCode: 413, body: JSON.stringify({ message: 'Request Entity Too Large' }) };
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    let match: { route: CompiledRoute; values: string[] } | undefined;
    for (const route of compiled) {
      const m = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (m) {
        match = { route, values: m.slice(1) };
        break;
      }
    }
    if (!match) return { statusCode: 404, body: JSON.stringify({ message: 'Not Found' }) };
    const { route, values } = match;
    requestsByRoute.set(route.routeKey, (requestsByRoute.get(route.routeKey) ?? 0) + 1);

    let claims: Record<string, unknown> | undefined;
    if (route.declaration.route.auth !== 'public') {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      claims = token ? await ports.verifyToken(token) : undefined;
      if (!claims)
        return {
          statusCode: 401,
          headers: { 'www-authenticate': 'Bearer' },
          body: JSON.stringify({ message: 'Unauthorized' }),
        };
    }

    const event = buildEvent(req, url, body, route, values, claims, ports.now());
    const invoked = performance.now();
    try {
      return normaliseResult(await ports.invoke(route.declaration.function, event));
    } finally {
      const samples = handlerMsByRoute.get(route.routeKey) ?? [];
      if (samples.length >= HANDLER_SAMPLES_KEPT) samples.shift();
      samples.push(performance.now() - invoked);
      handlerMsByRoute.set(route.routeKey, samples);
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is in use; choose another with --port`)
          : error,
      ),
    );
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
        requestsByRoute,
        handlerMsByRoute,
        routeKeys: compiled.map((r) => r.routeKey),
      });
    });
  });
}

function buildEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  route: CompiledRoute,
  values: string[],
  claims: Record<string, unknown> | undefined,
  now: number,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  const isText =
    body.length === 0 || /^(application\/(.+\+)?json|text\/|application\/x-www-form-urlencoded)/i.test(contentType);
  const requestId = randomUUID();
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: headers.cookie?.split(/;\s*/),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters:
      route.params.length > 0
        ? Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(values[i] ?? '')]))
        : undefined,
    requestContext: {
      accountId: LOCAL.account,
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    body: body.length > 0 ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
  return event as unknown as APIGatewayProxyEventV2;
}

/** Payload 2.0 response rules: a result without statusCode is JSON with status 200. */
function normaliseResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result)
    return result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
}

function writeResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}
