import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** One problem the API named: where (`form.idNumber`), which rule, and what to do, in English and Chinese. */
export interface ApiErrorDetail {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly messageZh?: string;
}

/** A failed call: an answer with the API's error shape, or no answer at all (`network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get network(): boolean {
    return this.status === 0;
  }
  get notFound(): boolean {
    return this.status === 404;
  }
}

let tokenSource: () => string | undefined = () => undefined;
let onUnauthorized: () => void = () => undefined;

/** The session tells the client where the bearer token comes from, and what to do when the API answers 401. */
export function connectSession(source: () => string | undefined, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function currentToken(): string | undefined {
  return tokenSource();
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenSource();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept', 'application/json');
    return request;
  },
};

let client: ReturnType<typeof createClient<paths>> | undefined;

/** The typed client over the platform's own OpenAPI document (the same routes any client uses). */
export function api(baseUrl?: string) {
  if (!client || baseUrl !== undefined) {
    client = createClient<paths>({ baseUrl: baseUrl ?? '' });
    client.use(auth);
  }
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits a client call: its data, or an ApiError with the API's code and details (status 0 when the network failed). */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, 'NetworkError', error instanceof Error ? error.message : String(error));
  }
  if (result.response.ok) return result.data as T;
  if (result.response.status === 401) onUnauthorized();
  const body = result.error as
    | { error?: { code?: string; message?: string; details?: ApiErrorDetail[] }; message?: string }
    | undefined;
  throw new ApiError(
    result.response.status,
    body?.error?.code ?? (result.response.status === 401 ? 'Unauthorized' : `HTTP${result.response.status}`),
    body?.error?.message ?? body?.message ?? result.response.statusText,
    body?.error?.details ?? [],
  );
}

/** A new random key for a command that must happen once (submit): the same key on a retry gives the first answer. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
