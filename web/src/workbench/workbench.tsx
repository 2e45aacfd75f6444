import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { type Me, useMe } from '../auth/session';
import { NotFound, Loading, RequireSignIn } from '../components/common';
import { defineMessages, useT } from '../i18n/i18n';
import './workbench.css';

/**
 * The staff workbench, in the same app as the hall (one client, sign-in, components and tests) but in chunks of its
 * own, so applicants' pages never load it. Each role sees only its area: its navigation, and its routes (another
 * role's URL answers "not found", as the API would).
 */
const area = (load: () => Promise<{ default: () => ReactNode }>) =>
  lazy(load as () => Promise<{ default: ComponentType<object> }>);

const Queue = area(() => import('./window/queue'));
const WindowCase = area(() => import('./window/case'));
const Notice = area(() => import('./window/notice'));
const WalkIn = area(() => import('./window/walk-in'));
const Results = area(() => import('./window/results'));
const Todo = area(() => import('./department/todo'));
const Task = area(() => import('./department/task'));
const Integration = area(() => import('./department/integration'));
const PostChecks = area(() => import('./department/post-checks'));
const PostCheck = area(() => import('./department/post-check'));
const Board = area(() => import('./supervisor/board'));
const Indicators = area(() => import('./supervisor/indicators'));
const IndicatorCases = area(() => import('./supervisor/indicator-cases'));
const Complaints = area(() => import('./supervisor/complaints'));
const Extensions = area(() => import('./supervisor/extensions'));
const Compression = area(() => import('./supervisor/compression'));
const Catalogue = area(() => import('./admin/catalogue'));
const CatalogueEntry = area(() => import('./admin/catalogue-entry'));
const Calendar = area(() => import('./admin/calendar'));
const Departments = area(() => import('./admin/departments'));
const Integrations = area(() => import('./admin/integrations'));
const Audit = area(() => import('./admin/audit'));
const LicenceImport = area(() => import('./admin/licence-import'));

const messages = defineMessages(
  {
    title: '工作台',
    areas: '工作台导航',
    notStaff: '工作台只供工作人员使用。',
    queue: '受理队列',
    walkIn: '窗口收件',
    results: '出件',
    todo: '统一待办',
    integration: '系统对接',
    postChecks: '事后核查',
    board: '时限预警',
    indicators: '统计指标',
    complaints: '投诉与整改',
    extensions: '延期审批',
    compression: '时限压缩',
    catalogue: '事项目录',
    calendar: '工作日历',
    departments: '部门',
    integrations: '部门对接',
    licenceImport: '证照导入',
    audit: '审计日志',
  },
  {
    title: 'Workbench',
    areas: 'Workbench navigation',
    notStaff: 'The workbench is for staff only.',
    queue: 'Acceptance queue',
    walkIn: 'Walk-in intake',
    results: 'Results',
    todo: 'To-do',
    integration: 'System integration',
    postChecks: 'Post-checks',
    board: 'Deadlines',
    indicators: 'Indicators',
    complaints: 'Complaints',
    extensions: 'Extensions',
    compression: 'Compressed limits',
    catalogue: 'Catalogue',
    calendar: 'Calendar',
    departments: 'Departments',
    integrations: 'Integrations',
    licenceImport: 'Licence import',
    audit: 'Audit log',
  },
);
type Key = keyof typeof messages.zh;

interface AreaRoute {
  readonly path: string;
  readonly component: ComponentType<object>;
  /** In the area's navigation, with this label. */
  readonly nav?: Key;
}

/** Each role's routes under /workbench; the first is its home. */
const AREAS: Record<Exclude<Me['role'], 'applicant' | 'agent'>, readonly AreaRoute[]> = {
  window: [
    { path: '/queue', component: Queue, nav: 'queue' },
    { path: '/walk-in', component: WalkIn, nav: 'walkIn' },
    { path: '/results', component: Results, nav: 'results' },
    { path: '/cases/:id/notices/:kind', component: Notice },
    { path: '/cases/:id', component: WindowCase },
  ],
  department: [
    { path: '/tasks', component: Todo, nav: 'todo' },
    { path: '/post-checks', component: PostChecks, nav: 'postChecks' },
    { path: '/integration', component: Integration, nav: 'integration' },
    { path: '/tasks/:id', component: Task },
    { path: '/post-checks/:id', component: PostCheck },
  ],
  supervisor: [
    { path: '/deadlines', component: Board, nav: 'board' },
    { path: '/indicators', component: Indicators, nav: 'indicators' },
    { path: '/complaints', component: Complaints, nav: 'complaints' },
    { path: '/extensions', component: Extensions, nav: 'extensions' },
    { path: '/compression', component: Compression, nav: 'compression' },
    { path: '/indicators/cases', component: IndicatorCases },
    { path: '/cases/:id', component: WindowCase },
  ],
  admin: [
    { path: '/catalogue', component: Catalogue, nav: 'catalogue' },
    { path: '/calendar', component: Calendar, nav: 'calendar' },
    { path: '/departments', component: Departments, nav: 'departments' },
    { path: '/integrations', component: Integrations, nav: 'integrations' },
    { path: '/licence-import', component: LicenceImport, nav: 'licenceImport' },
    { path: '/audit', component: Audit, nav: 'audit' },
    { path: '/catalogue/:kind/:code/:version', component: CatalogueEntry },
  ],
};

function RoleArea() {
  const me = useMe();
  const t = useT(messages);
  const [location] = useLocation();
  const routes = me.role === 'applicant' || me.role === 'agent' ? undefined : AREAS[me.role];
  if (!routes) return <NotFound />;
  return (
    <div className="workbench">
      <nav aria-label={t('areas')} className="workbench__nav">
        <ul>
          {routes
            .filter((r) => r.nav)
            .map((r) => (
              <li key={r.path}>
                <Link href={r.path} aria-current={location === r.path ? 'page' : undefined}>
                  {t(r.nav!)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <div className="workbench__content">
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/">
              <Redirect to={routes[0]!.path} replace />
            </Route>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} component={r.component} />
            ))}
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </div>
    </div>
  );
}

export default function Workbench() {
  return (
    <RequireSignIn>
      <RoleArea />
    </RequireSignIn>
  );
}
