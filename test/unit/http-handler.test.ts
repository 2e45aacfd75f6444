import { type ZodError, z } from 'zod';
import * as zm from 'zod/mini';
import { defineRoute } from '../../shared/contracts/route-contract';
import {
  ConflictError,
  DOMAIN_ERROR_NAMES,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ThrottledError,
  ValidationError,
} from '../../shared/domain/errors';
import {
  errorToHttpResponse,
  jsonResponse,
  STATUS_BY_ERROR,
  validationErrorFromZod,
} from '../../shared/lambda/error-response';
import { type HttpEvent, type HttpRequest, HttpResponse, httpHandler } from '../../shared/lambda/http';
import { lambdaContext } from '../support/lambda';

const ID_NUMBER = '310115198806154025';
const USCC = '91350100M000100Y43';

// ---- hand-built API Gateway HTTP API (payload 2.0) events and a minimal Lambda context ----

interface EventOptions {
  method?: string;
  path?: string;
  claims?: Record<string, unknown>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

function httpEvent(options: EventOptions = {}): HttpEvent {
  const method = options.method ?? 'GET';
  const path = options.path ?? '/test';
  const event: HttpEvent = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { host: 'api.example.gov.cn', 'user-agent': 'jest', ...(options.headers ?? {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'api.example.gov.cn',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: 'apigw-req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '02/Mar/2026:09:00:00 +0800',
      timeEpoch: 1772413200000,
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
    },
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
  if (options.query) event.queryStringParameters = options.query;
  if (options.params) event.pathParameters = options.params;
  if (options.body !== undefined) event.body = options.body;
  return event;
}

function jsonPost(body: unknown, options: EventOptions = {}): HttpEvent {
  return httpEvent({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...options,
  });
}

const citizen = { sub: 'u-1001', role: 'applicant', id_number: ID_NUMBER, name: '张三' };
const officer = { sub: 'u-3', 'custom:role': 'department', 'custom:dept': 'SAMR' };

type Result = { statusCode: number; headers: Record<string, string>; body: string };

async function invoke<R extends Parameters<typeof httpHandler>[0]>(
  handler: ReturnType<typeof httpHandler<R>>,
  event: HttpEvent,
  requestId = 'r1',
): Promise<Result & { json: any }> {
  const result = (await handler(event, lambdaContext(requestId))) as Result;
  return { ...result, json: JSON.parse(result.body) };
}

// ---- test routes ----

const publicRoute = defineRoute({
  method: 'GET',
  path: '/test',
  auth: 'public',
  summary: 'public',
  tags: ['test'],
  response: z.object({ hello: z.string(), caller: z.string().optional() }),
});

const listRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/materials',
  auth: ['applicant', 'agent'],
  summary: 'list',
  tags: ['test'],
  params: z.object({ caseId: z.string().regex(/^C-\d{4}-\d{6}$/) }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().optional() }),
  response: z.object({ caseId: z.string(), limit: z.number(), cursor: z.string().optional() }),
});

const applicationBody = z.object({
  matterCode: z.string().min(1),
  form: z.object({
    applicantName: z.string().min(1),
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    uscc: z.string().optional(),
  }),
});

const submitRoute = defineRoute({
  method: 'POST',
  path: '/applications',
  auth: ['applicant'],
  summary: 'submit',
  tags: ['test'],
  body: applicationBody,
  successStatus: 201,
  response: z.object({ caseId: z.string() }),
});

const decideRoute = defineRoute({
  method: 'POST',
  path: '/tasks/{taskId}/decision',
  auth: ['department'],
  summary: 'decide',
  tags: ['test'],
  body: z.object({ decision: z.enum(['approve', 'reject']) }),
  response: z.object({ ok: z.boolean() }),
});

// ---- log capture: Powertools writes through its own Console on process.stdout / process.stderr ----

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  const capture = (chunk: unknown) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return true;
  };
  jest.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture as never);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterEach(() => jest.restoreAllMocks());
const logText = () => logged.join('\n');

// ---- success paths ----

