import { useRef } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { CommandError, Loader } from '../../components/common';
import { useCursorPages } from '../../components/use-cursor-pages';
import { defineMessages, useFormat, useLocalised, useT } from '../../i18n/i18n';
import type { EntryInfo } from '../../pages/cases/catalogue';
import { StatusTag } from '../../pages/cases/status';
import { entryInfos, infoOf } from './case-names';

type CaseView = components['schemas']['Case'];

const messages = defineMessages(
  {
    title: '我最近的收件',
    empty: '您还没有窗口收件。',
    caption: '我登记的窗口收件，最新的在前',
    number: '流水号',
    matter: '事项',
    applicant: '申请人',
    status: '状态',
    createdAt: '登记时间',
    action: '操作',
    resume: '继续收件',
    answer: '窗口补正',
    receipt: '回执',
    more: '显示更多',
    loadingMore: '正在加载…',
  },
  {
    title: 'My recent walk-ins',
    empty: 'You have registered no walk-in case yet.',
    caption: 'Walk-in cases I registered, newest first',
    number: 'Case number',
    matter: 'Matter',
    applicant: 'Applicant',
    status: 'Status',
    createdAt: 'Registered',
    action: 'Action',
    resume: 'Continue',
    answer: 'Corrections',
    receipt: 'Receipt',
    more: 'Show more',
    loadingMore: 'Loading…',
  },
);

interface WalkInPage {
  readonly items: readonly CaseView[];
  readonly nextCursor?: string;
}

/** The officer's own walk-in cases (GET /window/applications): drafts to resume, corrections to answer, receipts to print again. */
export function WalkInList() {
  const t = useT(messages);
  const format = useFormat();
  const localised = useLocalised();
  // The words for each page's matters arrive with the page (one request per distinct matter version), so no code
  // shows in place of a name.
  const infos = useRef(new Map<string, EntryInfo>());
  const list = useCursorPages<CaseView, WalkInPage>(async (cursor) => {
    const page = await unwrap(
      api().GET('/window/applications', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
    );
    for (const [key, info] of await entryInfos(page.items)) infos.current.set(key, info);
    return page;
  }, []);
  return (
    <section aria-labelledby="walk-in-list-title" className="walk-in-list">
      <h2 id="walk-in-list-title">{t('title')}</h2>
      <Loader loaded={list}>
        {(data) => {
          if (data.items.length === 0) return <p>{t('empty')}</p>;
          const infoFor = (c: CaseView) => infoOf(infos.current, c);
          return (
            <>
              <div className="table-scroll" role="region" aria-labelledby="walk-in-caption" tabIndex={0}>
                <table>
                  <caption id="walk-in-caption" className="visually-hidden">
                    {t('caption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('number')}</th>
                      <th scope="col">{t('matter')}</th>
                      <th scope="col">{t('applicant')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('createdAt')}</th>
                      <th scope="col">{t('action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => {
                      const info = infoFor(c);
                      const action =
                        c.status === 'DRAFT'
                          ? t('resume')
                          : c.status === 'CORRECTION_REQUESTED'
                            ? t('answer')
                            : t('receipt');
                      return (
                        <tr key={c.id}>
                          <th scope="row">
                            <Link href={`/cases/${c.id}`}>{c.number}</Link>
                          </th>
                          <td>{info ? localised(info.name) : c.matterCode}</td>
                          <td>{c.applicant.name}</td>
                          <td>
                            <StatusTag status={c.status} />
                          </td>
                          <td>{format.dateTime(c.createdAt)}</td>
                          <td>
                            <Link href={`/walk-in?case=${c.id}`} aria-label={`${action} ${c.number}`}>
                              {action}
                            </Link>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {list.status === 'ready' && list.data.nextCursor && (
                <div className="actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={list.loadingMore}
                    onClick={() => void list.loadMore()}
                  >
                    {list.loadingMore ? t('loadingMore') : t('more')}
                  </button>
                </div>
              )}
              <CommandError error={list.moreError} />
            </>
          );
        }}
      </Loader>
    </section>
  );
}
