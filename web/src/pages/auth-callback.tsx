import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { completeOidcSignIn } from '../auth/oidc-method';
import { useSession } from '../auth/session';
import { Loading, Page } from '../components/common';
import { config } from '../config';
import { defineMessages, useT } from '../i18n/i18n';

const messages = defineMessages(
  { title: '正在登录', failed: '登录未完成，请重新登录。', again: '重新登录' },
  { title: 'Signing in', failed: 'Signing in did not complete. Please sign in again.', again: 'Sign in again' },
);

/**
 * Where the OpenID provider sends the browser back with the authorization code. The session exchanges it (with the
 * PKCE verifier) and signs the person in; this page waits for the same exchange, then goes back to where they were,
 * replacing this address so the code is not left in the history.
 */
export default function AuthCallback() {
  const t = useT(messages);
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const auth = config().auth;
    if (auth.mode !== 'oidc') return navigate('/', { replace: true });
    let cancelled = false;
    completeOidcSignIn(auth).then(
      ({ returnTo }) => !cancelled && navigate(returnTo, { replace: true }),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [navigate]);
  return (
    <Page title={t('title')}>
      {failed ? (
        <>
          <p className="notice notice--error" role="alert">
            {t('failed')}
          </p>
          <button type="button" className="button" onClick={() => signIn('/')}>
            {t('again')}
          </button>
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
