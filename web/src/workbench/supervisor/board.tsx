import { type FormEvent, useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDepartmentCodes, useDepartmentName } from '../shared/department-names';
import { withQuery } from './range';
import './supervisor.css';

type Watch = components['schemas']['SupervisionWatch'];
const KINDS = ['task', 'case', 'complaint', 'rectification', 'delivery', 'post-check'] as const;

const messages = defineMessages(
  {
    title: '时限预警',
    intro: '黄色预警：剩余工作日不多；红色：已逾期。按部门和区划统计。',
    filters: '筛选',
    department: '部门',
    region: '区划代码',
    regionHint: '六位行政区划代码，如 350100（含下辖区县）',
    kind: '类型',
    all: '全部',
    apply: '筛选',
    task: '审批任务',
    case: '办件',
    complaint: '投诉',
    rectification: '差评整改',
    'post-check': '告知承诺核查',
    delivery: '送达',
    yellow: '黄色预警',
    red: '已逾期',
    summary: '黄色预警 {yellow} 项，逾期 {red} 项。',
    byDepartment: '按部门',
    byRegion: '按区划',
    list: '预警清单',
    level: '级别',
    number: '流水号',
    due: '期限',
    left: '剩余/逾期',
    remaining: '剩余 {n} 个工作日',
    provisional: '暂按周一至周五计算，{year}年节假日安排录入后重新计算',
    overdueDays: '逾期 {n} 个工作日',
    escalations: '督办次数',
    none: '没有预警。',
    regionInvalid: '请输入六位行政区划代码',
  },
  {
    title: 'Deadlines',
    intro: 'Yellow: few working days left; red: overdue. Counted by department and region.',
    filters: 'Filters',
    department: 'Department',
    region: 'Region code',
    regionHint: 'A six-digit division code, e.g. 350100 (its districts included)',
    kind: 'Kind',
    all: 'All',
    apply: 'Filter',
    task: 'Department task',
    case: 'Case',
    complaint: 'Complaint',
    rectification: 'Rectification',
    'post-check': 'Commitment post-check',
    delivery: 'Delivery',
    yellow: 'Warning',
    red: 'Overdue',
    summary: '{yellow} warnings, {red} overdue.',
    byDepartment: 'By department',
    byRegion: 'By region',
    list: 'The deadlines',
    level: 'Level',
    number: 'Case number',
    due: 'Due',
    left: 'Left / overdue',
    remaining: '{n} working days left',
    provisional: 'counted Monday to Friday until the holiday notice for {year} is loaded',
    overdueDays: '{n} working days overdue',
    escalations: 'Escalations',
    none: 'No deadline needs attention.',
    regionInvalid: 'Enter a six-digit division code',
  },
);

type Filters = { department?: string; region?: string; kind?: (typeof KINDS)[number] };

