import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { safeReturnTo, type SignInMethod } from './method';

/**
 * OpenID Connect, authorization code flow with PKCE (oidc-client-ts), against the stage's issuer: the province's
 * unified identity platform, or Cognito. Tokens stay in memory. After a reload the provider's own session signs the
 * person in again with one redirect (no password asked while that session lives); the refresh token renews silently.
 */
const WAS_SIGNED_IN = 'one-stop.oidc.signed-in';
let manager: UserManager | undefined;

export function userManager(auth: { issuer: string; clientId: string; scope?: string }): UserManager {
  manager ??= new UserManager({
    authority: auth.issuer,
    client_id: auth.clientId,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: auth.scope ?? 'openid profile',
    // The user (tokens) in memory; only the short-lived PKCE state of a sign-in in progress in sessionStorage.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: true,
  });
  return manager;
}

export function oidcMethod(auth: { issuer: string; clientId: string; scope?: string }): SignInMethod {
  const um = userManager(auth);
  const answer = (user: { access_token: string; id_token?: string; expires_at?: number } | null) =>
    user ? { token: user.access_token, expiresAt: (user.expires_at ?? Date.now() / 1000 + 300) * 1000 } : undefined;
  return {
    async recover() {
      const user = await um.getUser();
      if (user && !user.expired) return answer(user);
      // The provider still knows the person: one redirect, no password asked, back to this page.
      if (sessionStorage.getItem(WAS_SIGNED_IN) && !location.pathname.startsWith('/auth/')) {
        await um.signinRedirect({ state: { returnTo: `${location.pathname}${location.search}` } });
      }
      return undefined;
    },
    async renew() {
      return answer(await um.signinSilent().catch(() => null));
    },
    signIn(returnTo) {
      void um.signinRedirect({ state: { returnTo } });
    },
    async signOut() {
      sessionStorage.removeItem(WAS_SIGNED_IN);
      await um.removeUser();
      await um.signoutRedirect().catch(() => location.assign('/'));
    },
  };
}

/** Completes the redirect at /auth/callback: the token, and where to go back to. */
export async function completeOidcSignIn(auth: { issuer: string; clientId: string; scope?: string }) {
  const user = await userManager(auth).signinRedirectCallback();
  sessionStorage.setItem(WAS_SIGNED_IN, '1');
  const returnTo = safeReturnTo((user.state as { returnTo?: string } | undefined)?.returnTo);
  return { token: user.access_token, expiresAt: (user.expires_at ?? 0) * 1000, returnTo };
}