describe('httpHandler: success', () => {
  it('answers 200 with the use case result as JSON', async () => {
    const handler = httpHandler(publicRoute, async () => ({ hello: '你好' }));
    const res = await invoke(handler, httpEvent());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json).toEqual({ hello: '你好' });
  });

  it('answers with the route’s successStatus', async () => {
    const handler = httpHandler(submitRoute, async () => ({ caseId: 'C-2026-000123' }));
    const res = await invoke(
      handler,
      jsonPost(
        { matterCode: 'FOOD-LICENCE', form: { applicantName: '张三', idNumber: ID_NUMBER } },
        { claims: citizen },
      ),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({ caseId: 'C-2026-000123' });
  });

  it('answers with the status and headers of an HttpResponse, keeping the JSON content type', async () => {
    const handler = httpHandler(
      submitRoute,
      async () =>
        new HttpResponse({ caseId: 'C-2026-000123' }, 202, { location: '/cases/C-2026-000123', 'retry-after': '5' }),
    );
    const res = await invoke(
      handler,
      jsonPost({ matterCode: 'X', form: { applicantName: '张三', idNumber: ID_NUMBER } }, { claims: citizen }),
    );
    expect(res.statusCode).toBe(202);
    expect(res.headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      location: '/cases/C-2026-000123',
      'retry-after': '5',
    });
    expect(res.json).toEqual({ caseId: 'C-2026-000123' });
  });

  it('falls back to the route’s successStatus for an HttpResponse without a status', async () => {
    const handler = httpHandler(
      submitRoute,
      async () => new HttpResponse({ caseId: 'C-1' }, undefined, { etag: '"v1"' }),
    );
    const res = await invoke(
      handler,
      jsonPost({ matterCode: 'X', form: { applicantName: '张三', idNumber: ID_NUMBER } }, { claims: citizen }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"v1"');
  });

  it('serves a public route without any claims, with no principal', async () => {
    let seen: HttpRequest<typeof publicRoute> | undefined;
    const handler = httpHandler(publicRoute, async (request) => {
      seen = request;
      return { hello: 'world' };
    });
    const res = await invoke(handler, httpEvent());
    expect(res.statusCode).toBe(200);
    expect(seen?.principal).toBeUndefined();
    expect(seen?.requestId).toBe('r1');
  });

  it('gives a public route the principal when valid claims come along, and none for claims that map to nothing', async () => {
    const handler = httpHandler(publicRoute, async (request) => ({
      hello: 'x',
      caller: request.principal?.sub ?? 'anonymous',
    }));
    expect((await invoke(handler, httpEvent({ claims: citizen }))).json.caller).toBe('u-1001');
    const res = await invoke(handler, httpEvent({ claims: { sub: 'u', role: 'root' } }));
    expect(res.statusCode).toBe(200);
    expect(res.json.caller).toBe('anonymous');
  });

  it('hands the use case the principal, parsed params, coerced query with defaults and lower-cased headers', async () => {
    let seen: HttpRequest<typeof listRoute> | undefined;
    const handler = httpHandler(listRoute, async (request) => {
      seen = request;
      return { caseId: request.params.caseId, limit: request.query.limit };
    });
    const res = await invoke(
      handler,
      httpEvent({
        path: '/cases/C-2026-000123/materials',
        claims: citizen,
        params: { caseId: 'C-2026-000123' },
        query: { limit: '50' },
        headers: { 'X-Trace-Id': 't-9' },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ caseId: 'C-2026-000123', limit: 50 });
    expect(seen?.principal).toEqual({ sub: 'u-1001', role: 'applicant', idNumber: ID_NUMBER, name: '张三' });
    expect(seen?.headers['x-trace-id']).toBe('t-9');
    expect(seen?.headers['X-Trace-Id']).toBeUndefined();

    const defaults = await invoke(handler, httpEvent({ claims: citizen, params: { caseId: 'C-2026-000123' } }));
    expect(defaults.json.limit).toBe(20);
  });

  it('decodes a base64-encoded body before parsing it, and exposes the decoded raw body', async () => {
    const body = { matterCode: 'FOOD-LICENCE', form: { applicantName: '张三', idNumber: ID_NUMBER } };
    let seen: HttpRequest<typeof submitRoute> | undefined;
    const handler = httpHandler(submitRoute, async (request) => {
      seen = request;
      return { caseId: `C-${request.body.form.applicantName}` };
    });
    const res = await invoke(
      handler,
      jsonPost(undefined, {
        body: Buffer.from(JSON.stringify(body), 'utf8').toString('base64'),
        isBase64Encoded: true,
        claims: citizen,
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({ caseId: 'C-张三' });
    expect(seen?.body).toEqual(body);
    expect(seen?.rawBody).toBe(JSON.stringify(body));
  });

  it('accepts a +json media type with parameters', async () => {
    const handler = httpHandler(decideRoute, async (request) => ({ ok: request.body.decision === 'approve' }));
    const res = await invoke(
      handler,
      jsonPost(
        { decision: 'approve' },
        { claims: officer, headers: { 'Content-Type': 'application/merge-patch+json; charset=utf-8' } },
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });
});

// ---- authentication and authorisation ----

describe('httpHandler: who may call', () => {
  it('answers 401 UnauthorizedError to a protected route called without claims, without running the use case', async () => {
    const useCase = jest.fn(async () => ({ ok: true }));
    const res = await invoke(httpHandler(decideRoute, useCase), jsonPost({ decision: 'approve' }));
    expect(res.statusCode).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'UnauthorizedError' } });
    expect(useCase).not.toHaveBeenCalled();
  });

  it('answers 403 ForbiddenError to a role the route does not allow', async () => {
    const useCase = jest.fn(async () => ({ ok: true }));
    const res = await invoke(httpHandler(decideRoute, useCase), jsonPost({ decision: 'approve' }, { claims: citizen }));
    expect(res.statusCode).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'ForbiddenError' } });
    expect(res.json.error.message).toContain('applicant');
    expect(useCase).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown role', { sub: 'u', role: 'root' }],
    ['no role', { sub: 'u' }],
    ['a department role without department', { sub: 'u', role: 'department' }],
    ['both an ID number and a USCC', { sub: 'u', role: 'department', dept: 'SAMR', id_number: ID_NUMBER, uscc: USCC }],
  ])('answers 403 ForbiddenError to claims with %s, which map to no principal', async (_what, claims) => {
    const useCase = jest.fn(async () => ({ ok: true }));
    const res = await invoke(httpHandler(decideRoute, useCase), jsonPost({ decision: 'approve' }, { claims }));
    expect(res.statusCode).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'ForbiddenError' } });
    expect(useCase).not.toHaveBeenCalled();
  });

  it('lets the allowed role through with Cognito custom: claims', async () => {
    const res = await invoke(
      httpHandler(decideRoute, async (r) => ({ ok: r.principal.department === 'SAMR' })),
      jsonPost({ decision: 'reject' }, { claims: officer }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });
});

