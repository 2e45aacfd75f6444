import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { LoadError, Loading, Page } from '../../components/common';
import { LabelledField } from '../../components/labelled-field';
import { useCursorPages } from '../../components/use-cursor-pages';
import { defineMessages, useFormat, useT } from '../../i18n/i18n';
import './admin.css';

const messages = defineMessages(
  {
    title: '审计日志',
    intro: '事项目录、部门、证照类型和工作日历的每一次修改：谁、何时、改了什么。最新的在前。',
    filter: '按对象筛选',
    entity: '对象',
    entityHint:
      '例如 matter:FOOD-BUSINESS-LICENCE、bundle:OPEN-RESTAURANT、department:SAMR、calendar:2027；留空显示全部。',
    apply: '筛选',
    clear: '显示全部',
    caption: '修改记录',
    captionFor: '{entity} 的修改记录',
    at: '时间',
    who: '操作人',
    action: '操作',
    detail: '详情',
    empty: '没有修改记录。',
    more: '显示更多',
    loadingMore: '正在加载…',
    shown: '已显示 {n} 条。',
    'draft.create': '新建草稿',
    'draft.update': '修改草稿',
    'version.submit': '提交审核',
    'version.return': '退回修改',
    'version.publish': '发布',
    'version.retire': '停用',
    'department.put': '保存部门',
    'licenceType.put': '保存证照类型',
    'calendar.put': '载入工作日历',
    version: '版本',
    holidays: '放假天数',
    workdays: '调休上班天数',
    note: '意见',
  },
  {
    title: 'Audit log',
    intro:
      'Every change to the catalogue, departments, licence types and working-day calendars: who changed what, and when. Newest first.',
    filter: 'Filter by entity',
    entity: 'Entity',
    entityHint:
      'For example matter:FOOD-BUSINESS-LICENCE, bundle:OPEN-RESTAURANT, department:SAMR, calendar:2027; empty for all.',
    apply: 'Filter',
    clear: 'Show all',
    caption: 'Changes',
    captionFor: 'Changes of {entity}',
    at: 'When',
    who: 'Who',
    action: 'Action',
    detail: 'Detail',
    empty: 'No changes recorded.',
    more: 'Show more',
    loadingMore: 'Loading…',
    shown: '{n} shown.',
    'draft.create': 'Draft created',
    'draft.update': 'Draft edited',
    'version.submit': 'Submitted for review',
    'version.return': 'Returned to draft',
    'version.publish': 'Published',
    'version.retire': 'Retired',
    'department.put': 'Department saved',
    'licenceType.put': 'Licence type saved',
    'calendar.put': 'Calendar loaded',
    version: 'Version',
    holidays: 'Holidays',
    workdays: 'Make-up working days',
    note: 'Note',
  },
);
type Key = keyof typeof messages.zh;

interface Entry {
  entity: string;
  action: string;
  actor: string;
  at: string;
  detail?: Record<string, unknown>;
}

/** Where an entity is edited: a catalogue entry's versions, a department, a year's calendar. */
function entityHref(entity: string): string | undefined {
  const [kind, key] = entity.split(':') as [string, string | undefined];
  if (!key) return undefined;
  if (kind === 'matter' || kind === 'bundle') return `/catalogue?kind=${kind}s&code=${encodeURIComponent(key)}`;
  if (kind === 'department') return `/departments?dept=${encodeURIComponent(key)}`;
  if (kind === 'calendar') return `/calendar?year=${encodeURIComponent(key)}`;
  return undefined;
}

export default function AuditPage() {
  const t = useT(messages);
  const format = useFormat();
  const entity = new URLSearchParams(useSearch()).get('entity')?.trim() || undefined;
  const [, navigate] = useLocation();
  const [typed, setTyped] = useState(entity ?? '');
  const list = useCursorPages<Entry, { items: Entry[]; nextCursor?: string }>(
    (cursor) =>
      unwrap(
        api().GET('/admin/audit', {
          params: { query: { limit: 50, ...(entity ? { entity } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ) as Promise<{ items: Entry[]; nextCursor?: string }>,
    [entity],
  );
  const label = (key: string) => (key in messages.zh ? t(key as Key) : key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim();
    navigate(value ? `/audit?entity=${encodeURIComponent(value)}` : '/audit');
  };

  return (
    <Page title={t('title')} wide>
      <p className="lead">{t('intro')}</p>
      <form onSubmit={submit} role="search" aria-label={t('filter')} className="panel">
        <LabelledField path="entity" label={t('entity')} hint={t('entityHint')}>
          {(props) => (
            <input
              {...props}
              type="text"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </LabelledField>
        <div className="actions">
          <button type="submit" className="button">
            {t('apply')}
          </button>
          {entity && (
            <Link href="/audit" className="button button--secondary" onClick={() => setTyped('')}>
              {t('clear')}
            </Link>
          )}
        </div>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <LoadError error={list.error} onRetry={list.reload} />}
      {list.status === 'ready' && (
        <>
          {list.data.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            // Wider than a phone: it scrolls sideways (by keyboard too) rather than break every word.
            <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
              <table className="admin-wide">
                <caption id="audit-caption">{entity ? t('captionFor', { entity }) : t('caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('at')}</th>
                    <th scope="col">{t('entity')}</th>
                    <th scope="col">{t('action')}</th>
                    <th scope="col">{t('who')}</th>
                    <th scope="col">{t('detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e, i) => {
                    const href = entityHref(e.entity);
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; pages are only appended
                      <tr key={`${e.at}:${e.entity}:${i}`}>
                        <td>
                          <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                        </td>
                        <td>{href ? <Link href={href}>{e.entity}</Link> : e.entity}</td>
                        <td>{label(e.action)}</td>
                        <td>{e.actor}</td>
                        <td>
                          {Object.entries(e.detail ?? {})
                            .map(([k, v]) => `${label(k)}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                            .join('; ')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <p role="status" className="muted">
            {t('shown', { n: list.data.items.length })}
          </p>
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
