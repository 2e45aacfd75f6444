import { type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { useSession } from '../auth/session';
import { defineMessages, useLang, useT } from '../i18n/i18n';

const messages = defineMessages(
  {
    skip: '跳到主要内容',
    site: '一网通办',
    hall: '网上办事大厅',
    staffHall: '政务服务工作台',
    nav: '主导航',
    home: '首页',
    cases: '我的办件',
    wallet: '我的证照',
    inbox: '消息中心',
    unread: '{n} 条未读',
    appointments: '预约',
    agents: '代办授权',
    verify: '证照核验',
    workbench: '工作台',
    signIn: '登录',
    signOut: '退出',
    language: 'English',
    languageLabel: 'Switch to English',
    signedInAs: '已登录：{name}',
    footer: '一网通办 · 开源政务服务平台',
    menu: '菜单',
  },
  {
    skip: 'Skip to main content',
    site: 'One-stop Services',
    hall: 'Online Service Hall',
    staffHall: 'Staff workbench',
    nav: 'Main navigation',
    home: 'Home',
    cases: 'My cases',
    wallet: 'My licences',
    inbox: 'Messages',
    unread: '{n} unread',
    appointments: 'Appointments',
    agents: 'Agents',
    verify: 'Verify a licence',
    workbench: 'Workbench',
    signIn: 'Sign in',
    signOut: 'Sign out',
    language: '中文',
    languageLabel: '切换到中文',
    signedInAs: 'Signed in as {name}',
    footer: 'One-stop Government Services · open source',
    menu: 'Menu',
  },
);

const STAFF_ROLES = new Set(['window', 'department', 'supervisor', 'admin']);

/** The unread count in the header, refreshed on each navigation. */
function useUnread(signedIn: boolean, location: string): number | undefined {
  const [unread, setUnread] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the count is fetched again on each navigation
  useEffect(() => {
    if (!signedIn) return setUnread(undefined);
    let cancelled = false;
    unwrap(api().GET('/me/inbox', { params: { query: { unread: 'true', limit: 1 } as never } })).then(
      (page) => !cancelled && setUnread((page as { unread: number }).unread),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [signedIn, location]);
  return unread;
}

export function Layout({ children }: { children: ReactNode }) {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  const { state, signIn, signOut } = useSession();
  const [location] = useLocation();
  const signedIn = state.status === 'signed-in';
  const staff = signedIn && STAFF_ROLES.has(state.me.role);
  const unread = useUnread(signedIn && !staff, location);
  const [menuOpen, setMenuOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu closes whenever the route changes
  useEffect(() => setMenuOpen(false), [location]);

  const nav = staff
    ? [{ href: '/workbench', label: t('workbench') }]
    : [
        { href: '/', label: t('home') },
        { href: '/cases', label: t('cases') },
        { href: '/wallet', label: t('wallet') },
        { href: '/appointments', label: t('appointments') },
        { href: '/agents', label: t('agents') },
        { href: '/verify', label: t('verify') },
      ];

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          {/* Staff see which side they are on: the workbench, not the applicants' hall. */}
          <Link href={staff ? '/workbench' : '/'} className="header__brand">
            <span className="header__site">{t('site')}</span>
            <span className="header__hall">{t(staff ? 'staffHall' : 'hall')}</span>
          </Link>
          <div className="header__tools">
            {signedIn && !staff && (
              <Link href="/inbox" className="header__inbox">
                {t('inbox')}
                {unread !== undefined && unread > 0 && (
                  <>
                    {/* Screen readers ignore aria-label on a plain span: they read the words beside it instead. */}
                    <span className="badge" aria-hidden="true">
                      {unread}
                    </span>
                    <span className="visually-hidden">{t('unread', { n: unread })}</span>
                  </>
                )}
              </Link>
            )}
            <button
              type="button"
              className="link-button"
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
              aria-label={t('languageLabel')}
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('language')}
            </button>
            {state.status === 'signed-in' ? (
              <>
                <span className="header__who">{t('signedInAs', { name: state.me.name ?? state.me.sub })}</span>
                <button type="button" className="link-button" onClick={() => void signOut()}>
                  {t('signOut')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="link-button"
                onClick={() => signIn()}
                disabled={state.status === 'loading'}
              >
                {t('signIn')}
              </button>
            )}
            <button
              type="button"
              className="header__menu link-button"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              {t('menu')}
            </button>
          </div>
        </div>
        <nav id="main-nav" aria-label={t('nav')} className={menuOpen ? 'nav nav--open' : 'nav'}>
          <ul className="nav__list">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={location === item.href ? 'page' : undefined} className="nav__link">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
