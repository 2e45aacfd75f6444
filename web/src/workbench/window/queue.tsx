import { type MouseEvent, useMemo } from 'react';
import { useLocation, useRouter } from 'wouter';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo } from '../../pages/cases/catalogue';
import { dueState, shanghaiToday } from '../shared/due-date';
import { useMe } from '../../auth/session';
import { applicantOf, entryInfos, infoOf } from './case-names';
import { OnTheSpotQueue } from './on-the-spot';
import './window.css';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '受理队列',
    intro: '等待窗口受理的办件，受理期限最近的在前。期满未作决定的，视为受理。',
    count: '共 {n} 件待受理。',
    overdueCount: '其中 {n} 件已过受理期限。',
    empty: '目前没有等待受理的办件。',
    refresh: '刷新',
    caption: '待受理办件',
    number: '流水号',
    matter: '事项',
    applicant: '申请人',
    channel: '渠道',
    submittedAt: '提交时间',
    due: '受理期限',
    online: '网上',
    window: '窗口',
    citizen: '自然人',
    enterprise: '法人',
    overdue: '已逾期',
    today: '今日到期',
  },
  {
    title: 'Acceptance queue',
    intro:
      'Cases waiting for the window’s decision, the nearest acceptance deadline first. A case nobody decides on by its deadline counts as accepted.',
    count: '{n} cases waiting.',
    overdueCount: '{n} of them are past their acceptance deadline.',
    empty: 'No case is waiting for acceptance.',
    refresh: 'Refresh',
    caption: 'Cases waiting for acceptance',
    number: 'Case number',
    matter: 'Matter',
    applicant: 'Applicant',
    channel: 'Channel',
    submittedAt: 'Submitted',
    due: 'Acceptance due',
    online: 'Online',
    window: 'Window',
    citizen: 'Citizen',
    enterprise: 'Enterprise',
    overdue: 'Overdue',
    today: 'Due today',
  },
);

/** The most the page reads (the API gives 100 a page): more than a window has waiting on any day. */
const MAX_ITEMS = 2000;

/** Every waiting case, page after page, then the words for their matters: one request per distinct matter version. */
async function loadQueue(): Promise<{ items: CaseView[]; infos: ReadonlyMap<string, EntryInfo> }> {
  const items: CaseView[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api().GET('/acceptance/queue', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_ITEMS);
  return { items, infos: await entryInfos(items) };
}

/** /workbench/queue: the cases waiting for the window (前台综合受理), in the API's order (most urgent first). */
export default function Queue() {
  const t = useT(messages);
  const me = useMe();
  const loaded = useApi(loadQueue, []);
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <Loader loaded={loaded}>
        {(data) => <QueueTable items={data.items} infos={data.infos} onRefresh={loaded.reload} />}
      </Loader>
      {(me.delegations?.length ?? 0) > 0 && <OnTheSpotQueue />}
    </Page>
  );
}

/**
 * A plain table, one row per case and no work per row beyond formatting: 500 rows render at once. The formatters and
 * today's date are made once for the table, not per row.
 */
function QueueTable({
  items,
  infos,
  onRefresh,
}: {
  items: readonly CaseView[];
  infos: ReadonlyMap<string, EntryInfo>;
  onRefresh: () => void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  const today = useMemo(shanghaiToday, []);
  const overdue = useMemo(
    () => items.filter((c) => c.deadlines.acceptance && dueState(c.deadlines.acceptance, today) === 'overdue').length,
    [items, today],
  );
  // Plain links and one click handler for the table (wouter's <Link> costs hooks per row): the router navigates.
  const [, navigate] = useLocation();
  const base = useRouter().base;
  const follow = (event: MouseEvent<HTMLTableSectionElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = link.getAttribute('href') ?? '';
    if (!href.startsWith(`${base}/`)) return;
    event.preventDefault();
    navigate(href.slice(base.length));
  };
  const words = {
    overdue: t('overdue'),
    today: t('today'),
    online: t('online'),
    window: t('window'),
    citizen: t('citizen'),
    enterprise: t('enterprise'),
  };

  return (
    <>
      <div className="actions queue__summary">
        <p role="status" className="queue__count">
          {items.length === 0 ? t('empty') : t('count', { n: items.length })}{' '}
          {overdue > 0 && <strong className="overdue">{t('overdueCount', { n: overdue })}</strong>}
        </p>
        <button type="button" className="button button--secondary" onClick={onRefresh}>
          {t('refresh')}
        </button>
      </div>
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
          <table className="queue">
            <caption id="queue-caption" className="visually-hidden">
              {t('caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('matter')}</th>
                <th scope="col">{t('applicant')}</th>
                <th scope="col">{t('channel')}</th>
                <th scope="col">{t('submittedAt')}</th>
                <th scope="col">{t('due')}</th>
              </tr>
            </thead>
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: routes its links' clicks; Enter on a link clicks too */}
            <tbody onClick={follow}>
              {items.map((c) => {
                const info = infoOf(infos, c);
                const who = applicantOf(c, info);
                const due = c.deadlines.acceptance;
                const state = due ? dueState(due, today) : 'later';
                return (
                  <tr key={c.id} className={state === 'overdue' ? 'queue__row--overdue' : undefined}>
                    <th scope="row">
                      <a href={`${base}/cases/${c.id}`} className="queue__number">
                        {c.number}
                      </a>
                    </th>
                    <td>{info ? localised(info.name) : c.matterCode}</td>
                    <td>
                      {words[c.applicant.type]}
                      {who && <span className="queue__who">{who}</span>}
                    </td>
                    <td>{c.channel === 'window' ? words.window : words.online}</td>
                    <td>{c.submittedAt ? format.dateTime(c.submittedAt) : ''}</td>
                    <td className={state === 'overdue' ? 'overdue' : undefined}>
                      {due && <time dateTime={due}>{format.date(due)}</time>}
                      {state !== 'later' && <span className="queue__due-state">{words[state]}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
