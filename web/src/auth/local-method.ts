import { navigate } from 'wouter/use-browser-location';
import type { SignInMethod } from './method';

/**
 * The local cloud's identity provider: demo identities on a sign-in page, and a session cookie of its own (HttpOnly,
 * SameSite=Strict) from which a token is recovered after a reload, as an OpenID provider's session does. These
 * routes exist only in the local cloud; no deployed stack has them.
 */
export interface LocalIdentity {
  readonly id: string;
  readonly role: string;
  readonly label: { zh: string; en: string };
  readonly description: { zh: string; en: string };
  readonly area: 'hall' | 'workbench';
}

interface TokenAnswer {
  token: string;
  expiresAt: number;
}

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function localIdentities(): Promise<LocalIdentity[]> {
  const response = await fetch('/local/identities', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`local identities: ${response.status}`);
  return ((await response.json()) as { identities: LocalIdentity[] }).identities;
}

export async function localSignIn(identity: string): Promise<TokenAnswer> {
  const response = await post('/local/sign-in', { identity });
  if (!response.ok) throw new Error(`local sign-in: ${response.status}`);
  return (await response.json()) as TokenAnswer;
}

export function localMethod(): SignInMethod {
  const session = async () => {
    const response = await post('/local/session');
    return response.ok ? ((await response.json()) as TokenAnswer) : undefined;
  };
  return {
    recover: session,
    renew: session,
    signIn: (returnTo) => navigate(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`),
    signOut: async () => {
      await post('/local/sign-out');
      navigate('/');
    },
  };
}
