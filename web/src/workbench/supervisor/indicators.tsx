import { useCallback, useMemo } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Loader, Page } from '../../components/common';
import { useApi } from '../../components/use-api';
import { defineMessages, useT } from '../../i18n/i18n';
import { useDepartmentName } from '../shared/department-names';
import { Chart } from './chart';
import { channelMessages } from './channels';
import { Efficiency } from './efficiency';
import { AVERAGES, COUNTS, formatMeasure, type Measure, measureMessages, RATES, TARGETS } from './measures';
import { RangeForm, useRange, withQuery } from './range';
import './supervisor.css';

type StatsRow = components['schemas']['StatsRow'];

const messages = defineMessages(
  {
    title: '统计指标',
    intro: '{from} 至 {to} 的办件指标。点击数字可查看其背后的办件。',
    overall: '总体指标',
    indicator: '指标',
    value: '数值',
    target: '目标',
    basis: '依据',
    none: '无',
    rates: '比率',
    averages: '时长与跑动',
    counts: '件数',
    byDay: '每日比率',
    day: '日期',
    byDepartment: '各部门平均办理时长与时限（工作日）',
    department: '部门',
    byChannel: '网上与窗口办件',
    channel: '渠道',
    nothing: '该区间内没有统计数据。',
    tableOf: '{what}（数据表）',
    drill: '查看 {what} 的办件',
  },
  {
    title: 'Indicators',
    intro: 'Indicators from {from} to {to}. Select a number to see the cases behind it.',
    overall: 'Overall',
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    basis: 'Basis',
    none: 'none',
    rates: 'Rates',
    averages: 'Time and visits',
    counts: 'Counts',
    byDay: 'Rates by day',
    day: 'Day',
    byDepartment: 'Average working days against the limits, by department',
    department: 'Department',
    byChannel: 'Online and window cases',
    channel: 'Channel',
    nothing: 'Nothing was counted in this range.',
    tableOf: '{what} (data table)',
    drill: 'Cases behind {what}',
  },
);

interface Data {
  readonly total: StatsRow;
  readonly byDay: readonly StatsRow[];
  readonly byDepartment: readonly StatsRow[];
  readonly byChannel: readonly StatsRow[];
}

async function loadStats(from: string, to: string): Promise<Data> {
  const stats = (groupBy?: string) =>
    unwrap(api().GET('/stats', { params: { query: { from, to, ...(groupBy ? { groupBy } : {}) } } })).then(
      (r) => r.rows,
    );
  const [total, byDay, byDepartment, byChannel] = await Promise.all([
    stats(),
    stats('day'),
    stats('department'),
    stats('channel'),
  ]);
  return { total: total[0]!, byDay, byDepartment, byChannel };
}

/** /workbench/indicators?from=&to=: the indicators of DOMAIN.md §8 over a range, as charts with their tables. */
export default function Indicators() {
  const t = useT(messages);
  const { from, to } = useRange();
  const loaded = useApi(() => loadStats(from, to), [from, to]);
  return (
    <Page title={t('title')}>
      <RangeForm key={`${from}/${to}`} path="/indicators" from={from} to={to} />
      <Loader loaded={loaded}>{(data) => <Figures data={data} from={from} to={to} />}</Loader>
      <Efficiency from={from} to={to} />
    </Page>
  );
}

/** A number that links to the cases behind it (GET /stats/cases with the same range and filters). */
function DrillLink({
  measure,
  value,
  from,
  to,
  department,
  channel,
}: {
  measure: Measure;
  value: number | null | undefined;
  from: string;
  to: string;
  department?: string;
  channel?: string;
}) {
  const t = useT(messages);
  const m = useT(measureMessages);
  const text = formatMeasure(measure, value, t('none'));
  if (value === null || value === undefined || (value === 0 && !RATES.includes(measure as never))) return <>{text}</>;
  return (
    <Link
      href={withQuery('/indicators/cases', { indicator: measure, from, to, department, channel })}
      aria-label={`${text} · ${t('drill', { what: m(measure) })}`}
    >
      {text}
    </Link>
  );
}

const DAY_RATES = ['onlineRate', 'onTimeRate', 'licenceIssueOnTimeRate', 'badRatingShare'] as const;
const CHANNEL_COUNTS = ['submitted', 'completed', 'fullyOnline', 'visits'] as const;

