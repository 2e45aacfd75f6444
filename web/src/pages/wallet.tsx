import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { useMe } from '../auth/session';
import { CommandError, Loader, Page, RequireSignIn } from '../components/common';
import { useCursorPages } from '../components/use-cursor-pages';
import { defineMessages, useT } from '../i18n/i18n';
import { type Licence, LicenceCard } from './licences/licence-card';

const messages = defineMessages(
  {
    title: '我的证照',
    lead: '您的电子证照：出示二维码或分享核验链接，任何人都可以核验其真伪和状态。',
    empty: '您还没有电子证照。办结的事项发证后会出现在这里。',
    search: '查找办事事项',
    more: '显示更多证照',
    notApplicant: '证照夹只对持证的个人和企业开放。代办员请让委托人本人查看。',
    verify: '核验他人出示的证照',
  },
  {
    title: 'My licences',
    lead: 'Your e-licences: show the QR code or share the verification link, and anyone can check that it is genuine and valid.',
    empty: 'You have no e-licences yet. Licences issued for your cases appear here.',
    search: 'Find a service',
    more: 'Show more licences',
    notApplicant:
      'The wallet is for the people and enterprises who hold licences. Agents: ask the holder to look here.',
    verify: 'Verify a licence someone shows you',
  },
);

export default function Wallet() {
  return (
    <RequireSignIn>
      <WalletPage />
    </RequireSignIn>
  );
}

function WalletPage() {
  const t = useT(messages);
  const me = useMe();
  // GET /me/licences is for holders only: an agent or staff member is told so instead of being refused.
  if (me.role !== 'applicant')
    return (
      <Page title={t('title')}>
        <p className="notice">{t('notApplicant')}</p>
        <p>
          <Link href="/verify">{t('verify')}</Link>
        </p>
      </Page>
    );
  return <Licences />;
}

function Licences() {
  const t = useT(messages);
  const list = useCursorPages<Licence, { items: Licence[]; nextCursor?: string }>(
    (cursor) => unwrap(api().GET('/me/licences', { params: { query: { limit: 50, cursor } } })),
    [],
  );
  return (
    <Page title={t('title')}>
      <p className="lead">{t('lead')}</p>
      <Loader loaded={list}>
        {({ items, nextCursor }) =>
          items.length === 0 ? (
            <p>
              {t('empty')} <Link href="/search">{t('search')}</Link>
            </p>
          ) : (
            <>
              {items.map((licence) => (
                <LicenceCard key={`${licence.licenceNo}:${licence.version}`} licence={licence} />
              ))}
              <CommandError error={list.moreError} />
              {nextCursor && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={list.loadingMore}
                  onClick={() => void list.loadMore()}
                >
                  {t('more')}
                </button>
              )}
            </>
          )
        }
      </Loader>
      <p>
        <Link href="/verify">{t('verify')}</Link>
      </p>
    </Page>
  );
}
