import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { defineMessages, useT } from '../../i18n/i18n';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './labels';
import type { Department } from './lookups';
import { type SearchFilters, searchHref } from './search-query';

const messages = defineMessages(
  {
    title: '搜索与筛选',
    q: '关键词',
    qHint: '事项名称、俗称、主题或部门，例如：开餐馆',
    audience: '服务对象',
    theme: '主题',
    department: '部门',
    any: '全部',
    anyTheme: '全部主题',
    anyDepartment: '全部部门',
    submit: '搜索',
    clear: '清除全部条件',
  },
  {
    title: 'Search and filter',
    q: 'Keywords',
    qHint: 'A service’s name, common name, theme or department, e.g. 开餐馆 (open a restaurant)',
    audience: 'For',
    theme: 'Theme',
    department: 'Department',
    any: 'Everyone',
    anyTheme: 'All themes',
    anyDepartment: 'All departments',
    submit: 'Search',
    clear: 'Clear all filters',
  },
);

/**
 * The search page's filters as a GET form: submitting puts them in the address (bookmarkable, back button works).
 * Choosing in a list changes nothing until the reader presses Search (no change of context on input).
 */
export function SearchForm({
  filters,
  themes,
  departments,
}: {
  filters: SearchFilters;
  themes: readonly string[];
  departments: readonly Department[];
}) {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const departmentName = useDepartmentName(departments);
  const [, navigate] = useLocation();
  const [value, setValue] = useState<SearchFilters>(filters);
  const set = (key: keyof SearchFilters) => (event: { target: { value: string } }) =>
    setValue({ ...value, [key]: event.target.value });
  // A theme or department from a bookmarked address stays choosable even if no longer listed.
  const themeOptions = filters.theme && !themes.includes(filters.theme) ? [filters.theme, ...themes] : themes;

  return (
    <form
      role="search"
      aria-labelledby="search-form-title"
      action="/search"
      method="get"
      className="panel cat-filters"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(searchHref(value));
      }}
    >
      <h2 id="search-form-title" className="cat-filters__title">
        {t('title')}
      </h2>
      <div className="field cat-filters__q">
        <label htmlFor="search-q">{t('q')}</label>
        <span className="hint" id="search-q-hint">
          {t('qHint')}
        </span>
        <input
          type="search"
          id="search-q"
          name="q"
          maxLength={100}
          aria-describedby="search-q-hint"
          value={value.q}
          onChange={set('q')}
        />
      </div>
      <div className="cat-filters__selects">
        <div className="field">
          <label htmlFor="search-audience">{t('audience')}</label>
          <select id="search-audience" name="audience" value={value.audience} onChange={set('audience')}>
            <option value="">{t('any')}</option>
            <option value="citizen">{labels.t('citizen')}</option>
            <option value="enterprise">{labels.t('enterprise')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-theme">{t('theme')}</label>
          <select id="search-theme" name="theme" value={value.theme} onChange={set('theme')}>
            <option value="">{t('anyTheme')}</option>
            {themeOptions.map((theme) => (
              <option key={theme} value={theme} lang={labels.themeIsChinese(theme) ? contentLang : undefined}>
                {labels.theme(theme)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-department">{t('department')}</label>
          <select id="search-department" name="department" value={value.department} onChange={set('department')}>
            <option value="">{t('anyDepartment')}</option>
            {departments.map((d) => {
              const name = departmentName(d.code);
              return (
                <option key={d.code} value={d.code} lang={name.zh ? contentLang : undefined}>
                  {name.text}
                </option>
              );
            })}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('submit')}
        </button>
        <Link href="/search">{t('clear')}</Link>
      </div>
    </form>
  );
}
