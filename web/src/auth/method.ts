/** How this stage signs people in: the local identity provider, or OpenID Connect. */
export interface SignInMethod {
  /** The token of a session the identity provider still holds (after a reload), or undefined. */
  recover(): Promise<{ token: string; expiresAt: number } | undefined>;
  renew(): Promise<{ token: string; expiresAt: number } | undefined>;
  signIn(returnTo: string): void;
  signOut(): Promise<void>;
}

/** Only paths of this site: a crafted `returnTo` must not send anyone elsewhere after signing in. */
export function safeReturnTo(value: string | null | undefined): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