function Figures({ data, from, to }: { data: Data; from: string; to: string }) {
  const t = useT(messages);
  const m = useT(measureMessages);
  const c = useT(channelMessages);
  const departmentName = useDepartmentName();
  const none = t('none');
  const { total } = data;
  const departments = useMemo(() => data.byDepartment.filter((r) => r.department && r.department !== '-'), [data]);
  const channels = useMemo(() => data.byChannel.filter((r) => r.channel && r.channel !== '-'), [data]);
  const channelName = useCallback(
    (code: string) => (Object.hasOwn(channelMessages.zh, code) ? c(code as keyof typeof channelMessages.zh) : code),
    [c],
  );

  const dayChart = useMemo(
    () => ({
      categories: data.byDay.map((r) => r.day!),
      series: DAY_RATES.map((r) => ({ name: m(r), type: 'line' as const, data: data.byDay.map((row) => row[r]) })),
    }),
    [data, m],
  );
  const departmentChart = useMemo(
    () => ({
      categories: departments.map((r) => departmentName(r.department!)),
      series: AVERAGES.filter((a) => a !== 'visitsPerCase').map((a) => ({
        name: m(a),
        type: 'bar' as const,
        data: departments.map((row) => row[a]),
      })),
    }),
    // departmentName changes when the names arrive: the chart's labels follow.
    [departments, m, departmentName],
  );
  const channelChart = useMemo(
    () => ({
      categories: channels.map((r) => channelName(r.channel!)),
      series: CHANNEL_COUNTS.map((k) => ({ name: m(k), type: 'bar' as const, data: channels.map((row) => row[k]) })),
    }),
    [channels, m, channelName],
  );

  const overallRows = (group: readonly Measure[]) =>
    group.map((measure) => (
      <tr key={measure}>
        <th scope="row">{m(measure)}</th>
        <td className="num">
          <DrillLink measure={measure} value={total[measure as keyof StatsRow] as number | null} from={from} to={to} />
        </td>
        <td className="num">
          {TARGETS[measure] !== undefined ? `≥ ${formatMeasure(measure, TARGETS[measure], none)}` : ''}
        </td>
      </tr>
    ));

  return (
    <>
      <p>{t('intro', { from, to })}</p>
      {total.submitted === 0 && total.completed === 0 && total.accepted === 0 && <p role="status">{t('nothing')}</p>}

      <h2>{t('overall')}</h2>
      <div className="table-scroll" role="region" aria-labelledby="overall-caption" tabIndex={0}>
        <table className="figures">
          <caption id="overall-caption" className="visually-hidden">
            {t('overall')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              <th scope="col" className="num">
                {t('value')}
              </th>
              <th scope="col" className="num">
                {t('target')}
              </th>
            </tr>
          </thead>
          <tbody>
            {overallRows(RATES)}
            {overallRows(AVERAGES)}
            {overallRows(COUNTS)}
          </tbody>
        </table>
      </div>

      <h2>{t('byDay')}</h2>
      <Chart caption={t('byDay')} categories={dayChart.categories} series={dayChart.series} unit="percent">
        <div className="table-scroll" role="region" aria-label={t('tableOf', { what: t('byDay') })} tabIndex={0}>
          <table className="figures">
            <caption className="visually-hidden">{t('tableOf', { what: t('byDay') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('day')}</th>
                {DAY_RATES.map((r) => (
                  <th key={r} scope="col" className="num">
                    {m(r)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.byDay.map((row) => (
                <tr key={row.day}>
                  <th scope="row">{row.day}</th>
                  {DAY_RATES.map((r) => (
                    <td key={r} className="num">
                      <DrillLink measure={r} value={row[r]} from={row.day!} to={row.day!} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Chart>

      <h2>{t('byDepartment')}</h2>
      <Chart caption={t('byDepartment')} categories={departmentChart.categories} series={departmentChart.series}>
        <div className="table-scroll" role="region" aria-label={t('tableOf', { what: t('byDepartment') })} tabIndex={0}>
          <table className="figures">
            <caption className="visually-hidden">{t('tableOf', { what: t('byDepartment') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                {(
                  [
                    'submitted',
                    'accepted',
                    'completed',
                    'onTimeRate',
                    'avgWorkingDays',
                    'avgPromisedDays',
                    'avgLegalDays',
                    'visits',
                  ] as const
                ).map((k) => (
                  <th key={k} scope="col" className="num">
                    {m(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {departments.map((row) => (
                <tr key={row.department}>
                  <th scope="row">{departmentName(row.department!)}</th>
                  {(
                    [
                      'submitted',
                      'accepted',
                      'completed',
                      'onTimeRate',
                      'avgWorkingDays',
                      'avgPromisedDays',
                      'avgLegalDays',
                      'visits',
                    ] as const
                  ).map((k) => (
                    <td key={k} className="num">
                      <DrillLink measure={k} value={row[k]} from={from} to={to} department={row.department} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Chart>

      <h2>{t('byChannel')}</h2>
      <Chart caption={t('byChannel')} categories={channelChart.categories} series={channelChart.series}>
        <div className="table-scroll" role="region" aria-label={t('tableOf', { what: t('byChannel') })} tabIndex={0}>
          <table className="figures">
            <caption className="visually-hidden">{t('tableOf', { what: t('byChannel') })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('channel')}</th>
                {[...CHANNEL_COUNTS, 'onlineRate' as const].map((k) => (
                  <th key={k} scope="col" className="num">
                    {m(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {channels.map((row) => (
                <tr key={row.channel}>
                  <th scope="row">{channelName(row.channel!)}</th>
                  {[...CHANNEL_COUNTS, 'onlineRate' as const].map((k) => (
                    <td key={k} className="num">
                      <DrillLink measure={k} value={row[k]} from={from} to={to} channel={row.channel} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Chart>
    </>
  );
}
