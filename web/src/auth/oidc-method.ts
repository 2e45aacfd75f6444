import { InMemoryWebStorage, type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { safeReturnTo, type SignInMethod } from './method';

/**
 * OpenID Connect, authorization code flow with PKCE (oidc-client-ts), against the stage's issuer: the province's
 * unified identity platform, or Cognito. Tokens stay in memory. After a reload the provider's own session signs the
 * person in again with one redirect (prompt=none: no page, no password, while that session lives); the refresh token
 * renews the access token silently.
 */
type OidcAuth = { issuer: string; clientId: string; scope?: string };

/** Only a flag (no token): this tab had a session, so a reload may recover it from the provider. */
const WAS_SIGNED_IN = 'one-stop.oidc.signed-in';
const CALLBACK_PATH = '/auth/callback';
let manager: UserManager | undefined;

export function userManager(auth: OidcAuth): UserManager {
  manager ??= new UserManager({
    authority: auth.issuer,
    client_id: auth.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: auth.scope ?? 'openid profile',
    // The user (tokens) in memory; only the short-lived PKCE state of a sign-in in progress in sessionStorage.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    // The session renews (session.tsx): a second, automatic renewal would race it for the refresh token, which the
    // provider rotates on each use and may revoke the whole grant when a used one comes again.
    automaticSilentRenew: false,
  });
  return manager;
}

const answer = (user: User) => ({
  token: user.access_token,
  expiresAt: (user.expires_at ?? Date.now() / 1000 + 300) * 1000,
});

interface CallbackState {
  readonly returnTo?: string;
  /** A reload's recovery (prompt=none): when the provider's session has ended, the person is simply signed out. */
  readonly silent?: boolean;
}

export function oidcMethod(auth: OidcAuth): SignInMethod {
  const um = userManager(auth);
  return {
    async recover() {
      // The sign-in the provider has just sent back: the callback page shows its progress and moves on.
      if (location.pathname === CALLBACK_PATH) {
        const done = await completeOidcSignIn(auth).catch(() => undefined);
        return done?.token ? { token: done.token, expiresAt: done.expiresAt } : undefined;
      }
      const user = await um.getUser();
      if (user && !user.expired) return answer(user);
      if (!sessionStorage.getItem(WAS_SIGNED_IN)) return undefined;
      // The provider still knows the person: one redirect and back to this page. It never resolves (the page
      // unloads), so the session stays 'loading' instead of flashing "please sign in".
      const state: CallbackState = { returnTo: `${location.pathname}${location.search}`, silent: true };
      await um.signinRedirect({ prompt: 'none', state });
      return undefined;
    },
    async renew() {
      // Only with a refresh token: the silent iframe needs this site framed, which its headers forbid.
      const user = await um.getUser();
      if (!user?.refresh_token) return undefined;
      const renewed = await um.signinSilent().catch(() => null);
      return renewed ? answer(renewed) : undefined;
    },
    signIn(returnTo) {
      const state: CallbackState = { returnTo };
      void um.signinRedirect({ state });
    },
    async signOut() {
      sessionStorage.removeItem(WAS_SIGNED_IN);
      // The user is still loaded here, so the end-session request carries id_token_hint (the provider then knows
      // the client and honours post_logout_redirect_uri); oidc-client-ts forgets the user itself before it goes.
      // An issuer without an end-session endpoint (Cognito's discovery has none) leaves the person on the home page.
      await um.signoutRedirect().catch(async () => {
        await um.removeUser();
        location.assign('/');
      });
    },
  };
}

export type CallbackResult =
  | { token: string; expiresAt: number; returnTo: string }
  | { token?: undefined; returnTo: string };
let completing: Promise<CallbackResult> | undefined;

/**
 * Completes the redirect at /auth/callback once (the session and the page both wait on it): exchanges the code with
 * the PKCE verifier. A reload's silent recovery that found no provider session resolves without a token.
 */
export function completeOidcSignIn(auth: OidcAuth): Promise<CallbackResult> {
  completing ??= userManager(auth)
    .signinRedirectCallback()
    .then(
      (user) => {
        sessionStorage.setItem(WAS_SIGNED_IN, '1');
        return { ...answer(user), returnTo: safeReturnTo((user.state as CallbackState | undefined)?.returnTo) };
      },
      (error: { error?: string; state?: unknown }) => {
        const state = error.state as CallbackState | undefined;
        if (
          state?.silent &&
          ['login_required', 'interaction_required', 'consent_required'].includes(error.error ?? '')
        ) {
          sessionStorage.removeItem(WAS_SIGNED_IN);
          return { returnTo: safeReturnTo(state.returnTo) };
        }
        throw error;
      },
    );
  return completing;
}