// ---- request validation ----

describe('httpHandler: request validation', () => {
  it('answers 400 ValidationError naming body path and rule for a bad field', async () => {
    const useCase = jest.fn(async () => ({ caseId: 'C-1' }));
    const res = await invoke(
      httpHandler(submitRoute, useCase),
      jsonPost(
        { matterCode: 'X', form: { applicantName: '张三', idNumber: '31011519880615402' } },
        { claims: citizen },
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe('ValidationError');
    expect(res.json.error.details).toEqual([
      expect.objectContaining({ path: 'form.idNumber', rule: 'invalid_format' }),
    ]);
    expect(useCase).not.toHaveBeenCalled();
  });

  it('names every failing field of the body', async () => {
    const res = await invoke(
      httpHandler(submitRoute, async () => ({ caseId: 'C-1' })),
      jsonPost({ form: { applicantName: '' } }, { claims: citizen }),
    );
    expect(res.statusCode).toBe(400);
    const paths = (res.json.error.details as { path: string; rule: string }[]).map((d) => `${d.path}:${d.rule}`).sort();
    expect(paths).toEqual(['form.applicantName:too_small', 'form.idNumber:invalid_type', 'matterCode:invalid_type']);
  });

  it('answers 400 naming query.limit and the rule for an out-of-range query parameter', async () => {
    const res = await invoke(
      httpHandler(listRoute, async () => ({ caseId: 'x', limit: 1 })),
      httpEvent({ claims: citizen, params: { caseId: 'C-2026-000123' }, query: { limit: '500' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe('ValidationError');
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'query.limit', rule: 'too_big' })]);
  });

  it('answers 400 naming params.caseId for a bad path parameter', async () => {
    const res = await invoke(
      httpHandler(listRoute, async () => ({ caseId: 'x', limit: 1 })),
      httpEvent({ claims: citizen, params: { caseId: '../etc' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.error.details).toEqual([
      expect.objectContaining({ path: 'params.caseId', rule: 'invalid_format' }),
    ]);
  });

  it('answers 400 with rule "json" for a body that is not valid JSON', async () => {
    const res = await invoke(
      httpHandler(decideRoute, async () => ({ ok: true })),
      httpEvent({
        method: 'POST',
        claims: officer,
        headers: { 'content-type': 'application/json' },
        body: '{"decision": "approve"',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'ValidationError', details: [{ path: 'body', rule: 'json' }] } });
  });

  it('answers 400 for a missing body on a route that needs one', async () => {
    const res = await invoke(
      httpHandler(decideRoute, async () => ({ ok: true })),
      httpEvent({ method: 'POST', claims: officer }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe('ValidationError');
  });

  it('answers 415 UnsupportedMediaTypeError to a body that is not JSON', async () => {
    const useCase = jest.fn(async () => ({ ok: true }));
    const res = await invoke(
      httpHandler(decideRoute, useCase),
      httpEvent({
        method: 'POST',
        claims: officer,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=approve',
      }),
    );
    expect(res.statusCode).toBe(415);
    expect(res.json).toMatchObject({ error: { code: 'UnsupportedMediaTypeError' } });
    expect(useCase).not.toHaveBeenCalled();
  });
});

// ---- errors thrown by the use case ----

describe("errorToHttpResponse: a schema failure from either of zod's APIs", () => {
  it("answers 400 naming the field and the rule for the classic API's error and for zod/mini's", () => {
    const classic = z.object({ year: z.number().int() }).safeParse({ year: 'x' }).error!;
    const lean = zm.object({ year: zm.int() }).safeParse({ year: 'x' }).error!;
    for (const error of [classic, lean]) {
      const res = errorToHttpResponse(error, 'req-zod');
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(String(res.body)).error).toMatchObject({
        code: 'ValidationError',
        details: [{ path: 'year', rule: 'invalid_type' }],
      });
    }
  });
});

describe('httpHandler: errors from the use case', () => {
  it.each([
    [new ConflictError('The application was already submitted'), 409, 'ConflictError'],
    [new RuleViolationError('The matter is not offered in this region'), 422, 'RuleViolationError'],
    [new NotFoundError('No case C-2026-000999'), 404, 'NotFoundError'],
    [new ThrottledError('Too many submissions'), 429, 'ThrottledError'],
  ])('maps %p to %i', async (error, status, code) => {
    const res = await invoke(
      httpHandler(decideRoute, async () => Promise.reject(error)),
      jsonPost({ decision: 'approve' }, { claims: officer }),
    );
    expect(res.statusCode).toBe(status);
    expect(res.json).toEqual({ error: { code, message: error.message } });
  });

  it('keeps the details of a domain error in the body', async () => {
    const error = new RuleViolationError('Materials incomplete', [
      { path: 'materials.0', rule: 'required', message: 'missing', messageZh: '缺少营业执照' },
    ]);
    const res = await invoke(
      httpHandler(decideRoute, async () => Promise.reject(error)),
      jsonPost({ decision: 'approve' }, { claims: officer }),
    );
    expect(res.json.error.details).toEqual([
      { path: 'materials.0', rule: 'required', message: 'missing', messageZh: '缺少营业执照' },
    ]);
  });

  it('answers 500 to an unexpected error without leaking its message or stack, quoting the request id', async () => {
    const error = new Error('connect ECONNREFUSED 10.0.3.17:5432 (password=hunter2) for 申请人');
    const res = await invoke(
      httpHandler(decideRoute, async () => {
        throw error;
      }),
      jsonPost({ decision: 'approve' }, { claims: officer }),
      'req-7f3a',
    );
    expect(res.statusCode).toBe(500);
    expect(res.json.error.code).toBe('InternalError');
    expect(res.body).toContain('req-7f3a');
    for (const part of [
      'ECONNREFUSED',
      '10.0.3.17',
      '5432',
      'hunter2',
      '申请人',
      'Error:',
      'http-handler.test',
      ' at ',
    ]) {
      expect(res.body).not.toContain(part);
    }
    for (const line of (error.stack ?? '').split('\n').slice(1)) expect(res.body).not.toContain(line.trim());
    expect(Object.keys(res.json.error).sort()).toEqual(['code', 'message']);
  });

  it('answers 500 to a thrown non-Error value', async () => {
    const res = await invoke(
      httpHandler(decideRoute, async () => {
        throw 'kaboom';
      }),
      jsonPost({ decision: 'approve' }, { claims: officer }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('kaboom');
  });
});

// ---- what reaches the logs ----

describe('httpHandler: logging', () => {
  const body = { matterCode: 'FOOD-LICENCE', form: { applicantName: '张三', idNumber: ID_NUMBER, uscc: USCC } };

  it('logs no raw ID number from the request body when the use case logs nothing', async () => {
    const handler = httpHandler(submitRoute, async () => ({ caseId: 'C-2026-000123' }));
    const res = await invoke(handler, jsonPost(body, { claims: citizen }));
    expect(res.statusCode).toBe(201);
    expect(logText()).not.toContain(ID_NUMBER);
    expect(logText()).not.toContain(USCC);
  });

  it('logs a refused request without the raw ID number', async () => {
    const handler = httpHandler(submitRoute, async () =>
      Promise.reject(new RuleViolationError(`Applicant ${ID_NUMBER} already holds a licence`)),
    );
    const res = await invoke(handler, jsonPost(body, { claims: citizen }));
    expect(res.statusCode).toBe(422);
    expect(logText()).toContain('request refused');
    expect(logText()).toContain('RuleViolationError');
    expect(logText()).not.toContain(ID_NUMBER);
  });

  it('logs the reason of a refused request (masked) in one INFO line, with no warning from the logger', async () => {
    const handler = httpHandler(submitRoute, async () =>
      Promise.reject(new RuleViolationError(`Applicant ${ID_NUMBER} already holds a licence`)),
    );
    await invoke(handler, jsonPost(body, { claims: citizen }));
    const lines = logged
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.level)).toEqual(['INFO']);
    expect(JSON.stringify(lines[0])).toContain('Applicant 310115********4025 already holds a licence');
  });

  it('logs an unexpected failure, masked: the error is there, the raw ID number and secrets are not', async () => {
    const handler = httpHandler(submitRoute, async (request) => {
      throw new Error(
        `insert failed for ${request.body.form.idNumber} / ${request.body.form.uscc}, mobile 13812345678`,
      );
    });
    const res = await invoke(
      handler,
      jsonPost(body, {
        claims: citizen,
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.secret.sig' },
      }),
      'req-log-1',
    );
    expect(res.statusCode).toBe(500);
    const text = logText();
    expect(text).toContain('request failed');
    expect(text).toContain('req-log-1');
    expect(text).toContain('insert failed for 310115********4025');
    for (const raw of [ID_NUMBER, USCC, '13812345678', 'eyJhbGciOiJSUzI1NiJ9']) expect(text).not.toContain(raw);
  });

  it('logs nothing of the raw body of a request that fails validation', async () => {
    const res = await invoke(
      httpHandler(submitRoute, async () => ({ caseId: 'C-1' })),
      jsonPost({ matterCode: '', form: { applicantName: '张三', idNumber: ID_NUMBER } }, { claims: citizen }),
    );
    expect(res.statusCode).toBe(400);
    expect(logText()).not.toContain(ID_NUMBER);
  });
});

// ---- error-response.ts on its own ----

describe('error-response', () => {
  it('maps every domain error name to a 4xx status', () => {
    expect(Object.keys(STATUS_BY_ERROR).sort()).toEqual([...DOMAIN_ERROR_NAMES].sort());
    for (const status of Object.values(STATUS_BY_ERROR)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });

  it('turns a ZodError thrown anywhere into a 400 with details', () => {
    const parsed = z.object({ n: z.number() }).safeParse({ n: 'x' });
    expect(parsed.success).toBe(false);
    const res = errorToHttpResponse((parsed as { error: ZodError }).error, 'r1');
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body ?? '')).toMatchObject({
      error: { code: 'ValidationError', details: [{ path: 'n', rule: 'invalid_type' }] },
    });
  });

  it('prefixes the paths of validationErrorFromZod and names the root', () => {
    const error = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 1 } }).error!;
    const validation = validationErrorFromZod(error, 'query');
    expect(validation).toBeInstanceOf(ValidationError);
    expect(validation.details).toEqual([expect.objectContaining({ path: 'query.a.b', rule: 'invalid_type' })]);
    expect(validation.message).toContain('query.a.b');
    expect(validationErrorFromZod(z.string().safeParse(1).error!).details[0]?.path).toBe('(root)');
  });

  it('omits details when a domain error has none', () => {
    expect(JSON.parse(errorToHttpResponse(new ForbiddenError('no'), 'r1').body ?? '')).toEqual({
      error: { code: 'ForbiddenError', message: 'no' },
    });
  });

  it('lets extra headers add to the JSON content type', () => {
    expect(jsonResponse(204, null, { 'cache-control': 'no-store' })).toEqual({
      statusCode: 204,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: 'null',
    });
  });
});
