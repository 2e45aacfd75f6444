import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { Loader, Page } from '../components/common';
import { useApi } from '../components/use-api';
import { defineMessages, useT } from '../i18n/i18n';
import { useCatalogueLabels, useContentLang, useDepartmentName } from './catalogue/labels';
import { useDepartments, useThemes } from './catalogue/lookups';
import { searchHref } from './catalogue/search-query';
import './catalogue/catalogue.css';

const messages = defineMessages(
  {
    title: '网上办事大厅',
    lead: '查找办事指南，在线申请，一次办成。',
    searchLabel: '搜索事项或一件事',
    searchHint: '输入关键词，例如：食品经营许可、开餐馆、居住证',
    search: '搜索',
    byAudience: '按服务对象办事',
    citizenText: '居民个人办理的事项，例如户籍与居住、不动产登记。',
    enterpriseText: '企业和其他组织办理的事项，例如企业开办、经营许可。',
    bundles: '热门一件事',
    bundlesLead: '几个事项一次申请、一窗受理、结果统一送达。',
    allBundles: '查看全部一件事',
    noBundles: '暂无一件事。',
    byTheme: '按主题浏览',
    byDepartment: '按部门浏览',
    everything: '浏览全部事项',
  },
  {
    title: 'Online service hall',
    lead: 'Find a service guide, apply online and get it done in one go.',
    searchLabel: 'Search services and one-thing bundles',
    searchHint:
      'Type a keyword, e.g. 食品经营许可 (food business licence), 开餐馆 (open a restaurant), 居住证 (residence permit)',
    search: 'Search',
    byAudience: 'Services by who you are',
    citizenText: 'Services for residents, e.g. residence and household registration, real estate registration.',
    enterpriseText: 'Services for businesses and other organisations, e.g. starting a business, business licences.',
    bundles: 'Popular one-thing bundles',
    bundlesLead: 'Several services applied for at once, received at one window, with the results delivered together.',
    allBundles: 'See every one-thing bundle',
    noBundles: 'No bundles yet.',
    byTheme: 'Browse by theme',
    byDepartment: 'Browse by department',
    everything: 'Browse every service',
  },
);

/**
 * The online service hall's front page: one search over matters and 一件事 bundles, browsing by audience, theme and
 * department (each a link to the search page with its filter), and the bundles as cards. Kept small: it loads first.
 */
export default function Home() {
  const t = useT(messages);
  const labels = useCatalogueLabels();
  const contentLang = useContentLang();
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const bundles = useApi(() => unwrap(api().GET('/bundles', { params: { query: { limit: 6 } } })), []);
  const themes = useThemes();
  const departments = useDepartments();
  const departmentName = useDepartmentName(departments.status === 'ready' ? departments.data : undefined);

  return (
    <Page title={t('title')}>
      <p className="lead">{t('lead')}</p>
      {/* A real GET form: without JavaScript it still reaches /search?q=…; with it, the router takes the same address. */}
      <form
        role="search"
        action="/search"
        method="get"
        className="cat-search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(searchHref({ q }));
        }}
      >
        <label className="label" htmlFor="home-q">
          {t('searchLabel')}
        </label>
        <span className="hint" id="home-q-hint">
          {t('searchHint')}
        </span>
        <div className="cat-search__row">
          <input
            type="search"
            id="home-q"
            name="q"
            maxLength={100}
            aria-describedby="home-q-hint"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="button">
            {t('search')}
          </button>
        </div>
      </form>

      <section aria-labelledby="home-audience">
        <h2 id="home-audience">{t('byAudience')}</h2>
        <ul className="grid grid--2 list-plain cat-tiles">
          {(['citizen', 'enterprise'] as const).map((audience) => (
            <li key={audience} className="card">
              <h3>
                <Link href={searchHref({ audience })}>
                  {labels.t(audience === 'citizen' ? 'citizenLong' : 'enterpriseLong')}
                </Link>
              </h3>
              <p className="muted">{t(audience === 'citizen' ? 'citizenText' : 'enterpriseText')}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-bundles">
        <h2 id="home-bundles">{t('bundles')}</h2>
        <p>{t('bundlesLead')}</p>
        <Loader loaded={bundles}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('noBundles')}</p>
            ) : (
              <>
                <ul className="grid grid--3 list-plain cat-tiles">
                  {page.items.map((bundle) => {
                    const dept = departmentName(bundle.department, bundle.departmentName);
                    return (
                      <li key={bundle.code} className="card">
                        <h3>
                          <Link href={`/bundles/${bundle.code}`} lang={contentLang}>
                            {bundle.name}
                          </Link>
                        </h3>
                        <p className="muted">
                          {labels.t('members', { n: bundle.members?.length ?? 0 })} ·{' '}
                          <span lang={dept.zh ? contentLang : undefined}>{dept.text}</span>
                        </p>
                      </li>
                    );
                  })}
                </ul>
                {page.nextCursor && (
                  <p>
                    <Link href="/search">{t('allBundles')}</Link>
                  </p>
                )}
              </>
            )
          }
        </Loader>
      </section>

      <section aria-labelledby="home-themes">
        <h2 id="home-themes">{t('byTheme')}</h2>
        <Loader loaded={themes}>
          {(list) => (
            <ul className="cat-chips">
              {list.map((theme) => (
                <li key={theme}>
                  <Link href={searchHref({ theme })} lang={labels.themeIsChinese(theme) ? contentLang : undefined}>
                    {labels.theme(theme)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Loader>
      </section>

      <section aria-labelledby="home-departments">
        <h2 id="home-departments">{t('byDepartment')}</h2>
        <Loader loaded={departments}>
          {(list) => (
            <ul className="cat-chips">
              {list.map((d) => {
                const name = departmentName(d.code);
                return (
                  <li key={d.code}>
                    <Link href={searchHref({ department: d.code })} lang={name.zh ? contentLang : undefined}>
                      {name.text}
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </Loader>
      </section>
      <p>
        <Link href="/search">{t('everything')}</Link>
      </p>
    </Page>
  );
}
