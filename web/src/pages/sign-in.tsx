import { useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { localIdentities, type LocalIdentity, localSignIn } from '../auth/local-method';
import { safeReturnTo } from '../auth/method';
import { useSession } from '../auth/session';
import { Loading, Page } from '../components/common';
import { config } from '../config';
import { defineMessages, useLocalised, useT } from '../i18n/i18n';

const messages = defineMessages(
  {
    title: '登录',
    local: '本地演示环境：请选择一个演示身份登录。部署的环境通过统一身份认证平台登录，没有此页面。',
    hall: '办事人',
    workbench: '工作人员',
    as: '以此身份登录',
    failed: '登录失败，请重试。',
    oidc: '正在跳转到统一身份认证平台…',
  },
  {
    title: 'Sign in',
    local:
      'Local demo cloud: choose a demo identity. Deployed stages sign in through the unified identity platform and have no such page.',
    hall: 'Applicants',
    workbench: 'Staff',
    as: 'Sign in as this identity',
    failed: 'Signing in failed. Please try again.',
    oidc: 'Taking you to the unified identity platform…',
  },
);

/** The local cloud's sign-in: its demo identities. In deployed stages this page hands over to the OpenID provider. */
export default function SignIn() {
  const t = useT(messages);
  const localised = useLocalised();
  const { establish, signIn } = useSession();
  const [, navigate] = useLocation();
  const returnTo = safeReturnTo(new URLSearchParams(useSearch()).get('returnTo'));
  const [identities, setIdentities] = useState<LocalIdentity[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string | undefined>();
  const local = config().auth.mode === 'local';

  useEffect(() => {
    if (!local) return signIn(returnTo);
    localIdentities().then(setIdentities, () => setFailed(true));
  }, [local, returnTo, signIn]);

  if (!local)
    return (
      <Page title={t('title')}>
        <p role="status">{t('oidc')}</p>
      </Page>
    );

  const choose = async (identity: LocalIdentity) => {
    setBusy(identity.id);
    setFailed(false);
    try {
      const { token, expiresAt } = await localSignIn(identity.id);
      await establish(token, expiresAt);
      navigate(returnTo === '/' && identity.area === 'workbench' ? '/workbench' : returnTo, { replace: true });
    } catch {
      setFailed(true);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Page title={t('title')}>
      <p className="notice">{t('local')}</p>
      {failed && (
        <p className="notice notice--error" role="alert">
          {t('failed')}
        </p>
      )}
      {!identities && !failed && <Loading />}
      {identities &&
        (['hall', 'workbench'] as const).map((area) => (
          <section key={area}>
            <h2>{t(area)}</h2>
            <ul className="grid grid--2 list-plain">
              {identities
                .filter((i) => i.area === area)
                .map((identity) => (
                  <li key={identity.id} className="card">
                    <h3>{localised(identity.label)}</h3>
                    <p className="muted">{localised(identity.description)}</p>
                    <button
                      type="button"
                      className="button"
                      aria-label={`${t('as')}：${localised(identity.label)}`}
                      disabled={busy !== undefined}
                      onClick={() => void choose(identity)}
                    >
                      {t('as')}
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
    </Page>
  );
}
