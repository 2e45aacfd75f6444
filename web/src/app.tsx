import { type ComponentType, createElement, lazy, type ReactNode, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { SessionProvider } from './auth/session';
import { Loading, NotFound } from './components/common';
import { Layout } from './components/layout';
import { I18nProvider } from './i18n/i18n';

/** A page's module; pages take no props: they read their path parameters with useParams(). */
type PageModule = { default: () => ReactNode };

/**
 * Each area is its own chunk: the home and guide pages load only what they show (the budget is 150 KB compressed).
 * A page whose code has already arrived renders at once instead of through React.lazy: React 19 holds back a
 * Suspense boundary's content for up to 300 ms after its fallback showed, which on a slow phone is a fifth of the
 * start-up budget. React.lazy stays for pages reached later, whose code is fetched on navigation.
 */
function page(load: () => Promise<PageModule>) {
  let ready: ComponentType<object> | undefined;
  const fetchOnce = () =>
    load().then((module) => {
      ready = module.default as ComponentType<object>;
      return module;
    });
  const Lazy = lazy(fetchOnce as () => Promise<{ default: ComponentType<object> }>);
  // biome-ignore lint/correctness/noComponentHookFactories: made once per page at module load, as React.lazy is
  const Page = () => (ready ? createElement(ready) : createElement(Lazy));
  return Object.assign(Page, { preload: fetchOnce });
}

const Home = page(() => import('./pages/home'));
const Search = page(() => import('./pages/search'));
const MatterGuide = page(() => import('./pages/matter-guide'));
const BundleGuide = page(() => import('./pages/bundle-guide'));
const ApplyStart = page(() => import('./pages/apply/start'));
const EditCase = page(() => import('./pages/apply/edit'));
const ReviewCase = page(() => import('./pages/apply/review'));
const Receipt = page(() => import('./pages/apply/receipt'));
const MyCases = page(() => import('./pages/cases/list'));
const CasePage = page(() => import('./pages/cases/case'));
const Wallet = page(() => import('./pages/wallet'));
const Verify = page(() => import('./pages/verify'));
const Inbox = page(() => import('./pages/inbox'));
const Contact = page(() => import('./pages/contact'));
const Appointments = page(() => import('./pages/appointments/list'));
const BookAppointment = page(() => import('./pages/appointments/book'));
const Agents = page(() => import('./pages/agents'));
const SignIn = page(() => import('./pages/sign-in'));
const AuthCallback = page(() => import('./pages/auth-callback'));
const Workbench = page(() => import('./workbench/workbench'));

/** The pages people arrive on from a search engine, a shared link or a licence's QR code. */
const ENTRY_PAGES: readonly [RegExp, { preload(): Promise<unknown> }][] = [
  [/^\/$/, Home],
  [/^\/search\/?$/, Search],
  [/^\/matters\/[^/]+\/?$/, MatterGuide],
  [/^\/bundles\/[^/]+\/?$/, BundleGuide],
  [/^\/verify(\/[^/]+)?\/?$/, Verify],
];

/**
 * Fetches the code of the page a visitor arrives on beside /config.json instead of after it, so the first render
 * shows the page itself: one round trip and one Suspense hold-back fewer. Never fails: a chunk that could not be
 * fetched is fetched again, with its error shown, by React.lazy when the page renders.
 */
export function preloadEntryPage(pathname: string): Promise<unknown> {
  const match = ENTRY_PAGES.find(([pattern]) => pattern.test(pathname));
  return match ? match[1].preload().catch(() => undefined) : Promise.resolve();
}

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
