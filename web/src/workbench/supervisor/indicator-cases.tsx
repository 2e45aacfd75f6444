import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDepartmentName } from '../shared/department-names';
import { channelMessages } from './channels';
import { formatMeasure, isMeasure, isRate, measureMessages } from './measures';
import { useRange, withQuery } from './range';
import './supervisor.css';

const messages = defineMessages(
  {
    title: '{what}：办件明细',
    range: '{from} 至 {to}',
    scope: '部门：{department}',
    channelScope: '渠道：{channel}',
    count: '共 {n} 条，合计 {total}。',
    ratio: '{numerator} / {total} = {value}',
    caption: '{what}背后的办件',
    number: '流水号',
    day: '日期',
    matter: '事项',
    department: '部门',
    region: '区划',
    channel: '渠道',
    value: '计入',
    numerator: '计入分子',
    yes: '是',
    no: '否',
    more: '更多',
    back: '返回统计指标',
    empty: '没有办件计入这个数字。',
    unknown: '未知指标',
  },
  {
    title: '{what}: the cases',
    range: '{from} to {to}',
    scope: 'Department: {department}',
    channelScope: 'Channel: {channel}',
    count: '{n} rows, {total} in all.',
    ratio: '{numerator} / {total} = {value}',
    caption: 'The cases behind {what}',
    number: 'Case number',
    day: 'Day',
    matter: 'Matter',
    department: 'Department',
    region: 'Region',
    channel: 'Channel',
    value: 'Counted',
    numerator: 'In the numerator',
    yes: 'yes',
    no: 'no',
    more: 'More',
    back: 'Back to the indicators',
    empty: 'No case is counted in this number.',
    unknown: 'Unknown indicator',
  },
);

function load(query: {
  indicator: string;
  from: string;
  to: string;
  department?: string;
  channel?: string;
  cursor?: string;
}) {
  return unwrap(api().GET('/stats/cases', { params: { query: { ...query, limit: 100 } as never } }));
}

/** /workbench/indicators/cases?indicator=&from=&to=&department=&channel=: the cases behind a number of the indicators. */
export default function IndicatorCases() {
  const t = useT(messages);
  const m = useT(measureMessages);
  const { from, to } = useRange();
  const query = new URLSearchParams(useSearch());
  const indicator = query.get('indicator') ?? '';
  const department = query.get('department') ?? undefined;
  const channel = query.get('channel') ?? undefined;
  const what = isMeasure(indicator) ? m(indicator) : indicator || t('unknown');
  const loaded = useApi(
    () => load({ indicator, from, to, ...(department ? { department } : {}), ...(channel ? { channel } : {}) }),
    [indicator, from, to, department, channel],
  );
  return (
    <Page title={t('title', { what })}>
      <p>
        <Link href={withQuery('/indicators', { from, to })}>{t('back')}</Link>
      </p>
      <Loader loaded={loaded}>
        {(first) => (
          <Rows
            first={first}
            what={what}
            indicator={indicator}
            from={from}
            to={to}
            department={department}
            channel={channel}
          />
        )}
      </Loader>
    </Page>
  );
}

type Page1 = Awaited<ReturnType<typeof load>>;

function Rows({
  first,
  what,
  indicator,
  from,
  to,
  department,
  channel,
}: {
  first: Page1;
  what: string;
  indicator: string;
  from: string;
  to: string;
  department?: string;
  channel?: string;
}) {
  const t = useT(messages);
  const c = useT(channelMessages);
  const departmentName = useDepartmentName();
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const more = async () => {
    setBusy(true);
    try {
      const next = await load({
        indicator,
        from,
        to,
        ...(department ? { department } : {}),
        ...(channel ? { channel } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setItems((i) => [...i, ...next.items]);
      setCursor(next.nextCursor);
    } finally {
      setBusy(false);
    }
  };
  const channelName = (code: string) =>
    Object.hasOwn(channelMessages.zh, code) ? c(code as keyof typeof channelMessages.zh) : code;
  const hasNumerator = first.numeratorCounter !== undefined;
  return (
    <>
      <ul className="list-plain">
        <li>{t('range', { from, to })}</li>
        {department && <li>{t('scope', { department: departmentName(department) })}</li>}
        {channel && <li>{t('channelScope', { channel: channelName(channel) })}</li>}
      </ul>
      <p role="status">
        {first.count === 0 ? t('empty') : t('count', { n: first.count, total: first.total })}
        {hasNumerator && first.total > 0 && (
          <>
            {' '}
            {t('ratio', {
              numerator: first.numeratorTotal ?? 0,
              total: first.total,
              value: isRate(indicator)
                ? formatMeasure(indicator, (first.numeratorTotal ?? 0) / first.total, '')
                : String(Math.round(((first.numeratorTotal ?? 0) / first.total) * 10) / 10),
            })}
          </>
        )}
      </p>
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="drill-caption" tabIndex={0}>
          <table className="figures">
            <caption id="drill-caption" className="visually-hidden">
              {t('caption', { what })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('day')}</th>
                <th scope="col">{t('matter')}</th>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('region')}</th>
                <th scope="col">{t('channel')}</th>
                <th scope="col" className="num">
                  {t('value')}
                </th>
                {hasNumerator && (
                  <th scope="col" className="num">
                    {t('numerator')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.eventId}>
                  <th scope="row">
                    {row.caseId ? (
                      <Link href={`/cases/${row.caseId}`}>{row.caseNumber ?? row.caseId}</Link>
                    ) : (
                      row.subjectId
                    )}
                  </th>
                  <td>{row.day}</td>
                  <td>{row.matter}</td>
                  <td>{departmentName(row.department)}</td>
                  <td>{row.region}</td>
                  <td>{channelName(row.channel)}</td>
                  <td className="num">{row.value}</td>
                  {hasNumerator && (
                    <td className="num">{isRate(indicator) ? (row.numerator ? t('yes') : t('no')) : row.numerator}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="button button--secondary" onClick={() => void more()} disabled={busy}>
          {t('more')}
        </button>
      )}
    </>
  );
}
