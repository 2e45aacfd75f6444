import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { SessionProvider } from './auth/session';
import { Loading, NotFound } from './components/common';
import { Layout } from './components/layout';
import { I18nProvider } from './i18n/i18n';

/** Each area is its own chunk: the home and guide pages load only what they show (the budget is 150 KB compressed). */
/** Pages take no props: they read their path parameters with useParams(). */
const page = (load: () => Promise<{ default: () => ReactNode }>) => lazy(load as () => Promise<{ default: ComponentType<object> }>);

/** The public entry pages' code, fetched at boot while the settings load (preloadEntryPage). */
const entry = {
  home: () => import('./pages/home'),
  search: () => import('./pages/search'),
  matterGuide: () => import('./pages/matter-guide'),
  bundleGuide: () => import('./pages/bundle-guide'),
  verify: () => import('./pages/verify'),
};
const ENTRY_PAGES: readonly [RegExp, () => Promise<unknown>][] = [
  [/^\/$/, entry.home],
  [/^\/search\/?$/, entry.search],
  [/^\/matters\/[^/]+\/?$/, entry.matterGuide],
  [/^\/bundles\/[^/]+\/?$/, entry.bundleGuide],
  [/^\/verify(\/[^/]+)?\/?$/, entry.verify],
];

/**
 * Starts fetching the code of the page a visitor arrives on, so it travels beside /config.json instead of after it:
 * one round trip fewer before a person arriving from a search engine or a QR code can use the page.
 */
export function preloadEntryPage(pathname: string): void {
  const match = ENTRY_PAGES.find(([pattern]) => pattern.test(pathname));
  if (match) void match[1]().catch(() => undefined);
}

const Home = page(entry.home);
const Search = page(entry.search);
const MatterGuide = page(entry.matterGuide);
const BundleGuide = page(entry.bundleGuide);
const ApplyStart = page(() => import('./pages/apply/start'));
const EditCase = page(() => import('./pages/apply/edit'));
const ReviewCase = page(() => import('./pages/apply/review'));
const Receipt = page(() => import('./pages/apply/receipt'));
const MyCases = page(() => import('./pages/cases/list'));
const CasePage = page(() => import('./pages/cases/case'));
const Wallet = page(() => import('./pages/wallet'));
const Verify = page(entry.verify);
const Inbox = page(() => import('./pages/inbox'));
const Contact = page(() => import('./pages/contact'));
const Appointments = page(() => import('./pages/appointments/list'));
const BookAppointment = page(() => import('./pages/appointments/book'));
const Agents = page(() => import('./pages/agents'));
const SignIn = page(() => import('./pages/sign-in'));
const AuthCallback = page(() => import('./pages/auth-callback'));
const Workbench = page(() => import('./workbench/workbench'));

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/" component={Home} />
              <Route path="/search" component={Search} />
              <Route path="/matters/:code" component={MatterGuide} />
              <Route path="/bundles/:code" component={BundleGuide} />
              <Route path="/apply/:kind/:code" component={ApplyStart} />
              <Route path="/cases" component={MyCases} />
              <Route path="/cases/:id/edit" component={EditCase} />
              <Route path="/cases/:id/review" component={ReviewCase} />
              <Route path="/cases/:id/receipt" component={Receipt} />
              <Route path="/cases/:id" component={CasePage} />
              <Route path="/wallet" component={Wallet} />
              <Route path="/verify/:licenceNo?" component={Verify} />
              <Route path="/inbox" component={Inbox} />
              <Route path="/settings/contact" component={Contact} />
              <Route path="/appointments/new" component={BookAppointment} />
              <Route path="/appointments" component={Appointments} />
              <Route path="/agents" component={Agents} />
              <Route path="/sign-in" component={SignIn} />
              <Route path="/auth/callback" component={AuthCallback} />
              <Route path="/workbench" component={Workbench} nest />
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