async function loadAll(path: '/supervision/warnings' | '/supervision/overdue', filters: Filters): Promise<Watch[]> {
  const items: Watch[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api().GET(path, { params: { query: { ...filters, limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 2000);
  return items;
}

/** /workbench/deadlines?department=&region=&kind=: the yellow and red deadlines, counted and listed. */
export default function Board() {
  const t = useT(messages);
  const query = new URLSearchParams(useSearch());
  const kind = KINDS.find((k) => k === query.get('kind'));
  const filters: Filters = {
    ...(query.get('department') ? { department: query.get('department')! } : {}),
    ...(/^\d{6}$/.test(query.get('region') ?? '') ? { region: query.get('region')! } : {}),
    ...(kind ? { kind } : {}),
  };
  const loaded = useApi(async () => {
    const [yellow, red] = await Promise.all([
      loadAll('/supervision/warnings', filters),
      loadAll('/supervision/overdue', filters),
    ]);
    return [...red, ...yellow];
  }, [filters.department, filters.region, filters.kind]);
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <FilterForm key={JSON.stringify(filters)} filters={filters} />
      <Loader loaded={loaded}>{(items) => <BoardBody items={items} />}</Loader>
    </Page>
  );
}

function FilterForm({ filters }: { filters: Filters }) {
  const t = useT(messages);
  const departmentName = useDepartmentName();
  const codes = useDepartmentCodes();
  const [, navigate] = useLocation();
  const [values, setValues] = useState({
    department: filters.department ?? '',
    region: filters.region ?? '',
    kind: filters.kind ?? '',
  });
  const [regionError, setRegionError] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = values.region !== '' && !/^\d{6}$/.test(values.region);
    setRegionError(bad);
    if (!bad) navigate(withQuery('/deadlines', values));
  };
  return (
    <form onSubmit={submit} noValidate className="no-print">
      <fieldset className="group">
        <legend className="label">{t('filters')}</legend>
        <div className="filters">
          <div className="field">
            <label className="label" htmlFor="board-department">
              {t('department')}
            </label>
            <select
              id="board-department"
              value={values.department}
              onChange={(e) => setValues((v) => ({ ...v, department: e.target.value }))}
            >
              <option value="">{t('all')}</option>
              {codes.map((code) => (
                <option key={code} value={code}>
                  {departmentName(code)}
                </option>
              ))}
            </select>
          </div>
          <div className={regionError ? 'field field--error' : 'field'}>
            <label className="label" htmlFor="board-region">
              {t('region')}
            </label>
            <p className="hint" id="board-region-hint">
              {t('regionHint')}
            </p>
            {regionError && (
              <p className="field-error" id="board-region-error">
                {t('regionInvalid')}
              </p>
            )}
            <input
              id="board-region"
              inputMode="numeric"
              className={regionError ? 'input--error' : undefined}
              value={values.region}
              aria-invalid={regionError || undefined}
              aria-describedby={regionError ? 'board-region-hint board-region-error' : 'board-region-hint'}
              onChange={(e) => setValues((v) => ({ ...v, region: e.target.value.trim() }))}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="board-kind">
              {t('kind')}
            </label>
            <select
              id="board-kind"
              value={values.kind}
              onChange={(e) => setValues((v) => ({ ...v, kind: e.target.value }))}
            >
              <option value="">{t('all')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(k)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('apply')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** Counts of yellow and red by a key, sorted by the most red, then the most yellow. */
function countBy(items: readonly Watch[], key: (w: Watch) => string) {
  const counts = new Map<string, { yellow: number; red: number }>();
  for (const w of items) {
    const c = counts.get(key(w)) ?? { yellow: 0, red: 0 };
    c[w.level] += 1;
    counts.set(key(w), c);
  }
  return [...counts].sort((a, b) => b[1].red - a[1].red || b[1].yellow - a[1].yellow || a[0].localeCompare(b[0]));
}

function CountTable({
  id,
  title,
  head,
  rows,
  name,
}: {
  id: string;
  title: string;
  head: string;
  rows: [string, { yellow: number; red: number }][];
  name: (k: string) => string;
}) {
  const t = useT(messages);
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="figures">
        <caption id={id}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              {t('yellow')}
            </th>
            <th scope="col" className="num">
              {t('red')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, c]) => (
            <tr key={k}>
              <th scope="row">{name(k)}</th>
              <td className="num">{c.yellow}</td>
              <td className="num">{c.red}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BoardBody({ items }: { items: readonly Watch[] }) {
  const t = useT(messages);
  const departmentName = useDepartmentName();
  const byDepartment = useMemo(() => countBy(items, (w) => w.department), [items]);
  const byRegion = useMemo(() => countBy(items, (w) => w.regionCode), [items]);
  const red = items.filter((w) => w.level === 'red').length;
  return (
    <>
      <p role="status">{items.length === 0 ? t('none') : t('summary', { yellow: items.length - red, red })}</p>
      {items.length > 0 && (
        <>
          <div className="board-counts">
            <CountTable
              id="board-by-department"
              title={t('byDepartment')}
              head={t('department')}
              rows={byDepartment}
              name={departmentName}
            />
            <CountTable id="board-by-region" title={t('byRegion')} head={t('region')} rows={byRegion} name={(k) => k} />
          </div>
          <h2 id="board-list">{t('list')}</h2>
          <div className="table-scroll" role="region" aria-labelledby="board-list" tabIndex={0}>
            <table className="figures board-list">
              <thead>
                <tr>
                  <th scope="col">{t('level')}</th>
                  <th scope="col">{t('kind')}</th>
                  <th scope="col">{t('number')}</th>
                  <th scope="col">{t('department')}</th>
                  <th scope="col">{t('region')}</th>
                  <th scope="col">{t('due')}</th>
                  <th scope="col">{t('left')}</th>
                  <th scope="col" className="num">
                    {t('escalations')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.watchId}>
                    <td>
                      <strong className={w.level === 'red' ? 'tag tag--red' : 'tag tag--yellow'}>{t(w.level)}</strong>
                    </td>
                    <td>{t(w.kind)}</td>
                    <td>
                      {w.caseId ? <Link href={`/cases/${w.caseId}`}>{w.caseNumber ?? w.caseId}</Link> : w.subjectId}
                    </td>
                    <td>{departmentName(w.department)}</td>
                    <td>{w.regionCode}</td>
                    <td>
                      <time dateTime={w.dueDate}>{w.dueDate}</time>
                      {w.provisional && (
                        <span className="muted"> {t('provisional', { year: w.dueDate.slice(0, 4) })}</span>
                      )}
                    </td>
                    <td className={w.level === 'red' ? 'overdue' : undefined}>
                      {w.level === 'red'
                        ? t('overdueDays', { n: w.overdueDays ?? 1 })
                        : t('remaining', { n: w.remainingDays ?? 0 })}
                    </td>
                    <td className="num">{w.escalations}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
