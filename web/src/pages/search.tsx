import { useMemo } from 'react';
import { Link, useSearch } from 'wouter';
import { LoadError, Page } from '../components/common';
import { defineMessages, useT } from '../i18n/i18n';
import { useCatalogueLabels, useDepartmentName } from './catalogue/labels';
import { useDepartments, useThemes } from './catalogue/lookups';
import { ResultList } from './catalogue/results';
import { SearchForm } from './catalogue/search-form';
import { parseFilters, searchHref } from './catalogue/search-query';
import { usePagedSearch } from './catalogue/use-paged-search';
import './catalogue/catalogue.css';

const messages = defineMessages(
  {
    title: '搜索事项和一件事',
    titleQ: '“{q}”的搜索结果',
    searching: '正在搜索…',
    found: '找到 {matters} 个事项、{bundles} 个一件事。',
    conditions: '条件：{list}',
    bundles: '一件事',
    matters: '事项',
    count: '（{n} 项）',
    emptyTitle: '没有找到符合条件的事项或一件事',
    emptyText: '请换一个关键词或减少筛选条件再试。也可以浏览：',
    browseHome: '首页：按主题和部门浏览',
    browseAll: '全部事项和一件事',
  },
  {
    title: 'Search services and bundles',
    titleQ: 'Results for “{q}”',
    searching: 'Searching…',
    found: 'Services found: {matters}. One-thing bundles found: {bundles}.',
    conditions: 'Filters: {list}',
    bundles: 'One-thing bundles',
    matters: 'Services',
    count: ' ({n})',
    emptyTitle: 'No services or bundles match',
    emptyText: 'Try another keyword or fewer filters. You can also browse:',
    browseHome: 'The home page: browse by theme and department',
    browseAll: 'Every service and bundle',
  },
);

/** Results per page: short enough for a phone, the rest behind "show more" (the API's cursor). */
const PAGE_SIZE = 8;

/** Search over matters and 一件事 bundles; the filters live in the address (`/search?q=&audience=&theme=&department=`). */
export default function Search() {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const search = useSearch();
  const filters = useMemo(() => parseFilters(search), [search]);
  const themes = useThemes();
  const departments = useDepartments();
  const departmentList = departments.status === 'ready' ? departments.data : undefined;
  const departmentName = useDepartmentName(departmentList);
  const matters = usePagedSearch('/matters', filters, PAGE_SIZE);
  const bundles = usePagedSearch('/bundles', filters, PAGE_SIZE);

  const loading = matters.first.status === 'loading' || bundles.first.status === 'loading';
  const failed =
    matters.first.status === 'error' ? matters.first : bundles.first.status === 'error' ? bundles.first : undefined;
  const ready = matters.first.status === 'ready' && bundles.first.status === 'ready';
  const empty = ready && matters.total === 0 && bundles.total === 0;
  const hasFilters = Boolean(filters.q || filters.audience || filters.theme || filters.department);
  const conditions = [
    filters.audience && labels.audience(filters.audience),
    filters.theme && labels.theme(filters.theme),
    filters.department && departmentName(filters.department).text,
  ].filter(Boolean);

  return (
    <Page title={filters.q ? t('titleQ', { q: filters.q }) : t('title')} wide>
      <div className="cat-layout">
        <SearchForm
          key={search}
          filters={filters}
          themes={themes.status === 'ready' ? themes.data : []}
          departments={departmentList ?? []}
        />
        <div className="cat-layout__results">
          <p role="status" aria-live="polite" className="cat-status">
            {loading ? t('searching') : ready ? t('found', { matters: matters.total, bundles: bundles.total }) : ''}
            {ready && conditions.length > 0 && <> {t('conditions', { list: conditions.join(' · ') })}</>}
          </p>
          {failed && failed.status === 'error' && (
            <LoadError
              error={failed.error}
              onRetry={() => {
                matters.first.reload();
                bundles.first.reload();
              }}
            />
          )}
          {bundles.items.length > 0 && (
            <section aria-labelledby="results-bundles">
              <h2 id="results-bundles">
                {t('bundles')}
                <span className="cat-count">{t('count', { n: bundles.total })}</span>
              </h2>
              <ResultList kind="bundles" search={bundles} departments={departmentList} />
            </section>
          )}
          {matters.items.length > 0 && (
            <section aria-labelledby="results-matters">
              <h2 id="results-matters">
                {t('matters')}
                <span className="cat-count">{t('count', { n: matters.total })}</span>
              </h2>
              <ResultList kind="matters" search={matters} departments={departmentList} />
            </section>
          )}
          {empty && (
            <div className="notice">
              <h2>{t('emptyTitle')}</h2>
              <p>{t('emptyText')}</p>
              <ul>
                <li>
                  <Link href={searchHref({ audience: 'citizen' })}>{labels.t('citizenLong')}</Link>
                </li>
                <li>
                  <Link href={searchHref({ audience: 'enterprise' })}>{labels.t('enterpriseLong')}</Link>
                </li>
                <li>
                  <Link href="/">{t('browseHome')}</Link>
                </li>
                {hasFilters && (
                  <li>
                    <Link href="/search">{t('browseAll')}</Link>
                  </li>
                )}
              </ul>
            </div>
          )}
        </div>
      </div>
    </Page>
  );
}
