import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, connectSession, unwrap } from '../api/client';
import { config } from '../config';
import type { SignInMethod } from './method';

/** The signed-in caller as the platform sees them (GET /me). */
export interface Me {
  readonly sub: string;
  readonly role: 'applicant' | 'agent' | 'window' | 'department' | 'supervisor' | 'admin';
  readonly idNumber?: string;
  readonly uscc?: string;
  readonly department?: string;
  readonly region?: string;
  readonly name?: string;
  /** 即办件: a window officer's delegations from departments, as DEPT:MATTER-CODE or DEPT:*. */
  readonly delegations?: readonly string[];
}

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly me: Me; readonly token: string };

interface SessionContext {
  readonly state: SessionState;
  /** Starts signing in; comes back to `returnTo` (a path of this site) afterwards. */
  signIn(returnTo?: string): void;
  signOut(): Promise<void>;
  /** Used by the sign-in pages once a token is in hand. */
  establish(token: string, expiresAt: number): Promise<void>;
}

const Context = createContext<SessionContext | undefined>(undefined);

/**
 * The session: the token lives in memory only (never in storage or a URL). After a reload it is recovered silently
 * from the identity provider's own session: the OpenID Connect provider's in deployed stages, the local identity
 * provider's cookie in the local cloud. It is renewed before it expires.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const tokenRef = useRef<string | undefined>(undefined);
  const renewTimer = useRef<number | undefined>(undefined);
  const methodRef = useRef<SignInMethod | undefined>(undefined);

  const method = useCallback(async (): Promise<SignInMethod> => {
    if (!methodRef.current) {
      const auth = config().auth;
      methodRef.current =
        auth.mode === 'local'
          ? (await import('./local-method')).localMethod()
          : (await import('./oidc-method')).oidcMethod(auth);
    }
    return methodRef.current;
  }, []);

  const establish = useCallback(
    async (token: string, expiresAt: number) => {
      tokenRef.current = token;
      const me = (await unwrap(api().GET('/me'))) as Me;
      setState({ status: 'signed-in', me, token });
      window.clearTimeout(renewTimer.current);
      // Renew at four fifths of the token's life, so a long form is never lost to an expired token.
      const renewIn = Math.max(30_000, (expiresAt - Date.now()) * 0.8);
      renewTimer.current = window.setTimeout(() => {
        void method()
          .then((m) => m.renew())
          .then((renewed) => (renewed ? establish(renewed.token, renewed.expiresAt) : undefined));
      }, renewIn);
    },
    [method],
  );

  const signOut = useCallback(async () => {
    window.clearTimeout(renewTimer.current);
    tokenRef.current = undefined;
    setState({ status: 'signed-out' });
    await (await method()).signOut();
  }, [method]);

  const signIn = useCallback(
    (returnTo?: string) => {
      void method().then((m) => m.signIn(returnTo ?? `${location.pathname}${location.search}`));
    },
    [method],
  );

  useEffect(() => {
    connectSession(
      () => tokenRef.current,
      () => {
        tokenRef.current = undefined;
        setState({ status: 'signed-out' });
      },
    );
    let cancelled = false;
    void (async () => {
      try {
        const recovered = await (await method()).recover();
        if (cancelled) return;
        if (recovered) await establish(recovered.token, recovered.expiresAt);
        else setState({ status: 'signed-out' });
      } catch {
        if (!cancelled) setState({ status: 'signed-out' });
      }
    })();
    return () => {
      cancelled = true;
      window.clearTimeout(renewTimer.current);
    };
  }, [establish, method]);

  const value = useMemo(() => ({ state, signIn, signOut, establish }), [state, signIn, signOut, establish]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The signed-in caller; only for pages under <RequireSignIn>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe on a page that does not require sign-in');
  return state.me;
}
