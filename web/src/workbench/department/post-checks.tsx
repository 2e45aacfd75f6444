import { Link, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { LoadError, Loading, Page } from '../../components/common';
import { useCursorPages } from '../../components/use-cursor-pages';
import { defineMessages, useFormat, useLang, useLocalised, useT } from '../../i18n/i18n';
import { type EntryInfo, entryInfo } from '../../pages/cases/catalogue';
import { type PostCheck, PostCheckDue, type PostCheckStatus, postCheckWords, RESULT_TAG } from './post-check-shared';
import './department.css';
import './post-check.css';

const messages = defineMessages(
  {
    title: '事后核查',
    intro: '告知承诺制：申请人以书面承诺代替部分材料取得许可后，由本部门在期限内核查承诺是否属实。核查期限最近的在前。',
    views: '核查状态',
    captionOpen: '待核查的承诺',
    captionDone: '已核查的承诺',
    number: '流水号',
    matter: '事项',
    materials: '以承诺代替的材料',
    due: '核查期限',
    result: '核查结果',
    recordedAt: '记录时间',
    emptyOpen: '没有待核查的承诺。',
    emptyDone: '还没有已记录的核查结果。',
    shown: '已显示 {n} 项。',
    more: '显示更多',
    loadingMore: '正在加载…',
    refresh: '刷新',
  },
  {
    title: 'Post-checks',
    intro:
      'Applied for on a written commitment in place of some materials: your department checks, by the date due, that the commitment was true. The nearest date first.',
    views: 'Post-check status',
    captionOpen: 'Commitments to check',
    captionDone: 'Commitments checked',
    number: 'Case number',
    matter: 'Matter',
    materials: 'Materials replaced by the commitment',
    due: 'Check due',
    result: 'Result',
    recordedAt: 'Recorded',
    emptyOpen: 'No commitment waits to be checked.',
    emptyDone: 'No result has been recorded yet.',
    shown: '{n} shown.',
    more: 'Show more',
    loadingMore: 'Loading…',
    refresh: 'Refresh',
  },
);

interface Row {
  readonly check: PostCheck;
  /** The pinned guide's words (name, materials' names); undefined when it cannot be read (the codes are shown). */
  readonly info?: EntryInfo;
}

/** A page of checks with their matters' guides (each version fetched once per page load). */
async function loadPage(status: PostCheckStatus, cursor?: string): Promise<{ items: Row[]; nextCursor?: string }> {
  const page = await unwrap(
    api().GET('/post-checks', { params: { query: { status, limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );
  const infos = await Promise.all(page.items.map((c) => entryInfo('matter', c.matterCode, c.matterVersion)));
  return {
    items: page.items.map((check, i) => ({ check, ...(infos[i] ? { info: infos[i] } : {}) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** /workbench/post-checks (?status=done): the department's post-checks of commitments (告知承诺制的事后核查). */
export default function PostChecks() {
  const t = useT(messages);
  const words = useT(postCheckWords);
  const status: PostCheckStatus = new URLSearchParams(useSearch()).get('status') === 'done' ? 'done' : 'open';
  const list = useCursorPages<Row, { items: Row[]; nextCursor?: string }>(
    (cursor) => loadPage(status, cursor),
    [status],
  );
  const views: PostCheckStatus[] = ['open', 'done'];

  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <nav aria-label={t('views')}>
        <ul className="post-checks__views">
          {views.map((v) => (
            <li key={v}>
              <Link
                href={v === 'open' ? '/post-checks' : '/post-checks?status=done'}
                aria-current={v === status ? 'page' : undefined}
              >
                {words(v)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} onRetry={list.reload} />}
      {list.status === 'ready' && (
        <>
          <div className="actions todo__summary">
            <p role="status" className="todo__count">
              {list.data.items.length === 0
                ? t(status === 'open' ? 'emptyOpen' : 'emptyDone')
                : t('shown', { n: list.data.items.length })}
            </p>
            <button type="button" className="button button--secondary" onClick={list.reload}>
              {t('refresh')}
            </button>
          </div>
          {list.data.items.length > 0 && <ChecksTable rows={list.data.items} status={status} />}
          {list.moreError && <LoadError error={list.moreError} onRetry={() => void list.loadMore()} />}
          {list.data.nextCursor && (
            <button
              type="button"
              className="button button--secondary"
              disabled={list.loadingMore}
              onClick={() => void list.loadMore()}
            >
              {list.loadingMore ? t('loadingMore') : t('more')}
            </button>
          )}
        </>
      )}
    </Page>
  );
}

function ChecksTable({ rows, status }: { rows: readonly Row[]; status: PostCheckStatus }) {
  const t = useT(messages);
  const words = useT(postCheckWords);
  const format = useFormat();
  const localised = useLocalised();
  const { lang } = useLang();
  const caption = status === 'open' ? t('captionOpen') : t('captionDone');
  return (
    // Wider than a phone: it scrolls sideways (by keyboard too) rather than break every word.
    <div className="table-scroll" role="region" aria-labelledby="post-checks-caption" tabIndex={0}>
      <table className="todo post-checks">
        <caption id="post-checks-caption" className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('number')}</th>
            <th scope="col">{t('matter')}</th>
            <th scope="col">{t('materials')}</th>
            {status === 'open' ? (
              <th scope="col">{t('due')}</th>
            ) : (
              <>
                <th scope="col">{t('result')}</th>
                <th scope="col">{t('recordedAt')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ check, info }) => (
            <tr key={check.id}>
              <th scope="row">
                <Link href={`/post-checks/${encodeURIComponent(check.id)}`} className="todo__number">
                  {check.caseNumber}
                </Link>
              </th>
              <td>{info ? localised(info.name) : check.matterCode}</td>
              <td>
                {check.materials.map((code) => info?.materialNames.get(code) ?? code).join(lang === 'zh' ? '、' : ', ')}
              </td>
              {status === 'open' ? (
                <td>
                  <PostCheckDue date={check.dueDate} provisional={check.provisional} />
                </td>
              ) : (
                <>
                  <td>{check.result && <span className={RESULT_TAG[check.result]}>{words(check.result)}</span>}</td>
                  <td>
                    {check.recordedAt && <time dateTime={check.recordedAt}>{format.dateTime(check.recordedAt)}</time>}
                    {check.onTime === false && <span className="todo__due-state overdue">{words('late')}</span>}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
