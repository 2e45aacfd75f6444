import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { completeOidcSignIn } from '../auth/oidc-method';
import { useSession } from '../auth/session';
import { Loading, Page } from '../components/common';
import { config } from '../config';
import { defineMessages, useT } from '../i18n/i18n';

const messages = defineMessages({ title: '正在登录', failed: '登录未完成，请重新登录。', again: '重新登录' }, { title: 'Signing in', failed: 'Signing in did not complete. Please sign in again.', again: 'Sign in again' });

/** Where the OpenID provider sends the browser back with the authorization code (exchanged with PKCE). */
export default function AuthCallback() {
  const t = useT(messages);
  const { establish, signIn } = useSession();
  const [, navigate] = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const auth = config().auth;
    if (auth.mode !== 'oidc') return navigate('/', { replace: true });
    completeOidcSignIn(auth)
      .then(async ({ token, expiresAt, returnTo }) => {
        await establish(token, expiresAt);
        navigate(returnTo, { replace: true });
      })
      .catch(() => setFailed(true));
  }, [establish, navigate]);
  return (
    <Page title={t('title')}>
      {failed ? (
        <>
          <p className="notice notice--error" role="alert">{t('failed')}</p>
          <button type="button" className="button" onClick={() => signIn('/')}>{t('again')}</button>
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
