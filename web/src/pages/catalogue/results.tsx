import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { CommandError } from '../../components/common';
import { defineMessages, useT } from '../../i18n/i18n';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './labels';
import type { Department, EntrySummary } from './lookups';
import type { usePagedSearch } from './use-paged-search';

const messages = defineMessages(
  {
    department: '实施机关',
    leadDepartment: '牵头部门',
    type: '事项类型',
    time: '承诺时限',
    members: '包含事项',
    audience: '服务对象',
    more: '显示更多{what}',
    shown: '已显示 {shown} / {total}',
    moreBusy: '正在加载…',
    matters: '事项',
    bundles: '一件事',
  },
  {
    department: 'Department',
    leadDepartment: 'Lead department',
    type: 'Type',
    time: 'Promised time',
    members: 'Includes',
    audience: 'For',
    more: 'Show more {what}',
    shown: '{shown} of {total} shown',
    moreBusy: 'Loading…',
    matters: 'services',
    bundles: 'bundles',
  },
);

type Search = ReturnType<typeof usePagedSearch>;

/** One matter in a list of results: its name (a link to its guide), department, type and promised time. */
function MatterItem({ entry, departments }: { entry: EntrySummary; departments?: readonly Department[] }) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const dept = useDepartmentName(departments)(entry.department, entry.departmentName);
  const days =
    entry.immediate || entry.promisedLimitDays === 0
      ? labels.t('onTheSpot')
      : labels.days(entry.promisedLimitDays ?? 0);
  return (
    <>
      <h3 className="cat-result__title">
        <Link href={`/matters/${entry.code}`} lang={contentLang}>
          {entry.name}
        </Link>
      </h3>
      <dl className="cat-facts">
        <div>
          <dt>{t('department')}</dt>
          <dd lang={dept.zh ? contentLang : undefined}>{dept.text}</dd>
        </div>
        {entry.type && (
          <div>
            <dt>{t('type')}</dt>
            <dd>{labels.matterType(entry.type)}</dd>
          </div>
        )}
        <div>
          <dt>{t('time')}</dt>
          <dd>{days}</dd>
        </div>
        <div>
          <dt>{t('audience')}</dt>
          <dd>{entry.audience.map(labels.audience).join(' · ')}</dd>
        </div>
      </dl>
      {(entry.fullyOnline || entry.immediate) && (
        <p className="cat-tags">
          {entry.fullyOnline && <span className="tag tag--green">{labels.t('fullyOnline')}</span>}
          {entry.immediate && <span className="tag">{labels.t('immediate')}</span>}
        </p>
      )}
    </>
  );
}

/** One 一件事 in a list of results: its name (a link to its guide), lead department and how many matters it joins. */
function BundleItem({ entry, departments }: { entry: EntrySummary; departments?: readonly Department[] }) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const dept = useDepartmentName(departments)(entry.department, entry.departmentName);
  return (
    <>
      <h3 className="cat-result__title">
        <Link href={`/bundles/${entry.code}`} lang={contentLang}>
          {entry.name}
        </Link>{' '}
        <span className="tag">{labels.t('bundle')}</span>
      </h3>
      <dl className="cat-facts">
        <div>
          <dt>{t('leadDepartment')}</dt>
          <dd lang={dept.zh ? contentLang : undefined}>{dept.text}</dd>
        </div>
        <div>
          <dt>{t('members')}</dt>
          <dd>{labels.t('members', { n: entry.members?.length ?? 0 })}</dd>
        </div>
        <div>
          <dt>{t('audience')}</dt>
          <dd>{entry.audience.map(labels.audience).join(' · ')}</dd>
        </div>
      </dl>
    </>
  );
}

/**
 * A list of results with the API's "more": the next page is appended, and focus moves to its first result so that a
 * keyboard or screen reader user goes on reading where the new results begin.
 */
export function ResultList({
  kind,
  search,
  departments,
}: {
  kind: 'matters' | 'bundles';
  search: Search;
  departments?: readonly Department[];
}) {
  const t = useT(messages);
  const list = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | undefined>(undefined);
  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || search.items.length <= from) return;
    focusFrom.current = undefined;
    list.current?.querySelectorAll<HTMLAnchorElement>('.cat-result__title a')[from]?.focus();
  }, [search.items.length]);

  const Item = kind === 'matters' ? MatterItem : BundleItem;
  return (
    <>
      <ul className="list-plain cat-results" ref={list}>
        {search.items.map((entry) => (
          <li key={entry.code} className="cat-result">
            <Item entry={entry} departments={departments} />
          </li>
        ))}
      </ul>
      {search.total > search.items.length && (
        <p className="muted">{t('shown', { shown: search.items.length, total: search.total })}</p>
      )}
      <CommandError error={search.moreError} />
      {search.nextCursor && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={search.busy}
            onClick={() => {
              // Not `disabled` while busy: the button keeps the focus until the new results take it.
              if (search.busy) return;
              focusFrom.current = search.items.length;
              void search.loadMore();
            }}
          >
            {search.busy ? t('moreBusy') : t('more', { what: t(kind) })}
          </button>
        </p>
      )}
    </>
  );
}
